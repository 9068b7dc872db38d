/**
 * The pane's state between steps, and the pipeline the CLI runs (src/cli/main.ts), from the texts the pane
 * read: inputs → universe → patent side (merge, name consolidation, statistics) → evaluation → workbook model.
 * No DOM here, so that tests drive it directly.
 */
import type { InputIssue } from '../core/issues';
import { readAliases, type AliasTable } from '../core/patents/names';
import type { ImportResult, Rejection } from '../core/patents/record';
import { DEFAULT_BASE_YEARS, latestDate } from '../core/patents/stats';
import {
  buildPatentSide,
  evaluateCompany,
  evaluateUniverse,
  loadInputs,
  type CompanyEvaluation,
  type PatentSide,
} from '../core/pipeline';
import {
  buildKeywordSide,
  DEFAULT_KEYWORD_PARAMETERS,
  type KeywordParameters,
  type KeywordSide,
} from '../core/text-mining/evaluation';
import { type DocumentTexts, hasKeywordText } from '../core/text-mining/keywords';
import type { Universe } from '../core/universe';
import type { FormulaMode } from '../core/workbook/model';

export interface NamedText {
  readonly name: string;
  readonly text: string;
}

export interface Parameters {
  /** ISO date; undefined = the latest date in the records. */
  readonly cutoff?: string;
  readonly baseYearApplications: number;
  readonly baseYearExam: number;
  readonly baseYearGrantRate: number;
  /** First FY of the cumulative R&D (APP_PRODUCTIVITY_3, _4); undefined = the first FY every peer covers. */
  readonly baseYearRnd?: number;
  /** Characteristic keywords (PKA): the CLI's --pka-min-own-rate (%), --pka-min-lift, --pka-min-documents. */
  readonly pkaMinOwnRate: number;
  readonly pkaMinLift: number;
  readonly pkaMinDocuments: number;
  /** k of PSI's mean ± k·SD (typical / exceptional, high / low similarity): the CLI's --psi-sd. */
  readonly psiSd: number;
  readonly mode: FormulaMode;
  readonly moneyLabel: string;
}

export const DEFAULT_PARAMETERS: Parameters = {
  baseYearApplications: DEFAULT_BASE_YEARS.baseYearApplications,
  baseYearExam: DEFAULT_BASE_YEARS.baseYearExam,
  baseYearGrantRate: DEFAULT_BASE_YEARS.baseYearGrantRate,
  pkaMinOwnRate: DEFAULT_KEYWORD_PARAMETERS.pka.minOwnRate,
  pkaMinLift: DEFAULT_KEYWORD_PARAMETERS.pka.minLift,
  pkaMinDocuments: DEFAULT_KEYWORD_PARAMETERS.pka.minOwnDocuments,
  psiSd: DEFAULT_KEYWORD_PARAMETERS.psi.sdMultiple,
  mode: 'portable',
  moneyLabel: 'JPY million',
};

/** The keyword side's parameters, as the CLI's parseKeywordParameters makes them from its options. */
export function keywordParameters(p: Parameters): KeywordParameters {
  return {
    pka: { minOwnRate: p.pkaMinOwnRate, minLift: p.pkaMinLift, minOwnDocuments: Math.max(1, p.pkaMinDocuments) },
    psi: { ...DEFAULT_KEYWORD_PARAMETERS.psi, sdMultiple: p.psiSd },
  };
}

/** Keywords of documents, in order (the pane: Web Workers running lindera; tests: the core directly). */
export type KeywordExtractor = (
  texts: readonly DocumentTexts[],
  onProgress?: (done: number, total: number) => void,
) => Promise<{ keywords: string[][]; segmenter?: string }>;

export class Session {
  financials?: NamedText;
  market?: NamedText;
  aliases?: NamedText;
  readonly patents: ImportResult[] = [];
  /** The inputs loaded for a base year of the cumulative R&D ('' = the default). */
  private loaded?: { baseYearRnd?: number; universe?: Universe; issues: InputIssue[] };
  private side?: { key: string; side: PatentSide };
  /** IPC subclass titles for the portfolio table (the pane fetches data/ipc-subclasses.tsv, as the CLI reads it). */
  private ipcTitles?: ReadonlyMap<string, string>;

  setIpcTitles(titles: ReadonlyMap<string, string>): void {
    this.ipcTitles = titles;
    this.side = undefined;
  }
  /** Keywords of the merged records of `imports` (segmentation is the slow part; the corpus is rebuilt cheaply). */
  private extracted?: { imports: readonly ImportResult[]; keywords: string[][]; segmenter?: string };

  setFinancials(t: NamedText): void {
    this.financials = t;
    this.loaded = undefined;
    this.side = undefined;
  }

  setMarket(t: NamedText): void {
    this.market = t;
    this.loaded = undefined;
  }

  setAliases(t: NamedText | undefined): void {
    this.aliases = t;
    this.side = undefined;
  }

  addPatents(r: ImportResult): void {
    // The same file read again replaces its earlier import.
    const i = this.patents.findIndex((p) => p.file === r.file);
    if (i >= 0) this.patents.splice(i, 1, r);
    else this.patents.push(r);
    this.side = undefined;
  }

  removePatents(file: string): void {
    const i = this.patents.findIndex((p) => p.file === file);
    if (i >= 0) this.patents.splice(i, 1);
    this.side = undefined;
  }

  /**
   * The financial and market inputs, validated; issues name file, row and column. `baseYearRnd` (the first FY
   * of the cumulative R&D) is part of the universe, so another one loads them again.
   */
  inputs(baseYearRnd?: number): { universe?: Universe; issues: InputIssue[] } {
    if (!this.financials || !this.market) return { issues: [] };
    if (!this.loaded || this.loaded.baseYearRnd !== baseYearRnd) {
      this.loaded = {
        baseYearRnd,
        ...loadInputs({ financials: this.financials, market: this.market, baseYearRnd }),
      };
      this.side = undefined;
    }
    return this.loaded;
  }

  aliasTable(): AliasTable | undefined {
    return this.aliases ? readAliases(this.aliases.text, this.aliases.name) : undefined;
  }

  rejections(): Rejection[] {
    return this.patents.flatMap((p) => p.rejected);
  }

  /** The latest date in the loaded records: the default cut-off. */
  latestPatentDate(): string | undefined {
    const records = this.patents.flatMap((p) => p.records);
    return records.length ? latestDate(records) : undefined;
  }

  /** Merged records, name consolidation and statistics for the parameters (cached per parameters). */
  patentSide(p: Parameters): PatentSide | undefined {
    const universe = this.inputs(p.baseYearRnd).universe;
    if (!universe || this.patents.length === 0) return undefined;
    const key = JSON.stringify([p.cutoff, p.baseYearApplications, p.baseYearExam, p.baseYearGrantRate]);
    if (this.side?.key !== key) {
      const aliases = this.aliasTable();
      const side = buildPatentSide(this.patents, universe, {
        aliases: aliases && !aliases.issues.some((i) => i.severity === 'error') ? aliases : undefined,
        ipcTitles: this.ipcTitles,
        cutoff: p.cutoff,
        baseYears: {
          baseYearApplications: p.baseYearApplications,
          baseYearExam: p.baseYearExam,
          baseYearGrantRate: p.baseYearGrantRate,
        },
      });
      this.side = { key, side };
    }
    return this.side.side;
  }

  /**
   * Block 3's keyword corpus for the patent side of the parameters, as the CLI builds it (the parameters' thresholds),
   * when the records carry abstract or claims text. The records are segmented once per set of patent imports:
   * other parameters or aliases rebuild only the corpus.
   */
  async keywordSide(
    p: Parameters,
    extract: KeywordExtractor,
    onProgress?: (done: number, total: number) => void,
  ): Promise<KeywordSide | undefined> {
    const side = this.patentSide(p);
    if (!side) return undefined;
    const records = side.merge.records;
    if (!records.some(hasKeywordText)) return undefined;
    const same =
      this.extracted?.imports.length === this.patents.length &&
      this.extracted.imports.every((r, i) => r === this.patents[i]);
    if (!same) {
      const ex = await extract(
        records.map((r) => ({ abstract: r.abstract, claimsText: r.claimsText })),
        onProgress,
      );
      this.extracted = { imports: [...this.patents], keywords: ex.keywords, segmenter: ex.segmenter };
    }
    const ex = this.extracted as NonNullable<Session['extracted']>;
    // mergeRecords orders the records the same way for the same imports, so the lists stay aligned.
    return buildKeywordSide(records, side.names.nameOf, ex.keywords, keywordParameters(p), ex.segmenter);
  }

  /** The evaluation of one company against its industry: the JSON and the workbook model. */
  evaluate(company: string, p: Parameters, keywords?: KeywordSide): CompanyEvaluation {
    const universe = this.inputs(p.baseYearRnd).universe;
    if (!universe || !this.financials || !this.market) throw new Error('load financials.csv and market.csv first');
    if (!universe.companies.has(company)) throw new Error(`${company} is not in ${this.financials.name}`);
    const patents = this.patentSide(p);
    const results = evaluateUniverse(universe, patents);
    return evaluateCompany(results, company, {
      mode: p.mode,
      moneyLabel: p.moneyLabel,
      files: { financials: this.financials.name, market: this.market.name },
      patents,
      keywords: patents ? keywords : undefined,
    });
  }
}

const csvCell = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The rejected rows as the CLI's --rejected file: file, line, field, reason. */
export function rejectionsCsv(rows: readonly Rejection[]): string {
  return (
    [
      'file,line,field,reason',
      ...rows.map((r) => [r.file, String(r.line), r.field ?? '', r.reason].map(csvCell).join(',')),
    ].join('\n') + '\n'
  );
}

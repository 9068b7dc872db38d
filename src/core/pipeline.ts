/**
 * The whole evaluation from input texts to a workbook model and the JSON, with every input issue.
 * Pure: the CLI reads the files and writes the results; the task pane will do the same in Excel.
 */
import { catalogFor, EVALUATION_ORDER, PATENT_IDS } from './catalog';
import { blockedByField, previousYearWarnings } from './coverage';
import { cumulativeBaseYear } from './cumulative';
import { evaluateUniverse as evaluateWith, type UniverseResults } from './engine';
import { type AliasTable, applicantCounts, type Consolidation, consolidateCounts } from './patents/names';
import { mergeRecords, type MergeReport } from './patents/merge';
import type { ImportOptions, ImportResult } from './patents/record';
import {
  aggregatePatents,
  DEFAULT_BASE_YEARS,
  latestDate,
  type PatentStats,
  type StatParameters,
} from './patents/stats';
import { combineFinancialRows } from './importers/combineSources';
import { readFinancials, readMarket, type CompanyYear, type ReadResult } from './inputs';
import type { InputIssue } from './issues';
import { buildJson, type EvaluationJson } from './report';
import { summarise } from './summary';
import { aggregatePortfolio, type PortfolioMeasure } from './portfolio/aggregate';
import { companyPortfolio, portfolioIndicators, type PortfolioResults } from './portfolio/indicators';
import { portfolioJson } from './portfolio/json';
import { companyKeywords, type KeywordSide } from './text-mining/evaluation';
import { keywordJson } from './text-mining/json';
import { buildUniverse, DEFAULT_MONEY_UNIT, type Universe } from './universe';
import { buildWorkbook, type BuiltWorkbook } from './workbook/build';
import type { FormulaMode } from './workbook/model';

export interface LoadedInputs {
  readonly universe?: Universe;
  readonly issues: InputIssue[];
}

export interface InputTexts {
  /** Optional when `extraRows` give the financial rows. */
  readonly financials?: { name: string; text: string };
  readonly market: { name: string; text: string };
  readonly moneyUnit?: number;
  /** First FY of the cumulative R&D (APP_PRODUCTIVITY_3/_4); default: the first FY every company of the industry covers. */
  readonly baseYearRnd?: number;
  /** Company-year rows read elsewhere (imported from filings), evaluated together with financials.csv's. */
  readonly extraRows?: ReadResult<CompanyYear>;
}

/** Reads and validates the inputs; `universe` is absent when an error makes the inputs unusable. */
export function loadInputs(t: InputTexts): LoadedInputs {
  const csv = t.financials && readFinancials(t.financials.text, t.financials.name, blockedByField);
  const fin = combineFinancialRows(csv, t.extraRows);
  const mkt = readMarket(t.market.text, t.market.name);
  const issues = [...fin.issues, ...mkt.issues];
  if (issues.some((i) => i.severity === 'error')) return { issues };
  const bases = t.baseYearRnd === undefined ? {} : { base_year_rnd: t.baseYearRnd };
  return { universe: buildUniverse(fin.rows, mkt.rows, t.moneyUnit ?? DEFAULT_MONEY_UNIT, bases), issues };
}

/** The patent side: merged records, the name consolidation and the statistics. */
export interface PatentSide {
  readonly imports: readonly ImportResult[];
  readonly merge: MergeReport;
  readonly names: Consolidation;
  readonly stats: PatentStats;
  /** Block 3 over the whole corpus. */
  readonly portfolio: PortfolioResults;
  readonly ipcTitles: ReadonlyMap<string, string>;
}

export interface PatentOptions {
  /** Block 3's measure (default claims; applications when the records carry no claim counts). */
  readonly portfolioMeasure?: PortfolioMeasure;
  /** The last year y3 of Block 3's window; default: the latest filing year ended 18 months before the cut-off. */
  readonly portfolioLastYear?: number;
  /** z-score cuts of log PCPI / AVG_PCPI, best tier first (default 2, 1, 0, −1). */
  readonly tierCuts?: readonly number[];
  /** IPC subclass titles for the portfolio table. */
  readonly ipcTitles?: ReadonlyMap<string, string>;
  readonly aliases?: AliasTable;
  /** Data cut-off date; default the latest date in the records. */
  readonly cutoff?: string;
  readonly baseYears?: Partial<Pick<StatParameters, 'baseYearApplications' | 'baseYearExam' | 'baseYearGrantRate'>>;
}

/**
 * What the evaluation reads of the records' texts, for importers to keep no more: the Patents sheet writes the
 * titles; Block 3's keywords (PKA, PSI) read abstracts and claims. Without keywords the importers leave those
 * undecoded: on a million-row file the abstracts alone are hundreds of MB.
 */
export function recordTextNeeded(keywords: boolean): NonNullable<ImportOptions['keepText']> {
  return keywords ? true : 'title';
}

export function buildPatentSide(
  imports: readonly ImportResult[],
  universe: Universe,
  opts: PatentOptions = {},
): PatentSide {
  const merge = mergeRecords(imports);
  const names = consolidateCounts(applicantCounts(merge.records), universe.companies.keys(), opts.aliases);
  const params: StatParameters = {
    cutoff: opts.cutoff ?? latestDate(merge.records),
    ...DEFAULT_BASE_YEARS,
    ...Object.fromEntries(Object.entries(opts.baseYears ?? {}).filter(([, v]) => v !== undefined)),
  };
  const corpus = aggregatePortfolio(merge.records, names, {
    cutoff: params.cutoff,
    lastYear: opts.portfolioLastYear,
    measure: opts.portfolioMeasure,
  });
  return {
    imports,
    merge,
    names,
    stats: aggregatePatents(merge.records, names, universe, params),
    portfolio: portfolioIndicators(corpus, opts.tierCuts),
    ipcTitles: opts.ipcTitles ?? new Map(),
  };
}

/** Evaluates the universe with the indicators its inputs allow (PE and Block 2 need patents). */
export function evaluateUniverse(universe: Universe, patents?: PatentSide): UniverseResults {
  const order = patents ? EVALUATION_ORDER : EVALUATION_ORDER.filter((d) => !PATENT_IDS.has(d.id));
  return evaluateWith(universe, order, patents?.stats);
}

export interface CompanyEvaluation {
  readonly json: EvaluationJson;
  readonly workbook: BuiltWorkbook;
  readonly warnings: InputIssue[];
}

export interface EvaluateOptions {
  readonly mode: FormulaMode;
  readonly moneyLabel: string;
  readonly files: { financials: string; market: string };
  readonly patents?: PatentSide;
  /** Block 3's keywords and similarity: the keyword corpus of the patent side's records. */
  readonly keywords?: KeywordSide;
}

export function evaluateCompany(results: UniverseResults, company: string, opts: EvaluateOptions): CompanyEvaluation {
  const indicators = catalogFor(opts.patents !== undefined);
  const summary = summarise(results, company, indicators);
  const patents = opts.patents;
  const cp = patents ? companyPortfolio(patents.portfolio, company, patents.ipcTitles) : undefined;
  const ck = patents && opts.keywords ? companyKeywords(opts.keywords, company) : undefined;
  const workbook = buildWorkbook(results, summary, {
    ...opts,
    indicators,
    patents: patents ? { stats: patents.stats, names: patents.names } : undefined,
    portfolio:
      patents && cp
        ? { results: patents.portfolio, company: cp, titles: patents.ipcTitles, cutoff: patents.stats.params.cutoff }
        : undefined,
    keywords: ck ? { company: ck, segmenter: opts.keywords?.segmenter } : undefined,
  });
  const p = patents?.stats.params;
  const json = buildJson(summary, {
    money_unit: results.universe.moneyUnit,
    money_label: opts.moneyLabel,
    formula_mode: opts.mode,
    ...(p
      ? {
          cutoff_date: p.cutoff,
          base_year_applications: p.baseYearApplications,
          base_year_exam_requests: p.baseYearExam,
          base_year_grant_rate: p.baseYearGrantRate,
          base_year_rnd: cumulativeBaseYear(results.universe, summary.company.industry, 'base_year_rnd') ?? null,
        }
      : {}),
  });
  if (patents && cp) portfolioJson(json, patents.portfolio, cp);
  if (ck && opts.keywords) keywordJson(json, opts.keywords, ck);
  if (patents) {
    json.tables.CO_APPLICANTS = patents.stats.coApplicants(company, summary.years).map((c) => ({
      co_applicant: c.name,
      joint_applications: c.jointApplications,
      share: c.share,
    }));
  }
  const warnings = previousYearWarnings(results.universe, new Set([summary.company.industry]));
  return { json, workbook, warnings };
}

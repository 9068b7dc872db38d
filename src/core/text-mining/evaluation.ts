/**
 * Block 3's text side in an evaluation: the keyword corpus of every loaded record (built once, shared by all
 * companies), the parameters, and for one company its characteristic keywords (PKA, KEYWORD_COUNT) and patent
 * similarity (PSI_SELF, PSI_ALL). Segmentation happens before (worker threads in the CLI, a Web Worker in the pane);
 * this module only counts.
 */
import type { PatentRecord } from '../patents/record';
import { KeywordCorpus } from './corpus';
import { keywordDocuments } from './documents';
import { characteristicKeywords, DEFAULT_PKA, type PkaParameters, type PkaResult } from './pka';
import { DEFAULT_PSI, patentSimilarity, type PsiParameters, type PsiResult } from './psi';

export interface KeywordParameters {
  readonly pka: PkaParameters;
  /** sdMultiple, examples and the filing-year window of the by-year rows. */
  readonly psi: PsiParameters;
}

export const DEFAULT_KEYWORD_PARAMETERS: KeywordParameters = { pka: DEFAULT_PKA, psi: DEFAULT_PSI };

export interface KeywordSide {
  readonly corpus: KeywordCorpus;
  readonly parameters: KeywordParameters;
  /** The analyser that segmented Japanese text ("lindera-wasm-ipadic 1.0.0 (IPADIC)"), or undefined. */
  readonly segmenter?: string;
}

/** The corpus of the merged records, given each record's keywords (aligned with `records`). */
export function buildKeywordSide(
  records: readonly PatentRecord[],
  nameOf: (raw: string) => string,
  keywords: readonly (readonly string[])[],
  parameters: KeywordParameters = DEFAULT_KEYWORD_PARAMETERS,
  segmenter?: string,
): KeywordSide {
  return { corpus: new KeywordCorpus(keywordDocuments(records, nameOf, keywords)), parameters, segmenter };
}

/**
 * The lowest thresholds of the Keywords sheet's candidate rows: the sheet lists every keyword the region could
 * take if its threshold cells are lowered to here (lift ≥ 1 = used more by the company than by the corpus, at
 * least 3 documents), so that KEYWORD_COUNT follows edits of those cells.
 */
export function candidateThresholds(p: PkaParameters): PkaParameters {
  return { minOwnRate: 0, minLift: Math.min(1, p.minLift), minOwnDocuments: Math.min(3, p.minOwnDocuments) };
}

export interface CompanyKeywords {
  readonly company: string;
  readonly pka: PkaResult;
  /** The Keywords sheet's rows: the region's keywords and the ones just outside it. */
  readonly candidates: PkaResult;
  /** With the parameters' year window: by-year rows, composition and examples. */
  readonly psi: PsiResult;
  /** Without a year window: every application, the rows of the PSI sheet. */
  readonly psiAllYears: PsiResult;
}

export function companyKeywords(side: KeywordSide, company: string): CompanyKeywords {
  const { pka, psi } = side.parameters;
  const windowed = psi.fromYear !== undefined || psi.toYear !== undefined;
  const psiResult = patentSimilarity(side.corpus, company, psi);
  return {
    company,
    pka: characteristicKeywords(side.corpus, company, pka),
    candidates: characteristicKeywords(side.corpus, company, candidateThresholds(pka)),
    psi: psiResult,
    psiAllYears: windowed
      ? patentSimilarity(side.corpus, company, { ...psi, fromYear: undefined, toYear: undefined })
      : psiResult,
  };
}

/** The filing years the by-year rows cover: the window, or the years of the company's applications. */
export function psiYears(ck: CompanyKeywords): [number, number] | undefined {
  const p = ck.psi.parameters;
  const years = ck.psiAllYears.applications.map((a) => a.filingYear);
  if (years.length === 0 && (p.fromYear === undefined || p.toYear === undefined)) return undefined;
  const min = years.reduce((a, b) => Math.min(a, b), Infinity);
  const max = years.reduce((a, b) => Math.max(a, b), -Infinity);
  return [p.fromYear ?? min, p.toYear ?? max];
}

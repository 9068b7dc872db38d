/**
 * PKA, characteristic keywords (特徴的キーワードリスト, 表16), and KEYWORD_COUNT.
 *
 * For each keyword k of a company's documents (applications, registrations and utility models: every record):
 *   own rate    = documents of the company that use k / the company's documents × 100
 *   corpus rate = documents of the corpus (all applicants, the company included) that use k / all documents × 100
 *   lift        = own rate / corpus rate
 * The characteristic region of that plane, the same for every company (so that KEYWORD_COUNT compares them):
 *   own rate ≥ minOwnRate, lift ≥ minLift and at least minOwnDocuments documents of the company.
 * Ranked by score = (own rate / 100) × log2(lift), the keyword's term in the Kullback–Leibler divergence of the
 * company's keyword use from the corpus's: frequent in the company and rare elsewhere ranks first; ties by own
 * documents, then keyword. KEYWORD_COUNT = the number of keywords in the region. docs/text-mining.md justifies the
 * defaults.
 */
import { type Value, noValue } from '../values';
import type { KeywordCorpus } from './corpus';

export interface PkaParameters {
  /** Minimum own rate, % of the company's documents. */
  readonly minOwnRate: number;
  /** Minimum own rate / corpus rate. */
  readonly minLift: number;
  /** Minimum number of the company's documents that use the keyword. */
  readonly minOwnDocuments: number;
}

export const DEFAULT_PKA: PkaParameters = { minOwnRate: 5, minLift: 5, minOwnDocuments: 3 };

export interface PkaRow {
  /** 1 = most characteristic. */
  readonly rank: number;
  readonly keyword: string;
  readonly ownDocuments: number;
  /** % */
  readonly ownRate: number;
  readonly corpusDocuments: number;
  /** % */
  readonly corpusRate: number;
  readonly lift: number;
  readonly score: number;
}

export interface PkaResult {
  readonly company: string;
  /** The company's documents with keywords (the denominator of the own rate). */
  readonly documents: number;
  /** All documents of the corpus with keywords (the denominator of the corpus rate). */
  readonly corpusDocuments: number;
  readonly parameters: PkaParameters;
  /** The characteristic keywords, ranked. */
  readonly keywords: readonly PkaRow[];
  /** KEYWORD_COUNT: the number of characteristic keywords; no value for a company without documents. */
  readonly keywordCount: Value;
}

export function characteristicKeywords(
  corpus: KeywordCorpus,
  company: string,
  parameters: PkaParameters = DEFAULT_PKA,
): PkaResult {
  const docs = corpus.documentsOf.get(company) ?? [];
  const n = docs.length;
  const total = corpus.documents.length;
  const base = { company, documents: n, corpusDocuments: total, parameters };
  if (n === 0) {
    const without = corpus.withoutKeywords.get(company) ?? 0;
    const why = without
      ? `${company}: none of its ${without} documents has an abstract or claims text`
      : `${company} has no documents in the patent data`;
    return { ...base, keywords: [], keywordCount: noValue('#N/A', why) };
  }
  const rows = corpus.withCounts(docs, (counts, touched) => {
    const out: Omit<PkaRow, 'rank'>[] = [];
    for (const id of touched) {
      const own = counts[id];
      const all = corpus.documentFrequency[id];
      const ownRate = (own / n) * 100;
      const corpusRate = (all / total) * 100;
      const lift = ownRate / corpusRate;
      if (own < parameters.minOwnDocuments || ownRate < parameters.minOwnRate || lift < parameters.minLift) continue;
      const keyword = corpus.vocabulary[id];
      out.push({
        keyword,
        ownDocuments: own,
        ownRate,
        corpusDocuments: all,
        corpusRate,
        lift,
        score: (own / n) * Math.log2(lift),
      });
    }
    return out;
  });
  rows.sort(
    (a, b) =>
      b.score - a.score ||
      b.ownDocuments - a.ownDocuments ||
      (a.keyword < b.keyword ? -1 : a.keyword > b.keyword ? 1 : 0),
  );
  return { ...base, keywords: rows.map((r, i) => ({ rank: i + 1, ...r })), keywordCount: rows.length };
}

/**
 * The keyword corpus: every document's keywords as integer ids, and how many documents use each keyword, counted
 * once for the whole loaded corpus (all applicants) and shared by every company's PKA and PSI.
 *
 * Documents without keywords (no abstract and no claims text in the source) take no part: they are neither in a
 * population nor scored, and are counted per company in `withoutKeywords` so that a report can say so.
 */
import type { KeywordDocument } from './documents';

export class KeywordCorpus {
  /** Keyword by id. */
  readonly vocabulary: string[] = [];
  /** The documents with at least one keyword. */
  readonly documents: KeywordDocument[] = [];
  /** Keyword ids of each document, ascending. */
  readonly keywordIds: Uint32Array[] = [];
  /** Documents of every kind that use each keyword (PKA's corpus rate). */
  readonly documentFrequency: Uint32Array;
  /** Patent applications (kind 'patent') that use each keyword (PSI_ALL's population). */
  readonly patentFrequency: Uint32Array;
  readonly patentCount: number;
  /** Indices into `documents` by consolidated company name. */
  readonly documentsOf: ReadonlyMap<string, readonly number[]>;
  /** Records without abstract or claims text, by company. */
  readonly withoutKeywords: ReadonlyMap<string, number>;
  /** Reusable per-keyword counter for one company at a time (zeroed after each use). */
  private readonly scratch: Uint32Array;

  constructor(input: readonly KeywordDocument[]) {
    const ids = new Map<string, number>();
    const byCompany = new Map<string, number[]>();
    const without = new Map<string, number>();
    for (const d of input) {
      if (d.keywords.length === 0) {
        for (const c of d.companies) without.set(c, (without.get(c) ?? 0) + 1);
        continue;
      }
      const kw = new Uint32Array(d.keywords.length);
      d.keywords.forEach((k, i) => {
        let id = ids.get(k);
        if (id === undefined) {
          id = this.vocabulary.length;
          ids.set(k, id);
          this.vocabulary.push(k);
        }
        kw[i] = id;
      });
      kw.sort();
      const index = this.documents.length;
      this.documents.push(d);
      this.keywordIds.push(dedupeSorted(kw));
      for (const c of d.companies) {
        const list = byCompany.get(c) ?? [];
        list.push(index);
        byCompany.set(c, list);
      }
    }
    this.documentFrequency = new Uint32Array(this.vocabulary.length);
    this.patentFrequency = new Uint32Array(this.vocabulary.length);
    let patents = 0;
    this.keywordIds.forEach((kw, i) => {
      const patent = this.documents[i].kind === 'patent';
      if (patent) patents += 1;
      for (const id of kw) {
        this.documentFrequency[id] += 1;
        if (patent) this.patentFrequency[id] += 1;
      }
    });
    this.patentCount = patents;
    this.documentsOf = byCompany;
    this.withoutKeywords = without;
    this.scratch = new Uint32Array(this.vocabulary.length);
  }

  /**
   * Calls `use` with, for each keyword of the given documents, how many of them use it (a view valid only during
   * the call), and the ids touched.
   */
  withCounts<T>(docs: readonly number[], use: (counts: Uint32Array, touched: readonly number[]) => T): T {
    const touched: number[] = [];
    for (const i of docs)
      for (const id of this.keywordIds[i]) {
        if (this.scratch[id] === 0) touched.push(id);
        this.scratch[id] += 1;
      }
    try {
      return use(this.scratch, touched);
    } finally {
      for (const id of touched) this.scratch[id] = 0;
    }
  }
}

/** Keyword lists from the segmenters are distinct already; this guards a caller that passes repeats. */
function dedupeSorted(a: Uint32Array): Uint32Array {
  let n = 0;
  for (let i = 0; i < a.length; i += 1) if (i === 0 || a[i] !== a[i - 1]) a[n++] = a[i];
  return n === a.length ? a : a.slice(0, n);
}

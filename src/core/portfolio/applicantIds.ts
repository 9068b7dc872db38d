import type { Consolidation } from '../patents/names';

/**
 * The consolidated, distinct applicant ids of an applicant list, in the order written, numbered in the order
 * first met. Names are consolidated once per spelling (nameOf normalises: not cheap, and spellings repeat).
 */
export class ApplicantIds {
  readonly names: string[] = [];
  readonly ids = new Map<string, number>();
  private readonly ofRaw = new Map<string, number>();
  /** The last list's ids (as many as `of` returned). */
  last = new Int32Array(64);
  private lastList: readonly string[] | undefined;
  private lastCount = 0;

  constructor(private readonly consolidation: Consolidation) {}

  /** Reads the list's ids into `last` and returns how many. */
  of(list: readonly string[]): number {
    // Consecutive records often share one list (an export of one company's filings).
    if (list === this.lastList) return this.lastCount;
    let n = 0;
    let last = this.last;
    for (let i = 0; i < list.length; i += 1) {
      const a = this.idOf(list[i]);
      let seen = false;
      for (let q = 0; q < n; q += 1) if (last[q] === a) seen = true;
      if (seen) continue;
      if (n === last.length) {
        const grown = new Int32Array(n * 2);
        grown.set(last);
        last = grown;
        this.last = grown;
      }
      last[n] = a;
      n += 1;
    }
    this.lastList = list;
    this.lastCount = n;
    return n;
  }

  private idOf(raw: string): number {
    let a = this.ofRaw.get(raw);
    if (a === undefined) {
      const name = this.consolidation.nameOf(raw);
      a = this.ids.get(name);
      if (a === undefined) {
        a = this.names.length;
        this.ids.set(name, a);
        this.names.push(name);
      }
      this.ofRaw.set(raw, a);
    }
    return a;
  }
}

/**
 * Block 3's corpus: per filing year y0…y3, the claims (or applications) of every consolidated applicant in
 * every IPC subclass, over the whole loaded corpus. A joint application's amount is divided equally among its
 * distinct applicants (so a subclass's shares add up to 100%), and counts toward each of its distinct
 * subclasses. Stored flat (one slot of 4 years per applicant × subclass pair) because a corpus of a million
 * applications has hundreds of thousands of pairs.
 */
import type { Consolidation } from '../patents/names';
import type { PatentRecord } from '../patents/record';
import { PairTable } from './pairTable';
import { MAX_SUBCLASSES, SubclassIds } from './subclassIds';

export type PortfolioMeasure = 'claims' | 'applications';

/** y0 (the year before the window, for growth and arrows), then the window y1 < y2 < y3. */
export const PORTFOLIO_SPAN = 4;
const SPAN = PORTFOLIO_SPAN; // a local constant in the hot loops, not a load from the module's exports

/**
 * The default window's last year: the latest filing year that ended at least 18 months before the cut-off
 * (applications publish 18 months after filing): y ends on y-12-31, 18 months later is (y+2)-06-30.
 */
export function defaultPortfolioYear(cutoff: string): number {
  const year = Number(cutoff.slice(0, 4));
  return cutoff.slice(5) >= '06-30' ? year - 2 : year - 3;
}

export interface PortfolioCorpus {
  readonly measure: PortfolioMeasure;
  /** y0, y1, y2, y3. */
  readonly years: readonly number[];
  /** Why the measure differs from the one asked for, or other facts the user must know. */
  readonly warnings: readonly string[];
  readonly applicants: readonly string[];
  readonly subclasses: readonly string[];
  readonly pairCount: number;
  /** Pair p: applicant pairApplicant[p], subclass pairSubclass[p], amounts[4p … 4p+3] for y0…y3. */
  readonly pairApplicant: Int32Array;
  readonly pairSubclass: Int32Array;
  readonly amounts: Float64Array;
  /** Per applicant, amounts by year counted once per application (4 slots each): the growth's base. */
  readonly applicantTotals: Float64Array;
  /** The whole corpus by year, each application once. */
  readonly corpusTotals: Float64Array;
  /** Pairs of an applicant / of a subclass (indices into the pair arrays). */
  pairsOfApplicant(a: number): Int32Array;
  pairsOfSubclass(j: number): Int32Array;
  applicantIndex(name: string): number | undefined;
  /** Applications counted (patents filed y0…y3 by the cut-off) and those without an IPC subclass. */
  readonly applications: number;
  readonly withoutSubclass: number;
}

export interface AggregateOptions {
  readonly cutoff: string;
  /** The window's last year; default defaultPortfolioYear(cutoff). */
  readonly lastYear?: number;
  readonly measure?: PortfolioMeasure;
}

/** Groups pair indices by a key (applicant or subclass) with a counting sort: offsets + members. */
function groupBy(keys: Int32Array, count: number, n: number): (k: number) => Int32Array {
  const offsets = new Int32Array(n + 1);
  for (let p = 0; p < count; p += 1) offsets[keys[p] + 1] += 1;
  for (let k = 0; k < n; k += 1) offsets[k + 1] += offsets[k];
  const fill = offsets.slice(0, n);
  const members = new Int32Array(count);
  for (let p = 0; p < count; p += 1) members[fill[keys[p]]++] = p;
  return (k) => members.subarray(offsets[k], offsets[k + 1]);
}

/** The year of a date that starts with 4 digits, from its char codes; -1 for any other. */
function digitYear(date: string): number {
  const c0 = date.charCodeAt(0) - 48;
  const c1 = date.charCodeAt(1) - 48;
  const c2 = date.charCodeAt(2) - 48;
  const c3 = date.charCodeAt(3) - 48;
  if (c0 >= 0 && c0 <= 9 && c1 >= 0 && c1 <= 9 && c2 >= 0 && c2 <= 9 && c3 >= 0 && c3 <= 9)
    return c0 * 1000 + c1 * 100 + c2 * 10 + c3;
  return -1;
}

/**
 * The consolidated, distinct applicant ids of an applicant list, in the order written, numbered in the order
 * first met. Names are consolidated once per spelling (nameOf normalises: not cheap, and spellings repeat).
 */
class ApplicantIds {
  readonly names: string[] = [];
  readonly ids = new Map<string, number>();
  private readonly ofRaw = new Map<string, number>();
  /** The last list's ids (as many as `of` returned). */
  last = new Int32Array(64);

  constructor(private readonly consolidation: Consolidation) {}

  /** Reads the list's ids into `last` and returns how many. */
  of(list: readonly string[]): number {
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

export function aggregatePortfolio(
  records: readonly PatentRecord[],
  names: Consolidation,
  opts: AggregateOptions,
): PortfolioCorpus {
  const y3 = opts.lastYear ?? defaultPortfolioYear(opts.cutoff);
  const y0 = y3 - (SPAN - 1);
  const years = Array.from({ length: SPAN }, (_, i) => y0 + i);
  const cutoff = opts.cutoff;

  // The applications counted, with their year index and claims (each record field is read once: records
  // may compute them on access).
  const counted = new Int32Array(records.length);
  const yearIndex = new Int8Array(records.length);
  const claimsOf = new Float64Array(records.length);
  let applications = 0;
  let lacking = 0;
  // A date whose 4-digit year is before the cut-off's is before the cut-off: no string comparison (slow in
  // V8) for the applications of the span, which ends at least 2 years before it by default.
  const cutoffYear = digitYear(cutoff);
  for (let k = 0; k < records.length; k += 1) {
    const r = records[k];
    if (r.kind !== 'patent') continue;
    const filed = r.filingDate;
    const digits = digitYear(filed);
    const y = (digits >= 0 ? digits : Number(filed.slice(0, 4))) - y0;
    if (!(y >= 0 && y < SPAN)) continue;
    if (!(digits >= 0 && digits < cutoffYear) && filed > cutoff) continue;
    const claims = r.claims;
    if (claims === undefined) lacking += 1;
    else claimsOf[applications] = claims;
    counted[applications] = k;
    yearIndex[applications] = y;
    applications += 1;
  }

  // Claims are used only when every counted application has a claim count: a mix would weigh the
  // applicants whose source carries claims against those whose source does not.
  const warnings: string[] = [];
  let measure: PortfolioMeasure = opts.measure ?? 'claims';
  if (measure === 'claims' && lacking > 0) {
    measure = 'applications';
    warnings.push(
      lacking === applications
        ? `Block 3: the patent records carry no claim counts (J-PlatPat exports, for one, do not): the portfolio counts applications instead of claims (出願件数)`
        : `Block 3: ${lacking} of the ${applications} applications filed ${y0}–${y3} have no claim count: the portfolio counts applications instead of claims (出願件数) for every applicant`,
    );
  }
  const byClaims = measure === 'claims';

  const applicantIds = new ApplicantIds(names);
  const subclassIds = new SubclassIds();
  const pairs = new PairTable(SPAN);
  let applicantTotals = new Float64Array(1024 * SPAN);
  const corpusTotals = new Float64Array(SPAN);
  let withoutSubclass = 0;
  // The record's distinct subclasses, in the order written: `seenIn[j]` is the last record that had j.
  const subs = new Int32Array(MAX_SUBCLASSES);
  const seenIn = new Int32Array(MAX_SUBCLASSES).fill(-1);

  for (let k = 0; k < applications; k += 1) {
    const r = records[counted[k]];
    const nIds = applicantIds.of(r.applicants);
    const ids = applicantIds.last;
    if (applicantTotals.length < applicantIds.names.length * SPAN) {
      const grown = new Float64Array(Math.max(applicantTotals.length * 2, applicantIds.names.length * SPAN));
      grown.set(applicantTotals);
      applicantTotals = grown;
    }
    if (nIds === 0) continue;
    let nSubs = 0;
    for (const code of r.ipc) {
      const j = subclassIds.of(code);
      if (j < 0 || seenIn[j] === k) continue;
      seenIn[j] = k;
      subs[nSubs] = j;
      nSubs += 1;
    }
    if (nSubs === 0) withoutSubclass += 1;
    const y = yearIndex[k];
    const amount = byClaims ? claimsOf[k] : 1;
    const share = amount / nIds;
    corpusTotals[y] += amount;
    for (let i = 0; i < nIds; i += 1) {
      const a = ids[i];
      applicantTotals[a * SPAN + y] += share;
      for (let s = 0; s < nSubs; s += 1) {
        const p = pairs.indexOf(a, subs[s]);
        pairs.amounts[p * SPAN + y] += share;
      }
    }
  }
  const applicants = applicantIds.names;
  const subclasses = subclassIds.codes;
  const pairCount = pairs.count;
  const pairApplicant = pairs.applicant.subarray(0, pairCount);
  const pairSubclass = pairs.subclass.subarray(0, pairCount);
  const amounts = pairs.amounts.subarray(0, pairCount * SPAN);
  const byApplicant = groupBy(pairApplicant, pairCount, applicants.length);
  const bySubclass = groupBy(pairSubclass, pairCount, subclasses.length);
  return {
    measure,
    years,
    warnings,
    applicants,
    subclasses,
    pairCount,
    pairApplicant,
    pairSubclass,
    amounts,
    applicantTotals: applicantTotals.subarray(0, applicants.length * SPAN),
    corpusTotals,
    pairsOfApplicant: byApplicant,
    pairsOfSubclass: bySubclass,
    applicantIndex: (name) => applicantIds.ids.get(name),
    applications,
    withoutSubclass,
  };
}

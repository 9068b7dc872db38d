/**
 * Block 3's corpus: per filing year y0…y3, the claims (or applications) of every consolidated applicant in
 * every IPC subclass, over the whole loaded corpus. A joint application's amount is divided equally among its
 * distinct applicants (so a subclass's shares add up to 100%), and counts toward each of its distinct
 * subclasses. Stored flat (one slot of 4 years per applicant × subclass pair) because a corpus of a million
 * applications has hundreds of thousands of pairs.
 */
import type { Consolidation } from '../patents/names';
import { ipcSubclass, type PatentRecord } from '../patents/record';

export type PortfolioMeasure = 'claims' | 'applications';

/** y0 (the year before the window, for growth and arrows), then the window y1 < y2 < y3. */
export const PORTFOLIO_SPAN = 4;

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

const SUBCLASS_STRIDE = 1 << 15; // more than the 8 × 100 × 26 subclass codes ipcSubclass can return

export function aggregatePortfolio(
  records: readonly PatentRecord[],
  names: Consolidation,
  opts: AggregateOptions,
): PortfolioCorpus {
  const y3 = opts.lastYear ?? defaultPortfolioYear(opts.cutoff);
  const y0 = y3 - (PORTFOLIO_SPAN - 1);
  const years = Array.from({ length: PORTFOLIO_SPAN }, (_, i) => y0 + i);
  const inSpan = (r: PatentRecord): number => {
    if (r.kind !== 'patent' || r.filingDate > opts.cutoff) return -1;
    const y = Number(r.filingDate.slice(0, 4)) - y0;
    return y >= 0 && y < PORTFOLIO_SPAN ? y : -1;
  };

  // Claims are used only when every counted application has a claim count: a mix would weigh the
  // applicants whose source carries claims against those whose source does not.
  const warnings: string[] = [];
  let measure: PortfolioMeasure = opts.measure ?? 'claims';
  if (measure === 'claims') {
    let counted = 0;
    let lacking = 0;
    for (const r of records) {
      if (inSpan(r) < 0) continue;
      counted += 1;
      if (r.claims === undefined) lacking += 1;
    }
    if (lacking > 0) {
      measure = 'applications';
      warnings.push(
        lacking === counted
          ? `Block 3: the patent records carry no claim counts (J-PlatPat exports, for one, do not): the portfolio counts applications instead of claims (出願件数)`
          : `Block 3: ${lacking} of the ${counted} applications filed ${y0}–${y3} have no claim count: the portfolio counts applications instead of claims (出願件数) for every applicant`,
      );
    }
  }

  const applicantIds = new Map<string, number>();
  const applicants: string[] = [];
  const subclassIds = new Map<string, number>();
  const subclasses: string[] = [];
  const subclassOfCode = new Map<string, string | undefined>();
  const pairIds = new Map<number, number>();
  let capacity = 1024;
  let pairApplicant = new Int32Array(capacity);
  let pairSubclass = new Int32Array(capacity);
  let amounts = new Float64Array(capacity * PORTFOLIO_SPAN);
  let pairCount = 0;
  let applicantTotals = new Float64Array(1024 * PORTFOLIO_SPAN);
  const corpusTotals = new Float64Array(PORTFOLIO_SPAN);
  let applications = 0;
  let withoutSubclass = 0;
  const ids: number[] = [];
  const subs: number[] = [];

  for (const r of records) {
    const y = inSpan(r);
    if (y < 0) continue;
    applications += 1;
    ids.length = 0;
    for (const raw of r.applicants) {
      const name = names.nameOf(raw);
      let a = applicantIds.get(name);
      if (a === undefined) {
        a = applicants.length;
        applicantIds.set(name, a);
        applicants.push(name);
        if (applicantTotals.length < applicants.length * PORTFOLIO_SPAN) {
          const grown = new Float64Array(applicantTotals.length * 2);
          grown.set(applicantTotals);
          applicantTotals = grown;
        }
      }
      if (!ids.includes(a)) ids.push(a);
    }
    if (ids.length === 0) continue;
    subs.length = 0;
    for (const code of r.ipc) {
      let sc = subclassOfCode.get(code);
      if (!subclassOfCode.has(code)) {
        sc = ipcSubclass(code);
        subclassOfCode.set(code, sc);
      }
      if (sc === undefined) continue;
      let j = subclassIds.get(sc);
      if (j === undefined) {
        j = subclasses.length;
        subclassIds.set(sc, j);
        subclasses.push(sc);
      }
      if (!subs.includes(j)) subs.push(j);
    }
    if (subs.length === 0) withoutSubclass += 1;
    const amount = measure === 'claims' ? (r.claims as number) : 1;
    const share = amount / ids.length;
    corpusTotals[y] += amount;
    for (const a of ids) {
      applicantTotals[a * PORTFOLIO_SPAN + y] += share;
      for (const j of subs) {
        const key = a * SUBCLASS_STRIDE + j;
        let p = pairIds.get(key);
        if (p === undefined) {
          p = pairCount;
          pairCount += 1;
          if (pairCount > capacity) {
            capacity *= 2;
            const pa = new Int32Array(capacity);
            pa.set(pairApplicant);
            pairApplicant = pa;
            const ps = new Int32Array(capacity);
            ps.set(pairSubclass);
            pairSubclass = ps;
            const am = new Float64Array(capacity * PORTFOLIO_SPAN);
            am.set(amounts);
            amounts = am;
          }
          pairIds.set(key, p);
          pairApplicant[p] = a;
          pairSubclass[p] = j;
        }
        amounts[p * PORTFOLIO_SPAN + y] += share;
      }
    }
  }
  pairApplicant = pairApplicant.subarray(0, pairCount);
  pairSubclass = pairSubclass.subarray(0, pairCount);
  amounts = amounts.subarray(0, pairCount * PORTFOLIO_SPAN);
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
    applicantTotals: applicantTotals.subarray(0, applicants.length * PORTFOLIO_SPAN),
    corpusTotals,
    pairsOfApplicant: byApplicant,
    pairsOfSubclass: bySubclass,
    applicantIndex: (name) => applicantIds.get(name),
    applications,
    withoutSubclass,
  };
}

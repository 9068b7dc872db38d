/**
 * Block 3's corpus: per filing year y0…y3, the claims (or applications) of every consolidated applicant in
 * every IPC subclass, over the whole loaded corpus. A joint application's amount is divided equally among its
 * distinct applicants (so a subclass's shares add up to 100%), and counts toward each of its distinct
 * subclasses. Stored flat (one slot of 4 years per applicant × subclass pair) because a corpus of a million
 * applications has hundreds of thousands of pairs.
 */
import type { Consolidation } from '../patents/names';
import type { PatentRecord } from '../patents/record';
import { ApplicantIds } from './applicantIds';
import { PairTable } from './pairTable';
import { utf8Decoder } from '../csvBytes';
import { civilDay } from '../patents/dayNumbers';
import { type RecordStore, SEGMENT, StoredRecord } from '../patents/recordStore';
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

/** `array`, or a copy of it at least twice as long when `need` elements would not fit. */
function room<T extends Int32Array | Int8Array | Float64Array>(array: T, need: number): T {
  if (need <= array.length) return array;
  const grown = new (array.constructor as new (n: number) => T)(Math.max(array.length * 2, need));
  grown.set(array);
  return grown;
}

const utf8 = utf8Decoder();

export function aggregatePortfolio(
  records: readonly PatentRecord[],
  names: Consolidation,
  opts: AggregateOptions,
): PortfolioCorpus {
  const y3 = opts.lastYear ?? defaultPortfolioYear(opts.cutoff);
  const y0 = y3 - (SPAN - 1);
  const years = Array.from({ length: SPAN }, (_, i) => y0 + i);
  const cutoff = opts.cutoff;

  // One pass over the records collects the applications counted: year index, claims, applicant ids and
  // subclass ids (each record field read once: records may compute them on access); a second pass over these
  // adds them up once the measure is known.
  const applicantIds = new ApplicantIds(names);
  const subclassIds = new SubclassIds();
  let yearIndex = new Int8Array(1024);
  let claimsOf = new Float64Array(1024);
  /** Application k's applicant ids are idList[idEnd[k - 1] … idEnd[k]), its subclass ids likewise. */
  let idEnd = new Int32Array(1024);
  let subEnd = new Int32Array(1024);
  let idList = new Int32Array(1024);
  let subList = new Int32Array(1024);
  let nIdList = 0;
  let nSubList = 0;
  let applications = 0;
  let lacking = 0;
  let withoutSubclass = 0;
  // `seenIn[j]` is the last application that had subclass j: a subclass counts once per application (addSubclass).
  const seenIn = new Int32Array(MAX_SUBCLASSES).fill(-1);
  // A date whose 4-digit year is before the cut-off's is before the cut-off: no string comparison (slow in
  // V8) for the applications of the span, which ends at least 2 years before it by default.
  const cutoffYear = digitYear(cutoff);
  // A store's records are read from its columns: the filing day against the days the years start, the IPC
  // codes from their bytes (no date or code strings made).
  const cutoffDay = /^\d{4}-\d{2}-\d{2}$/.test(cutoff)
    ? civilDay(Number(cutoff.slice(0, 4)), Number(cutoff.slice(5, 7)), Number(cutoff.slice(8, 10)))
    : undefined;
  const yearStarts = Int32Array.from({ length: SPAN + 1 }, (_, i) => civilDay(y0 + i, 1, 1));
  let store: RecordStore | undefined;
  let stored = -1;
  const ipcText = (s: number, e: number): string => utf8.decode((store as RecordStore).bytes.subarray(s, e));
  let n = 0;
  const addSubclass = (j: number): void => {
    if (seenIn[j] === n) return;
    seenIn[j] = n;
    subList = room(subList, nSubList + 1);
    subList[nSubList] = j;
    nSubList += 1;
  };
  for (let k = 0; k < records.length; k += 1) {
    const r = records[k];
    let y: number;
    if (r instanceof StoredRecord && cutoffDay !== undefined) {
      store = r.store;
      stored = r.index;
      if (store.utility[stored] === 1) continue;
      const day = store.filing[stored];
      if (day < yearStarts[0] || day >= yearStarts[SPAN] || day > cutoffDay) continue;
      y = 0;
      while (day >= yearStarts[y + 1]) y += 1;
    } else {
      stored = -1;
      if (r.kind !== 'patent') continue;
      const filed = r.filingDate;
      const digits = digitYear(filed);
      y = (digits >= 0 ? digits : Number(filed.slice(0, 4))) - y0;
      if (!(y >= 0 && y < SPAN)) continue;
      if (!(digits >= 0 && digits < cutoffYear) && filed > cutoff) continue;
    }
    n = applications;
    applications += 1;
    if (n === yearIndex.length) {
      yearIndex = room(yearIndex, n + 1);
      claimsOf = room(claimsOf, n + 1);
      idEnd = room(idEnd, n + 1);
      subEnd = room(subEnd, n + 1);
    }
    yearIndex[n] = y;
    const claims = r.claims;
    if (claims === undefined) lacking += 1;
    else claimsOf[n] = claims;
    const nIds = applicantIds.of(r.applicants);
    idList = room(idList, nIdList + nIds);
    const ids = applicantIds.last;
    for (let i = 0; i < nIds; i += 1) idList[nIdList + i] = ids[i];
    nIdList += nIds;
    idEnd[n] = nIdList;
    // Subclasses of applications without applicants are never met (as when they were read per application).
    if (nIds > 0 && stored >= 0) {
      const st = store as RecordStore;
      const first = nSubList;
      subclassIds.ofList(
        st.bytes,
        st.segmentFrom(stored, SEGMENT.ipc),
        st.segmentTo(stored, SEGMENT.ipc),
        ipcText,
        addSubclass,
      );
      if (nSubList === first) withoutSubclass += 1;
    } else if (nIds > 0) {
      const codes = r.ipc;
      const first = nSubList;
      for (let c = 0; c < codes.length; c += 1) {
        const j = subclassIds.of(codes[c]);
        if (j >= 0) addSubclass(j);
      }
      if (nSubList === first) withoutSubclass += 1;
    }
    subEnd[n] = nSubList;
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

  const pairs = new PairTable(SPAN);
  const applicantTotals = new Float64Array(applicantIds.names.length * SPAN);
  const corpusTotals = new Float64Array(SPAN);
  let idAt = 0;
  let subAt = 0;
  for (let n = 0; n < applications; n += 1) {
    const idsTo = idEnd[n];
    const subsTo = subEnd[n];
    const nIds = idsTo - idAt;
    if (nIds > 0) {
      const y = yearIndex[n];
      const amount = byClaims ? claimsOf[n] : 1;
      const share = amount / nIds;
      corpusTotals[y] += amount;
      for (let i = idAt; i < idsTo; i += 1) {
        const a = idList[i];
        applicantTotals[a * SPAN + y] += share;
        for (let s = subAt; s < subsTo; s += 1) {
          const p = pairs.indexOf(a, subList[s]);
          pairs.amounts[p * SPAN + y] += share;
        }
      }
    }
    idAt = idsTo;
    subAt = subsTo;
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
    applicantTotals,
    corpusTotals,
    pairsOfApplicant: byApplicant,
    pairsOfSubclass: bySubclass,
    applicantIndex: (name) => applicantIds.ids.get(name),
    applications,
    withoutSubclass,
  };
}

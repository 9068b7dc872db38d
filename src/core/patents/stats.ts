/**
 * Aggregates the consolidated patent records into per-company, per-year statistics (statFields.ts).
 * Application statistics are by calendar year of filing (年次); registrations, grant rates and the patent
 * stock by the company's fiscal year (年度): dates after the previous FY end up to and including this FY
 * end. Nothing is guessed: a statistic that needs a field some of the company's records lack (claims in a
 * J-PlatPat export, say) is "no value" with the reason.
 */
import type { Universe } from '../universe';
import { addYears, isLeapYear } from '../text/dates';
import { type Value, noValue } from '../values';
import type { Consolidation } from './names';
import type { OptionalRecordField, PatentRecord } from './record';
import { ListSlots } from './listSlots';
import { type InventorIndex, NO_DAY, type RecordStore, StoredRecord } from './recordStore';
import { civilDay, isoOfDay } from './dayNumbers';
import { STAT_FIELDS, type StatField } from './statFields';

export interface StatParameters {
  /** Data cut-off date (データ締切日): later events are not counted. */
  readonly cutoff: string;
  /** Base year of cumulative applications, registrations and the patent stock (seed: 1994). */
  readonly baseYearApplications: number;
  /** Base year of cumulative examination requests (seed: 1992). */
  readonly baseYearExam: number;
  /** Base fiscal year of the cumulative grant rate (seed: 1997). */
  readonly baseYearGrantRate: number;
}

export const DEFAULT_BASE_YEARS = { baseYearApplications: 1994, baseYearExam: 1992, baseYearGrantRate: 1997 } as const;

/** Examination-request window: 3 years for applications filed from 2001-10-01, 7 years before (seed, 表10). */
export function requestWindowYears(filingDate: string): number {
  return filingDate >= '2001-10-01' ? 3 : 7;
}
/** Years after the request window allowed for the examination itself, for the estimated registration rate. */
export const EXAMINATION_YEARS = 3;

export interface CoApplicant {
  readonly name: string;
  readonly jointApplications: number;
  /** Share of all the company's joint applications, %. */
  readonly share: number;
}

export interface PatentStats {
  readonly params: StatParameters;
  value(company: string, year: number, field: StatField): Value;
  /** The company's applications (patents, after consolidation), filed up to the cut-off; [] for a company not in the universe. */
  recordsOf(company: string): readonly PatentRecord[];
  coApplicants(company: string, years: readonly number[]): CoApplicant[];
  /** Companies of the financials with no patent record at all (a name the records spell differently?). */
  readonly unmatched: readonly string[];
}

const YEAR = 365.25;
/**
 * Each field's place in a company-year's values: an array of them, where a Map per company-year (tens of
 * thousands at 1M applications, each with its 27 entries) cost a Map.set a value and the garbage collector's
 * time.
 */
const FIELD_AT = new Map<StatField, number>(STAT_FIELDS.map((f, k) => [f.id, k]));
const fieldAt = (field: StatField): number => FIELD_AT.get(field)!;
/** The same, as properties (F.apps), for the code that fills the arrays. */
const F = Object.fromEntries(FIELD_AT) as Readonly<Record<StatField, number>>;
/** Day number of an absent date: no comparison in the loops below is true of it unless it is asked for. */
const NONE = -1;

function newCounters() {
  return {
    apps: 0,
    claims: 0,
    claimsUnknown: 0,
    single: 0,
    singleClaims: 0,
    singleClaimsUnknown: 0,
    inventorsUnknown: 0,
    joint: 0,
    shared: 0,
    requestedByCutoff: 0,
    registeredByCutoff: 0,
    cumApps: 0,
    cumRegistrations: 0,
    cumAppsExamBase: 0,
    cumExamRequests: 0,
    examRequests: 0,
    requestYears: 0,
    fyRequests: 0,
    fyRequestsGranted: 0,
    cumFyRequests: 0,
    cumFyRequestsGranted: 0,
    registrations: 0,
    regClaims: 0,
    regClaimsUnknown: 0,
    grantYears: 0,
    validByRegYear: 0,
    cumRegSinceBase: 0,
    valid: 0,
    remaining: 0,
  };
}
const yearOf = (iso: string): number => Number(iso.slice(0, 4));
const foldInventor = (name: string): string => name.normalize('NFKC').replace(/\s+/g, '');

const digits = (s: string, from: number, n: number): number => {
  let v = 0;
  for (let i = from; i < from + n; i += 1) v = v * 10 + s.charCodeAt(i) - 48;
  return v;
};

/** Day number of an ISO date; ISO strings compare as their day numbers do. */
export function isoDay(iso: string): number {
  return civilDay(digits(iso, 0, 4), digits(iso, 5, 2), digits(iso, 8, 2));
}

/** The first day of each year 1800–2201: the years that dates are read in, and the end of the last. */
const FIRST_YEAR = 1800;
const LAST_YEAR = 2200;
const YEAR_STARTS = Int32Array.from({ length: LAST_YEAR - FIRST_YEAR + 2 }, (_, k) => civilDay(FIRST_YEAR + k, 1, 1));

/**
 * The year of a day number, as isoOfDay(day) spells it, without the look-up of the day's string (a cache miss a
 * record): the year its mean length gives, put right by the years' first days.
 */
export function yearOfDay(day: number): number {
  if (day < YEAR_STARTS[0] || day >= YEAR_STARTS[YEAR_STARTS.length - 1]) return digits(isoOfDay(day), 0, 4);
  let k = Math.min(Math.max(Math.floor(day / 365.2425) + 1970 - FIRST_YEAR, 0), LAST_YEAR - FIRST_YEAR);
  while (day < YEAR_STARTS[k]) k -= 1;
  while (day >= YEAR_STARTS[k + 1]) k += 1;
  return FIRST_YEAR + k;
}

/** isoDay(addYears(iso, years)), without the string: 29 Feb → 28 Feb in a non-leap target year. */
function dayPlusYears(iso: string, years: number): number {
  const y = digits(iso, 0, 4) + years;
  const m = digits(iso, 5, 2);
  const d = digits(iso, 8, 2);
  return civilDay(y, m, m === 2 && d === 29 && !isLeapYear(y) ? 28 : d);
}

/** The latest date any record mentions: the default cut-off. */
export function latestDate(records: readonly PatentRecord[]): string {
  let max = '0000-00-00';
  for (const r of records) {
    if (r.filingDate > max) max = r.filingDate;
    if (r.examRequestDate !== undefined && r.examRequestDate > max) max = r.examRequestDate;
    if (r.registrationDate !== undefined && r.registrationDate > max) max = r.registrationDate;
    if (r.lapseDate !== undefined && r.lapseDate > max) max = r.lapseDate;
  }
  return max;
}

/**
 * What the statistics read of each record (of the universe's companies), read once into one Int32Array, FACTS
 * apart per row (so that a patent's facts share a cache line): a row per patent and company, each company's rows
 * side by side in record order (CompanyRecords). Records are objects or store views scattered in memory; the
 * per-company, per-year work then touches only these. Dates are day numbers, NONE after the cut-off.
 */
const FILING = 0;
const FILING_YEAR = 1;
const REQUEST = 2;
/**
 * The patent's inventors (of a single-applicant patent; none for the others, and where unknown) as InventorKeys:
 * Facts.keys[INVENTORS_FROM, INVENTORS_TO), among its company's, which lie side by side (CompanyRecords).
 */
const INVENTORS_FROM = 3;
const REGISTRATION = 4;
const INVENTORS_TO = 5;
const EXPIRY = 6;
/** The day the right is gone: the earlier of a (known) lapse and the expiry. */
const GONE = 7;
const FLAGS = 8;
/** Claims and registered claims (0 where unknown, as the flags say), when whole numbers; others in oddClaims. */
const CLAIMS = 9;
const REGISTERED_CLAIMS = 10;
/** The number of consolidated applicants (1: a single-applicant application). */
const APPLICANTS = 11;
const FACTS = 12;

/** Bits of the FLAGS fact. */
const CLAIMS_UNKNOWN = 1;
const REGISTERED_CLAIMS_UNKNOWN = 2;
const INVENTORS_UNKNOWN = 4;
const REQUEST_DATES_UNKNOWN = 8;
const REGISTRATION_DATES_UNKNOWN = 16;
const LAPSE_DATES_UNKNOWN = 32;
/** The examination-request window has closed by the cut-off; so has that window plus the examination. */
const REQUEST_WINDOW_CLOSED = 64;
const EXAMINATION_WINDOW_CLOSED = 128;
/** Claims, or registered claims, in Facts.oddClaims (at 2i, or 2i + 1): not a whole number of Int32 range. */
const ODD_CLAIMS = 256;
const ODD_REGISTERED_CLAIMS = 512;
const UNKNOWN_FIELD_BITS: readonly [OptionalRecordField, number][] = [
  ['examRequestDate', REQUEST_DATES_UNKNOWN],
  ['registrationDate', REGISTRATION_DATES_UNKNOWN],
  ['lapseDate', LAPSE_DATES_UNKNOWN],
];

interface Facts {
  /** FACTS per row. */
  readonly ints: Int32Array;
  readonly oddClaims: ReadonlyMap<number, number>;
  /** The inventors of single-applicant patents, as InventorKeys (INVENTORS_FROM). */
  readonly keys: Int32Array;
}

/** Inventor names as small integers, equal for names that fold alike (NFKC, no spaces): NFKC once per spelling. */
class InventorKeys {
  private readonly bySpelling = new Map<string, number>();
  private readonly byFolded = new Map<string, number>();

  of(name: string): number {
    let k = this.bySpelling.get(name);
    if (k === undefined) {
      const folded = foldInventor(name);
      k = this.byFolded.get(folded);
      if (k === undefined) {
        k = this.byFolded.size;
        this.byFolded.set(folded, k);
      }
      this.bySpelling.set(name, k);
    }
    return k;
  }

  get size(): number {
    return this.byFolded.size;
  }
}

function grown(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/**
 * A company's patents: its rows of facts, [offset, offset + size) of all the universe's, in record order. The
 * first pass over the records counts them, so that the second writes each company's rows side by side: the
 * per-company work then reads them in one run, where rows scattered over all the patents' cost a cache (and
 * TLB) miss each.
 */
class CompanyRecords {
  offset = 0;
  size = 0;

  /** Its place in the universe's order. */
  constructor(readonly ordinal: number) {}

  /**
   * The inventors of its single-applicant patents as InventorKeys, each patent's from its INVENTORS_FROM to its
   * INVENTORS_TO, lie side by side in Facts.keys (counted in the first pass: a single-applicant patent has one
   * company), so that a pass over a company's patents reads them from one short run, not from all the patents'
   * scattered over megabytes; keysEnd: where its next goes.
   */
  keysEnd = 0;
}

/**
 * Facts of records, each written to the row it is given, of `rows` rows. A record of several companies is added
 * at its first company's row and copied to the others'.
 */
function factsRecorder(
  rows: number,
  inventorCount: number,
  cutoffDay: number,
  keys: InventorKeys,
): {
  /** owner: the company of a single-applicant patent (whose CompanyRecords keep its inventors). */
  add(r: PatentRecord, row: number, applicants: number, owner: CompanyRecords): void;
  addStored(st: RecordStore, x: number, row: number, applicants: number, owner: CompanyRecords): void;
  copy(row: number, to: number): void;
  readonly facts: Facts;
} {
  const ints = new Int32Array(rows * FACTS);
  const inventors = new Int32Array(inventorCount);
  const pushKey = (owner: CompanyRecords, key: number): void => {
    inventors[owner.keysEnd++] = key;
  };
  // Typed arrays live outside the heap; V8 answers every 64 MB of them with a full collection of the heap, which
  // the records fill: so one Int32Array, and claims in it.
  const oddClaims = new Map<number, number>();
  const asInt = (v: number): boolean => Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff && !Object.is(v, -0);
  // A store's records name their inventors by the store's ids (its index, made at import, or here if it was not):
  // each id's key is looked up once per store.
  const storeKeys = new Map<RecordStore, Int32Array>();
  // Records come store by store: the last store's keys and index are at hand.
  let lastStore: RecordStore | undefined;
  let lastKnown: Int32Array = new Int32Array(0);
  let lastIndex: InventorIndex = { start: new Int32Array(1), list: new Int32Array(0) };
  const storedInventors = (st: RecordStore, x: number, owner: CompanyRecords): void => {
    if (st !== lastStore) {
      lastIndex = st.indexInventors();
      let k = storeKeys.get(st);
      if (k === undefined) {
        k = new Int32Array(st.inventorCount).fill(-1);
        storeKeys.set(st, k);
      }
      lastKnown = k;
      lastStore = st;
    }
    const known = lastKnown;
    const { start, list } = lastIndex;
    for (let q = start[x]; q < start[x + 1]; q += 1) {
      const id = list[q];
      if (known[id] < 0) known[id] = keys.of(st.inventorName(id));
      pushKey(owner, known[id]);
    }
  };
  const on = (d: string | undefined): number => {
    if (d === undefined) return NONE;
    const day = isoDay(d);
    return day <= cutoffDay ? day : NONE;
  };
  // What follows from the filing date alone, kept for the next record: records often come in filing order.
  let lastFiling = '';
  let filingDay = 0;
  let filingYear = 0;
  let expiryByTerm = 0;
  let requestClosed = 0;
  let examinationClosed = 0;
  /** The row being written. */
  let i = 0;
  let lastFilingDay = NO_DAY;
  /** The facts that follow from the filing date, for a record filed on another day than the last. */
  const filed = (filingDate: string): void => {
    lastFiling = filingDate;
    filingDay = isoDay(filingDate);
    filingYear = yearOf(filingDate);
    expiryByTerm = dayPlusYears(filingDate, 20);
    const window = requestWindowYears(filingDate);
    requestClosed = dayPlusYears(filingDate, window);
    examinationClosed = dayPlusYears(filingDate, window + EXAMINATION_YEARS);
  };
  /**
   * The facts of the next patent, given its dates as day numbers (NONE: none by the cut-off; an expiry of NO_DAY:
   * by the term) and its claims: what both kinds of record have in common. Returns the patent's flags so far.
   */
  const put = (
    request: number,
    registration: number,
    expiryDay: number,
    lapse: number,
    claims: number | undefined,
    registeredClaims: number | undefined,
  ): number => {
    const at = i * FACTS;
    ints[at + FILING] = filingDay;
    ints[at + FILING_YEAR] = filingYear;
    ints[at + REQUEST] = request;
    ints[at + REGISTRATION] = registration;
    const expiry = expiryDay !== NO_DAY ? expiryDay : expiryByTerm;
    ints[at + EXPIRY] = expiry;
    ints[at + GONE] = lapse !== NONE && lapse < expiry ? lapse : expiry;
    let flags = 0;
    if (requestClosed <= cutoffDay) flags |= REQUEST_WINDOW_CLOSED;
    if (examinationClosed <= cutoffDay) flags |= EXAMINATION_WINDOW_CLOSED;
    if (claims === undefined) flags |= CLAIMS_UNKNOWN;
    else if (asInt(claims)) ints[at + CLAIMS] = claims;
    else {
      flags |= ODD_CLAIMS;
      oddClaims.set(2 * i, claims);
    }
    // Registered claims count only for a registration by the cut-off.
    if (registration !== NONE) {
      if (registeredClaims === undefined) flags |= REGISTERED_CLAIMS_UNKNOWN;
      else if (asInt(registeredClaims)) ints[at + REGISTERED_CLAIMS] = registeredClaims;
      else {
        flags |= ODD_REGISTERED_CLAIMS;
        oddClaims.set(2 * i + 1, registeredClaims);
      }
    }
    return flags;
  };
  const done = (flags: number, applicants: number): void => {
    ints[i * FACTS + FLAGS] = flags;
    ints[i * FACTS + APPLICANTS] = applicants;
  };
  const add = (r: PatentRecord, row: number, applicants: number, owner: CompanyRecords): void => {
    i = row;
    const filingDate = r.filingDate;
    if (filingDate !== lastFiling) {
      filed(filingDate);
      lastFilingDay = filingDay;
    }
    const registration = on(r.registrationDate);
    const expiryDate = r.expiryDate;
    let flags = put(
      on(r.examRequestDate),
      registration,
      expiryDate !== undefined ? isoDay(expiryDate) : NO_DAY,
      on(r.lapseDate),
      r.claims,
      registration !== NONE ? r.registeredClaims : undefined,
    );
    const unknown = r.unknown;
    if (unknown !== undefined) for (const [field, bit] of UNKNOWN_FIELD_BITS) if (unknown.includes(field)) flags |= bit;
    // Inventors count only on single-applicant applications: as keys, read here once.
    if (applicants === 1) {
      ints[i * FACTS + INVENTORS_FROM] = owner.keysEnd;
      const names = r.inventors;
      if (names === undefined) flags |= INVENTORS_UNKNOWN;
      else for (const name of names) pushKey(owner, keys.of(name));
      ints[i * FACTS + INVENTORS_TO] = owner.keysEnd;
    }
    done(flags, applicants);
  };
  /** Day d of a store's column as `on` gives it: NONE for no date or one after the cut-off. */
  const onDay = (d: number): number => (d === NO_DAY || d > cutoffDay ? NONE : d);
  // add() for a store's record: the same facts from its columns, with no date string made or parsed.
  const addStored = (st: RecordStore, x: number, row: number, applicants: number, owner: CompanyRecords): void => {
    i = row;
    const day = st.filing[x];
    if (day !== lastFilingDay) {
      filed(isoOfDay(day));
      lastFilingDay = day;
    }
    const registration = onDay(st.registration[x]);
    const count = (n: number): number | undefined => (n < 0 ? undefined : n);
    let flags = put(
      onDay(st.request[x]),
      registration,
      st.expiry[x],
      onDay(st.lapse[x]),
      count(st.claims[x]),
      count(st.registeredClaims[x]),
    );
    // A store's records know every field of their file (unknown is never set on them).
    if (applicants === 1) {
      if (st.options.inventors) {
        ints[i * FACTS + INVENTORS_FROM] = owner.keysEnd;
        storedInventors(st, x, owner);
        ints[i * FACTS + INVENTORS_TO] = owner.keysEnd;
      } else flags |= INVENTORS_UNKNOWN;
    }
    done(flags, applicants);
  };
  const copy = (row: number, to: number): void => {
    ints.copyWithin(to * FACTS, row * FACTS, row * FACTS + FACTS);
    const flags = ints[row * FACTS + FLAGS];
    if ((flags & ODD_CLAIMS) !== 0) oddClaims.set(2 * to, oddClaims.get(2 * row)!);
    if ((flags & ODD_REGISTERED_CLAIMS) !== 0) oddClaims.set(2 * to + 1, oddClaims.get(2 * row + 1)!);
  };
  return { add, addStored, copy, facts: { ints, oddClaims, keys: inventors } };
}

/** The least and greatest of years[0 … n−1] (n > 0). */
function yearSpan(years: Int32Array, n: number): [number, number] {
  let lo = years[0];
  let hi = years[0];
  for (let k = 1; k < n; k += 1) {
    if (years[k] < lo) lo = years[k];
    if (years[k] > hi) hi = years[k];
  }
  return [lo, hi];
}

/** How many of some years are at most y, for any y: a tally over the years' range, summed up. */
function atMostCounter(years: Int32Array, n: number): (y: number) => number {
  if (n === 0) return () => 0;
  const [lo, hi] = yearSpan(years, n);
  const upTo = new Int32Array(hi - lo + 1);
  for (let i = 0; i < n; i += 1) upTo[years[i] - lo] += 1;
  for (let t = 1; t < upTo.length; t += 1) upTo[t] += upTo[t - 1];
  return (y) => (y < lo ? 0 : upTo[Math.min(y, hi) - lo]);
}

/**
 * How many of some day numbers lie in (after, upTo], for `after` and `upTo` among a few sorted bounds (the fiscal
 * years' ends): each day's place among the bounds by a binary search, then sums — where sorting the days cost a
 * per-company sort of up to a hundred thousand.
 */
function dayCounter(days: Int32Array, n: number, bounds: Int32Array): (after: number, upTo: number) => number {
  const last = bounds.length - 1;
  /** The first bound at or after a day (last when none is). */
  const firstAtLeast = (day: number): number => {
    let a = 0;
    let b = last;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (bounds[mid] < day) a = mid + 1;
      else b = mid;
    }
    return a;
  };
  // atMost[b]: the days at most bounds[b].
  const atMost = new Int32Array(bounds.length);
  for (let k = 0; k < n; k += 1) if (days[k] <= bounds[last]) atMost[firstAtLeast(days[k])] += 1;
  for (let b = 1; b < bounds.length; b += 1) atMost[b] += atMost[b - 1];
  const at = (bound: number): number => {
    const a = firstAtLeast(bound);
    if (bounds[a] !== bound) throw new Error(`dayCounter: ${bound} is not a bound`);
    return atMost[a];
  };
  return (after, upTo) => (upTo > after ? at(upTo) - at(after) : 0);
}

/**
 * Positions 0 … n−1 grouped by their years (stable: ascending within a year), so that the positions of year y
 * are order[range(y)] — per-year sums over them then add in record order, as a pass over all records would.
 */
function byYear(
  years: Int32Array,
  n: number,
  order: Int32Array,
): { order: Int32Array; range(y: number): [number, number] } {
  if (n === 0) return { order, range: () => [0, 0] };
  const [lo, hi] = yearSpan(years, n);
  const start = new Int32Array(hi - lo + 2);
  for (let k = 0; k < n; k += 1) start[years[k] - lo + 1] += 1;
  for (let t = 1; t < start.length; t += 1) start[t] += start[t - 1];
  const next = start.slice();
  for (let k = 0; k < n; k += 1) order[next[years[k] - lo]++] = k;
  return { order, range: (y) => (y < lo || y > hi ? [0, 0] : [start[y - lo], start[y - lo + 1]]) };
}

/** The consolidated applicants of one applicant list, and which of them are the universe's companies. */
interface Applicants {
  /** Its index among all the Applicants made (applicantSets). */
  readonly id: number;
  readonly names: readonly string[];
  readonly companies: readonly CompanyRecords[];
}

export function aggregatePatents(
  records: readonly PatentRecord[],
  names: Consolidation,
  universe: Universe,
  params: StatParameters,
): PatentStats {
  const cutoff = params.cutoff;
  const cutoffDay = isoDay(cutoff);
  // Only the universe's companies are ever asked for: records of no such company are passed over.
  const byCompany = new Map<string, CompanyRecords>();
  const companyList: CompanyRecords[] = [];
  for (const c of universe.companies.values()) {
    const entry = new CompanyRecords(companyList.length);
    companyList.push(entry);
    byCompany.set(c.name, entry);
  }
  const inventorKeys = new InventorKeys();
  // Consolidated once per applicant list: importers share one list among the records of an applicant cell
  // (and a single name is looked up by the name, for importers that do not).
  const applicantSets: Applicants[] = [];
  // Per Applicants id, what the passes over the patents read, as small integers, not through the object (one of
  // a hundred thousand, a cache miss a patent): its companies' ordinals, members[setFirst … + setCompanies), and
  // how many consolidated names.
  const members: number[] = [];
  const setFirst: number[] = [];
  const setCompanies: number[] = [];
  const setNames: number[] = [];
  const bySingle = new Map<string, Applicants>();
  const byList = new Map<readonly string[], Applicants>();
  // Each raw name's consolidated name and company, looked up once: the lists (a hundred thousand of a million
  // records) repeat a few tens of thousands of names.
  const rawNames = new Map<string, { readonly name: string; readonly company: CompanyRecords | undefined }>();
  const rawName = (raw: string): { readonly name: string; readonly company: CompanyRecords | undefined } => {
    let r = rawNames.get(raw);
    if (r === undefined) {
      const name = names.nameOf(raw);
      r = { name, company: byCompany.get(name) };
      rawNames.set(raw, r);
    }
    return r;
  };
  const consolidateList = (list: readonly string[]): Applicants => {
    // The distinct consolidated names in the order first met (as a Set of them would list them); a short list
    // is searched, a long one not.
    const consolidated: string[] = [];
    const companies: CompanyRecords[] = [];
    const seen = list.length > 16 ? new Set<string>() : undefined;
    for (const raw of list) {
      const r = rawName(raw);
      if (seen !== undefined ? seen.has(r.name) : consolidated.includes(r.name)) continue;
      seen?.add(r.name);
      consolidated.push(r.name);
      if (r.company !== undefined) companies.push(r.company);
    }
    const a = { id: applicantSets.length, names: consolidated, companies };
    applicantSets.push(a);
    setFirst.push(members.length);
    for (const c of companies) members.push(c.ordinal);
    setCompanies.push(companies.length);
    setNames.push(consolidated.length);
    return a;
  };
  const applicantsOf = (list: readonly string[]): Applicants => {
    const single = list.length === 1;
    let a = single ? bySingle.get(list[0]) : byList.get(list);
    if (a === undefined) {
      a = consolidateList(list);
      if (single) bySingle.set(list[0], a);
      else byList.set(list, a);
    }
    return a;
  };
  // A store's records: kind, filing day and applicant list read from its columns, the list's Applicants by its id
  // (a list of several names straight from consolidateList: the store's slot is its only cache).
  // Per store, per list id: 0 not yet seen, −1 no company of the universe, else 1 + the Applicants' id.
  const byStoreList = new ListSlots();
  /** The Applicants id of a store's record, −1 for one of no company of the universe. */
  const storedApplicants = (st: RecordStore, index: number): number => {
    const codes = byStoreList.of(st);
    const list = st.applicants[index];
    let code = codes[list];
    if (code === 0) {
      const names = st.applicantLists[list];
      const a = names.length === 1 ? applicantsOf(names) : consolidateList(names);
      code = a.companies.length === 0 ? -1 : a.id + 1;
      codes[list] = code;
    }
    return code - 1;
  };
  // The first pass: the patents of the universe's companies filed by the cut-off, in record order (patent p):
  // where each is in records and its applicants; each company's count of them, and of their inventors.
  const keptAt = new Int32Array(records.length);
  const keptApplicants = new Int32Array(records.length);
  let patents = 0;
  const sizes = new Int32Array(companyList.length);
  const keyCounts = new Int32Array(companyList.length);
  let lastStore: RecordStore | undefined;
  let lastIndex: InventorIndex | undefined;
  for (let at = 0; at < records.length; at += 1) {
    const r = records[at];
    let id: number;
    let inventors = 0;
    if (r instanceof StoredRecord) {
      const st = r.store;
      const index = r.index;
      if (st.utility[index] === 1 || st.filing[index] > cutoffDay) continue;
      id = storedApplicants(st, index);
      if (id < 0) continue;
      if (setNames[id] === 1 && st.options.inventors) {
        if (st !== lastStore) {
          lastStore = st;
          lastIndex = st.indexInventors();
        }
        const start = lastIndex!.start;
        inventors = start[index + 1] - start[index];
      }
    } else {
      if (r.kind !== 'patent' || r.filingDate > cutoff) continue;
      id = applicantsOf(r.applicants).id;
      if (setCompanies[id] === 0) continue;
      if (setNames[id] === 1) inventors = r.inventors?.length ?? 0;
    }
    keptAt[patents] = at;
    keptApplicants[patents] = id;
    patents += 1;
    const first = members[setFirst[id]];
    sizes[first] += 1;
    keyCounts[first] += inventors;
    for (let k = 1; k < setCompanies[id]; k += 1) sizes[members[setFirst[id] + k]] += 1;
  }
  // Each company's rows side by side, in the universe's order, and its inventors' keys; rowPatent: the patent of
  // each row.
  const next = new Int32Array(companyList.length);
  let rows = 0;
  let inventorCount = 0;
  for (const e of companyList) {
    e.offset = next[e.ordinal] = rows;
    e.size = sizes[e.ordinal];
    rows += e.size;
    e.keysEnd = inventorCount;
    inventorCount += keyCounts[e.ordinal];
  }
  const rowPatent = new Int32Array(rows);
  // The second pass: each patent's facts, read once, written to its first company's row and copied to the others'.
  const recorder = factsRecorder(rows, inventorCount, cutoffDay, inventorKeys);
  for (let p = 0; p < patents; p += 1) {
    const id = keptApplicants[p];
    const first = members[setFirst[id]];
    const row = next[first]++;
    rowPatent[row] = p;
    const owner = companyList[first];
    const r = records[keptAt[p]];
    if (r instanceof StoredRecord) recorder.addStored(r.store, r.index, row, setNames[id], owner);
    else recorder.add(r, row, setNames[id], owner);
    for (let k = 1; k < setCompanies[id]; k += 1) {
      const to = next[members[setFirst[id] + k]]++;
      rowPatent[to] = p;
      recorder.copy(row, to);
    }
  }
  const f = recorder.facts;
  const facts = f.ints;
  // Distinct inventors of a company-year: the mark of the company-year on each inventor key seen in it.
  let inventorSeen = new Int32Array(1024);
  let inventorMark = 0;
  // The per-company arrays, allocated once for the largest company (see recordFacts on typed arrays).
  let most = 0;
  for (const e of byCompany.values()) most = Math.max(most, e.size);
  const scratch = {
    cFilingYear: new Int32Array(most),
    cClaims: new Float64Array(most),
    cFlags: new Uint16Array(most),
    cApplicants: new Int32Array(most),
    cInventorsFrom: new Int32Array(most),
    cInventorsTo: new Int32Array(most),
    cEvents: new Uint8Array(most),
    qRequest: new Int32Array(most),
    qRequestYear: new Int32Array(most),
    qFiling: new Int32Array(most),
    grantedRequests: new Int32Array(most),
    gRegistration: new Int32Array(most),
    gFiling: new Int32Array(most),
    gGone: new Int32Array(most),
    gExpiry: new Int32Array(most),
    gClaims: new Float64Array(most),
    sinceApps: new Int32Array(most),
    sinceExam: new Int32Array(most),
    sinceExamRequest: new Int32Array(most),
    sinceAppsRegistration: new Int32Array(most),
    filedOrder: new Int32Array(most),
    requestedOrder: new Int32Array(most),
  };
  const table = new Map<string, Map<number, Value[]>>();
  const unmatched: string[] = [];
  const noRecords = new CompanyRecords(-1);

  for (const c of universe.companies.values()) {
    const entry = byCompany.get(c.name) ?? noRecords;
    const base = entry.offset;
    const m = entry.size;
    const companyKeys = f.keys;
    if (m === 0) unmatched.push(c.name);
    const years = universe.industries.get(c.industry)?.years ?? c.years;
    const known = [...c.rows.values()].sort((a, b) => a.fiscalYear - b.fiscalYear);
    const fyEnd = (y: number): string => {
      const row = c.rows.get(y);
      if (row) return row.fyEnd;
      const ref = known[known.length - 1];
      return addYears(ref.fyEnd, y - ref.fiscalYear);
    };
    const latestFyEnd = isoDay(fyEnd(known[known.length - 1].fiscalYear));
    const baseApps = params.baseYearApplications;
    const baseExam = params.baseYearExam;

    // The facts of the company's records gathered once, in its own order: by position k among its records
    // (for the statistics by year of filing), and of its requested (j < q) and registered (j < g) records,
    // in record order, for the passes over events.
    const cFilingYear = scratch.cFilingYear;
    const cClaims = scratch.cClaims;
    const cFlags = scratch.cFlags;
    const cApplicants = scratch.cApplicants;
    const cInventorsFrom = scratch.cInventorsFrom;
    const cInventorsTo = scratch.cInventorsTo;
    const cEvents = scratch.cEvents;
    const qRequest = scratch.qRequest;
    const qRequestYear = scratch.qRequestYear;
    const qFiling = scratch.qFiling;
    const grantedRequests = scratch.grantedRequests;
    const gRegistration = scratch.gRegistration;
    const gFiling = scratch.gFiling;
    const gGone = scratch.gGone;
    const gExpiry = scratch.gExpiry;
    /** Registered claims, −1 when unknown. */
    const gClaims = scratch.gClaims;
    // Years from which each record counts in a cumulative count since a base year (filed, and requested or
    // registered, by the end of that year).
    const sinceApps = scratch.sinceApps;
    const sinceExam = scratch.sinceExam;
    const sinceExamRequest = scratch.sinceExamRequest;
    const sinceAppsRegistration = scratch.sinceAppsRegistration;
    let q = 0;
    let g = 0;
    let granted = 0;
    let nApps = 0;
    let nExam = 0;
    let nExamRequest = 0;
    let nAppsRegistration = 0;
    let claimsUnknownAll = 0;
    let requestDatesUnknown = 0;
    let registrationDatesUnknown = 0;
    let lapseDatesUnknown = 0;
    // Company-level estimated rates over the applications whose windows have closed by the cut-off.
    let closedReq = 0;
    let closedReqHit = 0;
    let closedReg = 0;
    let closedRegHit = 0;
    // The company's rows, side by side.
    for (let k = 0; k < m; k += 1) {
      const i = base + k;
      const at = i * FACTS;
      const filingYear = facts[at + FILING_YEAR];
      const filing = facts[at + FILING];
      const request = facts[at + REQUEST];
      const registration = facts[at + REGISTRATION];
      const flags = facts[at + FLAGS];
      cFilingYear[k] = filingYear;
      cClaims[k] = (flags & ODD_CLAIMS) !== 0 ? f.oddClaims.get(2 * i)! : facts[at + CLAIMS];
      cFlags[k] = flags;
      cApplicants[k] = facts[at + APPLICANTS];
      cInventorsFrom[k] = facts[at + INVENTORS_FROM];
      cInventorsTo[k] = facts[at + INVENTORS_TO];
      if ((flags & CLAIMS_UNKNOWN) !== 0) claimsUnknownAll += 1;
      if ((flags & REQUEST_DATES_UNKNOWN) !== 0) requestDatesUnknown += 1;
      if ((flags & REGISTRATION_DATES_UNKNOWN) !== 0) registrationDatesUnknown += 1;
      if ((flags & LAPSE_DATES_UNKNOWN) !== 0) lapseDatesUnknown += 1;
      cEvents[k] = (request !== NONE ? 1 : 0) | (registration !== NONE ? 2 : 0);
      if (filingYear >= baseApps) sinceApps[nApps++] = filingYear;
      if (filingYear >= baseExam) sinceExam[nExam++] = filingYear;
      if (request !== NONE) {
        const requestYear = yearOfDay(request);
        qRequest[q] = request;
        qRequestYear[q] = requestYear;
        qFiling[q] = filing;
        q += 1;
        if (registration !== NONE) grantedRequests[granted++] = request;
        if (filingYear >= baseExam) sinceExamRequest[nExamRequest++] = Math.max(filingYear, requestYear);
      }
      if (registration !== NONE) {
        gRegistration[g] = registration;
        gFiling[g] = filing;
        gGone[g] = facts[at + GONE];
        gExpiry[g] = facts[at + EXPIRY];
        gClaims[g] =
          (flags & REGISTERED_CLAIMS_UNKNOWN) !== 0
            ? -1
            : (flags & ODD_REGISTERED_CLAIMS) !== 0
              ? f.oddClaims.get(2 * i + 1)!
              : facts[at + REGISTERED_CLAIMS];
        g += 1;
        if (filingYear >= baseApps) {
          sinceAppsRegistration[nAppsRegistration++] = Math.max(filingYear, yearOfDay(registration));
        }
      }
      if ((flags & REQUEST_WINDOW_CLOSED) !== 0) {
        closedReq += 1;
        if (request !== NONE) closedReqHit += 1;
      }
      if ((flags & EXAMINATION_WINDOW_CLOSED) !== 0) {
        closedReg += 1;
        if (registration !== NONE) closedRegHit += 1;
      }
    }
    const missing = (unknown: number, what: string): Value | undefined =>
      unknown > 0
        ? noValue('#N/A', `${what} not in the source of ${unknown} of ${c.name}'s ${m} applications`)
        : undefined;
    const noRequests = missing(requestDatesUnknown, 'examination-request dates are');
    const noRegistrations = missing(registrationDatesUnknown, 'registration dates are');
    const noLapses = missing(lapseDatesUnknown, 'lapse dates are');
    const stockUnknown = noRegistrations ?? noLapses;
    const rate = (pool: number, hits: number, what: string): Value =>
      pool === 0
        ? noValue('#N/A', `${c.name} has no application whose ${what} window has closed by ${cutoff}`)
        : hits / pool;
    const estExam = noRequests ?? rate(closedReq, closedReqHit, 'request');
    const estReg = noRegistrations ?? rate(closedReg, closedRegHit, 'request and examination');
    const grantBaseStart = isoDay(fyEnd(params.baseYearGrantRate - 1));
    const baseStart = civilDay(params.baseYearApplications, 1, 1);

    const filed = byYear(cFilingYear, m, scratch.filedOrder);
    const requestedIn = byYear(qRequestYear, q, scratch.requestedOrder);
    // The fiscal years' bounds, and the base of the cumulative grant rate: where requests are counted.
    const fyEnds = new Map<number, number>();
    for (const y of years) for (const x of [y - 1, y]) if (!fyEnds.has(x)) fyEnds.set(x, isoDay(fyEnd(x)));
    const bounds = Int32Array.from(new Set([grantBaseStart, ...fyEnds.values()])).sort();
    const requestsIn = dayCounter(qRequest, q, bounds);
    const grantedRequestsIn = dayCounter(grantedRequests, granted, bounds);
    const cumApps = atMostCounter(sinceApps, nApps);
    const cumAppsExamBase = atMostCounter(sinceExam, nExam);
    const cumExamRequests = atMostCounter(sinceExamRequest, nExamRequest);
    const cumRegistrations = atMostCounter(sinceAppsRegistration, nAppsRegistration);

    const perYear = new Map<number, Value[]>();
    for (const y of years) {
      const start = fyEnds.get(y - 1)!;
      const end = fyEnds.get(y)!;
      const n = newCounters();
      inventorMark += 1;
      let inventors = 0;
      // The statistics by year of filing: only that year's records.
      const [from, to] = filed.range(y);
      for (let p = from; p < to; p += 1) {
        const k = filed.order[p];
        const applicants = cApplicants[k];
        const flags = cFlags[k];
        const claimsKnown = (flags & CLAIMS_UNKNOWN) === 0;
        const claims = cClaims[k];
        n.apps += 1;
        if (!claimsKnown) n.claimsUnknown += 1;
        else n.claims += claims;
        if (applicants > 1) n.joint += 1;
        else {
          n.single += 1;
          if (!claimsKnown) n.singleClaimsUnknown += 1;
          else n.singleClaims += claims;
          if ((flags & INVENTORS_UNKNOWN) !== 0) n.inventorsUnknown += 1;
          else {
            for (let q = cInventorsFrom[k]; q < cInventorsTo[k]; q += 1) {
              const key = companyKeys[q];
              if (key >= inventorSeen.length) inventorSeen = grown(inventorSeen, 2 * key + 2);
              if (inventorSeen[key] !== inventorMark) {
                inventorSeen[key] = inventorMark;
                inventors += 1;
              }
            }
          }
        }
        n.shared += claims * (1 / applicants);
        if ((cEvents[k] & 1) !== 0) n.requestedByCutoff += 1;
        if ((cEvents[k] & 2) !== 0) n.registeredByCutoff += 1;
      }
      n.cumApps = cumApps(y);
      n.cumAppsExamBase = cumAppsExamBase(y);
      n.cumExamRequests = cumExamRequests(y);
      n.cumRegistrations = cumRegistrations(y);
      // Requests made in calendar year y, in record order.
      const [rFrom, rTo] = requestedIn.range(y);
      for (let p = rFrom; p < rTo; p += 1) {
        const j = requestedIn.order[p];
        n.examRequests += 1;
        n.requestYears += (qRequest[j] - qFiling[j]) / YEAR;
      }
      n.fyRequests = requestsIn(start, end);
      n.fyRequestsGranted = grantedRequestsIn(start, end);
      n.cumFyRequests = requestsIn(grantBaseStart, end);
      n.cumFyRequestsGranted = grantedRequestsIn(grantBaseStart, end);
      // One pass over the registrations, in record order, for the fiscal year's and the stock.
      for (let j = 0; j < g; j += 1) {
        const registration = gRegistration[j];
        if (registration > end) continue;
        if (registration > start) {
          n.registrations += 1;
          const registeredClaims = gClaims[j];
          if (registeredClaims < 0) n.regClaimsUnknown += 1;
          else n.regClaims += registeredClaims;
          n.grantYears += (registration - gFiling[j]) / YEAR;
          // The stock: a lapse or expiry on the FY-end day counts (the right is gone at the FY end).
          if (gGone[j] > latestFyEnd) n.validByRegYear += 1;
        }
        if (registration >= baseStart) {
          n.cumRegSinceBase += 1;
          if (gGone[j] > end) {
            n.valid += 1;
            n.remaining += (gExpiry[j] - end) / YEAR;
          }
        }
      }
      const claimsOf = (unknown: number, of: number, sum: number): Value =>
        unknown > 0
          ? noValue('#N/A', `claim counts unknown for ${unknown} of ${of} applications (of ${claimsUnknownAll} in all)`)
          : sum;
      const s = new Array<Value>(STAT_FIELDS.length);
      s[F.apps] = n.apps;
      s[F.app_claims] = claimsOf(n.claimsUnknown, n.apps, n.claims);
      s[F.single_apps] = n.single;
      s[F.single_claims] = claimsOf(n.singleClaimsUnknown, n.single, n.singleClaims);
      s[F.inventors] =
        n.inventorsUnknown > 0
          ? noValue(
              '#N/A',
              `inventors not in the source of ${n.inventorsUnknown} of ${n.single} single-applicant applications`,
            )
          : inventors;
      s[F.joint_apps] = n.joint;
      s[F.shared_claims] = n.claimsUnknown > 0 ? claimsOf(n.claimsUnknown, n.apps, n.claims) : n.shared;
      s[F.cum_apps] = n.cumApps;
      s[F.exam_requests] = noRequests ?? n.examRequests;
      s[F.request_years] = noRequests ?? n.requestYears;
      s[F.requested_by_cutoff] = noRequests ?? n.requestedByCutoff;
      s[F.cum_exam_requests] = noRequests ?? n.cumExamRequests;
      s[F.cum_apps_exam_base] = n.cumAppsExamBase;
      s[F.registered_by_cutoff] = noRegistrations ?? n.registeredByCutoff;
      s[F.cum_registrations] = noRegistrations ?? n.cumRegistrations;
      s[F.registrations] = noRegistrations ?? n.registrations;
      s[F.reg_claims] =
        noRegistrations ??
        (n.regClaimsUnknown > 0
          ? noValue('#N/A', `registered claims unknown for ${n.regClaimsUnknown} of ${n.registrations} registrations`)
          : n.regClaims);
      s[F.grant_years] = noRegistrations ?? n.grantYears;
      s[F.fy_exam_requests] = noRequests ?? n.fyRequests;
      s[F.fy_requests_granted] = noRequests ?? noRegistrations ?? n.fyRequestsGranted;
      s[F.cum_fy_requests] = noRequests ?? n.cumFyRequests;
      s[F.cum_fy_requests_granted] = noRequests ?? noRegistrations ?? n.cumFyRequestsGranted;
      s[F.valid_by_reg_year] = stockUnknown ?? n.validByRegYear;
      s[F.valid_patents] = stockUnknown ?? n.valid;
      s[F.cum_reg_since_base] = noRegistrations ?? n.cumRegSinceBase;
      s[F.remaining_life] = stockUnknown ?? n.remaining;
      s[F.est_exam_rate] = estExam;
      s[F.est_reg_rate] = estReg;
      perYear.set(y, s);
    }
    table.set(c.name, perYear);
  }

  return {
    params,
    unmatched,
    value: (company, year, field) =>
      table.get(company)?.get(year)?.[fieldAt(field)] ??
      noValue('#N/A', `no patent statistics for ${company} FY${year}`),
    recordsOf: (company) => {
      const entry = byCompany.get(company) ?? noRecords;
      return Array.from(rowPatent.subarray(entry.offset, entry.offset + entry.size), (p) => records[keptAt[p]]);
    },
    coApplicants: (company, years) => {
      const set = new Set(years);
      const entry = byCompany.get(company) ?? noRecords;
      const counts = new Map<string, number>();
      let joint = 0;
      for (let row = entry.offset; row < entry.offset + entry.size; row += 1) {
        const ns = applicantSets[keptApplicants[rowPatent[row]]].names;
        if (!set.has(facts[row * FACTS + FILING_YEAR]) || ns.length < 2) continue;
        joint += 1;
        for (const n of ns) if (n !== company) counts.set(n, (counts.get(n) ?? 0) + 1);
      }
      return [...counts]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([name, n]) => ({ name, jointApplications: n, share: (n / joint) * 100 }));
    },
  };
}

/**
 * Aggregates the consolidated patent records into per-company, per-year statistics (statFields.ts).
 * Application statistics are by calendar year of filing (年次); registrations, grant rates and the patent
 * stock by the company's fiscal year (年度): dates after the previous FY end up to and including this FY
 * end. Nothing is guessed: a statistic that needs a field some of the company's records lack (claims in a
 * J-PlatPat export, say) is "no value" with the reason.
 */
import type { Universe } from '../universe';
import { addYears } from '../text/dates';
import { type Value, noValue } from '../values';
import type { Consolidation } from './names';
import type { OptionalRecordField, PatentRecord } from './record';
import type { StatField } from './statFields';

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

/** Days since 1970-01-01 of a civil date (proleptic Gregorian), without Date objects. */
function civilDay(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const digits = (s: string, from: number, n: number): number => {
  let v = 0;
  for (let i = from; i < from + n; i += 1) v = v * 10 + s.charCodeAt(i) - 48;
  return v;
};

/** Day number of an ISO date; ISO strings compare as their day numbers do. */
export function isoDay(iso: string): number {
  return civilDay(digits(iso, 0, 4), digits(iso, 5, 2), digits(iso, 8, 2));
}

/** isoDay(addYears(iso, years)), without the string: 29 Feb → 28 Feb in a non-leap target year. */
function dayPlusYears(iso: string, years: number): number {
  const y = digits(iso, 0, 4) + years;
  const m = digits(iso, 5, 2);
  const d = digits(iso, 8, 2);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return civilDay(y, m, m === 2 && d === 29 && !leap ? 28 : d);
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

/** Bits of Facts.flags: what a record's source does not say. */
const CLAIMS_UNKNOWN = 1;
const REGISTERED_CLAIMS_UNKNOWN = 2;
const INVENTORS_UNKNOWN = 4;
const UNKNOWN_FIELD_BITS: readonly [OptionalRecordField, number][] = [
  ['examRequestDate', 8],
  ['registrationDate', 16],
  ['lapseDate', 32],
];
const unknownBit = (field: OptionalRecordField): number => UNKNOWN_FIELD_BITS.find(([f]) => f === field)?.[1] ?? 0;

/** The calendar year of a day number. */
function calendarYear(day: number): number {
  let y = 1970 + Math.floor(day / 365.2425);
  while (civilDay(y, 1, 1) > day) y -= 1;
  while (civilDay(y + 1, 1, 1) <= day) y += 1;
  return y;
}

/**
 * Everything the statistics read of each record (of the universe's companies), read once, in record order, into
 * typed arrays indexed like `patents`: records are read field by field through getters, scattered in memory, and
 * the per-company, per-year work then touches only these. Dates are day numbers, NONE after the cut-off.
 */
interface Facts {
  readonly filing: Int32Array;
  readonly filingYear: Int32Array;
  readonly request: Int32Array;
  /** Calendar year of the request (meaningless where request is NONE). */
  readonly requestYear: Int32Array;
  readonly registration: Int32Array;
  readonly registrationYear: Int32Array;
  readonly expiry: Int32Array;
  /** The day the right is gone: the earlier of a (known) lapse and the expiry. */
  readonly gone: Int32Array;
  /** End of the examination-request window, and of that window plus the examination. */
  readonly requestClosed: Int32Array;
  readonly examinationClosed: Int32Array;
  /** Claims and registered claims, 0 where unknown (the flags say which). */
  readonly claims: Float64Array;
  readonly registeredClaims: Float64Array;
  readonly flags: Uint8Array;
  /** Inventor keys (InventorKeys) of single-applicant patent i: inventors[inventorsFrom[i] … inventorsFrom[i + 1]). */
  readonly inventorsFrom: Int32Array;
  readonly inventors: Int32Array;
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

function recordFacts(
  recs: readonly PatentRecord[],
  filingDates: readonly string[],
  singleApplicant: Uint8Array,
  cutoffDay: number,
  inventorKeys: InventorKeys,
): Facts {
  const n = recs.length;
  let inventors = new Int32Array(Math.max(16, n * 4));
  const f = {
    filing: new Int32Array(n),
    filingYear: new Int32Array(n),
    request: new Int32Array(n),
    requestYear: new Int32Array(n),
    registration: new Int32Array(n),
    registrationYear: new Int32Array(n),
    expiry: new Int32Array(n),
    gone: new Int32Array(n),
    requestClosed: new Int32Array(n),
    examinationClosed: new Int32Array(n),
    claims: new Float64Array(n),
    registeredClaims: new Float64Array(n),
    flags: new Uint8Array(n),
    inventorsFrom: new Int32Array(n + 1),
  };
  const on = (d: string | undefined): number => {
    if (d === undefined) return NONE;
    const day = isoDay(d);
    return day <= cutoffDay ? day : NONE;
  };
  let used = 0;
  for (let i = 0; i < n; i += 1) {
    const r = recs[i];
    const filingDate = filingDates[i];
    f.filing[i] = isoDay(filingDate);
    f.filingYear[i] = yearOf(filingDate);
    const request = on(r.examRequestDate);
    f.request[i] = request;
    if (request !== NONE) f.requestYear[i] = calendarYear(request);
    const registration = on(r.registrationDate);
    f.registration[i] = registration;
    if (registration !== NONE) f.registrationYear[i] = calendarYear(registration);
    const expiryDate = r.expiryDate;
    const expiry = expiryDate !== undefined ? isoDay(expiryDate) : dayPlusYears(filingDate, 20);
    const lapse = on(r.lapseDate);
    f.expiry[i] = expiry;
    f.gone[i] = lapse !== NONE && lapse < expiry ? lapse : expiry;
    const window = requestWindowYears(filingDate);
    f.requestClosed[i] = dayPlusYears(filingDate, window);
    f.examinationClosed[i] = dayPlusYears(filingDate, window + EXAMINATION_YEARS);
    let flags = 0;
    const claims = r.claims;
    if (claims === undefined) flags |= CLAIMS_UNKNOWN;
    else f.claims[i] = claims;
    // Registered claims count only for a registration by the cut-off.
    if (registration !== NONE) {
      const registeredClaims = r.registeredClaims;
      if (registeredClaims === undefined) flags |= REGISTERED_CLAIMS_UNKNOWN;
      else f.registeredClaims[i] = registeredClaims;
    }
    const unknown = r.unknown;
    if (unknown !== undefined) for (const [field, bit] of UNKNOWN_FIELD_BITS) if (unknown.includes(field)) flags |= bit;
    // Inventors count only on single-applicant applications.
    if (singleApplicant[i] === 1) {
      const names = r.inventors;
      if (names === undefined) flags |= INVENTORS_UNKNOWN;
      else {
        if (used + names.length > inventors.length) {
          const grown = new Int32Array(Math.max(inventors.length * 2, used + names.length));
          grown.set(inventors);
          inventors = grown;
        }
        for (const name of names) inventors[used++] = inventorKeys.of(name);
      }
    }
    f.flags[i] = flags;
    f.inventorsFrom[i + 1] = used;
  }
  return { ...f, inventors };
}

/** How many of some per-record years are at most y, for any y: a tally over the years' range, summed up. */
function atMostCounter(years: Int32Array, n: number): (y: number) => number {
  if (n === 0) return () => 0;
  let lo = years[0];
  let hi = years[0];
  for (let i = 1; i < n; i += 1) {
    if (years[i] < lo) lo = years[i];
    if (years[i] > hi) hi = years[i];
  }
  const upTo = new Int32Array(hi - lo + 1);
  for (let i = 0; i < n; i += 1) upTo[years[i] - lo] += 1;
  for (let t = 1; t < upTo.length; t += 1) upTo[t] += upTo[t - 1];
  return (y) => (y < lo ? 0 : upTo[Math.min(y, hi) - lo]);
}

/** How many of some sorted day numbers lie in (after, upTo]. */
function countIn(sorted: Int32Array, after: number, upTo: number): number {
  const upperBound = (day: number): number => {
    let a = 0;
    let b = sorted.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (sorted[mid] <= day) a = mid + 1;
      else b = mid;
    }
    return a;
  };
  return upTo > after ? upperBound(upTo) - upperBound(after) : 0;
}

/**
 * Positions 0 … n−1 grouped by a year each (stable: ascending within a year), so that the positions of any year
 * are at(y) = order[from … to) — the per-year sums then add in record order, as a pass over all records would.
 */
function byYear(year: (k: number) => number, n: number): { order: Int32Array; range(y: number): [number, number] } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < n; k += 1) {
    const y = year(k);
    if (y < lo) lo = y;
    if (y > hi) hi = y;
  }
  const order = new Int32Array(n);
  if (n === 0) return { order, range: () => [0, 0] };
  const start = new Int32Array(hi - lo + 2);
  for (let k = 0; k < n; k += 1) start[year(k) - lo + 1] += 1;
  for (let t = 1; t < start.length; t += 1) start[t] += start[t - 1];
  const next = start.slice();
  for (let k = 0; k < n; k += 1) order[next[year(k) - lo]++] = k;
  return { order, range: (y) => (y < lo || y > hi ? [0, 0] : [start[y - lo], start[y - lo + 1]]) };
}

interface CompanyRecords {
  readonly records: PatentRecord[];
  /** Index of each record among the patents of the universe's companies (for the facts). */
  readonly ids: number[];
  /** The consolidated applicants of each record. */
  readonly names: (readonly string[])[];
}

/** The consolidated applicants of one applicant list, and which of them are the universe's companies. */
interface Applicants {
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
  for (const c of universe.companies.values()) byCompany.set(c.name, { records: [], ids: [], names: [] });
  const patents: PatentRecord[] = [];
  const filingDates: string[] = [];
  const single: number[] = [];
  // Consolidated once per applicant list: importers share one list among the records of an applicant cell
  // (and a single name is looked up by the name, for importers that do not).
  const bySingle = new Map<string, Applicants>();
  const byList = new Map<readonly string[], Applicants>();
  const applicantsOf = (list: readonly string[]): Applicants => {
    let a = list.length === 1 ? bySingle.get(list[0]) : byList.get(list);
    if (a === undefined) {
      const consolidated = list.length === 1 ? [names.nameOf(list[0])] : [...new Set(list.map((x) => names.nameOf(x)))];
      const companies: CompanyRecords[] = [];
      for (const n of consolidated) {
        const entry = byCompany.get(n);
        if (entry !== undefined) companies.push(entry);
      }
      a = { names: consolidated, companies };
      if (list.length === 1) bySingle.set(list[0], a);
      else byList.set(list, a);
    }
    return a;
  };
  for (const r of records) {
    if (r.kind !== 'patent') continue;
    const filingDate = r.filingDate;
    if (filingDate > cutoff) continue;
    const a = applicantsOf(r.applicants);
    if (a.companies.length === 0) continue;
    const id = patents.length;
    patents.push(r);
    filingDates.push(filingDate);
    single.push(a.names.length === 1 ? 1 : 0);
    for (const entry of a.companies) {
      entry.records.push(r);
      entry.ids.push(id);
      entry.names.push(a.names);
    }
  }
  const inventorKeys = new InventorKeys();
  const f = recordFacts(patents, filingDates, Uint8Array.from(single), cutoffDay, inventorKeys);
  // Distinct inventors of a company-year: the mark of the company-year on each inventor key seen in it.
  const inventorSeen = new Int32Array(inventorKeys.size);
  let inventorMark = 0;
  const table = new Map<string, Map<number, Map<StatField, Value>>>();
  const unmatched: string[] = [];
  const noRecords: CompanyRecords = { records: [], ids: [], names: [] };

  for (const c of universe.companies.values()) {
    const entry = byCompany.get(c.name) ?? noRecords;
    const ids = entry.ids;
    const m = ids.length;
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

    // The facts of the company's records, in its own order (k), gathered once.
    const cFilingYear = new Int32Array(m);
    const cClaims = new Float64Array(m);
    const cFlags = new Uint8Array(m);
    const cApplicants = new Int32Array(m);
    // Its requested and registered records, in record order, and the facts the per-year passes read of them.
    const requested: number[] = [];
    const registered: number[] = [];
    let claimsUnknownAll = 0;
    const unknownCount = new Map<number, number>(UNKNOWN_FIELD_BITS.map(([, bit]) => [bit, 0]));
    // Company-level estimated rates over the applications whose windows have closed by the cut-off.
    let closedReq = 0;
    let closedReqHit = 0;
    let closedReg = 0;
    let closedRegHit = 0;
    for (let k = 0; k < m; k += 1) {
      const i = ids[k];
      cFilingYear[k] = f.filingYear[i];
      cClaims[k] = f.claims[i];
      const flags = f.flags[i];
      cFlags[k] = flags;
      cApplicants[k] = entry.names[k].length;
      if ((flags & CLAIMS_UNKNOWN) !== 0) claimsUnknownAll += 1;
      for (const [, bit] of UNKNOWN_FIELD_BITS)
        if ((flags & bit) !== 0) unknownCount.set(bit, unknownCount.get(bit)! + 1);
      if (f.request[i] !== NONE) requested.push(k);
      if (f.registration[i] !== NONE) registered.push(k);
      if (f.requestClosed[i] <= cutoffDay) {
        closedReq += 1;
        if (f.request[i] !== NONE) closedReqHit += 1;
      }
      if (f.examinationClosed[i] <= cutoffDay) {
        closedReg += 1;
        if (f.registration[i] !== NONE) closedRegHit += 1;
      }
    }
    const missing = (field: OptionalRecordField, what: string): Value | undefined => {
      const n = unknownCount.get(unknownBit(field)) ?? 0;
      return n > 0 ? noValue('#N/A', `${what} not in the source of ${n} of ${c.name}'s ${m} applications`) : undefined;
    };
    const noRequests = missing('examRequestDate', 'examination-request dates are');
    const noRegistrations = missing('registrationDate', 'registration dates are');
    const noLapses = missing('lapseDate', 'lapse dates are');
    const stockUnknown = noRegistrations ?? noLapses;
    const rate = (pool: number, hits: number, what: string): Value =>
      pool === 0
        ? noValue('#N/A', `${c.name} has no application whose ${what} window has closed by ${cutoff}`)
        : hits / pool;
    const estExam = noRequests ?? rate(closedReq, closedReqHit, 'request');
    const estReg = noRegistrations ?? rate(closedReg, closedRegHit, 'request and examination');
    const grantBaseStart = isoDay(fyEnd(params.baseYearGrantRate - 1));
    const baseStart = civilDay(params.baseYearApplications, 1, 1);

    // By year of filing: the positions of each year's records.
    const filed = byYear((k) => cFilingYear[k], m);
    // Cumulative counts since a base year, of records filed (and requested or registered) by the end of year y:
    // a record counts from the later of its filing year and its event's year on.
    const cumulative = (base: number, eventYear?: (k: number) => number, withEvent?: readonly number[]) => {
      const ks = withEvent ?? Array.from({ length: m }, (_, k) => k);
      const ys = new Int32Array(ks.length);
      let n = 0;
      for (const k of ks) {
        const filingYear = cFilingYear[k];
        if (filingYear < base) continue;
        ys[n++] = eventYear ? Math.max(filingYear, eventYear(k)) : filingYear;
      }
      return atMostCounter(ys, n);
    };
    const cumApps = cumulative(params.baseYearApplications);
    const cumAppsExamBase = cumulative(params.baseYearExam);
    const cumExamRequests = cumulative(params.baseYearExam, (k) => f.requestYear[ids[k]], requested);
    const cumRegistrations = cumulative(params.baseYearApplications, (k) => f.registrationYear[ids[k]], registered);

    // Requests: by calendar year (positions in `requested`), and their days sorted, of all and of the registered.
    const q = requested.length;
    const qRequest = new Int32Array(q);
    const qRequestYear = new Int32Array(q);
    const qFiling = new Int32Array(q);
    const grantedRequests: number[] = [];
    for (let j = 0; j < q; j += 1) {
      const i = ids[requested[j]];
      qRequest[j] = f.request[i];
      qRequestYear[j] = f.requestYear[i];
      qFiling[j] = f.filing[i];
      if (f.registration[i] !== NONE) grantedRequests.push(f.request[i]);
    }
    const requestedIn = byYear((j) => qRequestYear[j], q);
    const requestDays = qRequest.slice().sort();
    const grantedRequestDays = Int32Array.from(grantedRequests).sort();

    // Registrations, in record order, with what the per-year pass reads of them.
    const g = registered.length;
    const gRegistration = new Int32Array(g);
    const gFiling = new Int32Array(g);
    const gGone = new Int32Array(g);
    const gExpiry = new Int32Array(g);
    /** Registered claims, −1 when unknown. */
    const gClaims = new Float64Array(g);
    for (let j = 0; j < g; j += 1) {
      const i = ids[registered[j]];
      gRegistration[j] = f.registration[i];
      gFiling[j] = f.filing[i];
      gGone[j] = f.gone[i];
      gExpiry[j] = f.expiry[i];
      gClaims[j] = (f.flags[i] & REGISTERED_CLAIMS_UNKNOWN) !== 0 ? -1 : f.registeredClaims[i];
    }

    const perYear = new Map<number, Map<StatField, Value>>();
    for (const y of years) {
      const start = isoDay(fyEnd(y - 1));
      const end = isoDay(fyEnd(y));
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
            const i = ids[k];
            for (let v = f.inventorsFrom[i]; v < f.inventorsFrom[i + 1]; v += 1) {
              const key = f.inventors[v];
              if (inventorSeen[key] !== inventorMark) {
                inventorSeen[key] = inventorMark;
                inventors += 1;
              }
            }
          }
        }
        n.shared += claims * (1 / applicants);
        const i = ids[k];
        if (f.request[i] !== NONE) n.requestedByCutoff += 1;
        if (f.registration[i] !== NONE) n.registeredByCutoff += 1;
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
      n.fyRequests = countIn(requestDays, start, end);
      n.fyRequestsGranted = countIn(grantedRequestDays, start, end);
      n.cumFyRequests = countIn(requestDays, grantBaseStart, end);
      n.cumFyRequestsGranted = countIn(grantedRequestDays, grantBaseStart, end);
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
      const s = new Map<StatField, Value>();
      s.set('apps', n.apps);
      s.set('app_claims', claimsOf(n.claimsUnknown, n.apps, n.claims));
      s.set('single_apps', n.single);
      s.set('single_claims', claimsOf(n.singleClaimsUnknown, n.single, n.singleClaims));
      s.set(
        'inventors',
        n.inventorsUnknown > 0
          ? noValue(
              '#N/A',
              `inventors not in the source of ${n.inventorsUnknown} of ${n.single} single-applicant applications`,
            )
          : inventors,
      );
      s.set('joint_apps', n.joint);
      s.set('shared_claims', n.claimsUnknown > 0 ? claimsOf(n.claimsUnknown, n.apps, n.claims) : n.shared);
      s.set('cum_apps', n.cumApps);
      s.set('exam_requests', noRequests ?? n.examRequests);
      s.set('request_years', noRequests ?? n.requestYears);
      s.set('requested_by_cutoff', noRequests ?? n.requestedByCutoff);
      s.set('cum_exam_requests', noRequests ?? n.cumExamRequests);
      s.set('cum_apps_exam_base', n.cumAppsExamBase);
      s.set('registered_by_cutoff', noRegistrations ?? n.registeredByCutoff);
      s.set('cum_registrations', noRegistrations ?? n.cumRegistrations);
      s.set('registrations', noRegistrations ?? n.registrations);
      s.set(
        'reg_claims',
        noRegistrations ??
          (n.regClaimsUnknown > 0
            ? noValue('#N/A', `registered claims unknown for ${n.regClaimsUnknown} of ${n.registrations} registrations`)
            : n.regClaims),
      );
      s.set('grant_years', noRegistrations ?? n.grantYears);
      s.set('fy_exam_requests', noRequests ?? n.fyRequests);
      s.set('fy_requests_granted', noRequests ?? noRegistrations ?? n.fyRequestsGranted);
      s.set('cum_fy_requests', noRequests ?? n.cumFyRequests);
      s.set('cum_fy_requests_granted', noRequests ?? noRegistrations ?? n.cumFyRequestsGranted);
      s.set('valid_by_reg_year', stockUnknown ?? n.validByRegYear);
      s.set('valid_patents', stockUnknown ?? n.valid);
      s.set('cum_reg_since_base', noRegistrations ?? n.cumRegSinceBase);
      s.set('remaining_life', stockUnknown ?? n.remaining);
      s.set('est_exam_rate', estExam);
      s.set('est_reg_rate', estReg);
      perYear.set(y, s);
    }
    table.set(c.name, perYear);
  }

  return {
    params,
    unmatched,
    value: (company, year, field) =>
      table.get(company)?.get(year)?.get(field) ?? noValue('#N/A', `no patent statistics for ${company} FY${year}`),
    recordsOf: (company) => byCompany.get(company)?.records ?? [],
    coApplicants: (company, years) => {
      const set = new Set(years);
      const entry = byCompany.get(company) ?? noRecords;
      const counts = new Map<string, number>();
      let joint = 0;
      entry.ids.forEach((i, k) => {
        const ns = entry.names[k];
        if (!set.has(f.filingYear[i]) || ns.length < 2) return;
        joint += 1;
        for (const n of ns) if (n !== company) counts.set(n, (counts.get(n) ?? 0) + 1);
      });
      return [...counts]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([name, n]) => ({ name, jointApplications: n, share: (n / joint) * 100 }));
    },
  };
}

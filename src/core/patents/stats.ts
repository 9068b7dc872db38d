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

function unknownIn(recs: readonly PatentRecord[], field: OptionalRecordField): number {
  let n = 0;
  for (const r of recs) if (r.unknown !== undefined && r.unknown.includes(field)) n += 1;
  return n;
}

/**
 * What the per-year loops need of each record, as day numbers in typed arrays (indexed like `records`), computed
 * once: the loops then compare integers instead of ISO strings and never parse a date. Dates after the cut-off
 * are NONE.
 */
interface Facts {
  readonly filing: Int32Array;
  readonly filingYear: Int32Array;
  readonly request: Int32Array;
  readonly registration: Int32Array;
  readonly expiry: Int32Array;
  /** The day the right is gone: the earlier of a (known) lapse and the expiry. */
  readonly gone: Int32Array;
  /** End of the examination-request window, and of that window plus the examination. */
  readonly requestClosed: Int32Array;
  readonly examinationClosed: Int32Array;
}

function recordFacts(recs: readonly PatentRecord[], cutoffDay: number): Facts {
  const n = recs.length;
  const f: Facts = {
    filing: new Int32Array(n),
    filingYear: new Int32Array(n),
    request: new Int32Array(n),
    registration: new Int32Array(n),
    expiry: new Int32Array(n),
    gone: new Int32Array(n),
    requestClosed: new Int32Array(n),
    examinationClosed: new Int32Array(n),
  };
  const on = (d: string | undefined): number => {
    if (d === undefined) return NONE;
    const day = isoDay(d);
    return day <= cutoffDay ? day : NONE;
  };
  for (let i = 0; i < n; i += 1) {
    const r = recs[i];
    f.filing[i] = isoDay(r.filingDate);
    f.filingYear[i] = yearOf(r.filingDate);
    f.request[i] = on(r.examRequestDate);
    f.registration[i] = on(r.registrationDate);
    const expiry = r.expiryDate !== undefined ? isoDay(r.expiryDate) : dayPlusYears(r.filingDate, 20);
    const lapse = on(r.lapseDate);
    f.expiry[i] = expiry;
    f.gone[i] = lapse !== NONE && lapse < expiry ? lapse : expiry;
    const window = requestWindowYears(r.filingDate);
    f.requestClosed[i] = dayPlusYears(r.filingDate, window);
    f.examinationClosed[i] = dayPlusYears(r.filingDate, window + EXAMINATION_YEARS);
  }
  return f;
}

interface CompanyRecords {
  readonly records: PatentRecord[];
  /** Index of each record among the patents of the universe's companies (for the facts). */
  readonly ids: number[];
  /** The consolidated applicants of each record. */
  readonly names: (readonly string[])[];
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
  // Consolidated names once per applicant, and once per applicant list an importer shares among records.
  const single = new Map<string, readonly string[]>();
  const joint = new Map<readonly string[], readonly string[]>();
  const consolidatedOf = (applicants: readonly string[]): readonly string[] => {
    if (applicants.length === 1) {
      let c = single.get(applicants[0]);
      if (c === undefined) {
        c = [names.nameOf(applicants[0])];
        single.set(applicants[0], c);
      }
      return c;
    }
    let c = joint.get(applicants);
    if (c === undefined) {
      c = [...new Set(applicants.map((a) => names.nameOf(a)))];
      joint.set(applicants, c);
    }
    return c;
  };
  for (const r of records) {
    if (r.kind !== 'patent' || r.filingDate > cutoff) continue;
    const consolidated = consolidatedOf(r.applicants);
    let id = -1;
    for (const n of consolidated) {
      const entry = byCompany.get(n);
      if (entry === undefined) continue;
      if (id < 0) {
        id = patents.length;
        patents.push(r);
      }
      entry.records.push(r);
      entry.ids.push(id);
      entry.names.push(consolidated);
    }
  }
  const f = recordFacts(patents, cutoffDay);
  // Inventor names repeat across records and companies: NFKC once per spelling.
  const inventorKeys = new Map<string, string>();
  const inventorKey = (name: string): string => {
    let k = inventorKeys.get(name);
    if (k === undefined) {
      k = foldInventor(name);
      inventorKeys.set(name, k);
    }
    return k;
  };
  const table = new Map<string, Map<number, Map<StatField, Value>>>();
  const unmatched: string[] = [];
  const noRecords: CompanyRecords = { records: [], ids: [], names: [] };

  for (const c of universe.companies.values()) {
    const entry = byCompany.get(c.name) ?? noRecords;
    const recs = entry.records;
    const ids = entry.ids;
    if (recs.length === 0) unmatched.push(c.name);
    const years = universe.industries.get(c.industry)?.years ?? c.years;
    const known = [...c.rows.values()].sort((a, b) => a.fiscalYear - b.fiscalYear);
    const fyEnd = (y: number): string => {
      const row = c.rows.get(y);
      if (row) return row.fyEnd;
      const ref = known[known.length - 1];
      return addYears(ref.fyEnd, y - ref.fiscalYear);
    };
    const latestFyEnd = isoDay(fyEnd(known[known.length - 1].fiscalYear));
    let claimsUnknownAll = 0;
    for (const r of recs) if (r.claims === undefined) claimsUnknownAll += 1;
    const missing = (field: OptionalRecordField, what: string): Value | undefined => {
      const n = unknownIn(recs, field);
      return n > 0
        ? noValue('#N/A', `${what} not in the source of ${n} of ${c.name}'s ${recs.length} applications`)
        : undefined;
    };
    const noRequests = missing('examRequestDate', 'examination-request dates are');
    const noRegistrations = missing('registrationDate', 'registration dates are');
    const noLapses = missing('lapseDate', 'lapse dates are');
    const stockUnknown = noRegistrations ?? noLapses;

    // Company-level estimated rates over the applications whose windows have closed by the cut-off.
    let closedReq = 0;
    let closedReqHit = 0;
    let closedReg = 0;
    let closedRegHit = 0;
    // The company's records of each filing year (positions in recs, in record order).
    const byFilingYear = new Map<number, number[]>();
    // The facts the per-year pass reads, gathered into the company's own order once: that pass runs once per
    // year, and reading the shared arrays through ids (and the records for registered claims) every time
    // costs a cache miss per record and year.
    const m = ids.length;
    const cFilingYear = new Int32Array(m);
    const cFiling = new Int32Array(m);
    const cRequest = new Int32Array(m);
    const cRegistration = new Int32Array(m);
    const cGone = new Int32Array(m);
    const cExpiry = new Int32Array(m);
    /** Registered claims, −1 when unknown. */
    const cRegClaims = new Float64Array(m);
    for (let k = 0; k < m; k += 1) {
      const i = ids[k];
      cFilingYear[k] = f.filingYear[i];
      cFiling[k] = f.filing[i];
      cRequest[k] = f.request[i];
      cRegistration[k] = f.registration[i];
      cGone[k] = f.gone[i];
      cExpiry[k] = f.expiry[i];
      cRegClaims[k] = f.registration[i] === NONE ? 0 : (recs[k].registeredClaims ?? -1);
      if (f.requestClosed[i] <= cutoffDay) {
        closedReq += 1;
        if (f.request[i] !== NONE) closedReqHit += 1;
      }
      if (f.examinationClosed[i] <= cutoffDay) {
        closedReg += 1;
        if (f.registration[i] !== NONE) closedRegHit += 1;
      }
      const y = f.filingYear[i];
      let bucket = byFilingYear.get(y);
      if (!bucket) {
        bucket = [];
        byFilingYear.set(y, bucket);
      }
      bucket.push(k);
    }
    const rate = (pool: number, hits: number, what: string): Value =>
      pool === 0
        ? noValue('#N/A', `${c.name} has no application whose ${what} window has closed by ${cutoff}`)
        : hits / pool;
    const estExam = noRequests ?? rate(closedReq, closedReqHit, 'request');
    const estReg = noRegistrations ?? rate(closedReg, closedRegHit, 'request and examination');
    const grantBaseStart = isoDay(fyEnd(params.baseYearGrantRate - 1));
    const baseStart = civilDay(params.baseYearApplications, 1, 1);

    const perYear = new Map<number, Map<StatField, Value>>();
    for (const y of years) {
      const yearStart = civilDay(y - 1, 12, 31);
      const yearEnd = civilDay(y, 12, 31);
      const start = isoDay(fyEnd(y - 1));
      const end = isoDay(fyEnd(y));
      const n = newCounters();
      const inventors = new Set<string>();
      // The statistics by year of filing: only that year's records.
      for (const k of byFilingYear.get(y) ?? []) {
        const r = recs[k];
        const i = ids[k];
        const applicants = entry.names[k].length;
        n.apps += 1;
        if (r.claims === undefined) n.claimsUnknown += 1;
        else n.claims += r.claims;
        if (applicants > 1) n.joint += 1;
        else {
          n.single += 1;
          if (r.claims === undefined) n.singleClaimsUnknown += 1;
          else n.singleClaims += r.claims;
          if (r.inventors === undefined) n.inventorsUnknown += 1;
          else for (const name of r.inventors) inventors.add(inventorKey(name));
        }
        n.shared += (r.claims ?? 0) * (1 / applicants);
        if (f.request[i] !== NONE) n.requestedByCutoff += 1;
        if (f.registration[i] !== NONE) n.registeredByCutoff += 1;
      }
      // One pass over the company's records, on day numbers only, for the rest.
      for (let k = 0; k < m; k += 1) {
        const filingYear = cFilingYear[k];
        const request = cRequest[k];
        const registration = cRegistration[k];
        if (filingYear >= params.baseYearApplications && filingYear <= y) {
          n.cumApps += 1;
          if (registration !== NONE && registration <= yearEnd) n.cumRegistrations += 1;
        }
        if (filingYear >= params.baseYearExam && filingYear <= y) {
          n.cumAppsExamBase += 1;
          if (request !== NONE && request <= yearEnd) n.cumExamRequests += 1;
        }
        if (request !== NONE) {
          if (request > yearStart && request <= yearEnd) {
            n.examRequests += 1;
            n.requestYears += (request - cFiling[k]) / YEAR;
          }
          if (request > start && request <= end) {
            n.fyRequests += 1;
            if (registration !== NONE) n.fyRequestsGranted += 1;
          }
          if (request > grantBaseStart && request <= end) {
            n.cumFyRequests += 1;
            if (registration !== NONE) n.cumFyRequestsGranted += 1;
          }
        }
        if (registration !== NONE) {
          if (registration > start && registration <= end) {
            n.registrations += 1;
            const registeredClaims = cRegClaims[k];
            if (registeredClaims < 0) n.regClaimsUnknown += 1;
            else n.regClaims += registeredClaims;
            n.grantYears += (registration - cFiling[k]) / YEAR;
            // The stock: a lapse or expiry on the FY-end day counts (the right is gone at the FY end).
            if (cGone[k] > latestFyEnd) n.validByRegYear += 1;
          }
          if (registration >= baseStart && registration <= end) {
            n.cumRegSinceBase += 1;
            if (cGone[k] > end) {
              n.valid += 1;
              n.remaining += (cExpiry[k] - end) / YEAR;
            }
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
          : inventors.size,
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
      entry.records.forEach((r, k) => {
        const ns = entry.names[k];
        if (!set.has(yearOf(r.filingDate)) || ns.length < 2) return;
        joint += 1;
        for (const n of ns) if (n !== company) counts.set(n, (counts.get(n) ?? 0) + 1);
      });
      return [...counts]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([name, n]) => ({ name, jointApplications: n, share: (n / joint) * 100 }));
    },
  };
}

/**
 * Aggregates the consolidated patent records into per-company, per-year statistics (statFields.ts).
 * Application statistics are by calendar year of filing (年次); registrations, grant rates and the patent
 * stock by the company's fiscal year (年度): dates after the previous FY end up to and including this FY
 * end. Nothing is guessed: a statistic that needs a field some of the company's records lack (claims in a
 * J-PlatPat export, say) is "no value" with the reason.
 */
import type { Universe } from '../universe';
import { addYears, daysBetween } from '../text/dates';
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
  /** The company's applications (patents, after consolidation), filed up to the cut-off. */
  recordsOf(company: string): readonly PatentRecord[];
  coApplicants(company: string, years: readonly number[]): CoApplicant[];
  /** Companies of the financials with no patent record at all (a name the records spell differently?). */
  readonly unmatched: readonly string[];
}

const YEAR = 365.25;

/** What the per-year loops need of a record, computed once. Dates after the cut-off are left out. */
interface Facts {
  readonly filingYear: number;
  readonly joint: boolean;
  /** 1 / number of (consolidated) applicants: the record's share of its claims. */
  readonly share: number;
  readonly request?: string;
  readonly registration?: string;
  readonly expiry: string;
  /** The day the right is gone: the earlier of a (known) lapse and the expiry. */
  readonly gone: string;
}

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
const inventorKey = (name: string): string => name.normalize('NFKC').replace(/\s+/g, '');

/** The latest date any record mentions: the default cut-off. */
export function latestDate(records: readonly PatentRecord[]): string {
  let max = '0000-00-00';
  for (const r of records) {
    for (const d of [r.filingDate, r.examRequestDate, r.registrationDate, r.lapseDate]) if (d && d > max) max = d;
  }
  return max;
}

function unknownIn(recs: readonly PatentRecord[], field: OptionalRecordField): number {
  return recs.filter((r) => r.unknown?.includes(field)).length;
}

export function aggregatePatents(
  records: readonly PatentRecord[],
  names: Consolidation,
  universe: Universe,
  params: StatParameters,
): PatentStats {
  const cutoff = params.cutoff;
  const byCompany = new Map<string, PatentRecord[]>();
  const namesOf = new Map<PatentRecord, string[]>();
  for (const r of records) {
    if (r.kind !== 'patent' || r.filingDate > cutoff) continue;
    const consolidated = [...new Set(r.applicants.map((a) => names.nameOf(a)))];
    namesOf.set(r, consolidated);
    for (const n of consolidated) {
      const list = byCompany.get(n) ?? [];
      list.push(r);
      byCompany.set(n, list);
    }
  }
  const on = (d: string | undefined): string | undefined => (d !== undefined && d <= cutoff ? d : undefined);
  // Each record's facts, once: the per-year loops below then only compare and add.
  const facts = new Map<PatentRecord, Facts>();
  for (const [r, ns] of namesOf) {
    const lapse = on(r.lapseDate);
    const expiry = r.expiryDate ?? addYears(r.filingDate, 20);
    facts.set(r, {
      filingYear: yearOf(r.filingDate),
      joint: ns.length > 1,
      share: 1 / ns.length,
      request: on(r.examRequestDate),
      registration: on(r.registrationDate),
      expiry,
      gone: lapse !== undefined && lapse < expiry ? lapse : expiry,
    });
  }
  const table = new Map<string, Map<number, Map<StatField, Value>>>();
  const unmatched: string[] = [];

  for (const c of universe.companies.values()) {
    const recs = byCompany.get(c.name) ?? [];
    if (recs.length === 0) unmatched.push(c.name);
    const years = universe.industries.get(c.industry)?.years ?? c.years;
    const known = [...c.rows.values()].sort((a, b) => a.fiscalYear - b.fiscalYear);
    const fyEnd = (y: number): string => {
      const row = c.rows.get(y);
      if (row) return row.fyEnd;
      const ref = known[known.length - 1];
      return addYears(ref.fyEnd, y - ref.fiscalYear);
    };
    const latestFyEnd = fyEnd(known[known.length - 1].fiscalYear);
    const claimsUnknownAll = recs.filter((r) => r.claims === undefined).length;
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
    const closedReq = recs.filter((r) => addYears(r.filingDate, requestWindowYears(r.filingDate)) <= cutoff);
    const closedReg = recs.filter(
      (r) => addYears(r.filingDate, requestWindowYears(r.filingDate) + EXAMINATION_YEARS) <= cutoff,
    );
    const rate = (pool: PatentRecord[], hit: (r: PatentRecord) => boolean, what: string): Value =>
      pool.length === 0
        ? noValue('#N/A', `${c.name} has no application whose ${what} window has closed by ${cutoff}`)
        : pool.filter(hit).length / pool.length;
    const estExam = noRequests ?? rate(closedReq, (r) => facts.get(r)?.request !== undefined, 'request');
    const estReg =
      noRegistrations ?? rate(closedReg, (r) => facts.get(r)?.registration !== undefined, 'request and examination');
    const grantBaseStart = fyEnd(params.baseYearGrantRate - 1);
    const baseStart = `${params.baseYearApplications}-01-01`;
    const prepared = recs.map((r) => ({ r, f: facts.get(r) as Facts }));

    const perYear = new Map<number, Map<StatField, Value>>();
    for (const y of years) {
      const yearStart = `${y - 1}-12-31`;
      const yearEnd = `${y}-12-31`;
      const start = fyEnd(y - 1);
      const end = fyEnd(y);
      const n = newCounters();
      const inventors = new Set<string>();
      // One pass over the company's records for every statistic of the year.
      for (const { r, f } of prepared) {
        if (f.filingYear === y) {
          n.apps += 1;
          if (r.claims === undefined) n.claimsUnknown += 1;
          else n.claims += r.claims;
          if (f.joint) n.joint += 1;
          else {
            n.single += 1;
            if (r.claims === undefined) n.singleClaimsUnknown += 1;
            else n.singleClaims += r.claims;
            if (r.inventors === undefined) n.inventorsUnknown += 1;
            else for (const name of r.inventors) inventors.add(inventorKey(name));
          }
          n.shared += (r.claims ?? 0) * f.share;
          if (f.request !== undefined) n.requestedByCutoff += 1;
          if (f.registration !== undefined) n.registeredByCutoff += 1;
        }
        if (f.filingYear >= params.baseYearApplications && f.filingYear <= y) {
          n.cumApps += 1;
          if (f.registration !== undefined && f.registration <= yearEnd) n.cumRegistrations += 1;
        }
        if (f.filingYear >= params.baseYearExam && f.filingYear <= y) {
          n.cumAppsExamBase += 1;
          if (f.request !== undefined && f.request <= yearEnd) n.cumExamRequests += 1;
        }
        if (f.request !== undefined) {
          if (f.request > yearStart && f.request <= yearEnd) {
            n.examRequests += 1;
            n.requestYears += daysBetween(r.filingDate, f.request) / YEAR;
          }
          if (f.request > start && f.request <= end) {
            n.fyRequests += 1;
            if (f.registration !== undefined) n.fyRequestsGranted += 1;
          }
          if (f.request > grantBaseStart && f.request <= end) {
            n.cumFyRequests += 1;
            if (f.registration !== undefined) n.cumFyRequestsGranted += 1;
          }
        }
        if (f.registration !== undefined) {
          if (f.registration > start && f.registration <= end) {
            n.registrations += 1;
            if (r.registeredClaims === undefined) n.regClaimsUnknown += 1;
            else n.regClaims += r.registeredClaims;
            n.grantYears += daysBetween(r.filingDate, f.registration) / YEAR;
            // The stock: a lapse or expiry on the FY-end day counts (the right is gone at the FY end).
            if (f.gone > latestFyEnd) n.validByRegYear += 1;
          }
          if (f.registration >= baseStart && f.registration <= end) {
            n.cumRegSinceBase += 1;
            if (f.gone > end) {
              n.valid += 1;
              n.remaining += daysBetween(end, f.expiry) / YEAR;
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
    recordsOf: (company) => byCompany.get(company) ?? [],
    coApplicants: (company, years) => {
      const set = new Set(years);
      const joint = (byCompany.get(company) ?? []).filter(
        (r) => set.has(yearOf(r.filingDate)) && (namesOf.get(r)?.length ?? 1) > 1,
      );
      const counts = new Map<string, number>();
      for (const r of joint)
        for (const n of namesOf.get(r) ?? []) if (n !== company) counts.set(n, (counts.get(n) ?? 0) + 1);
      return [...counts]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([name, n]) => ({ name, jointApplications: n, share: (n / joint.length) * 100 }));
    },
  };
}

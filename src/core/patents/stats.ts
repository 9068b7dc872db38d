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
    const isJoint = (r: PatentRecord): boolean => (namesOf.get(r)?.length ?? 1) > 1;
    const claimsUnknown = recs.filter((r) => r.claims === undefined).length;
    const missing = (field: OptionalRecordField, what: string): Value | undefined => {
      const n = unknownIn(recs, field);
      return n > 0
        ? noValue('#N/A', `${what} not in the source of ${n} of ${c.name}'s ${recs.length} applications`)
        : undefined;
    };
    const noRequests = missing('examRequestDate', 'examination-request dates are');
    const noRegistrations = missing('registrationDate', 'registration dates are');
    const noLapses = missing('lapseDate', 'lapse dates are');

    // Company-level estimated rates over the applications whose windows have closed by the cut-off.
    const closedReq = recs.filter((r) => addYears(r.filingDate, requestWindowYears(r.filingDate)) <= cutoff);
    const closedReg = recs.filter(
      (r) => addYears(r.filingDate, requestWindowYears(r.filingDate) + EXAMINATION_YEARS) <= cutoff,
    );
    const rate = (pool: PatentRecord[], hit: (r: PatentRecord) => boolean, what: string): Value =>
      pool.length === 0
        ? noValue('#N/A', `${c.name} has no application whose ${what} window has closed by ${cutoff}`)
        : pool.filter(hit).length / pool.length;
    const estExam = noRequests ?? rate(closedReq, (r) => on(r.examRequestDate) !== undefined, 'request');
    const estReg =
      noRegistrations ?? rate(closedReg, (r) => on(r.registrationDate) !== undefined, 'request and examination');

    const perYear = new Map<number, Map<StatField, Value>>();
    for (const y of years) {
      const s = new Map<StatField, Value>();
      const filed = recs.filter((r) => yearOf(r.filingDate) === y);
      const single = filed.filter((r) => !isJoint(r));
      const sumClaims = (rs: PatentRecord[]): Value => {
        const unknown = rs.filter((r) => r.claims === undefined).length;
        return unknown > 0
          ? noValue(
              '#N/A',
              `claim counts unknown for ${unknown} of ${rs.length} applications (of ${claimsUnknown} in all)`,
            )
          : rs.reduce((t, r) => t + (r.claims ?? 0), 0);
      };
      s.set('apps', filed.length);
      s.set('app_claims', sumClaims(filed));
      s.set('single_apps', single.length);
      s.set('single_claims', sumClaims(single));
      const noInventors = single.filter((r) => r.inventors === undefined).length;
      s.set(
        'inventors',
        noInventors > 0
          ? noValue(
              '#N/A',
              `inventors not in the source of ${noInventors} of ${single.length} single-applicant applications`,
            )
          : new Set(single.flatMap((r) => (r.inventors ?? []).map(inventorKey))).size,
      );
      s.set('joint_apps', filed.length - single.length);
      const shared = sumClaims(filed);
      s.set(
        'shared_claims',
        typeof shared === 'number'
          ? filed.reduce((t, r) => t + (r.claims ?? 0) / (namesOf.get(r)?.length ?? 1), 0)
          : shared,
      );
      s.set(
        'cum_apps',
        recs.filter((r) => yearOf(r.filingDate) >= params.baseYearApplications && yearOf(r.filingDate) <= y).length,
      );

      const yearEnd = `${y}-12-31`;
      const requestedIn = (from: string, to: string) =>
        recs.filter((r) => {
          const d = on(r.examRequestDate);
          return d !== undefined && d > from && d <= to;
        });
      const reqCal = requestedIn(`${y - 1}-12-31`, yearEnd);
      s.set('exam_requests', noRequests ?? reqCal.length);
      s.set(
        'request_years',
        noRequests ?? reqCal.reduce((t, r) => t + daysBetween(r.filingDate, r.examRequestDate as string) / YEAR, 0),
      );
      s.set('requested_by_cutoff', noRequests ?? filed.filter((r) => on(r.examRequestDate) !== undefined).length);
      const sinceExamBase = recs.filter(
        (r) => yearOf(r.filingDate) >= params.baseYearExam && yearOf(r.filingDate) <= y,
      );
      s.set(
        'cum_exam_requests',
        noRequests ??
          sinceExamBase.filter((r) => {
            const d = on(r.examRequestDate);
            return d !== undefined && d <= yearEnd;
          }).length,
      );
      s.set('cum_apps_exam_base', sinceExamBase.length);
      s.set(
        'registered_by_cutoff',
        noRegistrations ?? filed.filter((r) => on(r.registrationDate) !== undefined).length,
      );
      s.set(
        'cum_registrations',
        noRegistrations ??
          recs.filter((r) => {
            const d = on(r.registrationDate);
            return (
              yearOf(r.filingDate) >= params.baseYearApplications &&
              yearOf(r.filingDate) <= y &&
              d !== undefined &&
              d <= yearEnd
            );
          }).length,
      );

      // Fiscal year y: (previous FY end, this FY end].
      const end = fyEnd(y);
      const start = fyEnd(y - 1);
      const inFy = (d: string | undefined): boolean => d !== undefined && d > start && d <= end && d <= cutoff;
      const regs = recs.filter((r) => inFy(r.registrationDate));
      s.set('registrations', noRegistrations ?? regs.length);
      const regClaimsUnknown = regs.filter((r) => r.registeredClaims === undefined).length;
      s.set(
        'reg_claims',
        noRegistrations ??
          (regClaimsUnknown > 0
            ? noValue('#N/A', `registered claims unknown for ${regClaimsUnknown} of ${regs.length} registrations`)
            : regs.reduce((t, r) => t + (r.registeredClaims ?? 0), 0)),
      );
      s.set(
        'grant_years',
        noRegistrations ?? regs.reduce((t, r) => t + daysBetween(r.filingDate, r.registrationDate as string) / YEAR, 0),
      );
      const fyReq = recs.filter((r) => inFy(r.examRequestDate));
      s.set('fy_exam_requests', noRequests ?? fyReq.length);
      s.set(
        'fy_requests_granted',
        noRequests ?? noRegistrations ?? fyReq.filter((r) => on(r.registrationDate) !== undefined).length,
      );
      const grantBaseStart = fyEnd(params.baseYearGrantRate - 1);
      const cumReq = recs.filter((r) => {
        const d = on(r.examRequestDate);
        return d !== undefined && d > grantBaseStart && d <= end;
      });
      s.set('cum_fy_requests', noRequests ?? cumReq.length);
      s.set(
        'cum_fy_requests_granted',
        noRequests ?? noRegistrations ?? cumReq.filter((r) => on(r.registrationDate) !== undefined).length,
      );

      // The stock: a lapse or expiry on the FY-end day counts (the right is gone at the FY end).
      const expiry = (r: PatentRecord): string => r.expiryDate ?? addYears(r.filingDate, 20);
      const aliveAt = (r: PatentRecord, at: string): boolean =>
        !(on(r.lapseDate) !== undefined && (r.lapseDate as string) <= at) && expiry(r) > at;
      const stockUnknown = noRegistrations ?? noLapses;
      s.set('valid_by_reg_year', stockUnknown ?? regs.filter((r) => aliveAt(r, latestFyEnd)).length);
      const baseStart = `${params.baseYearApplications}-01-01`;
      const registered = recs.filter((r) => {
        const d = on(r.registrationDate);
        return d !== undefined && d >= baseStart && d <= end;
      });
      const valid = registered.filter((r) => aliveAt(r, end));
      s.set('valid_patents', stockUnknown ?? valid.length);
      s.set('cum_reg_since_base', noRegistrations ?? registered.length);
      s.set('remaining_life', stockUnknown ?? valid.reduce((t, r) => t + daysBetween(end, expiry(r)) / YEAR, 0));
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

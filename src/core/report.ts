/** The evaluator's JSON (../shared/spec/inputs.md), built from a company summary. */
import { isNoValue, toJson, type NoValue, type Value } from './values';
import type { CompanySummary } from './summary';

export interface EvaluationJson {
  company: string;
  industry: string;
  parameters: Record<string, unknown>;
  /**
   * Values by year label, or `latest` for Block 3's window indicators: numbers, and text for the indicators whose
   * values are classes (PDI_TYPE, PCPI_TYPE, AVG_PCPI_TYPE).
   */
  indicators: Record<string, Record<string, number | string | null>>;
  star: Record<string, string | null>;
  forecast: Record<string, string | null>;
  /** Tables by ID: rows (PORTFOLIO, PKA, CO_APPLICANTS) or, for PSI, an object of parts. */
  tables: Record<string, unknown>;
  /** Extension: year-on-year ratios (%) of money and count indicators. */
  yoy: Record<string, Record<string, number | null>>;
  /** Extension: why a value is missing, per indicator and year (first reason). */
  no_value: Record<string, Record<string, string>>;
}

function seriesJson(m: ReadonlyMap<number, Value>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [y, v] of m) out[String(y)] = toJson(v);
  return out;
}

function reasons(m: ReadonlyMap<number, Value>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [y, v] of m) if (isNoValue(v)) out[String(y)] = `${v.error} ${v.message}`;
  return out;
}

const textOrNull = (v: string | NoValue): string | null => (typeof v === 'string' ? v : null);

export function buildJson(s: CompanySummary, parameters: Record<string, unknown>): EvaluationJson {
  const indicators: EvaluationJson['indicators'] = {};
  const noValue: EvaluationJson['no_value'] = {};
  for (const [id, m] of s.indicators) {
    indicators[id] = seriesJson(m);
    const r = reasons(m);
    if (Object.keys(r).length) noValue[id] = r;
  }
  const yoy: EvaluationJson['yoy'] = {};
  for (const [id, m] of s.yoy) yoy[id] = seriesJson(m);
  const star: EvaluationJson['star'] = {};
  for (const [id, d] of s.star) star[id] = textOrNull(d.rank);
  const forecast: EvaluationJson['forecast'] = {};
  for (const [id, a] of s.forecast) forecast[id] = textOrNull(a);
  return {
    company: s.company.name,
    industry: s.company.industry,
    parameters: { ...parameters, fiscal_years: s.years, star_window: s.window, peers: s.industry.companies },
    indicators,
    star,
    forecast,
    tables: {},
    yoy,
    no_value: noValue,
  };
}

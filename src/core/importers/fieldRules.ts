/**
 * How a financial field is read from a filing: ordered alternatives ("ways"), each a signed sum of terms, each
 * term the first of several concepts that the filing reports. The same rules give the value and the one-line
 * provenance that says exactly which concepts made it.
 */
import { financialField, FINANCIAL_FIELD_IDS, type FinField } from '../fields';
import type { CompanyYear } from '../inputs';
import type { InputIssue } from '../issues';
import type { Currency } from './types';

export interface Term {
  /** Concepts tried in order; the first one the filing reports is used. */
  readonly concepts: readonly string[];
  readonly sign: 1 | -1;
  /** May be absent (then it counts as zero), provided another term of the same way is present. */
  readonly optional: boolean;
}

export type Way = readonly Term[];

export type FieldRule =
  | { readonly ways: readonly Way[] }
  /** Filings never carry the field: the reason is shown where the value would be. */
  | { readonly never: string };

/** A value the filing reports, in the filing's own unit (yen, dollars, shares, persons). */
export interface Found {
  readonly value: number;
  /** Concept, period or context and filing, e.g. `jppfs_cor:OperatingIncome @ CurrentYearDuration = 20,640,000,000`. */
  readonly where: string;
}

export type Lookup = (concept: string) => Found | undefined;

export const term = (...concepts: string[]): Term => ({ concepts, sign: 1, optional: false });
export const optionalTerm = (...concepts: string[]): Term => ({ concepts, sign: 1, optional: true });
export const minus = (t: Term): Term => ({ ...t, sign: -1 });
/** The first of the concepts that is reported. */
export const first = (...concepts: string[]): FieldRule => ({ ways: [[term(...concepts)]] });
/** The total of the parts that are reported (each part: the first of its concepts); no value when none is. */
export const sumOf = (...parts: string[][]): FieldRule => ({ ways: [parts.map((p) => optionalTerm(...p))] });
export const never = (reason: string): FieldRule => ({ never: reason });

export type FieldRules = Readonly<Record<FinField, FieldRule>>;

interface Resolved {
  readonly value: number;
  readonly parts: readonly { readonly sign: 1 | -1; readonly found: Found }[];
}

function resolveWay(way: Way, lookup: Lookup): Resolved | undefined {
  const parts: { sign: 1 | -1; found: Found }[] = [];
  for (const t of way) {
    const found = t.concepts.map(lookup).find((f) => f !== undefined);
    if (found) parts.push({ sign: t.sign, found });
    else if (!t.optional) return undefined;
  }
  if (parts.length === 0) return undefined;
  return { value: parts.reduce((s, p) => s + p.sign * p.found.value, 0), parts };
}

export function resolveRule(rule: FieldRule, lookup: Lookup): Resolved | undefined {
  if ('never' in rule) return undefined;
  for (const way of rule.ways) {
    const r = resolveWay(way, lookup);
    if (r) return r;
  }
  return undefined;
}

/** The concepts a rule reads, for "looked for …" messages and the currency check. */
export function conceptsOf(rule: FieldRule): string[] {
  if ('never' in rule) return [];
  return [...new Set(rule.ways.flatMap((w) => w.flatMap((t) => t.concepts)))];
}

/** The concepts that give money fields: their facts must be in the filing's currency. */
export function moneyConcepts(rules: FieldRules): Set<string> {
  return new Set(
    FINANCIAL_FIELD_IDS.filter((f) => financialField(f).unit === 'money').flatMap((f) => conceptsOf(rules[f])),
  );
}

/** A concept without the importer's context hint (`…@company`), as the filing names it. */
const plainConcept = (concept: string): string => concept.replace(/@\w+$/, '');

export function groupDigits(n: number): string {
  const [int, frac] = String(Math.abs(n)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

const CURRENCY_WORD: Record<Currency, string> = { JPY: 'yen', USD: 'USD' };

export interface RowSource {
  readonly company: string;
  readonly industry: string;
  readonly fiscalYear: number;
  readonly fyEnd: string;
  readonly file: string;
  readonly currency: Currency;
  readonly moneyUnit: number;
  /** Ends every provenance line: which filing, e.g. `EDINET X99001, consolidated, filed 2025-06-28`. */
  readonly filing: string;
}

function operator(sign: 1 | -1, leading: boolean): string {
  if (sign < 0) return leading ? '− ' : ' − ';
  return leading ? '' : ' + ';
}

const NON_NEGATIVE: ReadonlySet<FinField> = new Set(['employees', 'shares_outstanding', 'share_price', 'total_assets']);

/**
 * One company-year from a filing. Money is divided by the money unit; every value gets its provenance, and every
 * field without a value gets the reason instead (the Inputs sheet shows it as the note of the #N/A cell).
 * Undefined when the filing reports none of the fields for that year.
 */
export function buildFilingRow(
  src: RowSource,
  rules: FieldRules,
  lookup: Lookup,
  issues: InputIssue[],
): CompanyYear | undefined {
  const values: Partial<Record<FinField, number>> = {};
  const provenance: Partial<Record<FinField, string>> = {};
  for (const field of FINANCIAL_FIELD_IDS) {
    const rule = rules[field];
    const r = resolveRule(rule, lookup);
    if (!r) {
      provenance[field] =
        'never' in rule
          ? rule.never
          : `not in the filing (looked for ${[...new Set(conceptsOf(rule).map(plainConcept))].join(', ')})`;
      continue;
    }
    const formula = r.parts.map((p, i) => `${operator(p.sign, i === 0)}${p.found.where}`).join('');
    if (NON_NEGATIVE.has(field) && r.value < 0) {
      issues.push({
        severity: 'error',
        file: src.file,
        column: field,
        message: `${src.company} FY${src.fiscalYear}: ${formula} is negative`,
      });
      continue;
    }
    const money = financialField(field).unit === 'money';
    const scale = src.moneyUnit !== 1 ? ` ÷ ${groupDigits(src.moneyUnit)}` : '';
    values[field] = money ? r.value / src.moneyUnit : r.value;
    const unit = money ? `; ${CURRENCY_WORD[src.currency]}${scale}` : '';
    provenance[field] = `${formula}${unit}; ${src.file}, ${src.filing}`;
  }
  if (Object.keys(values).length === 0) return undefined;
  return {
    company: src.company,
    industry: src.industry,
    fiscalYear: src.fiscalYear,
    fyEnd: src.fyEnd,
    values,
    provenance,
    file: src.file,
    // The filing is one record: its rows have no line of their own. Messages about a value name its concept
    // and context instead, and the provenance says where every number comes from.
    line: 1,
  };
}

/** Days from one ISO date to another. */
export function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

/** A 52/53-week or calendar fiscal year: 364, 365, 366 or 371 days (a start and end date both included). */
export function isAnnualPeriod(start: string, end: string): boolean {
  const days = daysBetween(start, end);
  return days >= 350 && days <= 380;
}

/**
 * Rows from several filings of the same companies, merged: consecutive annual reports overlap (this year's
 * report repeats last year as its comparative), and where they do the later filing's figure wins, field by field,
 * as it may be restated. Then every input no filing gives is listed once, with what it blocks.
 */
import { blockedByField } from '../coverage';
import { financialField, FINANCIAL_FIELD_IDS, type FinField } from '../fields';
import type { CompanyYear } from '../inputs';
import type { InputIssue } from '../issues';
import { groupDigits } from './fieldRules';
import type { Currency, ExtractedFiling, FilingImport } from './types';

function overlay(earlier: CompanyYear, later: CompanyYear, issues: InputIssue[]): CompanyYear {
  const values: Partial<Record<FinField, number>> = { ...earlier.values };
  const provenance: Partial<Record<FinField, string>> = { ...earlier.provenance };
  for (const field of FINANCIAL_FIELD_IDS) {
    const v = later.values[field];
    const why = later.provenance?.[field];
    if (v === undefined) {
      // A later filing without the figure neither erases nor explains away the earlier one.
      if (values[field] === undefined && why !== undefined) provenance[field] = why;
      continue;
    }
    const old = values[field];
    if (old !== undefined && old !== v) {
      issues.push({
        severity: 'warning',
        file: later.file,
        column: field,
        message: `${later.company} FY${later.fiscalYear}: ${field} ${groupDigits(old)} in ${earlier.file} is restated as ${groupDigits(v)} in the later filing ${later.file}, which is used`,
      });
    }
    values[field] = v;
    if (why !== undefined) provenance[field] = why;
  }
  if (earlier.fyEnd !== later.fyEnd) {
    issues.push({
      severity: 'warning',
      file: later.file,
      column: 'fy_end',
      message: `${later.company} FY${later.fiscalYear} ends ${earlier.fyEnd} in ${earlier.file} but ${later.fyEnd} in the later filing ${later.file}, which is used`,
    });
  }
  return { ...later, values, provenance };
}

/** Runs of consecutive years are written as ranges: FY2009–FY2024, FY2019. */
function yearList(years: readonly number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const y of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[1] === y - 1) last[1] = y;
    else runs.push([y, y]);
  }
  return runs.map(([a, b]) => (a === b ? `FY${a}` : `FY${a}–FY${b}`)).join(', ');
}

/**
 * One warning per company, field and reason, naming the years and the indicators the gap blocks; it is filed
 * under the file of the latest of those years.
 */
export function missingInputWarnings(rows: readonly CompanyYear[]): InputIssue[] {
  const groups = new Map<string, { row: CompanyYear; field: FinField; reason: string; years: number[] }>();
  for (const row of rows) {
    for (const field of FINANCIAL_FIELD_IDS) {
      if (row.values[field] !== undefined) continue;
      const reason = row.provenance?.[field] ?? 'not in the filing';
      const key = [row.company, field, reason].join('\u0000');
      const g = groups.get(key) ?? { row, field, reason, years: [] };
      g.years.push(row.fiscalYear);
      if (row.fiscalYear > g.row.fiscalYear) g.row = row;
      groups.set(key, g);
    }
  }
  return [...groups.values()].map(({ row, field, reason, years }) => {
    const blocked = blockedByField(field);
    return {
      severity: 'warning',
      file: row.file,
      column: field,
      message:
        `${row.company}, ${yearList(years)}: ${field} (${financialField(field).ja}) is not known: ${reason}. ` +
        `${blocked.length ? `It blocks ${blocked.join(', ')}` : 'It blocks nothing in the catalog'}; type it on the Inputs sheet, where it is #N/A`,
    };
  });
}

/**
 * The rows of several filing files as one source: merged where company-years overlap, in one currency, with
 * the missing inputs listed. Any error leaves no rows at all, so nothing is evaluated from half the filings.
 */
export function finishImport(extracted: readonly ExtractedFiling[]): FilingImport {
  const issues = extracted.flatMap((e) => e.issues);
  if (issues.some((i) => i.severity === 'error')) return { rows: [], issues };
  const byCurrency = new Map<Currency, string[]>();
  for (const e of extracted) {
    if (e.currency) byCurrency.set(e.currency, [...(byCurrency.get(e.currency) ?? []), e.file]);
  }
  if (byCurrency.size > 1) {
    const list = [...byCurrency].map(([c, files]) => `${c}: ${files.join(', ')}`).join('; ');
    issues.push({
      severity: 'error',
      file: extracted[extracted.length - 1].file,
      message: `the filings are in different currencies (${list}); money must be in one unit throughout: evaluate them in separate runs`,
    });
    return { rows: [], issues };
  }
  // Oldest filing first, so that each later one overlays it.
  const ordered = [...extracted].sort((a, b) => a.filed.localeCompare(b.filed) || a.file.localeCompare(b.file));
  const merged = new Map<string, CompanyYear>();
  for (const e of ordered) {
    for (const row of e.rows) {
      const key = `${row.company}\u0000${row.fiscalYear}`;
      const earlier = merged.get(key);
      merged.set(key, earlier ? overlay(earlier, row, issues) : row);
    }
  }
  const rows = [...merged.values()].sort((a, b) => a.company.localeCompare(b.company) || a.fiscalYear - b.fiscalYear);
  issues.push(...missingInputWarnings(rows));
  return { rows, issues, currency: [...byCurrency.keys()][0] };
}

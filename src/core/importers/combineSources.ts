/**
 * financials.csv and rows read elsewhere (imported from filings) as one set of company-years. The two sources
 * must not both give the same company-year, nor put a company in two industries: either would leave it to chance
 * which figures are evaluated, so both are errors naming the two sources.
 */
import type { CompanyYear, ReadResult } from '../inputs';
import type { InputIssue } from '../issues';

function where(row: CompanyYear): string {
  return row.provenance ? row.file : `${row.file} row ${row.line}`;
}

export function combineFinancialRows(
  csv: ReadResult<CompanyYear> | undefined,
  extra: ReadResult<CompanyYear> | undefined,
): ReadResult<CompanyYear> {
  if (!csv && !extra) {
    return {
      rows: [],
      issues: [{ severity: 'error', file: '(none)', message: 'no financial inputs: give financials.csv or filings' }],
    };
  }
  if (!csv || !extra) return (csv ?? extra) as ReadResult<CompanyYear>;
  const issues: InputIssue[] = [...csv.issues, ...extra.issues];
  const csvRows = new Map(csv.rows.map((r) => [`${r.company}\u0000${r.fiscalYear}`, r]));
  const csvIndustry = new Map(csv.rows.map((r) => [r.company, r]));
  const rows = [...csv.rows];
  for (const r of extra.rows) {
    const twin = csvRows.get(`${r.company}\u0000${r.fiscalYear}`);
    if (twin) {
      issues.push({
        severity: 'error',
        file: r.file,
        column: 'fiscal_year',
        message: `${r.company} FY${r.fiscalYear} is both in ${where(twin)} and in ${where(r)}: keep it in one source only`,
      });
      continue;
    }
    const other = csvIndustry.get(r.company);
    if (other && other.industry !== r.industry) {
      issues.push({
        severity: 'error',
        file: r.file,
        column: 'industry',
        message: `${r.company} is in industry "${other.industry}" in ${where(other)} but "${r.industry}" for ${where(r)}`,
      });
      continue;
    }
    rows.push(r);
  }
  return { rows, issues };
}

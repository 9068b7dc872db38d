/**
 * financials.csv and market.csv (../shared/spec/inputs.md), validated. Errors name the file, row and
 * column; warnings say what is used in a reduced way and what that blocks.
 */
import { parseCsv, CsvSyntaxError, type CsvRecord } from './csv';
import { FINANCIAL_FIELD_IDS, MARKET_FIELD_IDS, type FinField, type MarketField } from './fields';
import type { InputIssue } from './issues';
import { normaliseHeader, parseInteger, parseIsoDate, parseNumber } from './parse';

export interface CompanyYear {
  readonly company: string;
  readonly industry: string;
  readonly fiscalYear: number;
  readonly fyEnd: string;
  readonly values: Partial<Record<FinField, number>>;
  /**
   * Rows imported from filings: per field, a one-line description of where the value comes from (element and
   * context, or tag, form, filing date and accession), or why there is none. The Inputs sheet shows it as a note.
   */
  readonly provenance?: Partial<Record<FinField, string>>;
  /** Where the row came from, for messages and audit. */
  readonly file: string;
  readonly line: number;
}

export interface MarketYear {
  readonly fiscalYear: number;
  readonly values: Partial<Record<MarketField, number>>;
  readonly file: string;
  readonly line: number;
}

export interface ReadResult<T> {
  readonly rows: T[];
  readonly issues: InputIssue[];
}

const FIN_KEYS = ['company', 'industry', 'fiscal_year', 'fy_end'] as const;
const NON_NEGATIVE: ReadonlySet<FinField> = new Set(['employees', 'shares_outstanding', 'share_price', 'total_assets']);

interface Header {
  readonly index: Map<string, number>;
  readonly issues: InputIssue[];
}

function readHeader(
  rec: CsvRecord,
  file: string,
  required: readonly string[],
  optional: readonly string[],
  consequence: (col: string) => string,
): Header {
  const index = new Map<string, number>();
  const issues: InputIssue[] = [];
  rec.cells.forEach((raw, i) => {
    const name = normaliseHeader(raw);
    if (name === '') {
      issues.push({
        severity: 'warning',
        file,
        line: rec.line,
        column: `#${i + 1}`,
        message: 'column without a name: ignored',
      });
      return;
    }
    if (index.has(name)) {
      issues.push({
        severity: 'error',
        file,
        line: rec.line,
        column: name,
        message: 'column appears twice in the header',
      });
      return;
    }
    index.set(name, i);
    if (!required.includes(name) && !optional.includes(name)) {
      issues.push({ severity: 'warning', file, line: rec.line, column: name, message: 'unknown column: ignored' });
    }
  });
  for (const col of required) {
    if (!index.has(col)) {
      issues.push({
        severity: 'error',
        file,
        line: rec.line,
        column: col,
        message: 'required column is missing from the header',
      });
    }
  }
  for (const col of optional) {
    if (!index.has(col)) {
      issues.push({
        severity: 'warning',
        file,
        line: rec.line,
        column: col,
        message: `column is absent: not known for every row; ${consequence(col)}`,
      });
    }
  }
  return { index, issues };
}

function parseOrIssue(text: string, file: string): { records: CsvRecord[]; issues: InputIssue[] } {
  try {
    return { records: parseCsv(text, file), issues: [] };
  } catch (e) {
    if (e instanceof CsvSyntaxError) {
      return {
        records: [],
        issues: [
          { severity: 'error', file, line: e.line, message: e.message.replace(`${file}, line ${e.line}: `, '') },
        ],
      };
    }
    throw e;
  }
}

function cellAt(rec: CsvRecord, header: Header, col: string): string {
  const i = header.index.get(col);
  return i === undefined ? '' : (rec.cells[i] ?? '');
}

function checkWidth(rec: CsvRecord, width: number, file: string, issues: InputIssue[]): boolean {
  if (rec.cells.length === width) return true;
  issues.push({
    severity: 'error',
    file,
    line: rec.line,
    message: `row has ${rec.cells.length} cells but the header has ${width}: row rejected`,
  });
  return false;
}

/**
 * @param blockedBy tells, for a financial field, which indicators cannot be computed without it (for messages).
 */
export function readFinancials(
  text: string,
  file: string,
  blockedBy: (field: FinField) => readonly string[] = () => [],
): ReadResult<CompanyYear> {
  const { records, issues } = parseOrIssue(text, file);
  if (records.length === 0) {
    if (issues.length === 0)
      issues.push({ severity: 'error', file, message: 'the file is empty: a header row is required' });
    return { rows: [], issues };
  }
  const header = readHeader(records[0], file, FIN_KEYS, FINANCIAL_FIELD_IDS, (col) => {
    const blocked = blockedBy(col as FinField);
    return blocked.length ? `blocks ${blocked.join(', ')}` : 'blocks nothing in the catalog';
  });
  issues.push(...header.issues);
  if (header.issues.some((i) => i.severity === 'error')) return { rows: [], issues };

  const rows: CompanyYear[] = [];
  const seen = new Map<string, number>();
  const industryOf = new Map<string, { industry: string; line: number }>();
  for (const rec of records.slice(1)) {
    if (!checkWidth(rec, records[0].cells.length, file, issues)) continue;
    const err = (column: string, message: string): void => {
      issues.push({ severity: 'error', file, line: rec.line, column, message });
    };
    const company = cellAt(rec, header, 'company').trim();
    const industry = cellAt(rec, header, 'industry').trim();
    const fyRaw = cellAt(rec, header, 'fiscal_year');
    const fiscalYear = parseInteger(fyRaw);
    const fyEndRaw = cellAt(rec, header, 'fy_end');
    const fyEnd = parseIsoDate(fyEndRaw);
    let ok = true;
    const reject = (column: string, message: string): void => {
      err(column, message);
      ok = false;
    };
    if (company === '') reject('company', 'company is empty: row rejected');
    if (industry === '') reject('industry', 'industry is empty: row rejected');
    if (fiscalYear === null) reject('fiscal_year', `${JSON.stringify(fyRaw)} is not an integer year: row rejected`);
    if (fyEnd === null) reject('fy_end', `${JSON.stringify(fyEndRaw)} is not a date YYYY-MM-DD: row rejected`);
    const values: Partial<Record<FinField, number>> = {};
    for (const field of FINANCIAL_FIELD_IDS) {
      if (!header.index.has(field)) continue;
      const raw = cellAt(rec, header, field);
      const n = parseNumber(raw);
      if (n === null) reject(field, `${JSON.stringify(raw)} is not a number: row rejected`);
      else if (n !== undefined && n < 0 && NON_NEGATIVE.has(field)) reject(field, `${n} is negative: row rejected`);
      else if (n !== undefined) values[field] = n;
    }
    if (!ok || fiscalYear === null || fyEnd === null) continue;

    const key = `${company}\u0000${fiscalYear}`;
    const first = seen.get(key);
    if (first !== undefined) {
      err('fiscal_year', `${company} FY${fiscalYear} already appears on row ${first}: duplicate rejected`);
      continue;
    }
    seen.set(key, rec.line);
    const known = industryOf.get(company);
    if (known && known.industry !== industry) {
      err(
        'industry',
        `${company} is in industry "${known.industry}" on row ${known.line} but "${industry}" here: row rejected`,
      );
      continue;
    }
    if (!known) industryOf.set(company, { industry, line: rec.line });
    const endYear = Number(fyEnd.slice(0, 4));
    if (endYear !== fiscalYear && endYear !== fiscalYear + 1) {
      issues.push({
        severity: 'warning',
        file,
        line: rec.line,
        column: 'fy_end',
        message: `fy_end ${fyEnd} is neither in ${fiscalYear} nor in ${fiscalYear + 1}: check the fiscal_year convention`,
      });
    }
    rows.push({ company, industry, fiscalYear, fyEnd, values, file, line: rec.line });
  }
  if (rows.length === 0 && !issues.some((i) => i.severity === 'error')) {
    issues.push({ severity: 'error', file, message: 'no data rows' });
  }
  return { rows, issues };
}

export function readMarket(text: string, file: string): ReadResult<MarketYear> {
  const { records, issues } = parseOrIssue(text, file);
  if (records.length === 0) {
    if (issues.length === 0)
      issues.push({ severity: 'error', file, message: 'the file is empty: a header row is required' });
    return { rows: [], issues };
  }
  const header = readHeader(
    records[0],
    file,
    ['fiscal_year'],
    MARKET_FIELD_IDS,
    () => 'blocks EOIA, ROIA, EXEOIA, IAEE where it is used',
  );
  issues.push(...header.issues);
  if (header.issues.some((i) => i.severity === 'error')) return { rows: [], issues };
  const rows: MarketYear[] = [];
  const seen = new Map<number, number>();
  for (const rec of records.slice(1)) {
    if (!checkWidth(rec, records[0].cells.length, file, issues)) continue;
    const fyRaw = cellAt(rec, header, 'fiscal_year');
    const fiscalYear = parseInteger(fyRaw);
    let ok = true;
    if (fiscalYear === null) {
      issues.push({
        severity: 'error',
        file,
        line: rec.line,
        column: 'fiscal_year',
        message: `${JSON.stringify(fyRaw)} is not an integer year: row rejected`,
      });
      ok = false;
    }
    const values: Partial<Record<MarketField, number>> = {};
    for (const field of MARKET_FIELD_IDS) {
      if (!header.index.has(field)) continue;
      const raw = cellAt(rec, header, field);
      const n = parseNumber(raw);
      if (n === null) {
        issues.push({
          severity: 'error',
          file,
          line: rec.line,
          column: field,
          message: `${JSON.stringify(raw)} is not a number`,
        });
        ok = false;
      } else if (n !== undefined && Math.abs(n) >= 1) {
        issues.push({
          severity: 'error',
          file,
          line: rec.line,
          column: field,
          message: `${n} is not a rate as a fraction (write 0.015 for 1.5%)`,
        });
        ok = false;
      } else if (n !== undefined) values[field] = n;
    }
    if (!ok || fiscalYear === null) continue;
    const first = seen.get(fiscalYear);
    if (first !== undefined) {
      issues.push({
        severity: 'error',
        file,
        line: rec.line,
        column: 'fiscal_year',
        message: `FY${fiscalYear} already appears on row ${first}: duplicate rejected`,
      });
      continue;
    }
    seen.set(fiscalYear, rec.line);
    rows.push({ fiscalYear, values, file, line: rec.line });
  }
  return { rows, issues };
}

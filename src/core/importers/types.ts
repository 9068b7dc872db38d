/** What the filing importers (EDINET XBRL, SEC EDGAR company facts) take and give. */
import type { CompanyYear, ReadResult } from '../inputs';
import type { InputIssue } from '../issues';

/** The currencies whose filings are imported; money is kept in the filing's currency, scaled by the money unit. */
export type Currency = 'JPY' | 'USD';

export interface ImportOptions {
  /** The IPB industry of the imported companies: filings carry no industry code usable as one. */
  readonly industry: string;
  /** Currency base units per money unit of the workbook (1,000,000 = JPY or USD million, the default). */
  readonly moneyUnit?: number;
  /** EDINET: consolidated statements (the default) or the reporting company's own (non-consolidated). */
  readonly consolidated?: boolean;
}

/** The rows of one or more filings, their currency, and every problem found. */
export interface FilingImport extends ReadResult<CompanyYear> {
  /** Undefined when nothing usable was read (then `issues` has an error). */
  readonly currency?: Currency;
}

/** One filing file read, before the rows of several files are merged and the missing inputs are listed. */
export interface ExtractedFiling {
  readonly file: string;
  readonly rows: CompanyYear[];
  readonly issues: InputIssue[];
  readonly currency?: Currency;
  /** Date of the latest filing the rows come from (YYYY-MM-DD): later filings win where years overlap. */
  readonly filed: string;
}

export function filingError(file: string, message: string): InputIssue {
  return { severity: 'error', file, message };
}

export function failedExtraction(file: string, message: string): ExtractedFiling {
  return { file, rows: [], issues: [filingError(file, message)], filed: '' };
}

/**
 * One record per application: its publication, examination request and registration merged (the canonical
 * patents.csv of ../shared/spec/inputs.md). Every importer produces these; everything downstream reads them.
 */
export type PatentKind = 'patent' | 'utility';

export interface SourceRef {
  readonly file: string;
  /** 1-based line (CSV/TSV) or 1-based document index (JSON). */
  readonly line: number;
}

export interface PatentRecord {
  /** The key: unique per application, normalised (see normaliseApplicationNumber). */
  readonly applicationNumber: string;
  readonly publicationNumber?: string;
  /** ISO YYYY-MM-DD. */
  readonly filingDate: string;
  /** As written in the source, first = main applicant; consolidation happens later (names.ts). */
  readonly applicants: readonly string[];
  /** undefined: the source does not say; []: it says there are none. */
  readonly inventors?: readonly string[];
  /** IPC codes as written, e.g. "G06F 17/60"; the subclass is the first 4 characters after normalisation. */
  readonly ipc: readonly string[];
  readonly claims?: number;
  readonly examRequestDate?: string;
  readonly registrationDate?: string;
  readonly registrationNumber?: string;
  readonly registeredClaims?: number;
  readonly lapseDate?: string;
  /** Scheduled expiry; undefined = filing date + 20 years. */
  readonly expiryDate?: string;
  readonly kind: PatentKind;
  readonly title?: string;
  readonly abstract?: string;
  readonly claimsText?: string;
  /** Every source row that contributed to this record. */
  readonly sources: readonly SourceRef[];
  /** Fields the record's sources do not carry, so that their absence means "unknown", not "none". */
  readonly unknown?: readonly OptionalRecordField[];
}

/** Record fields a source format may lack; each blocks some indicators (see block2 coverage). */
export const OPTIONAL_RECORD_FIELDS = [
  'publicationNumber',
  'inventors',
  'ipc',
  'claims',
  'examRequestDate',
  'registrationDate',
  'registrationNumber',
  'registeredClaims',
  'lapseDate',
  'expiryDate',
  'title',
  'abstract',
  'claimsText',
] as const;
export type OptionalRecordField = (typeof OPTIONAL_RECORD_FIELDS)[number];

export interface Rejection {
  readonly file: string;
  readonly line: number;
  /** The source column or JSON field at fault, as the source names it. */
  readonly field?: string;
  readonly reason: string;
}

export interface ImportResult {
  readonly format: PatentFormat;
  readonly file: string;
  /** Data rows (or documents) read from the source. */
  readonly rowsRead: number;
  readonly records: PatentRecord[];
  /** Every row that did not become (part of) a record, with the reason. */
  readonly rejected: Rejection[];
  /** Fields this source does not carry at all. */
  readonly lacks: readonly OptionalRecordField[];
  /** Non-fatal observations (an unknown column, a date style assumed), with where. */
  readonly notes: readonly Rejection[];
}

export type PatentFormat = 'canonical' | 'jplatpat' | 'lens' | 'patentsview' | 'uspto-ppubs';

/** Cooperative cancel: the importer checks it between chunks. */
export interface CancelToken {
  readonly cancelled: boolean;
}

export interface ImportOptions {
  readonly file: string;
  /** Keep title/abstract/claims text (Block 3 needs them; statistics do not). Default true. */
  readonly keepText?: boolean;
  /** Called with the number of characters consumed so far. */
  readonly onProgress?: (chars: number) => void;
  readonly cancel?: CancelToken;
}

export class ImportCancelled extends Error {
  constructor(readonly file: string) {
    super(`${file}: import cancelled`);
    this.name = 'ImportCancelled';
  }
}

/** An importer reads decoded text chunks (any size) and returns its records, rejections and gaps. */
export type PatentImporter = (
  chunks: AsyncIterable<string> | Iterable<string>,
  opts: ImportOptions,
) => Promise<ImportResult>;

/**
 * Application numbers as a stable key across sources: NFKC (full-width → ASCII), no spaces, upper case.
 * "特願２０２１－１０００９３" and "特願2021-100093" are one application.
 */
export function normaliseApplicationNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** The IPC subclass (e.g. "G06F") of a code as written ("G06F 17/60", "g06f17/60", "Ｇ０６Ｆ"), or undefined. */
export function ipcSubclass(code: string): string | undefined {
  const m = /^([A-H])(\d{2})([A-Z])/.exec(code.normalize('NFKC').replace(/\s+/g, '').toUpperCase());
  return m ? `${m[1]}${m[2]}${m[3]}` : undefined;
}

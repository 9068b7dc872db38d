/**
 * One record per application: its publication, examination request and registration merged (the canonical
 * patents.csv of ../shared/spec/inputs.md). Every importer produces these; everything downstream reads them.
 */
import { jpApplicationKey, usApplicationKey } from './appNumbers';

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

/**
 * Every field of r in a plain object. Records may be views whose fields are getters (recordStore.ts), which an
 * object spread does not copy: a copy to be changed is made here.
 */
export function plainRecord(r: PatentRecord): PatentRecord {
  return {
    applicationNumber: r.applicationNumber,
    publicationNumber: r.publicationNumber,
    filingDate: r.filingDate,
    applicants: r.applicants,
    inventors: r.inventors,
    ipc: r.ipc,
    claims: r.claims,
    examRequestDate: r.examRequestDate,
    registrationDate: r.registrationDate,
    registrationNumber: r.registrationNumber,
    registeredClaims: r.registeredClaims,
    lapseDate: r.lapseDate,
    expiryDate: r.expiryDate,
    kind: r.kind,
    title: r.title,
    abstract: r.abstract,
    claimsText: r.claimsText,
    sources: r.sources,
    unknown: r.unknown,
  };
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
  /** True when no two records share an application number (the importer rejects duplicates): nothing to merge. */
  readonly uniqueApplications?: boolean;
}

export type PatentFormat = 'canonical' | 'jplatpat' | 'lens' | 'patentsview' | 'uspto-ppubs';

/** Cooperative cancel: the importer checks it between chunks. */
export interface CancelToken {
  readonly cancelled: boolean;
}

export interface ImportOptions {
  readonly file: string;
  /**
   * Keep title/abstract/claims text (keyword indicators need them; statistics do not). 'title': only the title
   * (the Patents sheet writes it); importers that read whole documents anyway may keep more. Default true.
   */
  readonly keepText?: boolean | 'title';
  /** Called with the number of characters consumed so far. */
  readonly onProgress?: (chars: number) => void;
  readonly cancel?: CancelToken;
  /**
   * The bytes the import will read, when known (a file's or a part's size): an importer that stores records
   * in columns sizes them once for it, instead of growing them step by step.
   */
  readonly expectedBytes?: number;
  /**
   * Number the records' inventors as the import ends, on the import's own thread (RecordStore.indexInventors),
   * for Block 2's count of distinct inventors. Default true; false for a caller that computes no Block 2 (the
   * portfolio benchmark), whose import would only take longer.
   */
  readonly indexInventors?: boolean;
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

/** What a source knows about its application numbers beyond the text. */
export interface ApplicationNumberHints {
  /** The office of a number that does not name it: ppubs and PatentsView write "17/848319" for US numbers. */
  readonly office?: 'US';
  /** A US serial's series code given apart (PatentsView's series_code). */
  readonly seriesCode?: string;
  /** The record's kind, from a column of the source: a bare "JP2002-002636" of a utility model is JPU…. */
  readonly kind?: PatentKind;
}

export interface ApplicationKey {
  readonly key: string;
  /** false: a form normaliseApplicationNumber does not know, kept as written (merges only with the same spelling). */
  readonly recognised: boolean;
}

/**
 * The key of "JP2004-000001" or "JP2004000001", the form of most canonical files, without NFKC or regular
 * expressions (a million rows call this); undefined for any other form, which jpApplicationKey reads.
 */
function plainJpKey(raw: string, utility: boolean): string | undefined {
  const n = raw.length;
  if (n !== 12 && n !== 13) return undefined;
  if (raw.charCodeAt(0) !== 74 || raw.charCodeAt(1) !== 80) return undefined; // "JP"
  const dash = n === 13;
  if (dash && raw.charCodeAt(6) !== 45) return undefined;
  for (let i = 2; i < n; i += 1) {
    const c = raw.charCodeAt(i);
    if ((c < 48 || c > 57) && !(dash && i === 6)) return undefined;
  }
  const century = raw.charCodeAt(2) * 10 + raw.charCodeAt(3) - 528; // 48 * 11
  if (century !== 19 && century !== 20) return undefined;
  return `${utility ? 'JPU' : 'JP'}${raw.slice(2, 6)}${raw.slice(dash ? 7 : 6)}`;
}

/**
 * The key of an application number (see normaliseApplicationNumber), and whether its form was recognised.
 * Never throws; non-empty input never gives an empty key.
 */
export function applicationKey(raw: string, hints: ApplicationNumberHints = {}): ApplicationKey {
  if (hints.office !== 'US') {
    const plain = plainJpKey(raw, hints.kind === 'utility');
    if (plain !== undefined) return { key: plain, recognised: true };
  }
  const s = raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (s === '') return { key: raw, recognised: false };
  if (hints.office !== 'US') {
    const jp = jpApplicationKey(s, hints.kind === 'utility');
    if (jp) return { key: jp, recognised: true };
  }
  if (hints.office === 'US' || s.startsWith('US') || /^\d{2}\/\d{3},?\d{3}$/.test(s)) {
    const us = usApplicationKey(s, hints.seriesCode);
    if (us) return { key: us, recognised: true };
  }
  const office = hints.office && !s.startsWith(hints.office) ? hints.office : '';
  return { key: `${office}${s}`, recognised: false };
}

/**
 * Application numbers as one key per application across sources and spellings (appNumbers.ts has the forms):
 * - Japanese patent applications: "JP" + 4-digit year + 6-digit serial, e.g. JP2018174321 from 特願2018-174321,
 *   特願2018－１７４３２１, "JP 2018174321 A" (Lens), JP2018-174321 or JP2018174321; era years converted
 *   (特願平11-123456 → JP1999123456: 令和 R n = 2018 + n, 平成 H n = 1988 + n, 昭和 S n = 1925 + n).
 * - Japanese utility models: "JPU" + year + serial (実願2002-002636, "JP 2002002636 U" → JPU2002002636), so that
 *   they never collide with the patent application of the same number.
 * - US applications: "US" + 2-digit series code + 6-digit serial (usApplicationKey), e.g. US13657122 from
 *   "13/657,122", "US 13/657,122", ppubs's "13/657122" and Lens's "US 201213657122 A"; Lens's older
 *   "US 17439471 A" (serial 174394 filed in '71) → US05174394.
 * - Anything else (other offices, unknown forms): NFKC (full-width → ASCII), no spaces, upper case, as written
 *   ("EP 18195123 A" → EP18195123A), with the hinted office in front when the number does not start with it.
 */
export function normaliseApplicationNumber(raw: string, hints: ApplicationNumberHints = {}): string {
  return applicationKey(raw, hints).key;
}

/** The IPC subclass (e.g. "G06F") of a code as written ("G06F 17/60", "g06f17/60", "Ｇ０６Ｆ"), or undefined. */
export function ipcSubclass(code: string): string | undefined {
  const m = /^([A-H])(\d{2})([A-Z])/.exec(code.normalize('NFKC').replace(/\s+/g, '').toUpperCase());
  return m ? `${m[1]}${m[2]}${m[3]}` : undefined;
}

/**
 * The canonical patents.csv of ../shared/spec/inputs.md: one row per application, `;`-separated lists,
 * ISO dates. Being our own contract it is read strictly: a duplicate application number, a date that is not
 * YYYY-MM-DD, a registration before the filing, a negative claim count — each row is rejected with its
 * line and column, and the rest of the file is kept. application_number may be written in any form
 * normaliseApplicationNumber knows (特願2021-100093, JP2021-100093, US 13/657,122 …): two spellings of one
 * application are a duplicate; kind = utility puts a bare "JP2002-002636" in the utility-model series (JPU…).
 */
import { appendAll } from '../../appendAll';
import { normaliseHeader, parseInteger } from '../../parse';
import { parseDate } from '../../text/dates';
import { type CsvCells, StringCells, rawCells } from '../../csvBytes';
import { type BytePart, type ByteReadEnd, forEachCsvByteRecord, forEachCsvRecord } from '../chunks';
import { SeenApplications } from '../seenApplications';
import { StringPool, detached } from '../stringPool';
import { fastCanonicalRows } from './canonicalFastRow';
import {
  type ImportOptions,
  type ImportResult,
  type OptionalRecordField,
  type PatentImporter,
  type PatentRecord,
  type Rejection,
  normaliseApplicationNumber,
} from '../record';

/** The columns of patents.csv in the order of ../shared/spec/inputs.md (writers use this order). */
export const CANONICAL_COLUMNS = [
  'application_number',
  'publication_number',
  'filing_date',
  'applicants',
  'inventors',
  'ipc',
  'claims',
  'exam_request_date',
  'registration_date',
  'registration_number',
  'registered_claims',
  'lapse_date',
  'expiry_date',
  'kind',
  'title',
  'abstract',
  'claims_text',
] as const;

const REQUIRED = ['application_number', 'filing_date', 'applicants'] as const;
const OPTIONAL = CANONICAL_COLUMNS.filter((c) => !(REQUIRED as readonly string[]).includes(c));

export function sniffCanonical(headerLine: string): boolean {
  const cols = headerLine.split(',').map(normaliseHeader);
  return REQUIRED.every((c) => cols.includes(c));
}

type DateColumn = 'exam_request_date' | 'registration_date' | 'lapse_date' | 'expiry_date';
type CountColumn = 'claims' | 'registered_claims';
const TEXT_COLUMNS = ['title', 'abstract', 'claims_text'] as const;

/**
 * The rows of patents.csv to records, whichever way the cells were read (text or bytes): the header first,
 * then each row; `result` gives the import with the reader's own rejections appended.
 */
function canonicalRows(file: string, keep: boolean | 'title', indexInventors = true) {
  const keepText = keep === true;
  const keepTitle = keep !== false;
  const records: PatentRecord[] = [];
  const rejected: Rejection[] = [];
  const notes: Rejection[] = [];
  let index: Map<string, number> | undefined;
  let unusable = false;
  let rowsRead = 0;
  // The duplicate check; a kept record's line is its first source's.
  const seen = new SeenApplications((i) => ({
    applicationNumber: records[i].applicationNumber,
    line: records[i].sources[0].line,
  }));
  // Applicant cells and dates repeat across rows: one copy of each, none keeping its row's text alive. Inventor
  // names are short (V8 copies them when it cuts them out) and nearly every row names others: not pooled.
  const pool = new StringPool();
  const col = (c: string): number => index?.get(c) ?? -1;
  let at: Record<(typeof CANONICAL_COLUMNS)[number], number> | undefined;

  const header = (line: number, cells: CsvCells): void => {
    const names: string[] = [];
    for (let i = 0; i < cells.length; i += 1) names.push(cells.text(i));
    index = new Map(names.map((c, i) => [normaliseHeader(c), i]));
    const missing = REQUIRED.filter((c) => !index?.has(c));
    if (missing.length) {
      unusable = true;
      rejected.push({
        file,
        line,
        field: missing.join(', '),
        reason: `required column(s) missing: ${missing.join(', ')} (expected ${REQUIRED.join(', ')})`,
      });
    }
    for (const c of index.keys()) {
      if (!(REQUIRED as readonly string[]).includes(c) && !(OPTIONAL as readonly string[]).includes(c)) {
        notes.push({ file, line, field: c, reason: 'unknown column: ignored' });
      }
    }
    const columns = Object.fromEntries(CANONICAL_COLUMNS.map((c) => [c, col(c)])) as NonNullable<typeof at>;
    at = columns;
    fast = fastCanonicalRows({ file, at: columns, width: index.size, keepTitle, keepText, seen, pool });
  };
  let fast: ReturnType<typeof fastCanonicalRows> | undefined;

  // For reading in parts: the application numbers of the rows rejected after their number was read (a later part
  // cannot know whether an earlier part has them), and the duplicates with the line they cite.
  const rejectedNumbers: string[] = [];
  const duplicates: PartDuplicate[] = [];

  const row = (line: number, cells: CsvCells): void => {
    if (!index || !at) return header(line, cells);
    const cols = at;
    if (unusable) return;
    rowsRead += 1;
    // Rows read as bytes: the common row straight into the store; any other row below, from its text.
    const raw = fast && rawCells(cells);
    if (raw && fast) {
      const stored = fast.read(line, raw);
      if (stored) {
        records.push(stored);
        return;
      }
    }
    textRow(line, cells, index, cols);
  };

  /**
   * A row read from its text, with every rule and message. A function of its own: its closures (get, reject)
   * would otherwise make every call of row allocate their context, the fast path's million rows included.
   */
  const textRow = (
    line: number,
    cells: CsvCells,
    index: Map<string, number>,
    at: Record<(typeof CANONICAL_COLUMNS)[number], number>,
  ): void => {
    const cols = at;
    const get = (i: number): string => (i < 0 ? '' : cells.text(i).trim());
    let numberRead: string | undefined = undefined;
    const reject = (field: string, reason: string): void => {
      rejected.push({ file, line, field, reason });
      if (numberRead !== undefined) rejectedNumbers.push(numberRead);
    };
    if (cells.length !== index.size)
      return reject('', `row has ${cells.length} cells but the header has ${index.size}`);
    const appRaw = get(at.application_number);
    if (!appRaw) return reject('application_number', 'empty application number');
    const kindRaw = get(at.kind).toLowerCase();
    // The kind tells a bare "JP2002-002636" of a utility model (JPU…) from the patent application of that number.
    const applicationNumber = normaliseApplicationNumber(appRaw, {
      kind: kindRaw === 'utility' ? 'utility' : 'patent',
    });
    numberRead = applicationNumber;
    const first = seen.lineOf(applicationNumber);
    if (first !== undefined) {
      duplicates.push({ at: rejected.length, appRaw, first });
      return reject('application_number', duplicateReason(appRaw, first));
    }
    const filingRaw = get(at.filing_date);
    const filingParsed = parseDate(filingRaw);
    if (!filingParsed) return reject('filing_date', `${JSON.stringify(filingRaw)} is not a date`);
    const filingDate = pool.isoDate(filingParsed);
    const applicants = pool.sharedList(get(at.applicants));
    if (applicants.length === 0) return reject('applicants', 'no applicant');
    // Named locals, not a Record per row: a million rows should not make a million dictionaries.
    const date = (c: DateColumn): string | undefined | false => {
      const raw = get(cols[c]);
      if (!raw) return undefined;
      const parsed = parseDate(raw);
      if (!parsed) {
        reject(c, `${JSON.stringify(raw)} is not a date`);
        return false;
      }
      const d = pool.isoDate(parsed);
      if (d < filingDate) {
        reject(c, `${c.replace(/_/g, ' ')} ${d} is before the filing date ${filingDate}`);
        return false;
      }
      return d;
    };
    const examRequestDate = date('exam_request_date');
    if (examRequestDate === false) return;
    const registrationDate = date('registration_date');
    if (registrationDate === false) return;
    const lapseDate = date('lapse_date');
    if (lapseDate === false) return;
    const expiryDate = date('expiry_date');
    if (expiryDate === false) return;
    if (lapseDate && registrationDate && lapseDate < registrationDate) {
      return reject('lapse_date', `lapse date ${lapseDate} is before the registration date ${registrationDate}`);
    }
    const count = (c: CountColumn): number | undefined | false => {
      const raw = get(cols[c]);
      if (!raw) return undefined;
      const n = parseInteger(raw);
      if (n === null || n < 0) {
        reject(c, `${JSON.stringify(raw)} is not a claim count`);
        return false;
      }
      return n;
    };
    const claims = count('claims');
    if (claims === false) return;
    const registeredClaims = count('registered_claims');
    if (registeredClaims === false) return;
    if (kindRaw && kindRaw !== 'patent' && kindRaw !== 'utility')
      return reject('kind', `${JSON.stringify(kindRaw)} is not patent or utility`);
    seen.add(applicationNumber, line);
    const publicationNumber = get(at.publication_number);
    const registrationNumber = get(at.registration_number);
    records.push({
      applicationNumber: detached(applicationNumber),
      publicationNumber: publicationNumber ? detached(publicationNumber) : undefined,
      filingDate,
      applicants,
      inventors: at.inventors >= 0 ? pool.list(get(at.inventors), false) : undefined,
      ipc: pool.list(get(at.ipc), false),
      claims,
      examRequestDate,
      registrationDate,
      registrationNumber: registrationNumber ? detached(registrationNumber) : undefined,
      registeredClaims,
      lapseDate,
      expiryDate,
      kind: kindRaw === 'utility' ? 'utility' : 'patent',
      title: keepTitle ? keptText(get(at.title)) : undefined,
      abstract: keepText ? keptText(get(at.abstract)) : undefined,
      claimsText: keepText ? keptText(get(at.claims_text)) : undefined,
      sources: [{ file, line }],
    });
  };

  /** Cells the rows need: all but the text columns not kept (undefined before the header). */
  const cellsNeeded = (): number | undefined => {
    if (!index) return undefined;
    const skip = new Set<number>(keepText ? [] : TEXT_COLUMNS.filter((c) => !keepTitle || c !== 'title').map(col));
    let last = -1;
    for (let i = 0; i < index.size; i += 1) if (!skip.has(i)) last = i;
    return last + 1;
  };

  const lacksOf = (): OptionalRecordField[] =>
    index
      ? (
          [
            ['inventors', 'inventors'],
            ['claims', 'claims'],
            ['exam_request_date', 'examRequestDate'],
            ['registration_date', 'registrationDate'],
            ['lapse_date', 'lapseDate'],
          ] as const
        )
          .filter(([c]) => !index?.has(c))
          .map(([, f]) => f)
      : [];

  const result = (readerRejections: readonly Rejection[]): ImportResult => {
    if (indexInventors) fast?.store.indexInventors();
    appendAll(rejected, readerRejections);
    if (!index) rejected.push({ file, line: 1, reason: 'the file is empty: a header row is required' });
    const lacks = lacksOf();
    return { format: 'canonical', file, rowsRead, records, rejected, lacks, notes, uniqueApplications: true };
  };

  const part = (end: ByteReadEnd): CanonicalPart => {
    if (indexInventors) fast?.store.indexInventors();
    return {
      records,
      rowRejections: rejected,
      readerRejections: end.rejected,
      notes,
      lacks: lacksOf(),
      rowsRead,
      usable: index !== undefined && !unusable,
      clean: end.clean,
      nextLine: end.nextLine,
      seen,
      rejectedNumbers,
      duplicates,
    };
  };

  const reserve = (consumed: number, expected: number): void => fast?.reserve(consumed, expected);

  return { row, cellsNeeded, result, part, reserve };
}

/** A text cell kept on a record, without its row's decoded text (a title is a slice of the row's leading cells). */
const keptText = (s: string): string | undefined => (s === '' ? undefined : detached(s));

const duplicateReason = (appRaw: string, first: number): string =>
  `${appRaw} already appears on line ${first}: duplicate rejected`;

/** A duplicate rejected in a part: rowRejections[at], of appRaw, citing line `first`. */
export interface PartDuplicate {
  readonly at: number;
  readonly appRaw: string;
  readonly first: number;
}

/** One part of a canonical file read in parts (importCanonicalPart), to be joined in file order. */
export interface CanonicalPart {
  readonly records: PatentRecord[];
  /** The rows' own rejections, in line order. */
  readonly rowRejections: Rejection[];
  /** The reader's (malformed, oversized, unclosed quote at the end). */
  readonly readerRejections: Rejection[];
  readonly notes: Rejection[];
  readonly lacks: OptionalRecordField[];
  readonly rowsRead: number;
  /** The header had the required columns. */
  readonly usable: boolean;
  /** The part ended between records. */
  readonly clean: boolean;
  readonly nextLine: number;
  /** The application numbers of its records; absent for a part sent from another thread (the join asks the first). */
  readonly seen?: Pick<SeenApplications, 'has' | 'hasRecord'>;
  readonly rejectedNumbers: readonly string[];
  readonly duplicates: readonly PartDuplicate[];
}

/**
 * importCanonicalBytes over one part of a file: the first part (from the file's start, `last` false unless it is
 * the whole file), or a later one given the file's header row (lines then numbered from 2; joinCanonicalParts
 * shifts them).
 */
/**
 * Feeds bytes to the rows: once the header is read, the reader locates and decodes only the cells the rows
 * need; after the first chunk, the rows' store is sized for opts.expectedBytes.
 */
function feedRows(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  opts: ImportOptions,
  rows: ReturnType<typeof canonicalRows>,
  where?: BytePart,
): Promise<ByteReadEnd> {
  let sized = false;
  const expected = opts.expectedBytes;
  let reserved = expected === undefined;
  const feedOpts: ImportOptions = reserved
    ? opts
    : {
        ...opts,
        onProgress: (consumed) => {
          if (!reserved && expected !== undefined) {
            reserved = true;
            rows.reserve(consumed, expected);
          }
          opts.onProgress?.(consumed);
        },
      };
  return forEachCsvByteRecord(
    chunks,
    feedOpts,
    (line, cells, stream) => {
      rows.row(line, cells);
      if (!sized) {
        const n = rows.cellsNeeded();
        if (n !== undefined) {
          stream.decodeFirst = n;
          stream.locateFirst = n;
          sized = true;
        }
      }
    },
    where,
  );
}

export async function importCanonicalPart(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  opts: ImportOptions,
  where: BytePart,
): Promise<CanonicalPart> {
  const rows = canonicalRows(opts.file, opts.keepText ?? true, opts.indexInventors ?? true);
  const end = await feedRows(chunks, opts, rows, where);
  return rows.part(end);
}

/**
 * The import of a whole file from its first part and the part after it, exactly as importCanonicalBytes would
 * give it — or undefined when that cannot be vouched for, and the file must be read in one piece: the first
 * part did not end between records (a line break inside quotes at the cut), its header is unusable, or an
 * application number of the second part is already in the first (which changes the second part's rejections).
 * `second`'s records must already carry the file's line numbers (shifted by shiftOf(first)); its rejections
 * are shifted here.
 */
export function joinCanonicalParts(
  file: string,
  first: CanonicalPart,
  second: CanonicalPart,
): ImportResult | undefined {
  const seen = first.seen;
  if (!first.clean || !first.usable || !second.usable || !seen) return undefined;
  for (const r of second.records) if (seen.hasRecord(r)) return undefined;
  for (const n of second.rejectedNumbers) if (seen.has(n)) return undefined;
  const shift = shiftOf(first);
  const cited = new Map(second.duplicates.map((d) => [d.at, d]));
  const rejected: Rejection[] = [...first.rowRejections];
  second.rowRejections.forEach((r, i) => {
    const d = cited.get(i);
    const reason = d ? duplicateReason(d.appRaw, d.first + shift) : r.reason;
    rejected.push({ ...r, line: r.line + shift, reason });
  });
  const reader = [...first.readerRejections, ...second.readerRejections.map((r) => ({ ...r, line: r.line + shift }))];
  // As one reader gives them: an unclosed quote at the end first, then the malformed rows, then the oversized.
  const rank = (r: Rejection): number =>
    r.reason.startsWith('record longer than') ? 2 : r.reason.endsWith(': row skipped') ? 1 : 0;
  reader.sort((a, b) => rank(a) - rank(b));
  appendAll(rejected, reader);
  return {
    format: 'canonical',
    file,
    rowsRead: first.rowsRead + second.rowsRead,
    records: first.records.concat(second.records),
    rejected,
    lacks: first.lacks,
    notes: first.notes,
    uniqueApplications: true,
  };
}

/** What to add to the second part's line numbers: its first row is its line 2, the first part's nextLine. */
export function shiftOf(first: CanonicalPart): number {
  return first.nextLine - 2;
}

export const importCanonical: PatentImporter = async (chunks, opts: ImportOptions): Promise<ImportResult> => {
  const rows = canonicalRows(opts.file, opts.keepText ?? true, opts.indexInventors ?? true);
  const readerRejections = await forEachCsvRecord(chunks, opts, {}, (r) => rows.row(r.line, new StringCells(r.cells)));
  return rows.result(readerRejections);
};

/**
 * importCanonical reading UTF-8 bytes (CsvByteStream): the same result, faster on large files, since cells
 * the import does not keep (the text columns with keepText false) are never decoded. onProgress counts bytes.
 */
export async function importCanonicalBytes(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  opts: ImportOptions,
): Promise<ImportResult> {
  const rows = canonicalRows(opts.file, opts.keepText ?? true, opts.indexInventors ?? true);
  const end = await feedRows(chunks, opts, rows);
  return rows.result(end.rejected);
}

/**
 * The common row of a canonical patents.csv read straight from its bytes into a RecordStore: a plain Japanese
 * application number, ISO dates, digit-only counts, pooled applicant cells, the other texts kept as bytes.
 * Nothing is decoded but an applicant cell never seen before. Any row this reader is not sure of — an unusual
 * form, a doubled quote, a value the importer would reject, a duplicate — it leaves to the importer's general
 * row (canonical.ts), which reads it from text with every rule and message; so the two paths cannot disagree on
 * what a row means.
 */
import type { RawCells } from '../../csvBytes';
import { type TextDecoderLike, utf8Decoder } from '../../csvBytes';
import { BytePool } from '../bytePool';
import { NOT_ISO, isoDayOfBytes } from '../dayNumbers';
import { NO_DAY, RecordStore, SEGMENT, type StoredRecord } from '../recordStore';
import type { SeenApplications } from '../seenApplications';
import type { StringPool } from '../stringPool';

/** Column positions of the canonical file, −1 for a column it lacks. */
export interface CanonicalAt {
  readonly application_number: number;
  readonly publication_number: number;
  readonly filing_date: number;
  readonly applicants: number;
  readonly inventors: number;
  readonly ipc: number;
  readonly claims: number;
  readonly exam_request_date: number;
  readonly registration_date: number;
  readonly registration_number: number;
  readonly registered_claims: number;
  readonly lapse_date: number;
  readonly expiry_date: number;
  readonly kind: number;
  readonly title: number;
  readonly abstract: number;
  readonly claims_text: number;
}

export interface FastRowContext {
  readonly file: string;
  readonly at: CanonicalAt;
  /** Cells of the header: a row of another count is the general row's to reject. */
  readonly width: number;
  readonly keepTitle: boolean;
  readonly keepText: boolean;
  readonly seen: SeenApplications;
  /** The importer's pool, so that the general row's records and these share the same name strings. */
  readonly pool: StringPool;
}

const QUOTE = 0x22;
const PATENT = [0x70, 0x61, 0x74, 0x65, 0x6e, 0x74];
const UTILITY = [0x75, 0x74, 0x69, 0x6c, 0x69, 0x74, 0x79];
/** countOf: an empty cell; a cell that is not 1–9 ASCII digits. */
const NO_COUNT = -1;
const NOT_COUNT = -2;

function equals(buf: Uint8Array, s: number, e: number, word: readonly number[]): boolean {
  if (e - s !== word.length) return false;
  for (let i = 0; i < word.length; i += 1) if (buf[s + i] !== word[i]) return false;
  return true;
}

/**
 * series × 10^10 + year × 10^6 + serial of "JP2004-000001", "JP2004000001" (series 0, or 1 with `utility`) and
 * "JPU2004-000001", "JPU2004000001" (series 1): what plainJpKey in record.ts and jpApplicationKey key so, for
 * years 19xx–20xx; −1 for any other form.
 */
function plainJpNumber(buf: Uint8Array, s: number, e: number, utility: number): number {
  if (buf[s] !== 74 || buf[s + 1] !== 80) return -1;
  let series = utility;
  let from = s + 2;
  if (buf[from] === 85 /* U */) {
    series = 1;
    from += 1;
  }
  const n = e - from;
  if (n !== 10 && n !== 11) return -1;
  const dash = n === 11;
  if (dash && buf[from + 4] !== 45) return -1;
  let year = 0;
  let serial = 0;
  for (let i = 0; i < n; i += 1) {
    if (dash && i === 4) continue;
    const d = buf[from + i] - 48;
    if (d < 0 || d > 9) return -1;
    if (i < 4) year = year * 10 + d;
    else serial = serial * 10 + d;
  }
  const century = Math.floor(year / 100);
  return century === 19 || century === 20 ? series * 1e10 + year * 1e6 + serial : -1;
}

/** A date cell that the general row would keep: empty, or ISO and not before the filing. */
const dated = (d: number, filing: number): boolean => d !== NOT_ISO && (d === NO_DAY || d >= filing);

function countOf(buf: Uint8Array, s: number, e: number): number {
  if (e === s) return NO_COUNT;
  if (e - s > 9) return NOT_COUNT;
  let v = 0;
  for (let i = s; i < e; i += 1) {
    const d = buf[i] - 48;
    if (d < 0 || d > 9) return NOT_COUNT;
    v = v * 10 + d;
  }
  return v;
}

/** A fast reader over one file's rows: read() gives the row's record, or undefined for the general row. */
export function fastCanonicalRows(ctx: FastRowContext): {
  readonly store: RecordStore;
  read(line: number, c: RawCells): StoredRecord | undefined;
  reserve(consumed: number, expected: number): void;
} {
  // Column positions as local constants: ctx.at, built by Object.fromEntries, may be a slow dictionary object.
  const {
    application_number: applicationNumberAt,
    publication_number: publicationNumberAt,
    filing_date: filingDateAt,
    applicants: applicantsAt,
    inventors: inventorsAt,
    ipc: ipcAt,
    claims: claimsAt,
    exam_request_date: examRequestDateAt,
    registration_date: registrationDateAt,
    registration_number: registrationNumberAt,
    registered_claims: registeredClaimsAt,
    lapse_date: lapseDateAt,
    expiry_date: expiryDateAt,
    kind: kindAt,
    title: titleAt,
    abstract: abstractAt,
    claims_text: claimsTextAt,
  } = ctx.at;
  const store = new RecordStore({
    file: ctx.file,
    inventors: inventorsAt >= 0,
    title: ctx.keepTitle,
    texts: ctx.keepText,
  });
  const decoder: TextDecoderLike = utf8Decoder();
  const applicantCells = new BytePool();
  const textColumns = ctx.keepText ? [titleAt, abstractAt, claimsTextAt] : ctx.keepTitle ? [titleAt] : [];
  // Every column this reader looks at must have been found in the row (CsvByteStream.locateFirst).
  const needed =
    1 +
    Math.max(
      ...textColumns,
      ...[
        applicationNumberAt,
        publicationNumberAt,
        filingDateAt,
        applicantsAt,
        inventorsAt,
        ipcAt,
        claimsAt,
        examRequestDateAt,
        registrationDateAt,
        registrationNumberAt,
        registeredClaimsAt,
        lapseDateAt,
        expiryDateAt,
        kindAt,
      ],
    );

  // Cells kept as their bytes: a doubled quote in one makes the row the general row's.
  const literalColumns = [inventorsAt, ipcAt, publicationNumberAt, registrationNumberAt, ...textColumns].filter(
    (i) => i >= 0,
  );

  /** Per applicant cell id, 1 when the cell names no one (the general row rejects it): a byte, not a list read. */
  let noApplicant = new Uint8Array(1024);
  let c: RawCells;
  let given: Uint8Array | undefined;
  let buf: Uint8Array = new Uint8Array(0);
  /** A cell whose bytes are its text: unquoted, or quoted without a doubled quote inside. */
  const literal = (i: number): boolean => {
    if (c.quoted[i] === 0) return true;
    const s = c.starts[i];
    const e = c.ends[i];
    for (let k = s; k < e; k += 1) if (buf[k] === QUOTE) return false;
    return true;
  };
  const date = (i: number): number =>
    i < 0 || c.starts[i] === c.ends[i] ? NO_DAY : isoDayOfBytes(buf, c.starts[i], c.ends[i]);
  const text = (i: number): string | undefined =>
    i < 0 || c.starts[i] === c.ends[i]
      ? undefined
      : decoder.decode(buf.subarray(c.starts[i], c.ends[i])).trim() || undefined;

  const segmentColumns: [number, number][] = (
    [
      [SEGMENT.publication, publicationNumberAt],
      [SEGMENT.ipc, ipcAt],
      [SEGMENT.registrationNumber, registrationNumberAt],
      [SEGMENT.inventors, inventorsAt],
    ] as [number, number][]
  ).filter(([, i]) => i >= 0);
  // As two typed arrays: a loop over tuples destructures an array per segment and row.
  const segmentKinds = Int32Array.from(segmentColumns, ([k]) => k);
  const segmentCells = Int32Array.from(segmentColumns, ([, i]) => i);
  const segments = (): void => {
    for (let j = 0; j < segmentKinds.length; j += 1) {
      const i = segmentCells[j];
      store.segment(segmentKinds[j], buf, c.starts[i], c.ends[i]);
    }
  };

  const read = (line: number, cells: RawCells): StoredRecord | undefined => {
    c = cells;
    // A plain Uint8Array view of the reader's buffer (a Node Buffer, say): element reads see one kind of array,
    // and its subarray is not a Buffer made through its class.
    if (cells.buf !== given) {
      given = cells.buf;
      buf = new Uint8Array(given.buffer, given.byteOffset, given.byteLength);
    }
    if (c.length !== ctx.width || c.located < needed) return undefined;
    let utility = 0;
    if (kindAt >= 0 && c.starts[kindAt] !== c.ends[kindAt]) {
      if (equals(buf, c.starts[kindAt], c.ends[kindAt], UTILITY)) utility = 1;
      else if (!equals(buf, c.starts[kindAt], c.ends[kindAt], PATENT)) return undefined;
    }
    const number = plainJpNumber(buf, c.starts[applicationNumberAt], c.ends[applicationNumberAt], utility);
    if (number < 0) return undefined;
    const series = Math.floor(number / 1e10);
    const year = Math.floor(number / 1e6) % 10000;
    const serial = number % 1e6;
    if (ctx.seen.hasPlain(series, year, serial)) return undefined;
    const filing = date(filingDateAt);
    if (filing === NOT_ISO || filing === NO_DAY) return undefined;
    const request = date(examRequestDateAt);
    const registration = date(registrationDateAt);
    const lapse = date(lapseDateAt);
    const expiry = date(expiryDateAt);
    if (!dated(request, filing) || !dated(registration, filing) || !dated(lapse, filing) || !dated(expiry, filing))
      return undefined;
    if (lapse !== NO_DAY && registration !== NO_DAY && lapse < registration) return undefined;
    const claims = claimsAt < 0 ? NO_COUNT : countOf(buf, c.starts[claimsAt], c.ends[claimsAt]);
    const registeredClaims =
      registeredClaimsAt < 0 ? NO_COUNT : countOf(buf, c.starts[registeredClaimsAt], c.ends[registeredClaimsAt]);
    if (claims === NOT_COUNT || registeredClaims === NOT_COUNT) return undefined;
    const a = applicantsAt;
    if (!literal(a)) return undefined;
    const listId = applicantCells.id(buf, c.starts[a], c.ends[a]);
    if (applicantCells.added) {
      const cell = decoder.decode(buf.subarray(c.starts[a], c.ends[a])).trim();
      // Each distinct cell comes here once (the byte pool found it new), so a pooled list (sharedList) would
      // only be looked up in vain: the list is made directly, its names interned in the importer's pool.
      const list = ctx.pool.list(cell);
      store.applicantLists.push(list);
      if (listId >= noApplicant.length) {
        const more = new Uint8Array(2 * listId + 2);
        more.set(noApplicant);
        noApplicant = more;
      }
      noApplicant[listId] = list.length === 0 ? 1 : 0;
    }
    if (noApplicant[listId] === 1) return undefined;
    for (let j = 0; j < literalColumns.length; j += 1) if (!literal(literalColumns[j])) return undefined;

    // The row is the fast path's: from here on it is kept.
    ctx.seen.addPlain(series, year, serial);
    const r = store.begin();
    store.line[r] = line;
    store.application[r] = number;
    store.filing[r] = filing;
    store.request[r] = request;
    store.registration[r] = registration;
    store.lapse[r] = lapse;
    store.expiry[r] = expiry;
    store.claims[r] = claims;
    store.registeredClaims[r] = registeredClaims;
    store.utility[r] = utility;
    store.applicants[r] = listId;
    segments();
    if (ctx.keepTitle) store.titles.push(text(titleAt));
    if (ctx.keepText) {
      store.abstracts.push(text(abstractAt));
      store.claimsTexts.push(text(claimsTextAt));
    }
    return store.end();
  };
  /** Sizes the store for a part of `expected` bytes, `consumed` of which gave the records stored so far. */
  const reserve = (consumed: number, expected: number): void => {
    if (store.size < 100 || consumed <= 0 || expected <= consumed) return;
    // 3% over the estimate: the first megabyte of a file is a fair sample of its rows, not an exact one.
    const scale = (1.03 * expected) / consumed;
    store.reserve(Math.ceil(store.size * scale), Math.ceil(store.segmentBytes * scale));
  };
  return { store, read, reserve };
}

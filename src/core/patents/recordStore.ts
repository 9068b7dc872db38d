/**
 * The records of a large import kept column by column: day numbers, counts and pooled-list ids in typed
 * arrays, short texts as bytes in one arena. A million records then hold a few dozen arrays instead of some
 * fifteen million objects (a record, its sources, lists, strings), which the garbage collector would copy and
 * trace again and again. Each record is handed out as a StoredRecord, a view of two fields whose getters read
 * the columns, so everything downstream reads PatentRecord as ever.
 */
import { appendAll } from '../appendAll';
import { type TextDecoderLike, utf8Decoder } from '../csvBytes';
import { InventorPool } from './inventorPool';
import { isoOfDay } from './dayNumbers';
import type { OptionalRecordField, PatentKind, PatentRecord, SourceRef } from './record';

/** A day column's "no date". */
export const NO_DAY = -0x80000000;

/**
 * Short texts kept as bytes, in this order per record. Inventors too: only Block 2's inventor count reads them,
 * so they are numbered once the store is complete (indexInventors), not row by row (measured slower at 1M).
 */
const SEGMENTS = 4;
const PUBLICATION = 0;
const IPC = 1;
const REGISTRATION_NUMBER = 2;
const INVENTORS = 3;
const SEMICOLON = 0x3b;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Segments up to this many bytes are copied four bytes a step (see segment), longer ones natively. */
const LONG = 96;

const grown32 = (a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> => {
  const b = new Int32Array(n);
  b.set(a);
  return b;
};

export interface StoreOptions {
  readonly file: string;
  /** The source has an inventors column ([] for an empty cell), or not (undefined). */
  readonly inventors: boolean;
  readonly title: boolean;
  readonly texts: boolean;
}

export class RecordStore {
  size = 0;
  private capacity = 1024;
  line = new Int32Array(this.capacity);
  /** Plain Japanese keys: series (0 patent, 1 utility model) × 10^10 + year × 10^6 + serial. */
  application = new Float64Array(this.capacity);
  filing = new Int32Array(this.capacity);
  request = new Int32Array(this.capacity);
  registration = new Int32Array(this.capacity);
  lapse = new Int32Array(this.capacity);
  expiry = new Int32Array(this.capacity);
  /** −1: not given. */
  claims = new Int32Array(this.capacity);
  registeredClaims = new Int32Array(this.capacity);
  utility = new Uint8Array(this.capacity);
  /** Index into applicantLists. */
  applicants = new Int32Array(this.capacity);
  /** Record i's segment k: bytes[segments[2(4i + k)], segments[2(4i + k) + 1]). */
  segments = new Int32Array(2 * SEGMENTS * this.capacity);
  bytes = new Uint8Array(32 * this.capacity);
  private used = 0;
  readonly titles: (string | undefined)[] = [];
  readonly abstracts: (string | undefined)[] = [];
  readonly claimsTexts: (string | undefined)[] = [];
  /** Shared by every record with the same applicants cell. */
  readonly applicantLists: (readonly string[])[] = [];
  private readonly decoder: TextDecoderLike = utf8Decoder();

  constructor(readonly options: StoreOptions) {}

  /** Makes room for one more record and returns its index; the caller fills every column, then calls end(). */
  begin(): number {
    if (this.index !== undefined) throw new Error('RecordStore: a record added after the store was indexed');
    const i = this.size;
    if (i === this.capacity) this.grow();
    return i;
  }

  /**
   * Copies buf[s, e) as the record's segment k (publication number, IPC, registration number, inventors). buf
   * should be a plain Uint8Array, whose subarray is cheap (a Node Buffer's is not).
   */
  segment(k: number, buf: Uint8Array, s: number, e: number): void {
    const at = this.used;
    const n = e - s;
    if (at + n > this.bytes.length) {
      const b = new Uint8Array(Math.max(Math.ceil(this.bytes.length * (this.reserved ? 1.25 : 2)), at + n));
      b.set(this.bytes.subarray(0, at));
      this.bytes = b;
    }
    if (n > LONG) this.bytes.set(buf.subarray(s, e), at);
    else {
      // Four bytes a step through DataViews. Measured per call: 12 bytes 17 ns (a byte loop 50, a native copy
      // 68), 30 bytes 31 ns (58 native), 80 bytes 47 ns (59 native).
      if (buf !== this.given) {
        this.given = buf;
        this.givenWords = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
      }
      // By identity: a DataView's .buffer is a getter call, measured at a third of this method's time.
      if (this.bytesWordsOf !== this.bytes) {
        this.bytesWords = new DataView(this.bytes.buffer);
        this.bytesWordsOf = this.bytes;
      }
      const from = this.givenWords;
      const to = this.bytesWords;
      let i = 0;
      for (; i + 4 <= n; i += 4) to.setInt32(at + i, from.getInt32(s + i, true), true);
      for (; i < n; i += 1) to.setUint8(at + i, from.getUint8(s + i));
    }
    this.used = at + n;
    const o = 2 * (SEGMENTS * this.size + k);
    this.segments[o] = at;
    this.segments[o + 1] = at + n;
  }
  private given: Uint8Array | undefined;
  private givenWords: DataView = new DataView(new ArrayBuffer(0));
  private bytesWords: DataView = new DataView(this.bytes.buffer);
  private bytesWordsOf: Uint8Array = this.bytes;

  /** Ends the record begun; its view. */
  end(): StoredRecord {
    const i = this.size;
    this.size += 1;
    return new StoredRecord(this, i);
  }

  /** The view of record i, for callers that keep only indices. */
  record(i: number): StoredRecord {
    return new StoredRecord(this, i);
  }

  /**
   * Record i's inventors, each name decoded once per store and the same string every time after (Block 2 counts
   * distinct inventors through a Map of names, and a string hashes once).
   */
  inventorsOf(i: number): string[] {
    const ids: number[] = [];
    this.inventorIds(i, ids);
    return ids.map((id) => this.inventorNames[id]);
  }

  /**
   * Record i's inventors as ids in `out` (cleared first): equal ids for equal bytes, names by inventorName. Block 2
   * counts distinct inventors by these, with no string in between. The store must be complete (see indexInventors).
   */
  inventorIds(i: number, out: number[]): void {
    out.length = 0;
    const index = this.index ?? this.indexInventors();
    for (let q = index.start[i]; q < index.start[i + 1]; q += 1) out.push(index.list[q]);
  }

  inventorName(id: number): string {
    return this.inventorNames[id];
  }
  private inventorPool: InventorPool | undefined;
  private inventorNames: string[] = [];
  /** While indexInventors runs: record i's ids are idList[idStart[i], idStart[i + 1]). */
  private idStart = new Int32Array(0);
  private idList = new Int32Array(0);
  private idsUsed = 0;

  /** Appends record i's inventor ids, after record i − 1's, numbering the names first met. */
  private numberInventors(i: number): void {
    const bytes = this.bytes;
    const o = 2 * (SEGMENTS * i + INVENTORS);
    const e = this.segments[o + 1];
    const pool = (this.inventorPool ??= new InventorPool());
    let n = this.idsUsed;
    for (let s = this.segments[o]; s < e;) {
      // One pass over a name's bytes both finds its end and hashes it (FNV-1a).
      let h = FNV_OFFSET;
      let k = s;
      for (; k < e; k += 1) {
        const b = bytes[k];
        if (b === SEMICOLON) break;
        h = Math.imul(h ^ b, FNV_PRIME);
      }
      if (k > s) {
        let code = pool.find(bytes, s, k, h);
        if (code === 0) {
          const name = this.decoder.decode(bytes.subarray(s, k)).trim();
          this.inventorNames.push(name);
          code = pool.insert(bytes, s, k, h, name === '');
        }
        if (code > 0) {
          if (n === this.idList.length) this.idList = grown32(this.idList, 2 * n);
          this.idList[n++] = code - 1;
        }
      }
      s = k + 1;
    }
    this.idsUsed = n;
    this.idStart[i + 1] = n;
  }

  /**
   * Every record's inventors numbered and kept as the store's index, which is then complete: no record can be
   * added after it. An import calls it as it ends (ImportOptions.indexInventors), on the thread
   * that read the store's part, so that the two threads of a large file share the couple of million names'
   * hashing and look-ups, which Block 2 would otherwise do alone afterwards; any other caller of inventorIds
   * makes it on first use.
   */
  indexInventors(): InventorIndex {
    if (this.index === undefined) {
      this.idStart = new Int32Array(this.size + 1);
      this.idList = new Int32Array(Math.max(1024, 3 * this.size));
      this.idsUsed = 0;
      if (this.options.inventors) for (let i = 0; i < this.size; i += 1) this.numberInventors(i);
      this.index = { start: this.idStart, list: this.idList.subarray(0, this.idsUsed) };
      // No name is numbered after this: the pool's table and bytes can go.
      this.idStart = this.idList = new Int32Array(0);
      this.inventorPool = undefined;
    }
    return this.index;
  }

  /** Record i's inventor ids are list[start[i], start[i + 1]), once indexInventors has run. */
  get inventorIndex(): InventorIndex | undefined {
    return this.index;
  }
  private index: InventorIndex | undefined;

  /** The number of distinct inventor names numbered so far (ids 0 … inventorCount − 1). */
  get inventorCount(): number {
    return this.inventorNames.length;
  }

  /** Where record i's segment k (SEGMENT) starts and ends in `bytes`. */
  segmentFrom(i: number, k: number): number {
    return this.segments[2 * (SEGMENTS * i + k)];
  }
  segmentTo(i: number, k: number): number {
    return this.segments[2 * (SEGMENTS * i + k) + 1];
  }

  segmentText(i: number, k: number): string {
    const s = this.segments[2 * (SEGMENTS * i + k)];
    const e = this.segments[2 * (SEGMENTS * i + k) + 1];
    return s === e ? '' : this.decoder.decode(this.bytes.subarray(s, e)).trim();
  }

  /** The columns, to send to another thread (their buffers transferred, see storeBuffers). */
  columns(): StoreColumns {
    const n = this.size;
    return {
      options: this.options,
      size: n,
      line: this.line.subarray(0, n),
      application: this.application.subarray(0, n),
      filing: this.filing.subarray(0, n),
      request: this.request.subarray(0, n),
      registration: this.registration.subarray(0, n),
      lapse: this.lapse.subarray(0, n),
      expiry: this.expiry.subarray(0, n),
      claims: this.claims.subarray(0, n),
      registeredClaims: this.registeredClaims.subarray(0, n),
      utility: this.utility.subarray(0, n),
      applicants: this.applicants.subarray(0, n),
      segments: this.segments.subarray(0, 2 * SEGMENTS * n),
      bytes: this.bytes.subarray(0, this.used),
      titles: this.titles,
      abstracts: this.abstracts,
      claimsTexts: this.claimsTexts,
      applicantLists: this.applicantLists,
      inventorIndex: this.inventorIndex,
      inventorNames: this.inventorIndex !== undefined ? this.inventorNames : [],
    };
  }

  /** A store of columns from another thread, its lines shifted by lineShift (a later part of a file). */
  static fromColumns(c: StoreColumns, lineShift: number): RecordStore {
    const s = new RecordStore(c.options);
    s.size = c.size;
    s.capacity = c.size;
    s.line = c.line;
    if (lineShift !== 0) for (let i = 0; i < c.size; i += 1) s.line[i] += lineShift;
    s.application = c.application;
    s.filing = c.filing;
    s.request = c.request;
    s.registration = c.registration;
    s.lapse = c.lapse;
    s.expiry = c.expiry;
    s.claims = c.claims;
    s.registeredClaims = c.registeredClaims;
    s.utility = c.utility;
    s.applicants = c.applicants;
    s.segments = c.segments;
    s.bytes = c.bytes;
    s.used = c.bytes.length;
    appendAll(s.titles, c.titles);
    appendAll(s.abstracts, c.abstracts);
    appendAll(s.claimsTexts, c.claimsTexts);
    appendAll(s.applicantLists, c.applicantLists);
    // Without its index, the store numbers its inventors anew when asked, from their bytes.
    if (c.inventorIndex !== undefined) {
      s.index = c.inventorIndex;
      s.inventorNames = [...c.inventorNames];
    }
    return s;
  }

  /**
   * Sizes the columns for `records` records and the arena for `bytes` bytes, when an import can tell how many
   * are coming (the file's size over the bytes a record took so far): one allocation instead of a dozen
   * doublings, each of which copied every column and, as new external memory, set off a garbage collection.
   * Past a reservation the columns grow by a quarter, not double, since the estimate is close.
   */
  reserve(records: number, bytes: number): void {
    if (records > this.capacity) this.resize(records);
    if (bytes > this.bytes.length) {
      const b = new Uint8Array(bytes);
      b.set(this.bytes.subarray(0, this.used));
      this.bytes = b;
    }
    this.reserved = true;
  }
  private reserved = false;

  /** Bytes of segments copied so far. */
  get segmentBytes(): number {
    return this.used;
  }

  private grow(): void {
    this.resize(this.reserved ? Math.ceil(this.capacity * 1.25) : this.capacity * 2);
  }

  private resize(n: number): void {
    this.line = grown32(this.line, n);
    const app = new Float64Array(n);
    app.set(this.application);
    this.application = app;
    this.filing = grown32(this.filing, n);
    this.request = grown32(this.request, n);
    this.registration = grown32(this.registration, n);
    this.lapse = grown32(this.lapse, n);
    this.expiry = grown32(this.expiry, n);
    this.claims = grown32(this.claims, n);
    this.registeredClaims = grown32(this.registeredClaims, n);
    const u = new Uint8Array(n);
    u.set(this.utility);
    this.utility = u;
    this.applicants = grown32(this.applicants, n);
    this.segments = grown32(this.segments, 2 * SEGMENTS * n);
    this.capacity = n;
  }
}

export interface StoreColumns {
  readonly options: StoreOptions;
  readonly size: number;
  readonly line: Int32Array<ArrayBuffer>;
  readonly application: Float64Array<ArrayBuffer>;
  readonly filing: Int32Array<ArrayBuffer>;
  readonly request: Int32Array<ArrayBuffer>;
  readonly registration: Int32Array<ArrayBuffer>;
  readonly lapse: Int32Array<ArrayBuffer>;
  readonly expiry: Int32Array<ArrayBuffer>;
  readonly claims: Int32Array<ArrayBuffer>;
  readonly registeredClaims: Int32Array<ArrayBuffer>;
  readonly utility: Uint8Array<ArrayBuffer>;
  readonly applicants: Int32Array<ArrayBuffer>;
  readonly segments: Int32Array<ArrayBuffer>;
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly titles: readonly (string | undefined)[];
  readonly abstracts: readonly (string | undefined)[];
  readonly claimsTexts: readonly (string | undefined)[];
  readonly applicantLists: readonly (readonly string[])[];
  readonly inventorIndex: InventorIndex | undefined;
  /** The names of the index's ids ([] without an index). */
  readonly inventorNames: readonly string[];
}

export interface InventorIndex {
  readonly start: Int32Array<ArrayBuffer>;
  readonly list: Int32Array<ArrayBuffer>;
}

/** The buffers of a store's columns, to transfer rather than copy them. */
export function storeBuffers(c: StoreColumns): ArrayBuffer[] {
  return [
    c.line,
    c.application,
    c.filing,
    c.request,
    c.registration,
    c.lapse,
    c.expiry,
    c.claims,
    c.registeredClaims,
    c.utility,
    c.applicants,
    c.segments,
    c.bytes,
    ...(c.inventorIndex !== undefined ? [c.inventorIndex.start, c.inventorIndex.list] : []),
  ].map((a) => a.buffer);
}

export const SEGMENT = {
  publication: PUBLICATION,
  ipc: IPC,
  registrationNumber: REGISTRATION_NUMBER,
  inventors: INVENTORS,
} as const;

/** The non-empty, trimmed items of a `;`-separated list (as StringPool.list gives them). */
function listItems(text: string): string[] {
  const out: string[] = [];
  if (text === '') return out;
  for (const part of text.split(';')) {
    const t = part.trim();
    if (t !== '') out.push(t);
  }
  return out;
}

const day = (d: number): string | undefined => (d === NO_DAY ? undefined : isoOfDay(d));
const count = (n: number): number | undefined => (n < 0 ? undefined : n);

/** A record of a RecordStore: every field read from the columns when asked for. */
export class StoredRecord implements PatentRecord {
  constructor(
    readonly store: RecordStore,
    readonly index: number,
  ) {}

  get applicationNumber(): string {
    const a = this.store.application[this.index];
    const series = Math.floor(a / 1e10);
    const year = Math.floor(a / 1e6) % 10000;
    const serial = a % 1e6;
    return `${series === 1 ? 'JPU' : 'JP'}${year}${String(serial).padStart(6, '0')}`;
  }
  get publicationNumber(): string | undefined {
    return this.store.segmentText(this.index, PUBLICATION) || undefined;
  }
  get filingDate(): string {
    return isoOfDay(this.store.filing[this.index]);
  }
  get applicants(): readonly string[] {
    return this.store.applicantLists[this.store.applicants[this.index]];
  }
  get inventors(): readonly string[] | undefined {
    return this.store.options.inventors ? this.store.inventorsOf(this.index) : undefined;
  }
  get ipc(): readonly string[] {
    return listItems(this.store.segmentText(this.index, IPC));
  }
  get claims(): number | undefined {
    return count(this.store.claims[this.index]);
  }
  get examRequestDate(): string | undefined {
    return day(this.store.request[this.index]);
  }
  get registrationDate(): string | undefined {
    return day(this.store.registration[this.index]);
  }
  get registrationNumber(): string | undefined {
    return this.store.segmentText(this.index, REGISTRATION_NUMBER) || undefined;
  }
  get registeredClaims(): number | undefined {
    return count(this.store.registeredClaims[this.index]);
  }
  get lapseDate(): string | undefined {
    return day(this.store.lapse[this.index]);
  }
  get expiryDate(): string | undefined {
    return day(this.store.expiry[this.index]);
  }
  get kind(): PatentKind {
    return this.store.utility[this.index] === 1 ? 'utility' : 'patent';
  }
  get title(): string | undefined {
    return this.store.options.title ? this.store.titles[this.index] : undefined;
  }
  get abstract(): string | undefined {
    return this.store.options.texts ? this.store.abstracts[this.index] : undefined;
  }
  get claimsText(): string | undefined {
    return this.store.options.texts ? this.store.claimsTexts[this.index] : undefined;
  }
  get sources(): readonly SourceRef[] {
    return [{ file: this.store.options.file, line: this.store.line[this.index] }];
  }
  get unknown(): readonly OptionalRecordField[] | undefined {
    return undefined;
  }
}

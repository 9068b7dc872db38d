/**
 * The records of a large import kept column by column: day numbers, counts and pooled-list ids in typed
 * arrays, short texts as bytes in one arena. A million records then hold a few dozen arrays instead of some
 * fifteen million objects (a record, its sources, lists, strings), which the garbage collector would copy and
 * trace again and again. Each record is handed out as a StoredRecord, a view of two fields whose getters read
 * the columns, so everything downstream reads PatentRecord as ever.
 */
import { type TextDecoderLike, utf8Decoder } from '../csvBytes';
import { isoOfDay } from './dayNumbers';
import type { OptionalRecordField, PatentKind, PatentRecord, SourceRef } from './record';

/** A day column's "no date". */
export const NO_DAY = -0x80000000;

/** Short texts kept as bytes, in this order per record. */
const SEGMENTS = 3;
const PUBLICATION = 0;
const IPC = 1;
const REGISTRATION_NUMBER = 2;

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
  /** Record i's inventors: inventorIds[inventorFrom[i], inventorFrom[i + 1]) into inventorNames. */
  inventorFrom = new Int32Array(this.capacity + 2);
  inventorIds = new Int32Array(4 * this.capacity);
  /** Record i's segment k: bytes[segmentFrom[3i + k], segmentFrom[3i + k + 1]). */
  segmentFrom = new Int32Array(SEGMENTS * this.capacity + 1);
  bytes = new Uint8Array(32 * this.capacity);
  readonly titles: (string | undefined)[] = [];
  readonly abstracts: (string | undefined)[] = [];
  readonly claimsTexts: (string | undefined)[] = [];
  /** Shared by every record with the same applicants cell. */
  readonly applicantLists: (readonly string[])[] = [];
  readonly inventorNames: string[] = [];
  private readonly decoder: TextDecoderLike = utf8Decoder();

  constructor(readonly options: StoreOptions) {}

  /** Makes room for one more record and returns its index; the caller fills every column, then calls end(). */
  begin(): number {
    const i = this.size;
    if (i === this.capacity) this.grow();
    return i;
  }

  /** Adds inventor id to the record being written. */
  inventor(id: number): void {
    const at = this.inventorFrom[this.size + 1];
    if (at === this.inventorIds.length) this.inventorIds = grown32(this.inventorIds, at * 2);
    this.inventorIds[at] = id;
    this.inventorFrom[this.size + 1] = at + 1;
  }

  /** Appends buf[s, e) as the record's next segment (publication number, IPC, registration number). */
  segment(k: number, buf: Uint8Array, s: number, e: number): void {
    const at = this.segmentFrom[SEGMENTS * this.size + k];
    const n = e - s;
    if (at + n > this.bytes.length) {
      const b = new Uint8Array(Math.max(this.bytes.length * 2, at + n));
      b.set(this.bytes.subarray(0, at));
      this.bytes = b;
    }
    // A loop, not set(subarray): a Buffer's subarray is an object per call, and segments are short.
    const bytes = this.bytes;
    for (let i = 0; i < n; i += 1) bytes[at + i] = buf[s + i];
    this.segmentFrom[SEGMENTS * this.size + k + 1] = at + n;
  }

  /** Ends the record begun; its view. */
  end(): StoredRecord {
    const i = this.size;
    this.size += 1;
    this.inventorFrom[i + 2] = this.inventorFrom[i + 1];
    return new StoredRecord(this, i);
  }

  /** The view of record i, for callers that keep only indices. */
  record(i: number): StoredRecord {
    return new StoredRecord(this, i);
  }

  segmentText(i: number, k: number): string {
    const s = this.segmentFrom[SEGMENTS * i + k];
    const e = this.segmentFrom[SEGMENTS * i + k + 1];
    return s === e ? '' : this.decoder.decode(this.bytes.subarray(s, e)).trim();
  }

  private grow(): void {
    const n = this.capacity * 2;
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
    this.inventorFrom = grown32(this.inventorFrom, n + 2);
    this.segmentFrom = grown32(this.segmentFrom, SEGMENTS * n + 1);
    this.capacity = n;
  }
}

export const SEGMENT = { publication: PUBLICATION, ipc: IPC, registrationNumber: REGISTRATION_NUMBER } as const;

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
    const s = this.store;
    if (!s.options.inventors) return undefined;
    const out: string[] = [];
    for (let k = s.inventorFrom[this.index]; k < s.inventorFrom[this.index + 1]; k += 1)
      out.push(s.inventorNames[s.inventorIds[k]]);
    return out;
  }
  get ipc(): readonly string[] {
    const text = this.store.segmentText(this.index, IPC);
    if (text === '') return [];
    const out: string[] = [];
    for (const part of text.split(';')) {
      const t = part.trim();
      if (t !== '') out.push(t);
    }
    return out;
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

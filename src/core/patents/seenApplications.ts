/**
 * The application numbers an import has kept, each with the line of its record: the duplicate check of a
 * million rows. Keys of the plain Japanese form ("JP" or "JPU", 4-digit year, 6-digit serial — nearly every
 * key of a Japanese file) are bits in one bitmap per year and series, found by their digits without hashing
 * the string; their lines are looked up only for a duplicate, from the records themselves. Other keys: a Map.
 */

import type { PatentRecord } from './record';
import { StoredRecord } from './recordStore';

/** Bitmaps for years FIRST_YEAR … FIRST_YEAR + YEARS − 1, per series (patent, utility model). */
const FIRST_YEAR = 1800;
const YEARS = 400;
const SERIALS = 1_000_000;

/** The application number and line of the i-th kept record, as the importer recorded them. */
export type KeptRecord = (i: number) => { readonly applicationNumber: string; readonly line: number };

export class SeenApplications {
  private readonly bits: (Uint32Array | undefined)[] = new Array<Uint32Array | undefined>(2 * YEARS).fill(undefined);
  private readonly others = new Map<string, number>();
  /** Lines of plain keys, filled from the kept records up to `indexed` when a duplicate asks. */
  private readonly plainLines = new Map<string, number>();
  private indexed = 0;
  private kept = 0;

  constructor(private readonly record: KeptRecord) {}

  /** Whether key is kept. */
  has(key: string): boolean {
    return this.lineOf(key) !== undefined;
  }

  /** The line of key's record, or undefined. */
  lineOf(key: string): number | undefined {
    const slot = plainSlot(key);
    if (slot < 0) return this.others.get(key);
    const bits = this.bits[slot >>> 20];
    const serial = slot & 0xfffff;
    if (bits === undefined || (bits[serial >>> 5] & (1 << (serial & 31))) === 0) return undefined;
    for (; this.indexed < this.kept; this.indexed += 1) {
      const r = this.record(this.indexed);
      if (plainSlot(r.applicationNumber) >= 0) this.plainLines.set(r.applicationNumber, r.line);
    }
    return this.plainLines.get(key);
  }

  /** has() of a record's application number; a store's record is looked up by its digits, without its string. */
  hasRecord(r: PatentRecord): boolean {
    if (r instanceof StoredRecord) {
      const a = r.store.application[r.index];
      return this.hasPlain(Math.floor(a / 1e10), Math.floor(a / 1e6) % 10000, a % 1e6);
    }
    return this.has(r.applicationNumber);
  }

  /**
   * Whether the plain key of series (0 "JP", 1 "JPU"), year and serial is kept: the check of a reader that
   * parsed the number's digits from bytes and never made the key's string.
   */
  hasPlain(series: number, year: number, serial: number): boolean {
    const bits = this.bits[series * YEARS + year - FIRST_YEAR];
    return bits !== undefined && (bits[serial >>> 5] & (1 << (serial & 31))) !== 0;
  }

  /** add() of a plain key given by its parts (year FIRST_YEAR … FIRST_YEAR + YEARS − 1, serial < 10^6). */
  addPlain(series: number, year: number, serial: number): void {
    this.kept += 1;
    this.setBit(series * YEARS + year - FIRST_YEAR, serial);
  }

  private setBit(at: number, serial: number): void {
    let bits = this.bits[at];
    if (bits === undefined) {
      bits = new Uint32Array(Math.ceil(SERIALS / 32));
      this.bits[at] = bits;
    }
    bits[serial >>> 5] |= 1 << (serial & 31);
  }

  /** Keeps key, the application number of the next kept record (the `kept`-th), on `line`. */
  add(key: string, line: number): void {
    this.kept += 1;
    const slot = plainSlot(key);
    if (slot < 0) {
      this.others.set(key, line);
      return;
    }
    this.setBit(slot >>> 20, slot & 0xfffff);
  }
}

/**
 * (bitmap index << 20) | serial for "JP"/"JPU" + 4-digit year in range + 6-digit serial; −1 for any other key.
 * The serial is below 2^20 (10^6 < 1048576).
 */
function plainSlot(key: string): number {
  let i = 2;
  let series = 0;
  if (key.length === 13 && key.charCodeAt(2) === 85 /* U */) {
    i = 3;
    series = YEARS;
  } else if (key.length !== 12) return -1;
  if (key.charCodeAt(0) !== 74 || key.charCodeAt(1) !== 80) return -1; // "JP"
  let year = 0;
  for (let k = i; k < i + 4; k += 1) {
    const d = key.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    year = year * 10 + d;
  }
  let serial = 0;
  for (let k = i + 4; k < i + 10; k += 1) {
    const d = key.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    serial = serial * 10 + d;
  }
  year -= FIRST_YEAR;
  if (year < 0 || year >= YEARS) return -1;
  return ((series + year) << 20) | serial;
}

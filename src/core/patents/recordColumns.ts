/**
 * The records of one canonical file as a few flat arrays, to pass them between threads: a structured clone of
 * half a million record objects takes as long as importing them, a string and some Int32Arrays take
 * milliseconds. Shared strings and lists (StringPool) stay shared on the other side.
 */
import type { PatentRecord } from './record';
import { RecordStore, type StoreColumns, StoredRecord, storeBuffers } from './recordStore';

/** Dates are written as DATE_BASE + their slot, above any string id (2^30 strings would not fit in memory). */
const DATE_BASE = 1 << 30;

/** (year × 13 + month) × 32 + day of an ISO date, or −1 for any other text. */
function dateSlot(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return -1;
  for (const i of DATE_DIGITS) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
  }
  const d = (i: number): number => s.charCodeAt(i) - 48;
  const year = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3);
  const month = d(5) * 10 + d(6);
  const day = d(8) * 10 + d(9);
  return month > 12 || day > 31 ? -1 : (year * 13 + month) * 32 + day;
}
const DATE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9];

const dateOf = (slot: number): string => {
  const day = slot % 32;
  const month = Math.floor(slot / 32) % 13;
  const year = Math.floor(slot / 32 / 13);
  const two = (n: number): string => (n < 10 ? `0${n}` : String(n));
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
};

/** Per record, in this order: string ids (−1 = undefined), list ids, numbers (−1 = undefined). */
const WIDTH = 18;
const NONE = -1;

export interface RecordColumns {
  /** Every distinct string, end to end. */
  readonly text: string;
  /** End of each string in text. */
  readonly ends: Int32Array;
  readonly fields: Int32Array;
  /** Each list's items (string ids), and where each list ends among them. */
  readonly items: Int32Array;
  readonly listEnds: Int32Array;
}

/**
 * Encodes records as importCanonical makes them: one source each (the file given), `unknown` unset. Throws on
 * any other record, or a claim count past 2^31 − 1 (the caller then reads the file in one piece).
 */
export function encodeRecords(records: readonly PatentRecord[], file: string): RecordColumns {
  const parts: string[] = [];
  const ends: number[] = [];
  let length = 0;
  const ids = new Map<string, number>();
  const add = (s: string): number => {
    parts.push(s);
    length += s.length;
    ends.push(length);
    return ends.length - 1;
  };
  // Strings that repeat (dates, names) once; the rest (numbers of one application) without a lookup.
  const shared = (s: string | undefined): number => {
    if (s === undefined) return NONE;
    let id = ids.get(s);
    if (id === undefined) {
      id = add(s);
      ids.set(s, id);
    }
    return id;
  };
  const own = (s: string | undefined): number => (s === undefined ? NONE : add(s));
  // Dates by their digits (no hashing): YYYY-MM-DD → DATE_BASE + ((year × 13 + month) × 32 + day); other text
  // (never from the canonical importer, which keeps ISO dates) as a shared string.
  const date = (s: string | undefined): number => {
    if (s === undefined) return NONE;
    const slot = dateSlot(s);
    return slot < 0 ? shared(s) : DATE_BASE + slot;
  };
  const items: number[] = [];
  const listEnds: number[] = [];
  const lists = new Map<readonly string[], number>();
  const list = (l: readonly string[] | undefined, repeats: boolean): number => {
    if (l === undefined) return NONE;
    const known = lists.get(l);
    if (known !== undefined) return known;
    for (const x of l) items.push(repeats ? shared(x) : own(x));
    listEnds.push(items.length);
    const id = listEnds.length - 1;
    if (repeats) lists.set(l, id);
    return id;
  };
  const count = (n: number | undefined): number => {
    if (n === undefined) return NONE;
    if (!(n >= 0 && n <= 0x7fffffff)) throw new Error(`encodeRecords: claim count ${n} does not fit`);
    return n;
  };
  const fields = new Int32Array(records.length * WIDTH);
  records.forEach((r, i) => {
    if (r.sources.length !== 1 || r.sources[0].file !== file || r.unknown !== undefined)
      throw new Error(`encodeRecords: ${r.applicationNumber} is not a record of one canonical row of ${file}`);
    const o = i * WIDTH;
    fields[o] = own(r.applicationNumber);
    fields[o + 1] = own(r.publicationNumber);
    fields[o + 2] = date(r.filingDate);
    fields[o + 3] = list(r.applicants, true);
    fields[o + 4] = list(r.inventors, false);
    fields[o + 5] = list(r.ipc, false);
    fields[o + 6] = count(r.claims);
    fields[o + 7] = date(r.examRequestDate);
    fields[o + 8] = date(r.registrationDate);
    fields[o + 9] = own(r.registrationNumber);
    fields[o + 10] = count(r.registeredClaims);
    fields[o + 11] = date(r.lapseDate);
    fields[o + 12] = date(r.expiryDate);
    fields[o + 13] = r.kind === 'utility' ? 1 : 0;
    fields[o + 14] = own(r.title);
    fields[o + 15] = own(r.abstract);
    fields[o + 16] = own(r.claimsText);
    fields[o + 17] = r.sources[0].line;
  });
  return {
    text: parts.join(''),
    ends: Int32Array.from(ends),
    fields,
    items: Int32Array.from(items),
    listEnds: Int32Array.from(listEnds),
  };
}

/** The records back, their lines shifted by `shift` (a later part of a file numbers its lines from 2). */
export function decodeRecords(c: RecordColumns, file: string, shift = 0): PatentRecord[] {
  const strings: string[] = new Array<string>(c.ends.length);
  let start = 0;
  for (let i = 0; i < c.ends.length; i += 1) {
    strings[i] = c.text.slice(start, c.ends[i]);
    start = c.ends[i];
  }
  const lists: (readonly string[])[] = new Array<readonly string[]>(c.listEnds.length);
  start = 0;
  for (let i = 0; i < c.listEnds.length; i += 1) {
    const l: string[] = [];
    for (let k = start; k < c.listEnds[i]; k += 1) l.push(strings[c.items[k]]);
    lists[i] = l;
    start = c.listEnds[i];
  }
  const dates = new Map<number, string>();
  const str = (id: number): string | undefined => {
    if (id === NONE) return undefined;
    if (id < DATE_BASE) return strings[id];
    let d = dates.get(id);
    if (d === undefined) {
      d = dateOf(id - DATE_BASE);
      dates.set(id, d);
    }
    return d;
  };
  const num = (n: number): number | undefined => (n === NONE ? undefined : n);
  const f = c.fields;
  const n = f.length / WIDTH;
  const records: PatentRecord[] = new Array<PatentRecord>(n);
  for (let i = 0; i < n; i += 1) {
    const o = i * WIDTH;
    records[i] = {
      applicationNumber: strings[f[o]],
      publicationNumber: str(f[o + 1]),
      filingDate: str(f[o + 2]) ?? '',
      applicants: lists[f[o + 3]],
      inventors: f[o + 4] === NONE ? undefined : lists[f[o + 4]],
      ipc: lists[f[o + 5]],
      claims: num(f[o + 6]),
      examRequestDate: str(f[o + 7]),
      registrationDate: str(f[o + 8]),
      registrationNumber: str(f[o + 9]),
      registeredClaims: num(f[o + 10]),
      lapseDate: str(f[o + 11]),
      expiryDate: str(f[o + 12]),
      kind: f[o + 13] === 1 ? 'utility' : 'patent',
      title: str(f[o + 14]),
      abstract: str(f[o + 15]),
      claimsText: str(f[o + 16]),
      sources: [{ file, line: f[o + 17] + shift }],
    };
  }
  return records;
}

/**
 * The records of one part of a canonical file, to send from the thread that read them: the RecordStore's columns
 * as they are (their buffers transferred, nothing copied) and the few records of the importer's general row as
 * RecordColumns; order says which is which (a store index, or −1 − the index among the others).
 */
export interface PartRecords {
  readonly order: Int32Array<ArrayBuffer>;
  readonly others: RecordColumns;
  readonly store?: StoreColumns;
}

export function encodePartRecords(
  records: readonly PatentRecord[],
  file: string,
): { readonly records: PartRecords; readonly transfer: ArrayBuffer[] } {
  const order = new Int32Array(records.length);
  const others: PatentRecord[] = [];
  let store: RecordStore | undefined;
  records.forEach((r, i) => {
    if (r instanceof StoredRecord && (store === undefined || r.store === store)) {
      store = r.store;
      order[i] = r.index;
    } else {
      order[i] = -1 - others.length;
      others.push(r);
    }
  });
  const columns = encodeRecords(others, file);
  const stored = store?.columns();
  const transfer = [
    order.buffer,
    ...[columns.ends, columns.fields, columns.items, columns.listEnds].map((a) => a.buffer as ArrayBuffer),
  ];
  if (stored) transfer.push(...storeBuffers(stored));
  return { records: { order, others: columns, store: stored }, transfer };
}

/** The records of encodePartRecords back, in their order, their lines shifted by `shift`. */
export function decodePartRecords(p: PartRecords, file: string, shift = 0): PatentRecord[] {
  const others = decodeRecords(p.others, file, shift);
  const store = p.store && RecordStore.fromColumns(p.store, shift);
  const records: PatentRecord[] = new Array<PatentRecord>(p.order.length);
  for (let i = 0; i < p.order.length; i += 1) {
    const k = p.order[i];
    records[i] = k >= 0 && store ? store.record(k) : others[-1 - k];
  }
  return records;
}

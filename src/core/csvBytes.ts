/**
 * CSV read straight from UTF-8 bytes, for large files: records are found by searching the bytes for commas,
 * quotes and line breaks (in UTF-8 these bytes never occur inside a multi-byte character), and only the cells
 * a reader asks for are decoded. A 1 GB export of which the statistics need the first 150 bytes of each
 * 1,100-byte row is thus never decoded whole.
 *
 * The result is exactly that of CsvStream over the decoded text (csv.ts): the same records, cells, line
 * numbers, rejections and errors. The byte path takes the common rows — LF or CRLF line ends, quoted cells
 * without line breaks, rows shorter than the record limit; any other row (a line break inside quotes, a lone
 * CR, text after a closing quote, a row that may be over the limit) is decoded and handed to a CsvStream,
 * which reads on until it is between records again.
 */
import { CsvStream, type MalformedRecord, type OversizedRecord } from './csv';

/** The cells of one record; a cell's text is decoded when asked for. */
export interface CsvCells {
  readonly length: number;
  text(i: number): string;
}

/**
 * A record's cells as positions in the bytes, for readers that parse cells without decoding them (dates,
 * numbers, pooled names). Cell i (i < located) is buf[starts[i], ends[i]), between its quotes when quoted[i];
 * a quoted cell may still hold doubled quotes. Valid only during the onRecord call.
 */
export interface RawCells extends CsvCells {
  readonly buf: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly quoted: Uint8Array;
  readonly located: number;
}

/** The record's cells as positions, when the reader gave them so (not for rows the CsvStream read). */
export function rawCells(cells: CsvCells): RawCells | undefined {
  return cells instanceof ByteCells ? cells : undefined;
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const DEFAULT_MAX = 2_000_000;
/** Bytes of a cell walked before the native search takes over (plainRecord). */
const WALK = 16;

export interface TextDecoderLike {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
type TextDecoderCtor = new (label: string) => TextDecoderLike;

export function utf8Decoder(): TextDecoderLike {
  const ctor = (globalThis as unknown as { TextDecoder?: TextDecoderCtor }).TextDecoder;
  if (!ctor) throw new Error('this runtime has no TextDecoder');
  return new ctor('utf-8');
}

/** Cells given as strings (the records of the CsvStream fallback, or of a text reader). */
export class StringCells implements CsvCells {
  constructor(private readonly cells: readonly string[]) {}
  get length(): number {
    return this.cells.length;
  }
  text(i: number): string {
    return this.cells[i] ?? '';
  }
}

/**
 * Cells of a record in the byte buffer; the first `prefix` are decoded at once, the rest one by one. Cells from
 * `located` on were only counted (a tail of plain cells, buf[tail, tailEnd)): they are found when first asked for.
 */
class ByteCells implements RawCells {
  length = 0;
  located = 0;
  tail = 0;
  tailEnd = 0;
  buf: Uint8Array = new Uint8Array(0);
  starts: Int32Array = new Int32Array(64);
  ends: Int32Array = new Int32Array(64);
  quoted: Uint8Array = new Uint8Array(64);
  /** The first prefixCells cells (none quoted), decoded in one call when one of them is first asked for. */
  prefixCells = 0;
  prefixStart = 0;
  prefix: string[] | undefined;

  constructor(private readonly decoder: TextDecoderLike) {}

  text(i: number): string {
    if (i >= this.length) return '';
    if (i < this.prefixCells) {
      // Split at the commas, which only end cells when none is quoted.
      this.prefix ??= this.decoder
        .decode(this.buf.subarray(this.prefixStart, this.ends[this.prefixCells - 1]))
        .split(',');
      return this.prefix[i];
    }
    if (i >= this.located) this.locateTail();
    const s = this.decoder.decode(this.buf.subarray(this.starts[i], this.ends[i]));
    return this.quoted[i] ? s.replace(/""/g, '"') : s;
  }

  /** Finds the cells of the tail: no quotes, CRs or line breaks there, so every comma ends a cell. */
  private locateTail(): void {
    let q = this.tail;
    for (let n = this.located; n < this.length; n += 1) {
      if (n === this.starts.length) this.grow();
      let e = this.buf.indexOf(COMMA, q);
      if (e < 0 || e > this.tailEnd) e = this.tailEnd;
      this.starts[n] = q;
      this.ends[n] = e;
      this.quoted[n] = 0;
      q = e + 1;
    }
    this.located = this.length;
  }

  grow(): void {
    const n = this.starts.length * 2;
    const grow32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.starts = grow32(this.starts);
    this.ends = grow32(this.ends);
    const q = new Uint8Array(n);
    q.set(this.quoted);
    this.quoted = q;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export class CsvByteStream {
  private readonly max: number;
  private readonly decoder = utf8Decoder();
  /** Streaming decoder of the rows handed to the CsvStream (they may end in the middle of a character). */
  private readonly slowDecoder = utf8Decoder();
  private readonly slow: CsvStream;
  private slowMode = false;
  private line = 1;
  private started = false;
  private pending: Uint8Array = new Uint8Array(0);
  private readonly cells: ByteCells;
  /** Positions of the next LF / CR at or after the last search, or the buffer's length when there is none. */
  private nextLF = -1;
  private nextCR = -1;
  private nextComma = -1;
  /**
   * How many leading cells to decode in one piece (one decoder call and a split, instead of one call per cell);
   * the reader sets it to the cells it needs. Cells after these are decoded only when asked for.
   */
  decodeFirst = Number.POSITIVE_INFINITY;
  /**
   * How many leading cells to find; the rest of a row, when it is plain (no quote, no lone CR), is only counted
   * by its commas, and its cells found if asked for. A 1,100-byte row whose reader needs the first 150 bytes
   * then costs a few native searches, not a cell-by-cell walk through its abstract.
   */
  locateFirst = Number.POSITIVE_INFINITY;
  private nextQuote = -1;

  constructor(file: string, opts: { maxRecordChars?: number } = {}) {
    this.max = opts.maxRecordChars ?? DEFAULT_MAX;
    this.slow = new CsvStream(file, { maxRecordChars: this.max, lenient: true });
    this.cells = new ByteCells(this.decoder);
  }

  /** The line on which the next record starts. */
  get nextLine(): number {
    return this.slowMode ? this.slow.currentLine : this.line;
  }

  /**
   * True when every byte pushed so far belongs to a complete record: the input may be cut here, a proof that the
   * next byte starts a record (a line break inside quotes leaves the stream in the CsvStream, not between records).
   */
  get betweenRecords(): boolean {
    return this.pending.length === 0 && !this.slowMode;
  }

  get oversized(): readonly OversizedRecord[] {
    return this.slow.oversized;
  }
  get malformed(): readonly MalformedRecord[] {
    return this.slow.malformed;
  }

  /** Consumes a chunk of bytes; calls onRecord for each record it completes. */
  push(bytes: Uint8Array, onRecord: (line: number, cells: CsvCells) => void): void {
    let buf = bytes;
    if (this.pending.length > 0) {
      // The record cut by the last chunk's end, read from a small joint buffer through this chunk's first line
      // end; the chunk is then read in place (no copy of a whole chunk per chunk, and a Node Buffer stays one,
      // whose native indexOf is several times faster than a plain Uint8Array's).
      const lf = this.started ? bytes.indexOf(LF) : -1;
      if (lf >= 0) {
        const head = concat(this.pending, bytes.subarray(0, lf + 1));
        const done = this.scan(head, false, onRecord);
        this.pending = new Uint8Array(0);
        const rest = bytes.subarray(lf + 1);
        buf = done === head.length ? rest : concat(head.subarray(done), rest);
        if (buf.length === 0) return;
      } else buf = concat(this.pending, bytes);
    }
    if (!this.started) {
      if (buf.length < 3 && buf.length > 0 && buf[0] === 0xef) {
        this.pending = Uint8Array.prototype.slice.call(buf);
        return;
      }
      if (buf.length === 0) return;
      this.started = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    const done = this.scan(buf, false, onRecord);
    // A copy: a Node Buffer's slice would be a view of the reader's chunk.
    this.pending = done < buf.length ? Uint8Array.prototype.slice.call(buf, done) : new Uint8Array(0);
  }

  /** Ends the input: the last record; throws CsvSyntaxError when a quoted cell is still open. */
  end(onRecord: (line: number, cells: CsvCells) => void): void {
    if (this.pending.length > 0) {
      const buf = this.pending;
      this.pending = new Uint8Array(0);
      this.scan(buf, true, onRecord);
    }
    if (this.slowMode) {
      const rest = this.slowDecoder.decode();
      if (rest) for (const r of this.slow.push(rest)) onRecord(r.line, new StringCells(r.cells));
    }
    for (const r of this.slow.end()) onRecord(r.line, new StringCells(r.cells));
  }

  /** Reads the records of buf; returns where the unread rest (an incomplete record) starts. */
  private scan(buf: Uint8Array, final: boolean, onRecord: (line: number, cells: CsvCells) => void): number {
    const len = buf.length;
    // Bytes are read through a plain Uint8Array view (one kind of array at every read: a Node Buffer is another),
    // searched through buf (a Buffer's indexOf is native memchr).
    const bytes =
      Object.getPrototypeOf(buf) === Uint8Array.prototype ? buf : new Uint8Array(buf.buffer, buf.byteOffset, len);
    this.nextLF = -1;
    this.nextCR = -1;
    this.nextComma = -1;
    this.nextQuote = -1;
    let p = 0;
    while (p < len) {
      if (this.slowMode) {
        p = this.feedSlow(buf, p, final, onRecord);
        continue;
      }
      const end = this.record(buf, bytes, p, final);
      if (end === -1) return p; // incomplete: wait for more bytes
      if (end === -2) {
        this.slowMode = true;
        this.slow.resume(this.line);
        continue;
      }
      // A blank line is not a record (nor is a line of one empty cell, as for the CsvStream).
      const c = this.cells;
      if (!(c.length === 1 && c.starts[0] === c.ends[0])) onRecord(this.line, c);
      this.line += 1;
      p = end;
    }
    return len;
  }

  /** Hands bytes from p through the next LF to the CsvStream; back to bytes once it is between records. */
  private feedSlow(
    buf: Uint8Array,
    p: number,
    final: boolean,
    onRecord: (line: number, cells: CsvCells) => void,
  ): number {
    const lf = buf.indexOf(LF, p);
    const to = lf < 0 ? buf.length : lf + 1;
    const text = this.slowDecoder.decode(buf.subarray(p, to), { stream: !final || to < buf.length });
    for (const r of this.slow.push(text)) onRecord(r.line, new StringCells(r.cells));
    if (lf >= 0 && this.slow.atRecordStart) {
      this.slowMode = false;
      this.line = this.slow.currentLine;
    }
    return to;
  }

  private lfFrom(buf: Uint8Array, q: number): number {
    if (this.nextLF < q) {
      const i = buf.indexOf(LF, q);
      this.nextLF = i < 0 ? buf.length : i;
    }
    return this.nextLF;
  }

  private crFrom(buf: Uint8Array, q: number): number {
    if (this.nextCR < q) {
      const i = buf.indexOf(CR, q);
      this.nextCR = i < 0 ? buf.length : i;
    }
    return this.nextCR;
  }

  private quoteFrom(buf: Uint8Array, q: number): number {
    if (this.nextQuote < q) {
      const i = buf.indexOf(QUOTE, q);
      this.nextQuote = i < 0 ? buf.length : i;
    }
    return this.nextQuote;
  }

  /**
   * The number of cells of a plain rest of a row starting at q (no quote, no CR but one before the LF), and the
   * end of its last cell; undefined when the rest is not plain or has no line end in buf.
   */
  private plainTail(buf: Uint8Array, q: number): { cells: number; end: number } | undefined {
    const lf = this.lfFrom(buf, q);
    if (lf >= buf.length || this.quoteFrom(buf, q) < lf) return undefined;
    const cr = this.crFrom(buf, q);
    if (cr < lf - 1) return undefined;
    const end = cr === lf - 1 ? cr : lf;
    return { cells: this.cellsIn(buf, q, end), end };
  }

  /** The number of cells in buf[q, end), which holds no quote: one more than its commas. */
  private cellsIn(buf: Uint8Array, q: number, end: number): number {
    let cells = 1;
    for (let k = q; ;) {
      if (this.nextComma < k) {
        const i = buf.indexOf(COMMA, k);
        this.nextComma = i < 0 ? buf.length : i;
      }
      if (this.nextComma >= end) return cells;
      cells += 1;
      k = this.nextComma + 1;
    }
  }

  /**
   * record() of a row [p, lf) without quotes or CRs: every comma ends a cell. Short cells are walked byte by byte,
   * a cell still open after WALK bytes is ended by the native search (a 60-byte inventors cell costs one call,
   * not 60 steps); the rest of the row past locateFirst is only counted.
   */
  private plainRecord(buf: Uint8Array, bytes: Uint8Array, p: number, lf: number): number {
    const c = this.cells;
    let n = 0;
    let q = p;
    let e = p;
    let located = -1;
    for (;;) {
      if (n >= this.locateFirst && n > 0) {
        located = n;
        c.tail = q;
        c.tailEnd = lf;
        n += this.cellsIn(buf, q, lf);
        e = lf;
        break;
      }
      if (n === c.starts.length) c.grow();
      const stop = q + WALK < lf ? q + WALK : lf;
      e = q;
      while (e < stop && bytes[e] !== COMMA) e += 1;
      if (e === stop && stop < lf) {
        const i = buf.indexOf(COMMA, stop);
        e = i < 0 || i > lf ? lf : i;
      }
      c.starts[n] = q;
      c.ends[n] = e;
      c.quoted[n] = 0;
      n += 1;
      if (e >= lf) break;
      q = e + 1;
    }
    if (e - p > this.max) return -2;
    c.length = n;
    c.located = located < 0 ? n : located;
    c.buf = bytes;
    c.prefix = undefined;
    c.prefixCells = Math.min(c.located, this.decodeFirst);
    c.prefixStart = p;
    return lf + 1;
  }

  /**
   * Reads the record starting at p into this.cells. Returns the position after its line end, -1 when the
   * buffer ends first (and more may come), -2 when the record is one for the CsvStream.
   */
  private record(buf: Uint8Array, bytes: Uint8Array, p: number, final: boolean): number {
    const len = buf.length;
    // A row with its line end in buf and no quote or CR before it (nearly every row of a large export).
    const lf = this.lfFrom(buf, p);
    if (lf < len && this.quoteFrom(buf, p) > lf && this.crFrom(buf, p) > lf) return this.plainRecord(buf, bytes, p, lf);
    const c = this.cells;
    let n = 0;
    let q = p;
    let anyQuoted = false;
    let e: number;
    let located = -1;
    for (;;) {
      if (n >= this.locateFirst && n > 0) {
        const tail = this.plainTail(buf, q);
        if (tail !== undefined) {
          located = n;
          c.tail = q;
          c.tailEnd = tail.end;
          n += tail.cells;
          e = tail.end;
          break;
        }
      }
      if (n === c.starts.length) c.grow();
      if (bytes[q] === QUOTE) {
        // A quoted cell: the closing quote is a quote not followed by another.
        let close = buf.indexOf(QUOTE, q + 1);
        while (close >= 0 && close + 1 < len && bytes[close + 1] === QUOTE) close = buf.indexOf(QUOTE, close + 2);
        if (close < 0 || close + 1 >= len) return final ? -2 : -1;
        // A line break inside the quotes: the CsvStream counts the lines and folds CRs.
        if (this.lfFrom(buf, q) < close || this.crFrom(buf, q) < close) return -2;
        c.starts[n] = q + 1;
        c.ends[n] = close;
        c.quoted[n] = 1;
        anyQuoted = true;
        e = close + 1;
        const after = bytes[e];
        if (after !== COMMA && after !== LF && after !== CR) return -2;
      } else {
        // A byte walk: cells before the rest are short, where it beats native searches (a call each for the
        // comma, LF and CR); most bytes of Japanese text fail the first comparison.
        e = q;
        while (e < len) {
          const b = bytes[e];
          if (b <= COMMA && (b === COMMA || b === LF || b === CR)) break;
          e += 1;
        }
        if (e >= len && !final) return -1;
        c.starts[n] = q;
        c.ends[n] = e;
        c.quoted[n] = 0;
      }
      n += 1;
      if (e >= len) break; // the last record of the file, without a line end
      const x = bytes[e];
      if (x === COMMA) {
        q = e + 1;
        if (q >= len && !final) return -1;
        continue;
      }
      if (x === CR) {
        if (e + 1 >= len && !final) return -1;
        if (e + 1 < len && bytes[e + 1] !== LF) return -2; // a lone CR ends a line for the CsvStream
      }
      break;
    }
    // Record ends at e (the comma-free end of its last cell); a record over the limit in bytes may be over it
    // in characters: the CsvStream decides.
    if (e - p > this.max) return -2;
    c.length = n;
    c.located = located < 0 ? n : located;
    c.buf = bytes;
    c.prefix = undefined;
    // The leading cells in one decoder call (when asked for), if none of them is quoted.
    const k = Math.min(c.located, this.decodeFirst);
    let quotedInPrefix = false;
    if (anyQuoted) for (let i = 0; i < k; i += 1) if (c.quoted[i]) quotedInPrefix = true;
    c.prefixCells = quotedInPrefix ? 0 : k;
    c.prefixStart = p;
    if (e >= len) return len;
    return bytes[e] === CR ? e + 2 : e + 1;
  }
}

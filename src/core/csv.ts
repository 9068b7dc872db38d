/**
 * RFC 4180 CSV (and TSV) reading, streaming: text arrives in chunks of any size and complete records come
 * out, each with the physical line on which it starts, so that every message can name the file, row and
 * column. Quoted cells may hold separators, quotes ("") and line breaks; CRLF, LF and CR line ends are all
 * accepted; a UTF-8 BOM is dropped. A record longer than `maxRecordChars` (a broken quote that swallows the
 * rest of the file, or a 5 MB line) is rejected with its line number and reading resumes at the next line.
 */
export interface CsvRecord {
  /** 1-based physical line on which the record starts. */
  readonly line: number;
  readonly cells: readonly string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${file}, line ${line}: ${detail}`);
    this.name = 'CsvSyntaxError';
  }
}

export interface CsvOptions {
  readonly separator?: ',' | '\t' | ';';
  /** Longest record accepted, in characters (default 2,000,000). */
  readonly maxRecordChars?: number;
  /** TSV exports (PatentsView) do not quote: a quote is an ordinary character there. */
  readonly quotes?: boolean;
  /** Reject a malformed record (text after a closing quote) and go on at the next line, instead of throwing. */
  readonly lenient?: boolean;
}

export interface OversizedRecord {
  readonly line: number;
  readonly chars: number;
}

export interface MalformedRecord {
  readonly line: number;
  readonly detail: string;
}

const DEFAULT_MAX = 2_000_000;

export class CsvStream {
  private readonly sep: string;
  private readonly max: number;
  private readonly quotes: boolean;
  private readonly lenient: boolean;
  /** Separator, quote (when quoting), CR or LF. */
  private readonly special: RegExp;
  /** Quote, CR or LF. */
  private readonly inQuotes = /["\r\n]/g;
  private cells: string[] = [];
  private cell = '';
  private line = 1;
  private recordLine = 1;
  private recordChars = 0;
  private quoted = false;
  private quoteLine = 0;
  private afterQuote = false;
  private cellStarted = false;
  private started = false;
  private skipping = false;
  private pendingCR = false;
  /** Records that were too long, rejected and skipped. */
  readonly oversized: OversizedRecord[] = [];
  /** With `lenient`: records with a syntax error, rejected and skipped. */
  readonly malformed: MalformedRecord[] = [];

  constructor(
    private readonly file: string,
    opts: CsvOptions = {},
  ) {
    this.sep = opts.separator ?? ',';
    this.max = opts.maxRecordChars ?? DEFAULT_MAX;
    this.quotes = opts.quotes ?? true;
    this.lenient = opts.lenient ?? false;
    const sepClass = this.sep === '\t' ? '\\t' : this.sep;
    this.special = new RegExp(`[${sepClass}\\r\\n${this.quotes ? '"' : ''}]`, 'g');
  }

  /**
   * Continues reading at a record boundary of a text read elsewhere (CsvByteStream hands its unusual records
   * over here): the next record starts on `line`.
   */
  resume(line: number): void {
    this.started = true;
    this.line = line;
    this.recordLine = line;
  }

  /** Physical line the stream is on. */
  get currentLine(): number {
    return this.line;
  }

  /** True between records: nothing of a record read, no quote open, not skipping a broken record. */
  get atRecordStart(): boolean {
    return (
      !this.quoted &&
      !this.afterQuote &&
      !this.skipping &&
      !this.pendingCR &&
      !this.cellStarted &&
      this.cell === '' &&
      this.cells.length === 0
    );
  }

  /** Consumes a chunk and returns the records it completed. */
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let text = chunk;
    if (!this.started) {
      if (text.length === 0) return out;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.started = true;
    }
    for (let i = 0; i < text.length; i += 1) {
      // Fast path: plain text up to the next character that matters is taken in one slice.
      if (!this.pendingCR && !this.skipping && !this.afterQuote) {
        // Inside quotes only a quote or a line break (line counting, CR folding) needs the per-character path.
        const stop = this.nextSpecial(this.quoted ? this.inQuotes : this.special, text, i);
        const end = stop < 0 ? text.length : stop;
        if (end > i) {
          if (!this.appendRun(text.slice(i, end))) {
            i = end - 1;
            continue;
          }
          if (stop < 0) break;
          i = end;
        }
      }
      const ch = text[i];
      if (this.pendingCR) {
        this.pendingCR = false;
        if (ch === '\n') continue; // the LF of a CRLF already counted
      }
      if (this.skipping) {
        if (ch === '\r' || ch === '\n') {
          this.skipping = false;
          this.newLine(ch);
          this.recordLine = this.line;
        }
        continue;
      }
      if (this.quoted) {
        if (ch === '"') {
          this.quoted = false;
          this.afterQuote = true;
          continue;
        }
        if (ch === '\r' || ch === '\n') this.newLine(ch);
        this.append(ch === '\r' ? '\n' : ch);
        continue;
      }
      if (this.afterQuote) {
        this.afterQuote = false;
        if (ch === '"') {
          // a doubled quote inside a quoted cell
          this.quoted = true;
          this.append('"');
          continue;
        }
        if (ch !== this.sep && ch !== '\r' && ch !== '\n') {
          const detail = `unexpected character ${JSON.stringify(ch)} after a closing quote`;
          if (!this.lenient) throw new CsvSyntaxError(this.file, this.line, detail);
          this.malformed.push({ line: this.recordLine, detail });
          this.reset();
          this.skipping = true;
          continue;
        }
      }
      if (ch === '"' && this.quotes && !this.cellStarted) {
        this.quoted = true;
        this.quoteLine = this.line;
        this.cellStarted = true;
        continue;
      }
      if (ch === this.sep) {
        this.endCell();
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        this.endRecord(out);
        this.newLine(ch);
        this.recordLine = this.line;
        continue;
      }
      this.cellStarted = true;
      this.append(ch);
    }
    return out;
  }

  /** Ends the input: returns the last record, or throws when a quoted cell is still open. */
  end(): CsvRecord[] {
    if (this.quoted)
      throw new CsvSyntaxError(
        this.file,
        this.quoteLine,
        'a quoted cell is not closed before the end of the file (truncated file?)',
      );
    const out: CsvRecord[] = [];
    if (!this.skipping && (this.cell !== '' || this.cells.length > 0 || this.cellStarted)) this.endRecord(out);
    return out;
  }

  private newLine(ch: string): void {
    this.line += 1;
    if (ch === '\r') this.pendingCR = true;
  }

  /** Index of the next character of `re`'s class at or after `from`, or -1. */
  private nextSpecial(re: RegExp, text: string, from: number): number {
    re.lastIndex = from;
    const m = re.exec(text);
    return m ? m.index : -1;
  }

  /** Appends a run of ordinary characters; false when it made the record oversized (the rest is skipped). */
  private appendRun(run: string): boolean {
    if (this.recordChars + run.length > this.max) {
      // Let the per-character path find the exact overflow point and report it.
      for (const ch of run) {
        this.append(ch);
        if (this.skipping) return false;
      }
      return true;
    }
    this.cell += run;
    this.recordChars += run.length;
    if (!this.quoted) this.cellStarted = true;
    return true;
  }

  private append(ch: string): void {
    this.cell += ch;
    this.recordChars += 1;
    if (this.recordChars > this.max) {
      this.oversized.push({ line: this.recordLine, chars: this.recordChars });
      this.reset();
      // Resume at the next line break, outside any quote: the rest of the broken record is skipped.
      this.skipping = true;
    }
  }

  private endCell(): void {
    this.cells.push(this.cell);
    this.cell = '';
    this.cellStarted = false;
  }

  private endRecord(out: CsvRecord[]): void {
    this.endCell();
    // A blank line is not a record (trailing newline, spacing between blocks).
    if (!(this.cells.length === 1 && this.cells[0] === '')) out.push({ line: this.recordLine, cells: this.cells });
    this.reset();
  }

  private reset(): void {
    this.cells = [];
    this.cell = '';
    this.cellStarted = false;
    this.quoted = false;
    this.afterQuote = false;
    this.recordChars = 0;
  }
}

/** Whole-text parsing, for small files. Oversized records throw here: small files have no excuse. */
export function parseCsv(text: string, file: string, opts: CsvOptions = {}): CsvRecord[] {
  const s = new CsvStream(file, opts);
  const records = [...s.push(text), ...s.end()];
  const big = s.oversized[0];
  if (big)
    throw new CsvSyntaxError(
      file,
      big.line,
      `a record is longer than ${opts.maxRecordChars ?? DEFAULT_MAX} characters`,
    );
  return records;
}

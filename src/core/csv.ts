/**
 * RFC 4180 CSV reading with the physical line number of every record, so that every message can name
 * the file, row and column. Quoted cells may hold commas, quotes ("") and line breaks; CRLF, LF and CR
 * line ends are all accepted; a UTF-8 BOM is dropped.
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
    detail: string,
  ) {
    super(`${file}, line ${line}: ${detail}`);
    this.name = 'CsvSyntaxError';
  }
}

export function parseCsv(text: string, file: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let cellStarted = false;
  let i = 0;

  const endCell = (): void => {
    cells.push(cell);
    cell = '';
    cellStarted = false;
  };
  const endRecord = (): void => {
    endCell();
    // A blank line is not a record (trailing newline, spacing between blocks).
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: recordLine, cells });
    cells = [];
  };

  while (i < src.length) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        const next = src[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new CsvSyntaxError(file, line, `unexpected character ${JSON.stringify(next)} after a closing quote`);
        }
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        line += 1;
        if (ch === '\r' && src[i + 1] === '\n') i += 1;
      }
      cell += ch === '\r' ? '\n' : ch;
      i += 1;
      continue;
    }
    if (ch === '"' && !cellStarted) {
      quoted = true;
      quoteLine = line;
      cellStarted = true;
      i += 1;
      continue;
    }
    if (ch === ',') {
      endCell();
      i += 1;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      if (ch === '\r' && src[i + 1] === '\n') i += 1;
      i += 1;
      line += 1;
      recordLine = line;
      continue;
    }
    cell += ch;
    cellStarted = true;
    i += 1;
  }
  if (quoted) throw new CsvSyntaxError(file, quoteLine, 'a quoted cell is not closed before the end of the file');
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}

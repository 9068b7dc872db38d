/**
 * The shape shared by the exports whose columns are found from a header row (J-PlatPat, Lens): the header is
 * read into a column index, each data row is viewed by column (so rejections name the column as the file writes
 * it), and a header that lacks required columns gives one rejection that says it all, with no rows read.
 * Each format supplies its columns, its row-to-record rule and its file-level notes.
 */
import { appendAll } from '../../appendAll';
import { forEachCsvRecord } from '../chunks';
import type {
  ImportOptions,
  ImportResult,
  OptionalRecordField,
  PatentFormat,
  PatentRecord,
  Rejection,
} from '../record';

export interface ColumnHeader<Col> {
  readonly index: ReadonlyMap<Col, number>;
  /** The header as written, for messages that name the column. */
  readonly names: readonly string[];
  /** Required columns (or groups of alternatives) the header lacks: the file is unusable when any. */
  readonly missing: readonly unknown[];
}

/** One data row, read by column, with rejections and notes that name the column as the file writes it. */
export interface ColumnRow<Col> {
  readonly line: number;
  readonly cells: readonly string[];
  get(c: Col): string;
  at(c: Col | undefined, reason: string): Rejection;
}

function rowView<Col>(cells: readonly string[], line: number, file: string, header: ColumnHeader<Col>): ColumnRow<Col> {
  return {
    line,
    cells,
    get: (c) => {
      const i = header.index.get(c);
      return i === undefined ? '' : (cells[i] ?? '').trim();
    },
    at: (c, reason) => {
      const i = c === undefined ? undefined : header.index.get(c);
      return { file, line, field: i === undefined ? undefined : header.names[i], reason };
    },
  };
}

export interface HeaderFormat<Col, H extends ColumnHeader<Col>, Ctx> {
  readonly format: PatentFormat;
  /** The format's name in messages ("J-PlatPat", "Lens"). */
  readonly label: string;
  readHeader(cells: readonly string[], file: string, line: number, notes: Rejection[]): H;
  context(header: H, notes: Rejection[], opts: ImportOptions): Ctx;
  toRecord(row: ColumnRow<Col>, ctx: Ctx): PatentRecord | Rejection;
  missingColumns(header: H, file: string, line: number, rowsSkipped: number): Rejection;
  /** After the last row: the fields the file lacks, and file-level notes. */
  finish(ctx: Ctx, records: readonly PatentRecord[]): { lacks: OptionalRecordField[]; notes: Rejection[] };
}

const isRecord = (x: PatentRecord | Rejection): x is PatentRecord => 'applicationNumber' in x;

export async function importByHeader<Col, H extends ColumnHeader<Col>, Ctx>(
  chunks: AsyncIterable<string> | Iterable<string>,
  opts: ImportOptions,
  fmt: HeaderFormat<Col, H, Ctx>,
): Promise<ImportResult> {
  const { file } = opts;
  const { format } = fmt;
  const records: PatentRecord[] = [];
  const rejected: Rejection[] = [];
  const notes: Rejection[] = [];
  let state: { header: H; ctx: Ctx; line: number } | undefined;
  let dataRows = 0;

  const csvRejections = await forEachCsvRecord(chunks, opts, {}, (r) => {
    if (!state) {
      const header = fmt.readHeader(r.cells, file, r.line, notes);
      state = { header, ctx: fmt.context(header, notes, opts), line: r.line };
      return;
    }
    dataRows += 1;
    if (state.header.missing.length > 0) return;
    const out = fmt.toRecord(rowView(r.cells, r.line, file, state.header), state.ctx);
    if (isRecord(out)) records.push(out);
    else rejected.push(out);
  });

  if (!state) {
    const reason = `the file is empty: a ${fmt.label} header row is required`;
    return { format, file, rowsRead: 0, records, rejected: [{ file, line: 1, reason }], lacks: [], notes };
  }
  // Rows the CSV layer could not read (a broken quote, an oversized record) are rows read and rejected.
  const rowsRead = dataRows + csvRejections.length;
  if (state.header.missing.length > 0) {
    // One rejection says it all (it lists the columns found): no per-column notes about a header that failed.
    const unusable = fmt.missingColumns(state.header, file, state.line, rowsRead);
    return { format, file, rowsRead: 0, records: [], rejected: [unusable], lacks: [], notes: [] };
  }
  appendAll(rejected, csvRejections);
  rejected.sort((a, b) => a.line - b.line);
  const end = fmt.finish(state.ctx, records);
  appendAll(notes, end.notes);
  return { format, file, rowsRead, records, rejected, lacks: end.lacks, notes };
}

/** A note on a kept row with undecodable bytes (U+FFFD), naming its first such column. */
export function undecodableNote<Col>(row: ColumnRow<Col>, names: readonly string[]): Rejection | undefined {
  const garbled = row.cells.findIndex((c) => c.includes('\uFFFD'));
  if (garbled < 0) return undefined;
  return {
    ...row.at(undefined, 'undecodable characters (�) in the row: the file is not entirely UTF-8'),
    field: names[garbled],
  };
}

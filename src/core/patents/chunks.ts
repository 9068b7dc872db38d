/** Feeding an importer: chunk iteration with progress and cancel, shared by the CSV-based importers. */
import {
  type CsvOptions,
  type CsvRecord,
  CsvStream,
  CsvSyntaxError,
  type MalformedRecord,
  type OversizedRecord,
} from '../csv';
import { CsvByteStream, type CsvCells } from '../csvBytes';
import { type ImportOptions, ImportCancelled, type Rejection } from './record';

/**
 * Ends a CSV reader (`end`, which may throw on a quote left open) and appends its rejections, in the order both
 * readers give them: the open quote at the end, then the malformed rows, then the oversized records.
 */
function endReading(
  file: string,
  end: () => void,
  stream: { readonly malformed: readonly MalformedRecord[]; readonly oversized: readonly OversizedRecord[] },
  rejected: Rejection[],
): void {
  try {
    end();
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    rejected.push({ file, line: e.line, reason: e.detail });
  }
  for (const m of stream.malformed) rejected.push({ file, line: m.line, reason: `${m.detail}: row skipped` });
  for (const o of stream.oversized) {
    rejected.push({
      file,
      line: o.line,
      reason: `record longer than ${o.chars - 1} characters: skipped to the next line (broken quote or binary data?)`,
    });
  }
}

/**
 * Streams CSV records from text chunks to `onRecord`, reporting progress and honouring cancel. Oversized
 * records and a truncated final quote become rejections, not exceptions: nothing else in the file is lost.
 */
export async function forEachCsvRecord(
  chunks: AsyncIterable<string> | Iterable<string>,
  opts: ImportOptions,
  csv: CsvOptions,
  onRecord: (r: CsvRecord) => void,
): Promise<Rejection[]> {
  const stream = new CsvStream(opts.file, { ...csv, lenient: true });
  const rejected: Rejection[] = [];
  let consumed = 0;
  for await (const chunk of chunks as AsyncIterable<string>) {
    if (opts.cancel?.cancelled) throw new ImportCancelled(opts.file);
    stream.push(chunk).forEach(onRecord);
    consumed += chunk.length;
    opts.onProgress?.(consumed);
  }
  endReading(opts.file, () => stream.end().forEach(onRecord), stream, rejected);
  return rejected;
}

/**
 * Which part of a file the chunks are, when a file is read in parts (one per thread): a part after the first
 * gets the file's header row first (its own rows are then numbered from line 2, to be shifted by the caller);
 * a part before the last is not ended, so that a record cut by the part's end is not taken for the last.
 */
export interface BytePart {
  readonly header?: Uint8Array;
  readonly last: boolean;
}

export interface ByteReadEnd {
  readonly rejected: Rejection[];
  /** The part ended between records (always true of the last part). */
  readonly clean: boolean;
  /** The line on which a record after the part would start. */
  readonly nextLine: number;
}

/**
 * forEachCsvRecord over UTF-8 bytes (CsvByteStream, comma-separated): the same records, line numbers and
 * rejections; progress in bytes. onRecord may set the stream's decodeFirst once it knows the cells it needs.
 */
export async function forEachCsvByteRecord(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  opts: ImportOptions,
  onRecord: (line: number, cells: CsvCells, stream: CsvByteStream) => void,
  part: BytePart = { last: true },
): Promise<ByteReadEnd> {
  const stream = new CsvByteStream(opts.file);
  const each = (line: number, cells: CsvCells): void => onRecord(line, cells, stream);
  const rejected: Rejection[] = [];
  let consumed = 0;
  if (part.header) stream.push(part.header, each);
  for await (const chunk of chunks as AsyncIterable<Uint8Array>) {
    if (opts.cancel?.cancelled) throw new ImportCancelled(opts.file);
    stream.push(chunk, each);
    consumed += chunk.length;
    opts.onProgress?.(consumed);
  }
  const clean = part.last || stream.betweenRecords;
  endReading(opts.file, () => (part.last ? stream.end(each) : undefined), stream, rejected);
  return { rejected, clean, nextLine: stream.nextLine };
}

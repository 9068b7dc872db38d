/**
 * The thread that imports the second part of a canonical patents.csv (canonicalFile.ts): its records go back
 * as their store's columns, transferred (recordColumns.ts, encodePartRecords), everything else as is.
 */
import { parentPort, workerData } from 'worker_threads';
import { type CanonicalPart, importCanonicalPart } from '../core/patents/importers/canonical';
import { encodePartRecords } from '../core/patents/recordColumns';
import { byteRange } from './readFile';

export interface WorkerInput {
  readonly path: string;
  readonly start: number;
  readonly end: number;
  /** The file's header row, through its line end. */
  readonly header: Uint8Array;
  readonly file: string;
  readonly keepText: boolean | 'title';
  readonly indexInventors: boolean | undefined;
}

async function run(port: NonNullable<typeof parentPort>): Promise<void> {
  const d = workerData as WorkerInput;
  const progress = (bytes: number): void => port.postMessage({ progress: bytes });
  const part = await importCanonicalPart(
    byteRange(d.path, d.start, d.end, progress),
    { file: d.file, keepText: d.keepText, indexInventors: d.indexInventors, expectedBytes: d.end - d.start },
    { header: d.header, last: true },
  );
  const { records, transfer } = encodePartRecords(part.records, d.file);
  // The Map of numbers stays here: the join asks only the first part's.
  const rest: Omit<CanonicalPart, 'records' | 'seen'> = {
    rowRejections: part.rowRejections,
    readerRejections: part.readerRejections,
    notes: part.notes,
    lacks: part.lacks,
    rowsRead: part.rowsRead,
    usable: part.usable,
    clean: part.clean,
    nextLine: part.nextLine,
    rejectedNumbers: part.rejectedNumbers,
    duplicates: part.duplicates,
  };
  port.postMessage({ part: rest, records }, transfer);
}

if (parentPort) {
  const port = parentPort;
  run(port).catch((e: unknown) => port.postMessage({ error: e instanceof Error ? e.message : String(e) }));
}

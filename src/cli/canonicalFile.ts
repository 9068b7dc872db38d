/**
 * A UTF-8 canonical patents.csv, imported on two threads when it is large and the machine has two cores
 * (defaultThreads): this thread reads the first half,
 * a worker (importWorker.ts) the second, cut at a line end. The result is exactly importCanonicalBytes's over
 * the whole file — same records, line numbers, rejections — which joinCanonicalParts vouches for; when it
 * cannot (a line break inside quotes at the cut, a duplicate across the cut, a worker failure) the file is
 * read again in one piece. The CLI and the benchmarks (scripts/bench.ts) both read canonical files here.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'fs';
import { availableParallelism } from 'os';
import { join } from 'path';
import { Worker } from 'worker_threads';
import {
  type CanonicalPart,
  importCanonicalBytes,
  importCanonicalPart,
  joinCanonicalParts,
  shiftOf,
} from '../core/patents/importers/canonical';
import { decodePartRecords, type PartRecords } from '../core/patents/recordColumns';
import type { ImportResult } from '../core/patents/record';
import type { WorkerInput } from './importWorker';
import { byteRange } from './readFile';

/**
 * Below this many rows (as the file's first megabyte puts it), starting a thread costs more than it saves: its
 * start (some 100 ms) and the join of its records. Measured on 2 cores, a second thread broke even at about 200k
 * rows and paid off from 300k, alike for 1.1 KB rows with abstracts and 170-byte rows without (at 100k rows one
 * thread took 400 ms where two took 445, at 450k 1.2 s where two took 0.95): the number of rows decides, not the
 * bytes, which the text cells' count mostly.
 */
const MIN_PARALLEL_ROWS = 250_000;
const WINDOW = 1 << 20;
/**
 * This thread's share of the file. A little over half: the worker starts some 100 ms late (its modules load and
 * compile) and returns its records through a message, and with halves this thread waited 100–230 ms for it
 * (1M applications, about 1.6 s a part).
 */
const MAIN_SHARE = 0.53;
const LF = 0x0a;
const QUOTE = 0x22;

export interface CanonicalFileOptions {
  /** The name rejections give (the file's base name). */
  readonly file: string;
  readonly keepText: boolean | 'title';
  /** ImportOptions.indexInventors: default true. */
  readonly indexInventors?: boolean;
  readonly onProgress?: (bytes: number) => void;
  /** 1: never a worker; 2: a worker for files of minParallelRows and more. Default: defaultThreads(). */
  readonly threads?: number;
  /** Default 250k (MIN_PARALLEL_ROWS): below it, starting a thread costs more than it saves. */
  readonly minParallelRows?: number;
  /** The compiled worker; default importWorker.js beside this file (absent when running from the sources). */
  readonly workerFile?: string;
}

/** The compiled worker; absent when running from the TypeScript sources (tests), where one thread reads. */
const WORKER = join(__dirname, 'importWorker.js');

function readAt(path: string, at: number, length: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const n = readSync(fd, buf, 0, length, at);
    return new Uint8Array(buf.buffer, buf.byteOffset, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * The header row (through its LF) and a cut just after a line end at MAIN_SHARE; undefined: do not cut (the file
 * has fewer than minRows rows by its first megabyte's, or no header to repeat).
 */
function cutOf(path: string, size: number, minRows: number): { header: Uint8Array; at: number } | undefined {
  const head = readAt(path, 0, Math.min(WINDOW, size));
  const headerEnd = head.indexOf(LF);
  // A quoted header could hold a line break: not worth the doubt.
  if (headerEnd < 0 || head.subarray(0, headerEnd).includes(QUOTE)) return undefined;
  let lines = 0;
  for (let i = head.indexOf(LF, headerEnd + 1); i >= 0; i = head.indexOf(LF, i + 1)) lines += 1;
  const rows = lines === 0 ? 0 : ((size - headerEnd) / (head.length - headerEnd)) * lines;
  if (rows < minRows) return undefined;
  const middle = Math.floor(size * MAIN_SHARE);
  const window = readAt(path, middle, Math.min(WINDOW, size - middle));
  const lf = window.indexOf(LF);
  if (lf < 0 || middle + lf + 1 >= size || middle <= headerEnd) return undefined;
  return { header: head.slice(0, headerEnd + 1), at: middle + lf + 1 };
}

/** Where importCanonicalFile cuts the file for a worker; undefined: it reads the file on this thread. */
function planCut(path: string, size: number, opts: CanonicalFileOptions) {
  const threads = opts.threads ?? defaultThreads();
  return threads >= 2 && existsSync(opts.workerFile ?? WORKER)
    ? cutOf(path, size, opts.minParallelRows ?? MIN_PARALLEL_ROWS)
    : undefined;
}

/** How many threads importCanonicalFile reads the file on, with these options (for the benchmark's report). */
export function importThreads(path: string, opts: CanonicalFileOptions): number {
  return planCut(path, statSync(path).size, opts) ? 2 : 1;
}

interface WorkerOutput {
  readonly part: Omit<CanonicalPart, 'records' | 'seen'>;
  readonly records: PartRecords;
}

function runWorker(
  file: string,
  input: WorkerInput,
  onBytes: (bytes: number) => void,
): Promise<WorkerOutput | undefined> {
  return new Promise((resolve) => {
    const worker = new Worker(file, { workerData: input });
    let done = false;
    const finish = (out: WorkerOutput | undefined): void => {
      if (done) return;
      done = true;
      resolve(out);
      void worker.terminate();
    };
    worker.on('message', (m: { progress?: number; error?: string } & Partial<WorkerOutput>) => {
      if (m.progress !== undefined) onBytes(m.progress);
      else if (m.error !== undefined || !m.part || !m.records) finish(undefined);
      else finish({ part: m.part, records: m.records });
    });
    worker.on('error', () => finish(undefined));
    worker.on('exit', () => finish(undefined));
  });
}

/**
 * Two threads wherever there are two cores. When each record was a dozen objects, a one-thread import kept the
 * second core busy with V8's concurrent garbage collection, and two threads were slower on 2 cores; records now
 * live in a RecordStore's columns (little garbage), and on this 2-core machine two threads take 25–30% less wall
 * time than one (1M applications: 2.1–2.8 s against 2.8–3.4 s for 171 MB, 2.7 s against 3.7–3.8 s for 1.1 GB).
 */
export function defaultThreads(): number {
  return availableParallelism() >= 2 ? 2 : 1;
}

export async function importCanonicalFile(path: string, opts: CanonicalFileOptions): Promise<ImportResult> {
  const size = statSync(path).size;
  const whole = (): Promise<ImportResult> =>
    importCanonicalBytes(byteRange(path, 0, size, opts.onProgress), {
      file: opts.file,
      keepText: opts.keepText,
      indexInventors: opts.indexInventors,
      expectedBytes: size,
    });
  const workerFile = opts.workerFile ?? WORKER;
  const cut = planCut(path, size, opts);
  if (!cut) return whole();
  let mine = 0;
  let theirs = 0;
  const progress = (): void => opts.onProgress?.(mine + theirs);
  const worker = runWorker(
    workerFile,
    {
      path,
      start: cut.at,
      end: size,
      header: cut.header,
      file: opts.file,
      keepText: opts.keepText,
      indexInventors: opts.indexInventors,
    },
    (bytes) => {
      theirs = bytes;
      progress();
    },
  );
  const first = await importCanonicalPart(
    byteRange(path, 0, cut.at, (bytes) => {
      mine = bytes;
      progress();
    }),
    { file: opts.file, keepText: opts.keepText, indexInventors: opts.indexInventors, expectedBytes: cut.at },
    { last: false },
  );
  const out = await worker;
  if (out && first.clean) {
    const second: CanonicalPart = {
      ...out.part,
      records: decodePartRecords(out.records, opts.file, shiftOf(first)),
    };
    const joined = joinCanonicalParts(opts.file, first, second);
    if (joined) return joined;
  }
  return whole();
}

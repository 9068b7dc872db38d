/**
 * Keywords of many documents on every core: segmentation is the slow part of PKA and PSI (about 1,000 Japanese
 * abstracts of 300 characters per second and core with lindera), and documents are independent, so batches of
 * them go to worker threads, each with its own analyser. Results come back in the order of the input.
 *
 * Workers run the compiled keywordWorker.js next to this file. Where it does not exist (the TypeScript sources
 * run directly, as under jest) or one thread is asked for, the work is done in this thread: same results, and
 * `threads` in the result says which happened.
 */
import { existsSync } from 'fs';
import { availableParallelism } from 'os';
import { join } from 'path';
import { Worker } from 'worker_threads';
import { type DocumentTexts, documentKeywords } from '../../core/text-mining/keywords';
import type { Segmenter } from '../../core/text-mining/segmenter';
import type { KeywordReply, KeywordRequest } from './keywordWorker';
import { createLinderaSegmenter } from './loadLindera';

export interface KeywordPoolOptions {
  /** Worker threads; default: the available cores. 1 = in this thread. */
  readonly threads?: number;
  /** Documents per message (default 500). */
  readonly batchSize?: number;
  /** The compiled worker script (default: keywordWorker.js beside this module). */
  readonly workerFile?: string;
  /** Below this many documents the worker start-up (≈0.4 s each) is not worth it (default 2,000). */
  readonly minDocumentsForWorkers?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface KeywordExtraction {
  /** Keywords of each document, aligned with the input. */
  readonly keywords: string[][];
  /** The analyser used, or undefined when no text was Japanese. */
  readonly segmenter?: string;
  /** Threads that did the work. */
  readonly threads: number;
}

export async function extractKeywords(
  texts: readonly DocumentTexts[],
  opts: KeywordPoolOptions = {},
): Promise<KeywordExtraction> {
  const workerFile = opts.workerFile ?? join(__dirname, 'keywordWorker.js');
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), Math.ceil(texts.length / 100)));
  if (threads === 1 || texts.length < (opts.minDocumentsForWorkers ?? 2000) || !existsSync(workerFile))
    return inThisThread(texts, opts.onProgress);
  return inWorkers(texts, threads, workerFile, opts);
}

function inThisThread(
  texts: readonly DocumentTexts[],
  onProgress?: (done: number, total: number) => void,
): KeywordExtraction {
  let segmenter: Segmenter | undefined;
  const lazy: Segmenter = {
    name: 'lindera',
    segment: (text) => (segmenter ??= createLinderaSegmenter()).segment(text),
  };
  const keywords = texts.map((t, i) => {
    if (onProgress && i % 1000 === 0) onProgress(i, texts.length);
    return documentKeywords(t, lazy);
  });
  onProgress?.(texts.length, texts.length);
  return { keywords, segmenter: segmenter?.name, threads: 1 };
}

function inWorkers(
  texts: readonly DocumentTexts[],
  threads: number,
  workerFile: string,
  opts: KeywordPoolOptions,
): Promise<KeywordExtraction> {
  const size = opts.batchSize ?? 500;
  const batches = Math.ceil(texts.length / size);
  const keywords: string[][] = new Array(texts.length);
  let next = 0;
  let finished = 0;
  let done = 0;
  let segmenter: string | undefined;
  const workers: Worker[] = [];
  return new Promise<KeywordExtraction>((resolve, reject) => {
    let failed = false;
    const fail = (e: Error): void => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(e);
    };
    const send = (w: Worker): void => {
      if (next >= batches) return;
      const batch = next++;
      const request: KeywordRequest = { batch, texts: texts.slice(batch * size, (batch + 1) * size) };
      w.postMessage(request);
    };
    for (let i = 0; i < threads; i += 1) {
      const w = new Worker(workerFile);
      workers.push(w);
      // This worker's keywords by their numbers (its replies arrive in the order it sent them).
      const table: string[] = [];
      w.on('message', (reply: KeywordReply) => {
        const { newKeywords, ids, ends } = reply;
        if (reply.error !== undefined || !newKeywords || !ids || !ends)
          return fail(new Error(`keyword worker: ${reply.error}`));
        for (const k of newKeywords) table.push(k);
        let from = 0;
        ends.forEach((end, j) => {
          const list = new Array<string>(end - from);
          for (let n = from; n < end; n += 1) list[n - from] = table[ids[n]];
          keywords[reply.batch * size + j] = list;
          from = end;
        });
        segmenter ??= reply.segmenter;
        done += ends.length;
        opts.onProgress?.(done, texts.length);
        finished += 1;
        if (finished === batches) {
          for (const x of workers) void x.terminate();
          resolve({ keywords, segmenter, threads });
        } else send(w);
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        if (finished < batches) fail(new Error(`keyword worker exited with code ${code} before the work was done`));
      });
      send(w);
    }
  });
}

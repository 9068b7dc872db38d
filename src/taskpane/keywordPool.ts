/**
 * The pane's keyword extraction: batches of documents to Web Workers running keywordWorker.js (lindera in
 * WebAssembly), results in input order, progress as batches come back. Segmentation is about 1,000 Japanese
 * abstracts per second per worker, so a large import would freeze the pane on its own thread.
 */
import type { DocumentTexts } from '../core/text-mining/keywords';
import type { BrowserKeywordReply, BrowserKeywordRequest } from './keywordWorker';

export interface BrowserKeywords {
  readonly keywords: string[][];
  readonly segmenter?: string;
}

const BATCH = 250;

export function extractKeywordsInWorkers(
  texts: readonly DocumentTexts[],
  onProgress?: (done: number, total: number) => void,
  workerUrl = 'keywordWorker.js',
): Promise<BrowserKeywords> {
  const batches = Math.ceil(texts.length / BATCH);
  if (batches === 0) return Promise.resolve({ keywords: [] });
  // Each worker compiles the 13 MB analyser (≈0.4 s): two are enough to halve a large import's wait.
  const cores = typeof navigator !== 'undefined' ? (navigator.hardwareConcurrency ?? 2) : 2;
  const count = Math.max(1, Math.min(2, cores, batches));
  const keywords: string[][] = new Array(texts.length);
  const workers: Worker[] = [];
  let next = 0;
  let finished = 0;
  let done = 0;
  let segmenter: string | undefined;
  return new Promise<BrowserKeywords>((resolve, reject) => {
    let failed = false;
    const stop = (): void => workers.forEach((w) => w.terminate());
    const fail = (message: string): void => {
      if (failed) return;
      failed = true;
      stop();
      reject(new Error(`keyword extraction: ${message}`));
    };
    const send = (w: Worker): void => {
      if (next >= batches) return;
      const batch = next++;
      const request: BrowserKeywordRequest = { batch, texts: texts.slice(batch * BATCH, (batch + 1) * BATCH) };
      w.postMessage(request);
    };
    for (let i = 0; i < count; i += 1) {
      const w = new Worker(workerUrl);
      workers.push(w);
      w.onmessage = (e: MessageEvent<BrowserKeywordReply>) => {
        const reply = e.data;
        if (reply.error !== undefined || !reply.keywords) return fail(reply.error ?? 'no keywords returned');
        reply.keywords.forEach((k, j) => (keywords[reply.batch * BATCH + j] = k));
        segmenter ??= reply.segmenter;
        done += reply.keywords.length;
        onProgress?.(done, texts.length);
        finished += 1;
        if (finished === batches) {
          stop();
          resolve({ keywords, segmenter });
        } else send(w);
      };
      w.onerror = (e) => fail(e.message || 'the worker failed to load');
      send(w);
    }
  });
}

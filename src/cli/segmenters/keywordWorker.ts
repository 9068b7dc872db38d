/**
 * Worker thread of keywordPool.ts: loads lindera once (only when a text is Japanese) and returns the keywords of
 * each batch of documents it is sent.
 *
 * Keywords go back as numbers: each worker numbers the distinct keywords it has met, and a reply carries the
 * keywords first met in its batch (in the order of their numbers) and, per document, the numbers of its keywords
 * in two flat arrays that are transferred, not copied. Copying every keyword of every document as a string cost
 * both threads time and left the main thread one string object per keyword use instead of per keyword.
 */
import { parentPort } from 'worker_threads';
import { type DocumentTexts, documentKeywords } from '../../core/text-mining/keywords';
import type { Segmenter } from '../../core/text-mining/segmenter';
import { createLinderaSegmenter } from './loadLindera';

export interface KeywordRequest {
  readonly batch: number;
  readonly texts: readonly DocumentTexts[];
}

export interface KeywordReply {
  readonly batch: number;
  /** Keywords this worker meets for the first time, numbered from the count of the keywords of its earlier replies. */
  readonly newKeywords?: string[];
  /** Keyword numbers of all the batch's documents, one after the other. */
  readonly ids?: Uint32Array;
  /** Where each document's numbers end in `ids`. */
  readonly ends?: Uint32Array;
  readonly segmenter?: string;
  readonly error?: string;
}

let segmenter: Segmenter | undefined;
const lazy: Segmenter = {
  get name() {
    return (segmenter ??= createLinderaSegmenter()).name;
  },
  segment: (text) => (segmenter ??= createLinderaSegmenter()).segment(text),
};

const numbers = new Map<string, number>();

function encode(batch: number, keywords: readonly string[][]): KeywordReply {
  const newKeywords: string[] = [];
  const ends = new Uint32Array(keywords.length);
  const ids = new Uint32Array(keywords.reduce((s, k) => s + k.length, 0));
  let n = 0;
  keywords.forEach((list, d) => {
    for (const k of list) {
      let id = numbers.get(k);
      if (id === undefined) {
        id = numbers.size;
        numbers.set(k, id);
        newKeywords.push(k);
      }
      ids[n++] = id;
    }
    ends[d] = n;
  });
  return { batch, newKeywords, ids, ends, segmenter: segmenter?.name };
}

parentPort?.on('message', (msg: KeywordRequest) => {
  let reply: KeywordReply;
  try {
    reply = encode(
      msg.batch,
      msg.texts.map((t) => documentKeywords(t, lazy)),
    );
  } catch (e) {
    reply = { batch: msg.batch, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(
    reply,
    reply.ids && reply.ends ? [reply.ids.buffer as ArrayBuffer, reply.ends.buffer as ArrayBuffer] : [],
  );
});

/**
 * Worker thread of keywordPool.ts: loads lindera once (only when a text is Japanese) and returns the keywords of
 * each batch of documents it is sent.
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
  readonly keywords?: string[][];
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

parentPort?.on('message', (msg: KeywordRequest) => {
  let reply: KeywordReply;
  try {
    reply = { batch: msg.batch, keywords: msg.texts.map((t) => documentKeywords(t, lazy)), segmenter: segmenter?.name };
  } catch (e) {
    reply = { batch: msg.batch, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(reply);
});

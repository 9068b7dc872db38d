/**
 * Web Worker of the pane's keyword extraction (keywordPool.ts): loads lindera-wasm-ipadic once and returns the
 * keywords of each batch of documents it is sent — the same adapter and rules as the CLI's worker threads, so the
 * pane's Keywords and PSI sheets equal the CLI's. A separate webpack entry (keywordWorker.js): the 13 MB .wasm is
 * fetched and compiled here, off the pane's thread. The glue's default init finds the .wasm with
 * `new URL('lindera_wasm_bg.wasm', import.meta.url)`, which webpack turns into the emitted asset's URL.
 */
import init, * as glue from 'lindera-wasm-ipadic';
import linderaPackage from 'lindera-wasm-ipadic/package.json';
import { linderaSegmenter } from '../cli/segmenters/linderaSegmenter';
import { type DocumentTexts, documentKeywords } from '../core/text-mining/keywords';
import { isJapanese } from '../core/text-mining/normalise';
import type { Segmenter } from '../core/text-mining/segmenter';

export interface BrowserKeywordRequest {
  readonly batch: number;
  readonly texts: readonly DocumentTexts[];
}

export interface BrowserKeywordReply {
  readonly batch: number;
  readonly keywords?: string[][];
  readonly segmenter?: string;
  readonly error?: string;
}

let loading: Promise<Segmenter> | undefined;

/** The segmenter, loaded on the first Japanese text only. */
function segmenter(): Promise<Segmenter> {
  loading ??= init().then(() => linderaSegmenter(glue, `lindera-wasm-ipadic ${linderaPackage.version} (IPADIC)`));
  return loading;
}

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<BrowserKeywordRequest>) => void) | null;
  postMessage(reply: BrowserKeywordReply): void;
};

scope.onmessage = (e) => {
  void (async () => {
    const { batch, texts } = e.data;
    try {
      const japanese = texts.some((t) => [t.abstract, t.claimsText].some((x) => x !== undefined && isJapanese(x)));
      const used = japanese ? await segmenter() : undefined;
      const keywords = texts.map((t) => documentKeywords(t, used));
      scope.postMessage({ batch, keywords, segmenter: used?.name });
    } catch (err) {
      scope.postMessage({ batch, error: err instanceof Error ? err.message : String(err) });
    }
  })();
};

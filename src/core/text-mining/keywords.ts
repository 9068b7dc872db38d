/**
 * The keywords of a document: the distinct nouns and compound nouns (Japanese) or word stems (English) of its
 * abstract and claims, the texts the seed names for both PKA and PSI (表16: 「要約」ならびに「請求項」).
 * The title is not used: it repeats the abstract's main noun, and the seed does not name it.
 */
import { englishKeywords } from './english';
import { japaneseKeywords } from './japanese';
import { isJapanese, normaliseText } from './normalise';
import type { Segmenter } from './segmenter';

/** The texts of a document that keywords come from (empty or absent ones are skipped). */
export interface DocumentTexts {
  readonly abstract?: string;
  readonly claimsText?: string;
}

export function hasKeywordText(d: DocumentTexts): boolean {
  return Boolean(d.abstract?.trim() || d.claimsText?.trim());
}

/**
 * Distinct keywords of the abstract and claims, in order of first appearance. Each text is read as Japanese when
 * it has kana or kanji (through the segmenter, which is then required) and as English otherwise.
 */
export function documentKeywords(d: DocumentTexts, segmenter: Segmenter | undefined): string[] {
  const out = new Set<string>();
  for (const raw of [d.abstract, d.claimsText]) {
    if (!raw) continue;
    const text = normaliseText(raw);
    if (isJapanese(text)) {
      if (!segmenter) throw new Error('Japanese text needs a segmenter (a morphological analyser)');
      // Line by line: a line break separates sections (【課題】, 【解決手段】 became breaks), and an analyser
      // given each line alone sees every section start as a sentence start, whatever it makes of whitespace.
      for (const line of text.split('\n')) {
        const trimmed = line.trim();
        if (trimmed) japaneseKeywords(segmenter.segment(trimmed), out);
      }
    } else englishKeywords(text, out);
  }
  return [...out];
}

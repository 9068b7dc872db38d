/**
 * The contract between the core's keyword extraction and a Japanese morphological analyser. The analysers
 * (kuromoji, lindera) load dictionaries or WebAssembly with Node or browser APIs, so they live outside the core
 * (src/cli/segmenters/); the core only sees morphemes.
 */

/** One morpheme as an IPADIC-based analyser reports it. */
export interface Morpheme {
  /** The text of the morpheme as it appears in the (normalised) input. */
  readonly surface: string;
  /**
   * IPADIC part of speech: the main class and up to three subclasses, e.g. ['名詞', 'サ変接続'], '*' for none; an
   * adapter may leave the dictionary's further features (conjugation, base form, reading) after them.
   */
  readonly pos: readonly string[];
  /**
   * true when the morpheme directly follows the previous morpheme of the returned list in the text. An adapter may
   * omit morphemes the keyword rules never use (particles, verbs, punctuation); the morphemes around such a gap
   * are then not joined, exactly as if the omitted ones had been returned.
   */
  readonly joined: boolean;
}

export interface Segmenter {
  /** The analyser and dictionary, e.g. "lindera-wasm-ipadic 1.0.0", written into reports. */
  readonly name: string;
  /** Morphemes of one text, in order. Called with normalised text (see normaliseText). */
  segment(text: string): Morpheme[];
}

const DIGITS = /^[0-9]+$/;
const ALNUM = /^[A-Za-z0-9]+$/;
const HAS_LETTER = /[A-Za-z\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const SPACE = /^\s+$/;

/**
 * The part of speech IPADIC's unknown-word rules (unk.def) give a word that is not in the dictionary, by its
 * characters: lindera-wasm 1.0 reports such words as bare "UNK", kuromoji applies unk.def itself. Both then feed
 * the same keyword rules: digits are numbers, words of letters, kana or kanji are common nouns, the rest symbols.
 */
export function unknownWordPos(surface: string): readonly string[] {
  if (DIGITS.test(surface)) return NUMBER_POS;
  if (SPACE.test(surface)) return SPACE_POS;
  if (ALNUM.test(surface) || HAS_LETTER.test(surface)) return NOUN_POS;
  return SYMBOL_POS;
}

const NUMBER_POS = ['名詞', '数'] as const;
const NOUN_POS = ['名詞', '一般'] as const;
const SPACE_POS = ['記号', '空白'] as const;
const SYMBOL_POS = ['記号', '一般'] as const;

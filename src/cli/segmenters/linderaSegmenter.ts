/**
 * The lindera adapter (lindera-wasm-ipadic: the Rust analyser Lindera with IPADIC, compiled to WebAssembly) with
 * no Node or browser API, so that the CLI (loadLindera.ts) and the task pane (webpack: the glue imported as ESM,
 * the .wasm emitted as an asset and passed to the glue's default init) build the same segmenter from an
 * initialised module.
 *
 * Two facts about lindera-wasm 1.0 shape it:
 * - Every token crosses into JavaScript as a Map with its nine IPADIC features; that conversion, not the analysis,
 *   is most of the time (≈3,500 abstracts/s analysed, ≈560/s with every token converted). A stop-tags filter
 *   inside the analyser drops the parts of speech the keyword rules never use (particles, verbs, auxiliaries,
 *   punctuation…) before the conversion; the byte offsets tell which of the remaining tokens were adjacent.
 * - A word not in the dictionary comes back as "UNK" without a part of speech (kuromoji applies IPADIC's
 *   unk.def); unknownWordPos gives it the class unk.def would, from its characters.
 */
import { type Morpheme, type Segmenter, unknownWordPos } from '../../core/text-mining/segmenter';

/** What this adapter uses of the glue module (lindera_wasm.js), after its init. */
export interface LinderaModule {
  readonly TokenizerBuilder: new () => LinderaBuilder;
}

interface LinderaBuilder {
  setDictionary(uri: string): void;
  setMode(mode: string): void;
  appendTokenFilter(name: string, args: unknown): void;
  build(): { tokenize(text: string): LinderaToken[] };
}

/** A token as the glue returns it: a Map (from another realm under jest, so read with get, not instanceof). */
interface LinderaToken {
  get(key: 'text'): string;
  get(key: 'details'): string[];
  get(key: 'byte_start' | 'byte_end'): number;
}

/**
 * IPADIC parts of speech (all four levels, as lindera matches them) that end a compound and are never keywords.
 * Leaving one out costs speed only: the keyword rules drop it anyway.
 */
export const LINDERA_STOP_TAGS: readonly string[] = [
  '助詞,格助詞,一般,*',
  '助詞,格助詞,引用,*',
  '助詞,格助詞,連語,*',
  '助詞,連体化,*,*',
  '助詞,接続助詞,*,*',
  '助詞,係助詞,*,*',
  '助詞,並立助詞,*,*',
  '助詞,副詞化,*,*',
  '助詞,副助詞,*,*',
  '助詞,副助詞／並立助詞／終助詞,*,*',
  '助詞,終助詞,*,*',
  '助詞,間投助詞,*,*',
  '助詞,特殊,*,*',
  '助動詞,*,*,*',
  '動詞,自立,*,*',
  '動詞,非自立,*,*',
  '動詞,接尾,*,*',
  '形容詞,自立,*,*',
  '形容詞,非自立,*,*',
  '形容詞,接尾,*,*',
  '副詞,一般,*,*',
  '副詞,助詞類接続,*,*',
  '連体詞,*,*,*',
  '接続詞,*,*,*',
  '感動詞,*,*,*',
  'フィラー,*,*,*',
  'その他,間投,*,*',
  '記号,一般,*,*',
  '記号,読点,*,*',
  '記号,句点,*,*',
  '記号,空白,*,*',
  '記号,括弧開,*,*',
  '記号,括弧閉,*,*',
  '接頭詞,数接続,*,*',
  '接頭詞,動詞接続,*,*',
  '接頭詞,形容詞接続,*,*',
  '名詞,非自立,一般,*',
  '名詞,非自立,副詞可能,*',
  '名詞,非自立,助動詞語幹,*',
  '名詞,非自立,形容動詞語幹,*',
  '名詞,代名詞,一般,*',
  '名詞,代名詞,縮約,*',
  '名詞,副詞可能,*,*',
  '名詞,接尾,助数詞,*',
  '名詞,接尾,副詞可能,*',
  '名詞,接尾,特殊,*',
  '名詞,接尾,助動詞語幹,*',
  '名詞,接続詞的,*,*',
  '名詞,動詞非自立的,*,*',
  '名詞,引用文字列,*,*',
  '名詞,ナイ形容詞語幹,*,*',
];

/**
 * Symbols the dictionary lacks once NFKC has made them ASCII, which come back as unknown words of their own (≈3 of
 * the ≈86 tokens of an abstract after the stop tags). A token that is only symbols is a break whose place the byte
 * offsets keep (keyword rules: no letter, so no unit), so the stop_words filter drops them before the conversion.
 */
export const LINDERA_SYMBOL_WORDS: readonly string[] = [...' ()-~/,.;%°:[]≦≧+=_<>*"\'!?&#±×'];

export function linderaSegmenter(lindera: LinderaModule, name: string): Segmenter {
  const builder = new lindera.TokenizerBuilder();
  builder.setDictionary('embedded://ipadic');
  builder.setMode('normal');
  builder.appendTokenFilter('japanese_stop_tags', { tags: LINDERA_STOP_TAGS });
  builder.appendTokenFilter('stop_words', { words: LINDERA_SYMBOL_WORDS });
  const tokenizer = builder.build();
  return {
    name,
    segment(text: string): Morpheme[] {
      const out: Morpheme[] = [];
      let previousEnd = -1;
      for (const t of tokenizer.tokenize(text)) {
        const surface = t.get('text');
        const details = t.get('details');
        out.push({
          surface,
          pos: details[0] === 'UNK' ? unknownWordPos(surface) : details,
          joined: t.get('byte_start') === previousEnd,
        });
        previousEnd = t.get('byte_end');
      }
      return out;
    },
  };
}

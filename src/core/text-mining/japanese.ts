/**
 * Keywords of Japanese text from its morphemes: nouns and compound nouns.
 *
 * A compound is a run of consecutive nouns (二酸化炭素 + 吸収 + 液 → 二酸化炭素吸収液), optionally opened by a
 * noun prefix (被 + 処理 + ガス → 被処理ガス) and closed by noun suffixes (液, 塔, 材, 性). A run ends at anything
 * else: particles, verbs, punctuation, numbers, non-independent nouns (こと, もの, ため), pronouns, adverbial
 * nouns (場合, 中, 後) and the referring words of patent language (前記, 上記, 当該, 該), which are dropped.
 * Latin letters and digits written together are one word (CO + 2 → CO2, H + 2 + O → H2O); a number alone is not a
 * keyword. The keywords of a run are the compound and, when the run has more than one morpheme, each independent
 * noun in it, so that 二酸化炭素吸収液 and 二酸化炭素分離膜 share 二酸化炭素. Single kana, symbols and the words of
 * the form of a publication (課題, 解決手段, 本発明, 請求項…) are not keywords.
 */
import type { Morpheme } from './segmenter';

type UnitKind = 'noun' | 'prefix' | 'suffix' | 'break';

interface Unit {
  surface: string;
  kind: UnitKind;
  joined: boolean;
}

/**
 * Referring words and determiners of claim language, and 等 (a suffix in IPADIC: 関連指標等 is 関連指標): they end
 * a compound and are no keyword themselves.
 */
const REFERRING = new Set(['前記', '上記', '下記', '上述', '前述', '当該', '該', '本', '同', '各', '所定', '等']);

/** Words of the form of a publication, not of its content. */
const FORM_WORDS = new Set([
  '発明',
  '本発明',
  '考案',
  '本考案',
  '課題',
  '解決手段',
  '手段',
  '提供',
  '目的',
  '効果',
  '特徴',
  '請求項',
  '実施',
  '形態',
  '実施形態',
  '態様',
  '実施例',
  '具備',
  '記載',
  '特許文献',
  '先行技術',
  '選択図',
  '図',
  '要約',
  '技術分野',
  '背景技術',
  '以上',
  '以下',
  '場合',
  '一方',
  '他方',
  '複数',
  '等',
]);

/** Noun subclasses that build compounds; the others (非自立, 代名詞, 副詞可能, 数, 接続詞的…) end them. */
const COMPOUND_NOUNS = new Set(['一般', 'サ変接続', '固有名詞', '形容動詞語幹']);
/** Suffix subclasses that close a compound (液, 性, 化); 助数詞 (個, 枚), 副詞可能 (中, 後) and 特殊 end it. */
const COMPOUND_SUFFIXES = new Set(['一般', 'サ変接続', '形容動詞語幹', '人名', '地域']);

const ASCII_ALNUM = /^[A-Za-z0-9]+$/;
/** A Latin word starts with a letter and has two characters or more (CO2, NOx, MEA); 10a or a lone A is a label. */
const LATIN_WORD = /^[A-Za-z][A-Za-z0-9]+$/;
const HAS_WORD_CHAR = /[A-Za-z\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const SINGLE_KANA = /^[\p{Script=Hiragana}\p{Script=Katakana}ー]$/u;

/*
 * Fast answers for the characters of nearly every morpheme (ASCII, kana, the CJK block), so that the Unicode
 * property expressions above run only on the rest; each fast test says yes only where the expression would.
 */
const isAsciiAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** Letters of the scripts HAS_WORD_CHAR names: A-Z, a-z, hiragana, katakana (not ー or ・, which are Common), kanji. */
const isScriptLetter = (c: number): boolean =>
  (c >= 65 && c <= 90) ||
  (c >= 97 && c <= 122) ||
  (c >= 0x3041 && c <= 0x3096) ||
  (c >= 0x309d && c <= 0x309f) ||
  (c >= 0x30a1 && c <= 0x30fa) ||
  (c >= 0x30fd && c <= 0x30ff) ||
  (c >= 0x4e00 && c <= 0x9fff);
/** Characters EDGE_SYMBOLS keeps ([\p{L}\p{N}ー々]): the letters above, digits, ー and 々. */
const isWordEdge = (c: number): boolean => isScriptLetter(c) || (c >= 48 && c <= 57) || c === 0x30fc || c === 0x3005;

const hasWordChar = (s: string): boolean => isScriptLetter(s.charCodeAt(0)) || HAS_WORD_CHAR.test(s);
const isAsciiAlnumWord = (s: string): boolean => isAsciiAlnum(s.charCodeAt(0)) && ASCII_ALNUM.test(s);

function kindOf(m: Morpheme): UnitKind {
  const s = m.surface;
  if (!hasWordChar(s) || REFERRING.has(s)) return 'break';
  const [main, sub] = m.pos;
  if (main === '接頭詞') return sub === '名詞接続' ? 'prefix' : 'break';
  if (main !== '名詞') return 'break';
  if (sub === '接尾') return COMPOUND_SUFFIXES.has(m.pos[2] ?? '') ? 'suffix' : 'break';
  return COMPOUND_NOUNS.has(sub ?? '') ? 'noun' : 'break';
}

/** Characters that are neither letters, digits, kana, kanji nor the marks that belong to words (ー, 々). */
const EDGE_SYMBOLS = /^[^\p{L}\p{N}ー々]+|[^\p{L}\p{N}ー々]+$/gu;
const trailingSymbols = (s: string): number => s.length - s.replace(/[^\p{L}\p{N}ー々]+$/u, '').length;

const latinWordKind = (s: string): UnitKind => (LATIN_WORD.test(s) ? 'noun' : 'break');

/**
 * Morphemes as units, with runs of Latin letters and digits written together made one unit. Symbols at the edges
 * of a morpheme are cut off and end the compound there: an analyser may group 中黒 or brackets with the letters
 * of an unknown word (lindera: 珪藻土・ゼオライト・活性炭 → …・ゼオライト・…), which are a list of three nouns.
 */
function unitsOf(morphemes: readonly Morpheme[]): Unit[] {
  const units: Unit[] = [];
  let cutBefore = false;
  for (const m of morphemes) {
    const last = units[units.length - 1];
    const s = m.surface;
    if (s.length > 0 && isWordEdge(s.charCodeAt(0)) && isWordEdge(s.charCodeAt(s.length - 1))) {
      // No symbol at either edge (nearly every morpheme): the general path below with core = surface.
      const joined = m.joined && !cutBefore;
      cutBefore = false;
      if (joined && last && isAsciiAlnumWord(s) && isAsciiAlnumWord(last.surface)) {
        last.surface += s;
        last.kind = latinWordKind(last.surface);
        continue;
      }
      units.push({ surface: s, kind: isAsciiAlnumWord(s) ? latinWordKind(s) : kindOf(m), joined });
      continue;
    }
    const core = m.surface.replace(EDGE_SYMBOLS, '');
    const joined = m.joined && !cutBefore && core.length === m.surface.length - trailingSymbols(m.surface);
    cutBefore = core !== '' && trailingSymbols(m.surface) > 0;
    if (core === '' || core.length !== m.surface.length) {
      units.push({ surface: core, kind: core === '' ? 'break' : kindOf({ ...m, surface: core }), joined });
      continue;
    }
    if (joined && last && ASCII_ALNUM.test(core) && ASCII_ALNUM.test(last.surface)) {
      last.surface += core;
      last.kind = latinWordKind(last.surface);
      continue;
    }
    const kind = ASCII_ALNUM.test(core) ? latinWordKind(core) : kindOf(m);
    units.push({ surface: core, kind, joined });
  }
  return units;
}

function isKeyword(word: string): boolean {
  // SINGLE_KANA matches one character: one or two UTF-16 units.
  return !FORM_WORDS.has(word) && !(word.length <= 2 && SINGLE_KANA.test(word)) && hasWordChar(word);
}

/** Distinct keywords of the morphemes of one text, in order of first appearance. */
export function japaneseKeywords(morphemes: readonly Morpheme[], into: Set<string> = new Set()): Set<string> {
  const units = unitsOf(morphemes);
  let run: Unit[] = [];
  const emit = (parts: readonly Unit[]): void => {
    const compound = parts.map((u) => u.surface).join('');
    // The parts of a word of the form are form too (実施形態 → 実施, 形態).
    if (!isKeyword(compound)) return;
    into.add(compound);
    // Parts of one character are mostly fragments of words the dictionary lacks (脱離 → 脱 + 離).
    if (parts.length > 1)
      for (const u of parts) if (u.kind === 'noun' && u.surface.length > 1 && isKeyword(u.surface)) into.add(u.surface);
  };
  const flush = (): void => {
    let from = 0;
    let to = run.length;
    while (from < to && run[from].kind === 'suffix') from += 1;
    while (to > from && run[to - 1].kind === 'prefix') to -= 1;
    if (to > from) emit(run.slice(from, to));
    run = [];
  };
  for (const u of units) {
    if (u.kind === 'break') {
      flush();
      continue;
    }
    if (!u.joined) flush();
    // A prefix opens a new compound: the nouns before it are a compound of their own.
    if (u.kind === 'prefix' && run.length && run[run.length - 1].kind !== 'prefix') flush();
    run.push(u);
  }
  flush();
  return into;
}

/**
 * Text of abstracts and claims as the keyword rules expect it: one width (NFKC: full-width ASCII ＣＯ２ → CO2,
 * half-width katakana ｶﾞｽ → ガス), no markup and nothing that belongs to the form of a publication rather than to
 * its content (section headings, the figure chosen for the abstract, claim numbers, reference numerals).
 */

/** 【…】 headings: 【課題】【解決手段】【請求項１】【技術分野】…; they separate sections, so they become breaks. */
const SECTION_MARKER = /【[^】\n]{0,20}】/g;
/** 【選択図】図１ / 【選択図】なし: the figure printed with the abstract, to the end of its line. */
const CHOSEN_FIGURE = /【選択図】[^\n]*/g;
/** J-PlatPat's abstract prefix "(57)【要約】" and the "(修正有)" note of an amended abstract. */
const ABSTRACT_PREFIX = /\(57\)|\(修正有\)/g;
const LINE_BREAK_TAG = /<br\s*\/?>/gi;
/** Inline markup (USPTO abstractHtml): CO<sub>2</sub> is CO2, so tags vanish without a break. */
const OTHER_TAG = /<\/?[A-Za-z][^>]*>/g;
/** "1. A method…", "2) The device of claim 1…" at the start of a line of claims text. */
const CLAIM_NUMBER = /^[ \t]*\d{1,3}[ \t]*[.)][ \t]+/gm;
/** Reference numerals of the drawings: 吸収塔(10), 配管(12a), (1, 2). */
const REFERENCE_NUMERAL = /\([ \t]*\d[0-9A-Za-z]*(?:[ \t]*[,、~〜-][ \t]*\d[0-9A-Za-z]*)*[ \t]*\)/g;

export function normaliseText(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(LINE_BREAK_TAG, '\n')
    .replace(OTHER_TAG, '')
    .replace(CHOSEN_FIGURE, '\n')
    .replace(SECTION_MARKER, '\n')
    .replace(ABSTRACT_PREFIX, ' ')
    .replace(CLAIM_NUMBER, '')
    .replace(REFERENCE_NUMERAL, ' ');
}

/** Japanese text: any kana or kanji. Text without them (English, German…) is split on spaces instead. */
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

export function isJapanese(text: string): boolean {
  return JAPANESE.test(text);
}

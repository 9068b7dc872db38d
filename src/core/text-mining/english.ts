/**
 * Keywords of text without kana or kanji (English in practice): words of letters and digits, lower case, without
 * stop words (function words and the words of claim language), as Porter stems (porter.ts). A word of digits
 * only (a reference numeral, a claim number) or of one letter is not a keyword.
 */
import { porterStem } from './porter';

/** Function words of English and the fixed words of patent claims and abstracts. */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also an and any are as at be because been before being below between ' +
    'both but by can could did do does doing down during each either etc few for from further had has have having ' +
    'he her here hers him his how however i if in into is it its itself may might more most must no nor not now of ' +
    'off on once only or other our out over own same she should so some such than that the their theirs them then ' +
    'there these they this those through thus to too under until up upon very was we were what when where whether ' +
    'which while who whom why will with within without would yet you your ' +
    // claim and abstract language
    'claim claims claimed wherein whereby wherefrom said comprising comprises comprise comprised consisting ' +
    'consists including include includes included thereof therein thereon thereto therefrom therewith herein ' +
    'hereby invention inventions present embodiment embodiments disclosed disclosure provided provides provide ' +
    'providing according configured least plurality first second third fig figs figure figures abstract ' +
    'respective respectively via one two three'
  ).split(' '),
);

const WORD = /[a-z0-9]+/g;
const DIGITS = /^[0-9]+$/;

/** Distinct keywords (stems) of an English text, in order of first appearance. */
export function englishKeywords(text: string, into: Set<string> = new Set()): Set<string> {
  for (const [word] of text.toLowerCase().matchAll(WORD)) {
    if (word.length < 2 || DIGITS.test(word) || ENGLISH_STOP_WORDS.has(word)) continue;
    into.add(/^[a-z]+$/.test(word) ? porterStem(word) : word);
  }
  return into;
}

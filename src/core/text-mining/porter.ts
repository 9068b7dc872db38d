/**
 * The Porter stemmer (M. F. Porter, "An algorithm for suffix stripping", Program 14(3), 1980), written from the
 * paper's rules: five steps of suffix rules, each guarded by the measure m of the stem, the number of
 * vowel-consonant sequences in it ([C](VC)^m[V]). English keywords are compared by stem, so that absorbs,
 * absorbing and absorbed are one keyword (absorb). Input: one lower-case word of the letters a–z.
 */

const isVowelAt = (w: string, i: number): boolean => {
  const c = w[i];
  if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return true;
  // y is a vowel after a consonant (happy, sky), a consonant at the start or after a vowel (yes, toy).
  return c === 'y' && i > 0 && !isVowelAt(w, i - 1);
};

/** m of the stem w[0, end): the number of vowel-to-consonant transitions. */
function measure(w: string, end: number): number {
  let m = 0;
  let prevVowel = false;
  for (let i = 0; i < end; i += 1) {
    const v = isVowelAt(w, i);
    if (prevVowel && !v) m += 1;
    prevVowel = v;
  }
  return m;
}

const hasVowel = (w: string, end: number): boolean => {
  for (let i = 0; i < end; i += 1) if (isVowelAt(w, i)) return true;
  return false;
};

/** *d: the stem ends with a double consonant (tt, ss). */
const endsDoubleConsonant = (w: string, end: number): boolean =>
  end >= 2 && w[end - 1] === w[end - 2] && !isVowelAt(w, end - 1);

/** *o: the stem ends consonant-vowel-consonant, the last not w, x or y (hop, fil), so that a final e is kept. */
const endsCvc = (w: string, end: number): boolean =>
  end >= 3 && !isVowelAt(w, end - 1) && isVowelAt(w, end - 2) && !isVowelAt(w, end - 3) && !'wxy'.includes(w[end - 1]);

type Rule = readonly [suffix: string, replacement: string];

/** Replaces the longest matching suffix of the list when the stem before it has m > minM; one rule per step. */
function replaceLongest(w: string, rules: readonly Rule[], minM: number): string {
  let best: Rule | undefined;
  for (const r of rules) if (w.endsWith(r[0]) && (!best || r[0].length > best[0].length)) best = r;
  if (!best) return w;
  const stem = w.length - best[0].length;
  return measure(w, stem) > minM ? w.slice(0, stem) + best[1] : w;
}

function step1a(w: string): string {
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('ies')) return w.slice(0, -2);
  if (w.endsWith('ss')) return w;
  if (w.endsWith('s')) return w.slice(0, -1);
  return w;
}

function step1b(w: string): string {
  if (w.endsWith('eed')) return measure(w, w.length - 3) > 0 ? w.slice(0, -1) : w;
  let stem: string | undefined;
  if (w.endsWith('ed') && hasVowel(w, w.length - 2)) stem = w.slice(0, -2);
  else if (w.endsWith('ing') && hasVowel(w, w.length - 3)) stem = w.slice(0, -3);
  if (stem === undefined) return w;
  if (stem.endsWith('at') || stem.endsWith('bl') || stem.endsWith('iz')) return `${stem}e`;
  const n = stem.length;
  if (endsDoubleConsonant(stem, n) && !'lsz'.includes(stem[n - 1])) return stem.slice(0, -1);
  if (measure(stem, n) === 1 && endsCvc(stem, n)) return `${stem}e`;
  return stem;
}

const step1c = (w: string): string => (w.endsWith('y') && hasVowel(w, w.length - 1) ? `${w.slice(0, -1)}i` : w);

const STEP2: readonly Rule[] = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['izer', 'ize'],
  ['abli', 'able'],
  ['alli', 'al'],
  ['entli', 'ent'],
  ['eli', 'e'],
  ['ousli', 'ous'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['aliti', 'al'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
];

const STEP3: readonly Rule[] = [
  ['icate', 'ic'],
  ['ative', ''],
  ['alize', 'al'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
];

const STEP4 = [
  'al',
  'ance',
  'ence',
  'er',
  'ic',
  'able',
  'ible',
  'ant',
  'ement',
  'ment',
  'ent',
  'ion',
  'ou',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
] as const;

function step4(w: string): string {
  let best = '';
  for (const s of STEP4) if (w.endsWith(s) && s.length > best.length) best = s;
  if (!best) return w;
  const stem = w.length - best.length;
  if (measure(w, stem) <= 1) return w;
  // -ion goes only after s or t (adoption → adopt, but not onion).
  if (best === 'ion' && !(w[stem - 1] === 's' || w[stem - 1] === 't')) return w;
  return w.slice(0, stem);
}

function step5(w: string): string {
  let out = w;
  if (out.endsWith('e')) {
    const n = out.length - 1;
    const m = measure(out, n);
    if (m > 1 || (m === 1 && !endsCvc(out, n))) out = out.slice(0, n);
  }
  const n = out.length;
  if (measure(out, n) > 1 && endsDoubleConsonant(out, n) && out[n - 1] === 'l') out = out.slice(0, -1);
  return out;
}

/** The Porter stem of a lower-case word; words of one or two letters are their own stem. */
export function porterStem(word: string): string {
  if (word.length <= 2) return word;
  let w = step1c(step1b(step1a(word)));
  w = replaceLongest(w, STEP2, 0);
  w = replaceLongest(w, STEP3, 0);
  return step5(step4(w));
}

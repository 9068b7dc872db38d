/**
 * English keywords (stop words, Porter stems) and the normalisation shared by both languages. The stemming pairs
 * are the worked examples of Porter's paper ("An algorithm for suffix stripping", 1980), step by step, then
 * whole words through all five steps.
 */
import { englishKeywords, ENGLISH_STOP_WORDS } from '../src/core/text-mining/english';
import { documentKeywords } from '../src/core/text-mining/keywords';
import { isJapanese, normaliseText } from '../src/core/text-mining/normalise';
import { porterStem } from '../src/core/text-mining/porter';

describe('Porter stemmer', () => {
  const cases: Record<string, [string, string][]> = {
    'step 1a': [
      ['caresses', 'caress'],
      ['ponies', 'poni'],
      ['ties', 'ti'],
      ['caress', 'caress'],
      ['cats', 'cat'],
    ],
    'step 1b': [
      ['feed', 'feed'],
      ['agreed', 'agre'], // agreed → agree (1b) → agre (5a, m = 1 and not *o)
      ['plastered', 'plaster'],
      ['bled', 'bled'],
      ['motoring', 'motor'],
      ['sing', 'sing'],
      ['conflated', 'conflat'], // conflate (1b) → conflat (5a)
      ['troubled', 'troubl'],
      ['sized', 'size'],
      ['hopping', 'hop'],
      ['tanned', 'tan'],
      ['falling', 'fall'],
      ['hissing', 'hiss'],
      ['fizzed', 'fizz'],
      ['failing', 'fail'],
      ['filing', 'file'],
    ],
    'step 1c': [
      ['happy', 'happi'],
      ['sky', 'sky'],
    ],
    'step 2 (then 3–5)': [
      ['relational', 'relat'],
      ['conditional', 'condit'],
      ['rational', 'ration'],
      ['digitizer', 'digit'],
      ['operator', 'oper'],
      ['feudalism', 'feudal'],
      ['decisiveness', 'decis'],
      ['hopefulness', 'hope'],
      ['callousness', 'callous'],
      ['sensitivity', 'sensit'],
    ],
    'step 3 (then 4–5)': [
      ['triplicate', 'triplic'],
      ['formative', 'form'],
      ['formalize', 'formal'],
      ['electrical', 'electr'],
      ['hopeful', 'hope'],
      ['goodness', 'good'],
    ],
    'step 4': [
      ['revival', 'reviv'],
      ['allowance', 'allow'],
      ['inference', 'infer'],
      ['airliner', 'airlin'],
      ['gyroscopic', 'gyroscop'],
      ['adjustable', 'adjust'],
      ['defensible', 'defens'],
      ['irritant', 'irrit'],
      ['replacement', 'replac'],
      ['adjustment', 'adjust'],
      ['dependent', 'depend'],
      ['adoption', 'adopt'],
      ['communism', 'commun'],
      ['activate', 'activ'],
      ['homologous', 'homolog'],
      ['effective', 'effect'],
      ['bowdlerize', 'bowdler'],
    ],
    'step 5': [
      ['probate', 'probat'],
      ['rate', 'rate'],
      ['cease', 'ceas'],
      ['controlling', 'control'],
      ['roll', 'roll'],
    ],
    'patent words': [
      ['absorbing', 'absorb'],
      ['absorbs', 'absorb'],
      ['absorbed', 'absorb'],
      ['generalizations', 'gener'],
      ['oscillators', 'oscil'],
    ],
  };
  for (const [step, pairs] of Object.entries(cases))
    test(step, () => {
      expect(pairs.map(([w]) => [w, porterStem(w)])).toEqual(pairs);
    });
});

describe('English keywords', () => {
  test('lower case, stop words and claim language out, stems in, numbers and single letters out', () => {
    const kw = [
      ...englishKeywords(
        'A method for capturing CO2 from flue gas, wherein said absorbent comprises 30 wt% of an amine (A).',
      ),
    ];
    expect(kw).toEqual(['method', 'captur', 'co2', 'flue', 'ga', 'absorb', 'wt', 'amin']);
    for (const w of ['wherein', 'said', 'comprises', 'the', 'of']) expect(ENGLISH_STOP_WORDS.has(w)).toBe(true);
  });

  test('a document gives each stem once, from abstract and claims; no segmenter is needed for English', () => {
    expect(
      documentKeywords(
        { abstract: 'Absorbing carbon dioxide.', claimsText: '1. An absorber that absorbs carbon dioxide.' },
        undefined,
      ),
    ).toEqual(['absorb', 'carbon', 'dioxid']);
  });

  test('Japanese text without a segmenter is an error, not an empty keyword list', () => {
    expect(() => documentKeywords({ abstract: '二酸化炭素を吸収する。' }, undefined)).toThrow(/segmenter/);
  });
});

describe('normalisation', () => {
  test('full-width letters and digits, half-width katakana', () => {
    expect(normaliseText('ＣＯ２を吸収するｱﾐﾝ')).toBe('CO2を吸収するアミン');
  });

  test('J-PlatPat abstract: (57)【要約】, (修正有), <BR>, section markers and the chosen figure', () => {
    const raw =
      '(57)【要約】(修正有)<BR>【課題】ガスを分離する。<BR>【解決手段】吸収塔(10)と再生塔(20a)とを備える。<BR>【選択図】図１';
    // Whitespace collapsed for the comparison: markers and <BR> become breaks, reference numerals spaces.
    expect(normaliseText(raw).replace(/\s+/g, ' ').trim()).toBe('ガスを分離する。 吸収塔 と再生塔 とを備える。');
  });

  test('claims: 【請求項１】 and numbered English claims', () => {
    expect(normaliseText('【請求項１】\n吸収液。\n【請求項２】\n前記吸収液。')).toBe('\n\n吸収液。\n\n\n前記吸収液。');
    expect(normaliseText('1. A device.\n2) The device of claim 1.')).toBe('A device.\nThe device of claim 1.');
  });

  test('inline markup vanishes without a break (CO<sub>2</sub> is CO2)', () => {
    expect(normaliseText('capture of CO<sub>2</sub> by <i>amines</i>')).toBe('capture of CO2 by amines');
  });

  test('Japanese text is any text with kana or kanji', () => {
    expect(isJapanese('CO2 capture')).toBe(false);
    expect(isJapanese('CO2回収')).toBe(true);
  });
});

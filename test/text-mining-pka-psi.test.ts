/**
 * PKA and PSI on a corpus small enough to count by hand. Keywords are given (no segmentation), so every number
 * below follows from this table alone:
 *
 *   doc  companies  year  kind     keywords
 *   A1   A          2019  patent   x y z
 *   A2   A          2019  patent   x y
 *   A3   A          2020  patent   x w
 *   A4   A          2020  patent   q
 *   J1   A; B       2020  patent   x z        (joint: a document of A and of B)
 *   U1   A          2020  utility  x          (in PKA; not an application for PSI)
 *   E1   A          2020  patent   —          (no abstract: takes no part, counted in withoutKeywords)
 *   B1   B          2019  patent   y z
 *   B2   B          2020  patent   z w
 *   C1   C          2020  patent   w
 *
 * Documents with keywords: 9 (A1 A2 A3 A4 J1 U1 B1 B2 C1); patent applications among them: 8 (all but U1).
 * Corpus document frequency: x 5 (A1 A2 A3 J1 U1), y 3 (A1 A2 B1), z 4 (A1 J1 B1 B2), w 3 (A3 B2 C1), q 1 (A4).
 * Over the 8 applications: x 4, y 3, z 4, w 3, q 1.
 */
import { KeywordCorpus } from '../src/core/text-mining/corpus';
import type { KeywordDocument } from '../src/core/text-mining/documents';
import { characteristicKeywords } from '../src/core/text-mining/pka';
import { corpusPsiAll, patentSimilarity } from '../src/core/text-mining/psi';
import { isNoValue } from '../src/core/values';

const doc = (
  id: string,
  companies: string[],
  filingYear: number,
  keywords: string[],
  kind: 'patent' | 'utility' = 'patent',
): KeywordDocument => ({ applicationNumber: id, publicationNumber: `P-${id}`, companies, filingYear, kind, keywords });

const corpus = new KeywordCorpus([
  doc('A1', ['A'], 2019, ['x', 'y', 'z']),
  doc('A2', ['A'], 2019, ['x', 'y']),
  doc('A3', ['A'], 2020, ['x', 'w']),
  doc('A4', ['A'], 2020, ['q']),
  doc('J1', ['A', 'B'], 2020, ['x', 'z']),
  doc('U1', ['A'], 2020, ['x'], 'utility'),
  doc('E1', ['A'], 2020, []),
  doc('B1', ['B'], 2019, ['y', 'z']),
  doc('B2', ['B'], 2020, ['z', 'w']),
  doc('C1', ['C'], 2020, ['w']),
]);

describe('the keyword corpus', () => {
  test('document frequencies and the documents of each company', () => {
    const df = (k: string): number[] => {
      const id = corpus.vocabulary.indexOf(k);
      return [corpus.documentFrequency[id], corpus.patentFrequency[id]];
    };
    expect(corpus.documents.length).toBe(9);
    expect(corpus.patentCount).toBe(8);
    expect(df('x')).toEqual([5, 4]);
    expect(df('y')).toEqual([3, 3]);
    expect(df('z')).toEqual([4, 4]);
    expect(df('w')).toEqual([3, 3]);
    expect(df('q')).toEqual([1, 1]);
    expect(corpus.documentsOf.get('A')?.length).toBe(6); // A1 A2 A3 A4 J1 U1
    expect(corpus.documentsOf.get('B')?.length).toBe(3); // J1 B1 B2
    expect(corpus.withoutKeywords.get('A')).toBe(1); // E1
  });
});

describe('PKA', () => {
  // A's 6 documents: own counts x 5 (A1 A2 A3 J1 U1), y 2, z 2, w 1, q 1.
  // own rate %: x 5/6 = 83.33, y 33.33, z 33.33, w 16.67, q 16.67
  // corpus rate %: x 5/9 = 55.56, y 3/9 = 33.33, z 4/9 = 44.44, w 3/9 = 33.33, q 1/9 = 11.11
  // lift: x (5/6)/(5/9) = 1.5, y 1, z 0.75, w 0.5, q (1/6)/(1/9) = 1.5
  test('the region own rate ≥ 10%, lift ≥ 1.2 holds x and q, ranked by (own rate) × log2(lift)', () => {
    const r = characteristicKeywords(corpus, 'A', { minOwnRate: 10, minLift: 1.2, minOwnDocuments: 1 });
    expect(r.documents).toBe(6);
    expect(r.corpusDocuments).toBe(9);
    expect(r.keywordCount).toBe(2);
    const [x, q] = r.keywords;
    expect(x).toMatchObject({ rank: 1, keyword: 'x', ownDocuments: 5, corpusDocuments: 5 });
    expect(x.ownRate).toBeCloseTo((5 / 6) * 100, 10);
    expect(x.corpusRate).toBeCloseTo((5 / 9) * 100, 10);
    expect(x.lift).toBeCloseTo(1.5, 10);
    expect(x.score).toBeCloseTo((5 / 6) * Math.log2(1.5), 10); // 0.4875
    expect(q).toMatchObject({ rank: 2, keyword: 'q', ownDocuments: 1, corpusDocuments: 1 });
    expect(q.score).toBeCloseTo((1 / 6) * Math.log2(1.5), 10); // 0.0975
  });

  test('at least 2 own documents leaves x alone; a higher own rate or lift empties the region', () => {
    expect(characteristicKeywords(corpus, 'A', { minOwnRate: 10, minLift: 1.2, minOwnDocuments: 2 }).keywordCount).toBe(
      1,
    );
    expect(characteristicKeywords(corpus, 'A', { minOwnRate: 90, minLift: 1.2, minOwnDocuments: 1 }).keywordCount).toBe(
      0,
    );
    expect(characteristicKeywords(corpus, 'A', { minOwnRate: 10, minLift: 1.6, minOwnDocuments: 1 }).keywordCount).toBe(
      0,
    );
  });

  test('C (one document, w): own rate 100%, corpus rate 3/9, lift 3', () => {
    const r = characteristicKeywords(corpus, 'C', { minOwnRate: 10, minLift: 1.2, minOwnDocuments: 1 });
    expect(r.keywords).toHaveLength(1);
    expect(r.keywords[0].lift).toBeCloseTo(3, 10);
    expect(r.keywords[0].score).toBeCloseTo(Math.log2(3), 10);
  });

  test('a company without documents has no KEYWORD_COUNT, with the reason', () => {
    const r = characteristicKeywords(corpus, 'Nobody');
    expect(isNoValue(r.keywordCount)).toBe(true);
    expect(JSON.stringify(r.keywordCount)).toMatch(/Nobody has no documents/);
  });
});

describe('PSI', () => {
  // A's applications with keywords: A1 A2 A3 A4 J1 (n = 5; U1 is a utility model, E1 has no keywords).
  // Counts over them: x 4 (A1 A2 A3 J1), y 2, z 2, w 1, q 1.
  // PSI_SELF = mean over the document's keywords of count/5 × 100:
  //   A1 (4+2+2)/3/5 = 53.33   A2 (4+2)/2/5 = 60   A3 (4+1)/2/5 = 50   A4 1/1/5 = 20   J1 (4+2)/2/5 = 60
  //   mean 730/3/5 = 146/3 = 48.67; deviations 14/3, 34/3, 4/3, −86/3, 34/3; Σ² = 9920/9; SD = √(1984/9) = 14.85
  const selfMean = 146 / 3;
  const selfSd = Math.sqrt(1984 / 9);
  // PSI_ALL over the 8 applications (counts x 4, y 3, z 4, w 3, q 1):
  //   A1 11/3/8 = 45.83  A2 7/2/8 = 43.75  A3 43.75  A4 1/8 = 12.5  J1 8/2/8 = 50  B1 43.75  B2 43.75  C1 3/8 = 37.5
  //   corpus mean 320.83/8 = 40.10, population SD 10.91
  const all = { A1: 1100 / 24, A2: 43.75, A3: 43.75, A4: 12.5, J1: 50, B1: 43.75, B2: 43.75, C1: 37.5 };
  const allMean = Object.values(all).reduce((s, v) => s + v, 0) / 8;
  const allSd = Math.sqrt(Object.values(all).reduce((s, v) => s + (v - allMean) ** 2, 0) / 8);

  test('moments of PSI_SELF and of the corpus PSI_ALL', () => {
    const r = patentSimilarity(corpus, 'A', { sdMultiple: 1, examples: 10 });
    expect(r.self.n).toBe(5);
    expect(r.self.mean).toBeCloseTo(selfMean, 10);
    expect(r.self.sd).toBeCloseTo(selfSd, 10);
    expect(allMean).toBeCloseTo(40.104, 3);
    expect(allSd).toBeCloseTo(10.913, 3);
    expect(corpusPsiAll(corpus).mean).toBeCloseTo(allMean, 10);
    expect(corpusPsiAll(corpus).sd).toBeCloseTo(allSd, 10);
    const byId = Object.fromEntries(r.applications.map((a) => [a.applicationNumber, a]));
    expect(byId.A1.psiSelf).toBeCloseTo((8 / 15) * 100, 10);
    expect(byId.A4.psiSelf).toBeCloseTo(20, 10);
    expect(byId.A1.psiAll).toBeCloseTo(all.A1, 10);
    expect(byId.J1.psiAll).toBeCloseTo(50, 10);
  });

  test('k = 1: bounds 33.82 / 63.51 → no typical, A4 exceptional; PSI_ALL bounds 29.19 / 51.02 → A4 low', () => {
    const r = patentSimilarity(corpus, 'A', { sdMultiple: 1, examples: 10 });
    expect(r.typicalExamples).toEqual([]);
    expect(r.exceptionalExamples.map((e) => e.publicationNumber)).toEqual(['P-A4']);
    expect(r.byYear).toEqual([
      // 2019: A1 A2; 2020: A3 A4 J1
      expect.objectContaining({ year: 2019, applications: 2, typical: 0, exceptional: 0, lowSimilarity: 0 }),
      expect.objectContaining({ year: 2020, applications: 3, typical: 0, exceptional: 1, lowSimilarity: 1 }),
    ]);
    expect(r.byYear[1].exceptionalRatio).toBeCloseTo(100 / 3, 10);
    expect(r.composition).toMatchObject({ high: 0, low: 1, other: 4 });
    expect(r.composition.lowShare).toBeCloseTo(20, 10);
  });

  test('k = 0.5: typical above 56.09 (A2, J1: 60), exceptional below 41.24 (A4); PSI_ALL high above 45.56 (A1, J1)', () => {
    const r = patentSimilarity(corpus, 'A', { sdMultiple: 0.5, examples: 10 });
    expect(selfMean + 0.5 * selfSd).toBeCloseTo(56.09, 2);
    expect(allMean + 0.5 * allSd).toBeCloseTo(45.56, 2);
    // Equal PSI_SELF (60) are listed by application number.
    expect(r.typicalExamples.map((e) => e.applicationNumber)).toEqual(['A2', 'J1']);
    expect(r.exceptionalExamples.map((e) => e.applicationNumber)).toEqual(['A4']);
    expect(r.byYear.map((y) => [y.year, y.typical, y.exceptional, y.highSimilarity, y.lowSimilarity])).toEqual([
      [2019, 1, 0, 1, 0], // A2 typical; A1 high (45.83)
      [2020, 1, 1, 1, 1], // J1 typical and high; A4 exceptional and low
    ]);
    expect(r.byYear[0].typicalRatio).toBeCloseTo(50, 10);
    expect(r.composition).toMatchObject({ high: 2, low: 1, other: 2 });
    expect(r.composition.highShare).toBeCloseTo(40, 10);
    expect(r.composition.otherShare).toBeCloseTo(40, 10);
  });

  test('a year window counts only its applications; the distribution stays over all of them', () => {
    const r = patentSimilarity(corpus, 'A', { sdMultiple: 0.5, examples: 1, fromYear: 2020 });
    expect(r.self.mean).toBeCloseTo(selfMean, 10);
    expect(r.byYear.map((y) => y.year)).toEqual([2020]);
    expect(r.composition).toMatchObject({ high: 1, low: 1, other: 1 }); // J1, A4, A3
    expect(r.typicalExamples.map((e) => e.applicationNumber)).toEqual(['J1']);
  });

  test('all applications alike: SD 0, nothing is typical or exceptional', () => {
    const same = new KeywordCorpus([doc('S1', ['S'], 2020, ['a', 'b']), doc('S2', ['S'], 2021, ['b', 'a'])]);
    const r = patentSimilarity(same, 'S');
    expect(r.self).toEqual({ n: 2, mean: 100, sd: 0 });
    expect(r.byYear.every((y) => y.typical === 0 && y.exceptional === 0)).toBe(true);
  });

  test('a company without applications: no mean, no shares, with the reason', () => {
    const r = patentSimilarity(corpus, 'Nobody');
    expect(isNoValue(r.self.mean)).toBe(true);
    expect(isNoValue(r.composition.highShare)).toBe(true);
    expect(r.byYear).toEqual([]);
  });
});

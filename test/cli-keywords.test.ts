/**
 * Block 3's keywords and similarity through the evaluator: KEYWORD_COUNT, PSI_SELF and PSI_ALL in `indicators`
 * keyed `latest`, tables.PKA and tables.PSI, the threshold options, --no-keywords, and the Keywords / PSI sheets
 * and the Evaluation section. The corpus (test/helpers/keywordCorpus.ts) is worked out by hand:
 *
 * Documents using each keyword (10 applications): pump 4 (A1–A4), laser 3 (A1–A3), motor 4 (A3, A4, B1, B3),
 * valv 1 (A1), ga(s) 4 (B1–B3, G1), filter 3 (B2, B4, G2), signal 2 (G1, G2).
 * Alpha Denki (n = 4): pump 4/4 = 100 % vs 40 % → lift 2.5; laser 3/4 = 75 % vs 30 % → lift 2.5; motor 2 documents.
 */
import ExcelJS from 'exceljs';
import { evaluateSmall } from './helpers/cliSmall';
import { KEYWORD_PATENTS } from './helpers/keywordCorpus';

const evaluate = (extra: string[]) => evaluateSmall(KEYWORD_PATENTS, extra);

// PSI_SELF (population: Alpha's 4 applications; pump 4, laser 3, motor 2, valv 1):
//   A1 mean(4,1,3)/4 = 66.667 %, A2 mean(4,3)/4 = 87.5 %, A3 mean(4,3,2)/4 = 75 %, A4 mean(4,2)/4 = 75 %.
const SELF = [(8 / 3 / 4) * 100, 87.5, 75, 75];
// PSI_ALL (population: all 10; pump 4, laser 3, motor 4, valv 1): A1 26.667, A2 35, A3 36.667, A4 40.
const ALL = [(8 / 3 / 10) * 100, 35, (11 / 3 / 10) * 100, 40];
const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: number[]): number => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));

test('the JSON: KEYWORD_COUNT, PSI_SELF, PSI_ALL keyed latest; tables.PKA and tables.PSI', async () => {
  const { code, err, json } = await evaluate(['--pka-min-lift', '2']);
  expect(code).toBe(0);
  expect(err).toMatch(/keywords \(Block 3 PKA, PSI\): 10 of 10 records/);
  // Lift ≥ 2: pump (score 1 × log2 2.5 = 1.32) and laser (0.75 × log2 2.5 = 0.99); motor has only 2 documents.
  expect(json.indicators.KEYWORD_COUNT).toEqual({ latest: 2 });
  expect(json.tables.PKA.map((k: { keyword: string }) => k.keyword)).toEqual(['pump', 'laser']);
  expect(json.tables.PKA[1]).toEqual({
    rank: 2,
    keyword: 'laser',
    own_rate: 75,
    corpus_rate: 30,
    lift: 2.5,
    own_documents: 3,
    corpus_documents: 3,
    score: 0.75 * Math.log2(2.5),
  });
  expect(json.indicators.PSI_SELF.latest).toBeCloseTo(mean(SELF), 9); // 76.042
  expect(json.indicators.PSI_ALL.latest).toBeCloseTo(mean(ALL), 9); // 34.583
  const psi = json.tables.PSI;
  expect(psi.self.n).toBe(4);
  expect(psi.self.sd).toBeCloseTo(sd(SELF), 9); // 7.439: bounds 83.48 and 68.60
  // Every application's PSI_ALL: B1 40, B2 35, B3 40, B4 30, G1 30, G2 25 and Alpha's four: mean 33.833,
  // SD 5.326, bounds 39.16 (A4's 40 is high) and 28.51 (A1's 26.667 is low).
  const corpus = [...ALL, 40, 35, 40, 30, 30, 25];
  expect(psi.corpus).toEqual({ n: 10, mean: expect.any(Number), sd: expect.any(Number) });
  expect(psi.corpus.mean).toBeCloseTo(mean(corpus), 9);
  expect(psi.corpus.sd).toBeCloseTo(sd(corpus), 9);
  // 2019: A1 (exceptional, low), A2 (typical); 2020: A3, A4 (high).
  expect(psi.by_year).toEqual([
    {
      year: 2019,
      applications: 2,
      typical: 1,
      exceptional: 1,
      typical_ratio: 50,
      exceptional_ratio: 50,
      high_similarity: 0,
      low_similarity: 1,
      other_similarity: 1,
    },
    {
      year: 2020,
      applications: 2,
      typical: 0,
      exceptional: 0,
      typical_ratio: 0,
      exceptional_ratio: 0,
      high_similarity: 1,
      low_similarity: 0,
      other_similarity: 1,
    },
  ]);
  expect(psi.composition).toEqual({ high: 1, low: 1, other: 2, high_share: 25, low_share: 25, other_share: 50 });
  expect(psi.typical_examples).toEqual([
    { publication_number: 'P-A2', title: 'Pump two', filing_year: 2019, psi_self: 87.5, psi_all: 35 },
  ]);
  expect(psi.exceptional_examples.map((e: { publication_number: string }) => e.publication_number)).toEqual(['P-A1']);
  expect(json.parameters.pka_thresholds).toEqual({ min_own_rate: 5, min_lift: 2, min_own_documents: 3 });
  expect(json.parameters.psi_years).toEqual([2019, 2020]);
  expect(json.parameters.psi_sd_multiple).toBe(1);
  // English text needs no analyser.
  expect(json.parameters.segmenter).toBeNull();
});

test('default thresholds: lift ≥ 5 leaves no keyword (KEYWORD_COUNT 0); --psi-years narrows the rows', async () => {
  const { json } = await evaluate(['--psi-years', '2020-2020']);
  expect(json.indicators.KEYWORD_COUNT.latest).toBe(0);
  expect(json.tables.PKA).toEqual([]);
  expect(json.tables.PSI.by_year.map((y: { year: number }) => y.year)).toEqual([2020]);
  // The distribution stays over all years: the same mean as without the window.
  expect(json.indicators.PSI_SELF.latest).toBeCloseTo(mean(SELF), 9);
  expect(json.tables.PSI.composition).toEqual(expect.objectContaining({ high: 1, low: 0, other: 1 }));
});

test('--no-keywords leaves Block 3 text out; bad threshold values are usage errors', async () => {
  const off = await evaluate(['--no-keywords']);
  expect(off.code).toBe(0);
  expect(off.json.indicators.KEYWORD_COUNT).toBeUndefined();
  expect(off.json.tables.PKA).toBeUndefined();
  for (const [opt, value, message] of [
    ['--pka-min-lift', '-1', /pka-min-lift must be a number/],
    ['--pka-min-documents', '2.5', /whole number/],
    ['--psi-years', '2021-2019', /range of filing years/],
  ] as const) {
    const bad = await evaluate([opt, value]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(message);
  }
});

test('the workbook: Keywords and PSI sheets, KEYWORD_COUNT as COUNTIFS over the threshold cells', async () => {
  const { xlsx } = await evaluate(['--pka-min-lift', '2']);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Keywords', 'PSI']));
  const ev = wb.getWorksheet('Evaluation');
  let countCell: ExcelJS.Cell | undefined;
  ev?.eachRow((row) => {
    if (row.getCell(1).value === 'KEYWORD_COUNT') countCell = row.getCell(5);
  });
  const f = countCell?.value as { formula: string; result: number };
  expect(f.formula).toMatch(/^IF\(Keywords!\$B\$7=0,NA\(\),COUNTIFS\(Keywords!/);
  expect(f.result).toBe(2);
  const kw = wb.getWorksheet('Keywords');
  expect(kw?.getCell('B5').value).toBe(2); // the lift threshold cell
  expect(kw?.getCell('A11').value).toBe('pump');
});

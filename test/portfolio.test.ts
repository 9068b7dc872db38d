/**
 * Block 3 (PAP, 表15) on a corpus small enough to work out by hand: 3 applicants, 4 subclasses, the window
 * 2018–2020 with y0 = 2017. Every expected value is the arithmetic in its comment, not the code's output.
 */
import { importCanonical } from '../src/core/patents/importers/canonical';
import { consolidate } from '../src/core/patents/names';
import type { PatentRecord } from '../src/core/patents/record';
import { aggregatePortfolio, defaultPortfolioYear } from '../src/core/portfolio/aggregate';
import { companyPortfolio, portfolioIndicators } from '../src/core/portfolio/indicators';
import { competitiveTier, hhi, hhiState, pdiType, validateTierCuts } from '../src/core/portfolio/measures';
import { isNoValue, type Value } from '../src/core/values';

const HEADER = 'application_number,filing_date,applicants,ipc,claims';

async function records(rows: string[]): Promise<PatentRecord[]> {
  const r = await importCanonical([[HEADER, ...rows].join('\n')], { file: 'patents.csv' });
  expect(r.rejected).toEqual([]);
  return r.records;
}

/*
 * Amounts (claims; a joint application's claims halved), y0 2017 | y1 2018 | y2 2019 | y3 2020:
 *   A-H01M 10 | 10 | 20 | 12      A-B01D 0 | 3 | 0 | 0      A-C01B 0 | 0 | 0 | 12
 *   B-B01D  5 |  3 |  8 |  4      C-H01M 0 | 4 | 0 | 0      C-G06F 3 | 4 | 2 | 6
 * Subclass totals: H01M 10|14|20|12 (window 46), B01D 5|6|8|4 (18), C01B 0|0|0|12 (12), G06F 3|4|2|6 (12).
 * Applicant totals, each application once: A 10|13|20|12, B 5|3|8|4, C 3|4|2|6; corpus 18|20|30|22.
 */
const CORPUS = [
  'P1,2017-03-01,Alpha KK,H01M 4/00,10',
  'P2,2017-04-01,Beta KK,B01D 53/14,5',
  'P3,2017-05-01,Gamma KK,G06F 17/00,3',
  'P4,2018-02-01,Alpha KK,H01M 8/00,10',
  'P5,2018-03-01,Alpha KK;Beta KK,B01D 53/62,6',
  // Two subclasses: 4 claims to H01M and 4 to G06F.
  'P6,2018-06-01,Gamma KK,H01M 10/00;G06F 1/00,4',
  // Two codes of one subclass count once.
  'P7,2019-01-10,ALPHA KK,H01M 4/00;H01M 8/04,20',
  'P8,2019-02-01,Beta KK,B01D 53/14,8',
  'P9,2019-03-01,Gamma KK,G06F 3/00,2',
  'P10,2020-04-01,Alpha KK,H01M 4/00;C01B 32/50,12',
  'P11,2020-05-01,Beta KK,B01D 53/14,4',
  'P12,2020-06-01,Gamma KK,G06F 3/00,6',
  // Outside the span: ignored.
  'P13,2016-12-31,Alpha KK,H01M 4/00,99',
  'P14,2021-01-01,Beta KK,B01D 53/14,99',
];

async function small() {
  const recs = await records(CORPUS);
  const names = consolidate(
    recs.flatMap((r) => r.applicants),
    [],
  );
  const corpus = aggregatePortfolio(recs, names, { cutoff: '2022-12-31' });
  return { corpus, results: portfolioIndicators(corpus) };
}

const num = (v: Value | string): number => {
  if (typeof v !== 'number') throw new Error(`expected a number, got ${JSON.stringify(v)}`);
  return v;
};

describe('the window', () => {
  test('y3 is the latest filing year that ended at least 18 months before the cut-off', () => {
    // 2020 ended 2020-12-31; 18 months later is 2022-06-30.
    expect(defaultPortfolioYear('2022-06-30')).toBe(2020);
    expect(defaultPortfolioYear('2022-06-29')).toBe(2019);
    expect(defaultPortfolioYear('2022-12-31')).toBe(2020);
  });
});

describe('HHI', () => {
  test('per subclass and year, and over the window pooled', async () => {
    const { corpus, results: r } = await small();
    expect(corpus.years).toEqual([2017, 2018, 2019, 2020]);
    expect(corpus.measure).toBe('claims');
    const j = (s: string): number => corpus.subclasses.indexOf(s);
    // H01M 2018: A 10, C 4 of 14 → (10/14)² + (4/14)² = 116/196.
    expect(num(r.hhiOfYear(j('H01M'), 1))).toBeCloseTo((116 / 196) * 10000, 9);
    // B01D 2018: A 3, B 3 of 6 → 0.25 + 0.25.
    expect(num(r.hhiOfYear(j('B01D'), 1))).toBeCloseTo(5000, 9);
    // A subclass with one applicant: G06F 2018 is all C's; C01B in the window is all A's.
    expect(num(r.hhiOfYear(j('G06F'), 1))).toBeCloseTo(10000, 9);
    expect(num(r.hhiPooled(j('C01B')))).toBeCloseTo(10000, 9);
    // C01B has no filing in 2018: no HHI, not 0.
    expect(isNoValue(r.hhiOfYear(j('C01B'), 1))).toBe(true);
    // Pooled H01M: A 10+20+12 = 42, C 4 of 46 → (42² + 4²)/46² = 1780/2116.
    expect(num(r.hhiPooled(j('H01M')))).toBeCloseTo((1780 / 2116) * 10000, 9);
    // Pooled B01D: A 3, B 3+8+4 = 15 of 18 → (9 + 225)/324.
    expect(num(r.hhiPooled(j('B01D')))).toBeCloseTo((234 / 324) * 10000, 9);
  });

  test('state: 1,000 or less is competitive', () => {
    // Ten equal applicants: 10 × 10² = 1000 → 競争; nine: 9 × (100/9)² = 1111.1 → 寡占.
    const ten = hhi(Array(10).fill(7));
    expect(ten).toBeCloseTo(1000, 9);
    expect(hhiState(1000)).toBe('競争');
    expect(hhiState(hhi(Array(9).fill(1)))).toBe('寡占');
    expect(isNoValue(hhi([0, 0]))).toBe(true);
  });
});

describe('PDI', () => {
  test('the mean of the window years’ (1 − Σ s²) × 100', async () => {
    const { corpus, results: r } = await small();
    const a = (n: string): number => corpus.applicantIndex(n) as number;
    // A: 2018 H01M 10, B01D 3 → 1 − (100 + 9)/169 = 60/169; 2019 H01M only → 0; 2020 12 and 12 → 0.5.
    const pA = r.pdiByYear(a('Alpha KK')).map(num);
    expect(pA[0]).toBeCloseTo(6000 / 169, 9);
    expect(pA[1]).toBeCloseTo(0, 12);
    expect(pA[2]).toBeCloseTo(50, 12);
    expect(num(r.pdi[a('Alpha KK')])).toBeCloseTo((6000 / 169 + 0 + 50) / 3, 9);
    // One subclass only: B files in B01D alone → 0 every year → 超集中型.
    expect(num(r.pdi[a('Beta KK')])).toBeCloseTo(0, 12);
    expect(pdiType(r.pdi[a('Beta KK')])).toBe('超集中型');
    // C: 2018 H01M 4, G06F 4 → 50; 2019 and 2020 G06F only → 0.
    expect(num(r.pdi[a('Gamma KK')])).toBeCloseTo(50 / 3, 9);
  });

  test('types at the seed’s bounds', () => {
    expect(pdiType(96)).toBe('超総合型');
    expect(pdiType(95.99)).toBe('総合型');
    expect(pdiType(90)).toBe('総合型');
    expect(pdiType(76)).toBe('バランス型');
    expect(pdiType(50)).toBe('集中型');
    expect(pdiType(49.9)).toBe('超集中型');
  });
});

describe('PCPI and AVG_PCPI', () => {
  // Mean growth of totals y0…y3: ((y1/y0 − 1) + (y2/y1 − 1) + (y3/y2 − 1)) / 3.
  const growth = (t: number[]): number => (t[1] / t[0] - 1 + (t[2] / t[1] - 1) + (t[3] / t[2] - 1)) / 3;
  const corpusGrowth = growth([18, 20, 30, 22]);
  const hH01M = (1780 / 2116) * 10000;
  const hB01D = (234 / 324) * 10000;

  test('Σ HHI × share over the window pooled, times 1 + excess growth', async () => {
    const { corpus, results: r } = await small();
    const a = (n: string): number => corpus.applicantIndex(n) as number;
    // A: H01M 42/46 of the market, B01D 3/18, C01B 12/12; growth over 10, 13, 20, 12.
    const pcpiA = (hH01M * (42 / 46) + hB01D * (3 / 18) + 10000 * 1) * (1 + growth([10, 13, 20, 12]) - corpusGrowth);
    expect(num(r.pcpi[a('Alpha KK')])).toBeCloseTo(pcpiA, 6);
    // B: B01D 15/18; growth over 5, 3, 8, 4 (its 2018 joint application counts 6/2 = 3).
    const pcpiB = hB01D * (15 / 18) * (1 + growth([5, 3, 8, 4]) - corpusGrowth);
    expect(num(r.pcpi[a('Beta KK')])).toBeCloseTo(pcpiB, 6);
    // C: H01M 4/46, G06F 12/12; growth over 3, 4, 2, 6.
    const pcpiC = (hH01M * (4 / 46) + 10000) * (1 + growth([3, 4, 2, 6]) - corpusGrowth);
    expect(num(r.pcpi[a('Gamma KK')])).toBeCloseTo(pcpiC, 6);
    // AVG_PCPI: distinct subclasses per window year — A 2, 1, 2; B 1, 1, 1; C 2, 1, 1.
    expect(num(r.avgPcpi[a('Alpha KK')])).toBeCloseTo(pcpiA / (5 / 3), 6);
    expect(num(r.avgPcpi[a('Beta KK')])).toBeCloseTo(pcpiB, 6);
    expect(num(r.avgPcpi[a('Gamma KK')])).toBeCloseTo(pcpiC / (4 / 3), 6);

    // Tiers: z of ln(PCPI) over the three applicants (population SD).
    const logs = [pcpiA, pcpiB, pcpiC].map(Math.log);
    const mean = logs.reduce((s, v) => s + v, 0) / 3;
    const sd = Math.sqrt(logs.reduce((s, v) => s + (v - mean) ** 2, 0) / 3);
    const dist = r.pcpiDistribution;
    if (isNoValue(dist)) throw new Error('no distribution');
    expect(dist.mean).toBeCloseTo(mean, 12);
    expect(dist.sd).toBeCloseTo(sd, 12);
    const tierOf = (z: number): string =>
      z >= 2
        ? 'スーパースター'
        : z >= 1
          ? 'スタープレーヤー'
          : z >= 0
            ? 'プレーヤー'
            : z >= -1
              ? 'バイプレーヤー'
              : 'エキストラ';
    const cp = companyPortfolio(r, 'Alpha KK');
    expect(String(cp.pcpiType)).toContain(tierOf((Math.log(pcpiA) - mean) / sd));
  });

  test('no value without claims in every year y0…y3; a year without filings', async () => {
    // D files in 2017, 2018 and 2020 but not in 2019.
    const recs = await records([
      'Q1,2017-01-01,Delta,H01M 4/00,5',
      'Q2,2018-01-01,Delta,H01M 4/00,5',
      'Q3,2018-01-02,Delta,B01D 53/00,5',
      'Q4,2019-01-01,Echo,H01M 4/00,5',
      'Q5,2020-01-01,Delta,H01M 4/00,5',
      'Q6,2017-01-01,Echo,H01M 4/00,5',
    ]);
    const corpus = aggregatePortfolio(
      recs,
      consolidate(
        recs.flatMap((r) => r.applicants),
        [],
      ),
      { cutoff: '2022-12-31' },
    );
    const r = portfolioIndicators(corpus);
    const d = corpus.applicantIndex('Delta') as number;
    // PDI over the years it filed: 2018 5 and 5 → 50; 2020 → 0; 2019 has no distribution → (50 + 0) / 2.
    expect(isNoValue(r.pdiByYear(d)[1])).toBe(true);
    expect(num(r.pdi[d])).toBeCloseTo(25, 12);
    expect(r.pcpi[d]).toEqual(expect.objectContaining({ error: '#N/A' }));
    expect(r.avgPcpi[d]).toEqual(expect.objectContaining({ error: '#N/A' }));
    // Echo: nothing in 2018 and 2020 either.
    expect(isNoValue(r.pcpi[corpus.applicantIndex('Echo') as number])).toBe(true);
    // No positive PCPI anywhere: the tier has no distribution.
    expect(isNoValue(r.pcpiDistribution)).toBe(true);
  });

  test('the corpus with no filing in y0: growth has no base, no PCPI for anyone', async () => {
    const recs = await records(['R1,2018-01-01,Foxtrot,H01M 4/00,5', 'R2,2019-01-01,Foxtrot,H01M 4/00,5']);
    const corpus = aggregatePortfolio(
      recs,
      consolidate(
        recs.flatMap((r) => r.applicants),
        [],
      ),
      { cutoff: '2022-12-31' },
    );
    const r = portfolioIndicators(corpus);
    expect(isNoValue(r.pcpi[0])).toBe(true);
    // PDI is still there: one subclass → 0 in 2018 and 2019, none in 2020.
    expect(num(r.pdi[0])).toBe(0);
  });

  test('tiers: a value ≤ 0 is the last tier; parameterised cuts are checked', () => {
    const dist = { mean: 0, sd: 1, n: 10 };
    expect(competitiveTier(-5, dist)).toContain('エキストラ');
    expect(competitiveTier(Math.exp(2), dist)).toContain('スーパースター');
    expect(competitiveTier(Math.exp(1.5), dist)).toContain('スタープレーヤー');
    // With cuts 3, 2, 1, 0, z = 1.5 is a プレーヤー.
    expect(competitiveTier(Math.exp(1.5), dist, [3, 2, 1, 0])).toMatch(/^プレーヤー/);
    expect(validateTierCuts([2, 1, 0])).toMatch(/4 numbers/);
    expect(validateTierCuts([2, 1, 1, 0])).toMatch(/decrease/);
    expect(validateTierCuts([2, 1, 0, -1])).toBeUndefined();
  });
});

describe('the portfolio table', () => {
  test('top subclasses per year with share, arrow, share of the subclass, rank and HHI', async () => {
    const { results: r } = await small();
    const cp = companyPortfolio(r, 'Alpha KK', new Map([['H01M', 'Batteries']]));
    expect(cp.subclasses.map((s) => s.code)).toEqual(['B01D', 'C01B', 'H01M']);
    const y2018 = cp.entries.filter((e) => e.year === 2018);
    // 2018: H01M 10 of A's 13 (76.9%), same as 2017 → "→"; 10 of H01M's 14; HHI 116/196 → 寡占.
    expect(y2018[0]).toEqual(
      expect.objectContaining({ subclass: 'H01M', title: 'Batteries', amount: 10, arrow: '→', subclassRank: 1 }),
    );
    expect(y2018[0].share).toBeCloseTo((10 / 13) * 100, 9);
    expect(y2018[0].subclassShare).toBeCloseTo((10 / 14) * 100, 9);
    expect(y2018[0].state).toBe('寡占');
    // B01D: 3 (new → ↑), 3 of 6 tied with B → rank 1.
    expect(y2018[1]).toEqual(expect.objectContaining({ subclass: 'B01D', amount: 3, arrow: '↑', subclassRank: 1 }));
    // 2020: H01M and C01B 12 each, alphabetical on a tie; H01M 12 < 20 in 2019 → ↓.
    const y2020 = cp.entries.filter((e) => e.year === 2020);
    expect(y2020.map((e) => [e.subclass, e.arrow])).toEqual([
      ['C01B', '↑'],
      ['H01M', '↓'],
    ]);
    // C's rank in H01M 2018: behind A → 2.
    const cpC = companyPortfolio(r, 'Gamma KK');
    expect(cpC.entries.find((e) => e.year === 2018 && e.subclass === 'H01M')?.subclassRank).toBe(2);
  });
});

describe('the measure', () => {
  test('without claim counts the portfolio counts applications, with a warning', async () => {
    const recs = await records([
      'S1,2017-01-01,Golf,H01M 4/00,',
      'S2,2018-01-01,Golf;Hotel,H01M 4/00,',
      'S3,2018-01-01,Hotel,H01M 4/00,',
    ]);
    const corpus = aggregatePortfolio(
      recs,
      consolidate(
        recs.flatMap((r) => r.applicants),
        [],
      ),
      { cutoff: '2022-12-31' },
    );
    expect(corpus.measure).toBe('applications');
    expect(corpus.warnings[0]).toMatch(/no claim counts.*applications/);
    const r = portfolioIndicators(corpus);
    // H01M 2018: Golf 1/2, Hotel 1/2 + 1 → (0.5/2)² + (1.5/2)² = 0.625.
    const j = corpus.subclasses.indexOf('H01M');
    expect(num(r.hhiOfYear(j, 1))).toBeCloseTo(6250, 9);
  });

  test('claims missing on some applications: applications for everyone, and the warning says how many', async () => {
    const recs = await records(['T1,2017-01-01,India,H01M 4/00,3', 'T2,2018-01-01,Juliet,H01M 4/00,']);
    const corpus = aggregatePortfolio(
      recs,
      consolidate(
        recs.flatMap((r) => r.applicants),
        [],
      ),
      { cutoff: '2022-12-31', measure: 'claims' },
    );
    expect(corpus.measure).toBe('applications');
    expect(corpus.warnings[0]).toMatch(/1 of the 2 applications/);
  });
});

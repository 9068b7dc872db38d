/**
 * Block 3's custom functions through the entry points Excel calls (=IPB.HHI, PDI, PCPI, AVG_PCPI), on the
 * hand-worked corpus of portfolio.test.ts, with a what-if an analyst would try.
 */
import * as IPB from '../src/functions/functions';

type Fn = (...args: unknown[]) => unknown[][];
const fn = (name: string): Fn => (IPB as unknown as Record<string, Fn>)[name];
const code = (x: unknown): string => (x as { code: string }).code;

describe('=IPB.HHI', () => {
  test('one HHI per column; blank cells count 0', () => {
    // Columns H01M (A 42, C 4) and B01D (A 3, B 15): (42² + 4²)/46² and (3² + 15²)/18², × 10⁴.
    const r = fn('HHI')([
      [42, 3],
      [null, 15],
      [4, ''],
    ]);
    expect(r[0][0]).toBeCloseTo((1780 / 2116) * 10000, 9);
    expect(r[0][1]).toBeCloseTo((234 / 324) * 10000, 9);
  });

  test('what if we filed 200 more claims in H01M: the market concentrates', () => {
    // A 242, C 4 of 246: (242² + 4²)/246².
    expect(fn('HHI')([[242], [4]])[0][0]).toBeCloseTo(((242 * 242 + 16) / (246 * 246)) * 10000, 9);
  });

  test('text, an empty market and negative claims are errors', () => {
    expect(code(fn('HHI')([[1], ['x']])[0][0])).toBe('#VALUE!');
    expect(code(fn('HHI')([[0], [null]])[0][0])).toBe('#DIV/0!');
    expect(code(fn('HHI')([[-1], [3]])[0][0])).toBe('#VALUE!');
  });
});

describe('=IPB.PDI and =IPB.AVG_PCPI', () => {
  const claims = [
    [10, 20, 12],
    [3, null, null],
    [null, null, 12],
  ];
  test('PDI: the mean of (1 − Σ s²) × 100 over the year columns', () => {
    // 2018: 1 − 109/169; 2019: 0; 2020: 1 − 288/576.
    expect(fn('PDI')(claims)[0][0]).toBeCloseTo(((60 / 169) * 100 + 0 + 50) / 3, 9);
    // A column without claims is left out of the mean: (1 − 109/169) × 100 and 0.
    expect(
      fn('PDI')([
        [10, 20, null],
        [3, null, null],
      ])[0][0],
    ).toBeCloseTo(((60 / 169) * 100 + 0) / 2, 9);
  });
  test('AVG_PCPI: PCPI over the mean count of subclasses with claims per year', () => {
    // Counts 2, 1, 2 → mean 5/3.
    expect(fn('AVG_PCPI')([[11000]], claims)[0][0]).toBeCloseTo(11000 / (5 / 3), 9);
    expect(code(fn('AVG_PCPI')([[11000], [1]], claims)[0][0])).toBe('#VALUE!');
  });
});

describe('=IPB.PCPI', () => {
  // Mean growth of y0…y3 totals.
  const growth = (t: number[]): number => (t[1] / t[0] - 1 + (t[2] / t[1] - 1) + (t[3] / t[2] - 1)) / 3;
  test('Σ HHI × share × (1 + excess growth)', () => {
    const h = [[8000], [5000]];
    const s = [[0.5], [0.25]];
    const own = [[10, 13, 20, 12]];
    const corpus = [[18, 20, 30, 22]];
    // (8000 × 0.5 + 5000 × 0.25) × (1 + growth(own) − growth(corpus)).
    const expected = 5250 * (1 + growth([10, 13, 20, 12]) - growth([18, 20, 30, 22]));
    expect(fn('PCPI')(h, s, own, corpus)[0][0]).toBeCloseTo(expected, 9);
  });
  test('no claims in a year of y0…y3: #N/A with the reason; mismatched ranges: #VALUE!', () => {
    const r = fn('PCPI')([[8000]], [[0.5]], [[10, 0, 20, 12]], [[18, 20, 30, 22]])[0][0];
    expect(code(r)).toBe('#N/A');
    expect((r as { message: string }).message).toMatch(/y0…y3/);
    expect(code(fn('PCPI')([[8000], [1]], [[0.5]], [[10, 5, 20, 12]], [[18, 20, 30, 22]])[0][0])).toBe('#VALUE!');
  });
});

/**
 * Block 3 through the evaluator: the JSON (PDI/PCPI/AVG_PCPI keyed `latest`, their types, tables.PORTFOLIO,
 * parameters.portfolio_years), the options for the measure, the window and the tier cuts, and their errors.
 * The corpus is the hand-worked one of portfolio.test.ts with the fixture's company names.
 */
import { evaluateSmall, PORTFOLIO_PATENTS } from './helpers/cliSmall';

const evaluate = (extra: string[]) => evaluateSmall(PORTFOLIO_PATENTS, extra);

test('the JSON: window indicators keyed latest, types, the portfolio table, the window', async () => {
  const { code, err, json } = await evaluate([]);
  expect(code).toBe(0);
  expect(err).toMatch(/portfolio \(Block 3\): claims by IPC subclass, window 2018–2020 \(y0 2017\)/);
  expect(json.parameters.portfolio_years).toEqual([2018, 2019, 2020]);
  expect(json.parameters.portfolio_measure).toBe('claims');
  // PDI of Alpha: ((1 − 109/169) × 100 + 0 + 50) / 3 (portfolio.test.ts).
  expect(json.indicators.PDI.latest).toBeCloseTo(((60 / 169) * 100 + 50) / 3, 9);
  expect(typeof json.indicators.PCPI.latest).toBe('number');
  expect(typeof json.indicators.AVG_PCPI.latest).toBe('number');
  expect(json.indicators.PDI_TYPE.latest).toBe('超集中型');
  expect(json.indicators.PCPI_TYPE.latest).toMatch(/★/);
  // 2018: H01M 10 of 13 claims, unchanged on 2017, 10 of the subclass's 14, HHI (10/14)² + (4/14)² → 寡占.
  const h01m = json.tables.PORTFOLIO.find(
    (e: { year: number; subclass: string }) => e.year === 2018 && e.subclass === 'H01M',
  );
  expect(h01m).toEqual(expect.objectContaining({ rank: 1, claims: 10, trend: '→', subclass_rank: 1, state: '寡占' }));
  expect(h01m.title).toMatch(/BATTERIES/);
  expect(h01m.share).toBeCloseTo((10 / 13) * 100, 9);
  expect(h01m.hhi).toBeCloseTo((116 / 196) * 10000, 9);
});

test('options: applications, another window, other tier cuts; bad values are usage errors', async () => {
  const apps = await evaluate([
    '--portfolio-measure',
    'applications',
    '--portfolio-years',
    '2017-2019',
    '--tier-cuts',
    '3,2,1,0',
  ]);
  expect(apps.code).toBe(0);
  expect(apps.json.parameters.portfolio_years).toEqual([2017, 2018, 2019]);
  expect(apps.json.parameters.portfolio_measure).toBe('applications');
  expect(apps.json.parameters.portfolio_tier_cuts).toEqual([3, 2, 1, 0]);
  // 2016 (y0) has no filings: no growth base, PCPI is null with the reason.
  expect(apps.json.indicators.PCPI.latest).toBeNull();
  expect(apps.json.no_value.PCPI.latest).toMatch(/y0…y3/);
  // Applications: Alpha's 2018 H01M is 1 application of its 2 (P4; P5 is B01D), as in 2017.
  const h = apps.json.tables.PORTFOLIO.find(
    (e: { year: number; subclass: string }) => e.year === 2018 && e.subclass === 'H01M',
  );
  expect(h.applications).toBe(1);

  for (const [opt, value, message] of [
    ['--portfolio-measure', 'words', /claims or applications/],
    ['--portfolio-years', '2017-2020', /three consecutive/],
    ['--tier-cuts', '1,2,3,4', /decrease/],
  ] as const) {
    const bad = await evaluate([opt, value]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(message);
  }
});

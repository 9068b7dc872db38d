/**
 * Block 3 through the evaluator: the JSON (PDI/PCPI/AVG_PCPI keyed `latest`, their types, tables.PORTFOLIO,
 * parameters.portfolio_years), the options for the measure, the window and the tier cuts, and their errors.
 * The corpus is the hand-worked one of portfolio.test.ts with the fixture's company names.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../src/cli/main';
import { FIXTURES } from './helpers/evaluate';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += `${s}\n`), err: (s) => (err += `${s}\n`) });
  return { code, out, err };
}

const PATENTS = [
  'application_number,filing_date,applicants,ipc,claims',
  'P1,2017-03-01,Alpha Denki,H01M 4/00,10',
  'P2,2017-04-01,Beta Seiki,B01D 53/14,5',
  'P3,2017-05-01,Gamma Kogyo,G06F 17/00,3',
  'P4,2018-02-01,Alpha Denki,H01M 8/00,10',
  'P5,2018-03-01,Alpha Denki;Beta Seiki,B01D 53/62,6',
  'P6,2018-06-01,Gamma Kogyo,H01M 10/00;G06F 1/00,4',
  'P7,2019-01-10,ALPHA DENKI,H01M 4/00;H01M 8/04,20',
  'P8,2019-02-01,Beta Seiki,B01D 53/14,8',
  'P9,2019-03-01,Gamma Kogyo,G06F 3/00,2',
  'P10,2020-04-01,Alpha Denki,H01M 4/00;C01B 32/50,12',
  'P11,2020-05-01,Beta Seiki,B01D 53/14,4',
  'P12,2020-06-01,Gamma Kogyo,G06F 3/00,6',
].join('\n');

async function evaluate(extra: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'ipb-pf-'));
  writeFileSync(join(dir, 'patents.csv'), `${PATENTS}\n`);
  const r = await run([
    'evaluate',
    '--financials',
    `${FIXTURES}/financials-small.csv`,
    '--market',
    `${FIXTURES}/market-small.csv`,
    '--company',
    'Alpha Denki',
    '--patents',
    join(dir, 'patents.csv'),
    '--cutoff',
    '2022-12-31',
    '--out',
    join(dir, 'a.xlsx'),
    '--json',
    join(dir, 'a.json'),
    ...extra,
  ]);
  const json = r.code === 0 ? JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')) : undefined;
  return { ...r, json };
}

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

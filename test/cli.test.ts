/**
 * The headless evaluator as a user runs it: exit codes, what it writes, what it prints, and that bad input
 * writes nothing. The JSON is checked against ../shared/spec/inputs.md; the IPB-mode workbook against the
 * spelling Excel uses for JavaScript custom functions.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../src/cli/main';
import { CATALOG, catalogFor } from '../src/core/catalog';
import { FIXTURES, SAMPLES } from './helpers/evaluate';
import { readFormulaCells } from './helpers/workbookCells';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += `${s}\n`), err: (s) => (err += `${s}\n`) });
  return { code, out, err };
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'ipb-cli-'));
const FIN = `${FIXTURES}/financials-small.csv`;
const MKT = `${FIXTURES}/market-small.csv`;

test('--help prints the usage and exits 0; no command is a usage error', async () => {
  const h = await run(['--help']);
  expect(h.code).toBe(0);
  expect(h.out).toMatch(/ipb evaluate --financials FILE --market FILE --company NAME --out BOOK.xlsx/);
  expect((await run([])).code).toBe(1);
  const bad = await run(['evaluate', '--financials', FIN, '--market', MKT, '--company', 'Alpha Denki', '--bogus', 'x']);
  expect(bad.code).toBe(1);
  expect(bad.err).toMatch(/unknown option --bogus/);
});

test('evaluate writes the workbook and the JSON of the spec', async () => {
  const dir = tmp();
  const r = await run([
    'evaluate',
    '--financials',
    FIN,
    '--market',
    MKT,
    '--company',
    'Alpha Denki',
    '--out',
    join(dir, 'a.xlsx'),
    '--json',
    join(dir, 'a.json'),
  ]);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/Alpha Denki \(electrical, 3 companies in the industry\), FY2019–FY2022/);
  expect(existsSync(join(dir, 'a.xlsx'))).toBe(true);
  const j = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8'));
  expect(j.company).toBe('Alpha Denki');
  expect(j.industry).toBe('electrical');
  expect(Object.keys(j)).toEqual(
    expect.arrayContaining(['company', 'industry', 'parameters', 'indicators', 'star', 'forecast', 'tables']),
  );
  // every catalog ID, keyed by fiscal year, numbers or null (never NaN, which JSON cannot even hold)
  // without patent records: Block 1 and the R&D ratios; PE and the patent indicators are absent, not null
  for (const d of catalogFor(false)) {
    expect(Object.keys(j.indicators[d.id])).toEqual(['2019', '2020', '2021', '2022']);
    for (const v of Object.values(j.indicators[d.id])) expect(v === null || Number.isFinite(v)).toBe(true);
  }
  expect(Object.keys(j.indicators)).toHaveLength(catalogFor(false).length);
  expect(CATALOG.length).toBeGreaterThan(catalogFor(false).length);
  expect(j.indicators.APPLICATIONS).toBeUndefined();
  expect(j.indicators.RND_RATIO_ALPHA['2021']).toBeCloseTo((65 / 1050) * 100, 12);
  expect(j.indicators.CAPEX['2019']).toBeNull();
  expect(j.no_value.CAPEX['2019']).toMatch(/has no FY2018 row/);
  expect(j.indicators.SALES['2021']).toBe(1050);
  expect(['☆☆☆', '★☆☆', '★★☆', '★★★']).toContain(j.star.SALES);
  expect(j.forecast.PBR).toBeNull();
  expect(j.parameters.star_window).toEqual([2020, 2021, 2022]);
});

test('an input error is printed with file, row and column, exits 2, and writes nothing', async () => {
  const dir = tmp();
  const bad = join(dir, 'financials.csv');
  writeFileSync(
    bad,
    readFileSync(FIN, 'utf8').replace(
      'Beta Seiki,electrical,2020,2020-12-31,520',
      'Beta Seiki,electrical,2020,2020-12-31,5x0',
    ),
  );
  const out = join(dir, 'book.xlsx');
  const r = await run([
    'evaluate',
    '--financials',
    bad,
    '--market',
    MKT,
    '--company',
    'Alpha Denki',
    '--out',
    out,
    '--json',
    join(dir, 'b.json'),
  ]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/error: financials.csv, row 7, column sales: "5x0" is not a number/);
  expect(r.err).toMatch(/nothing was written/);
  expect(existsSync(out)).toBe(false);
  expect(existsSync(join(dir, 'b.json'))).toBe(false);
});

test('an unknown company is named, with the way to list the companies', async () => {
  const r = await run([
    'evaluate',
    '--financials',
    FIN,
    '--market',
    MKT,
    '--company',
    'Nobody',
    '--out',
    join(tmp(), 'x.xlsx'),
  ]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/not in financials-small.csv: "Nobody".*ipb companies/);
  const list = await run(['companies', '--financials', FIN]);
  expect(list.out.trim().split('\n')).toEqual([
    'Alpha Denki\telectrical\tFY2019–FY2022',
    'Beta Seiki\telectrical\tFY2019–FY2022',
    'Delta Yakuhin\tpharma\tFY2019–FY2021',
    'Gamma Kogyo\telectrical\tFY2020–FY2022',
  ]);
});

test('--all --out-dir evaluates every company (batch)', async () => {
  const dir = tmp();
  const r = await run(['evaluate', '--financials', FIN, '--market', MKT, '--all', '--out-dir', dir, '--quiet']);
  expect(r.code).toBe(0);
  for (const name of ['Alpha_Denki', 'Beta_Seiki', 'Gamma_Kogyo', 'Delta_Yakuhin']) {
    expect(existsSync(join(dir, `${name}.xlsx`))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')).indicators.SALES).toBeDefined();
  }
});

test('--formulas ipb writes =IPB.* calls as Excel stores JavaScript custom functions, with the same cached values', async () => {
  const dir = tmp();
  const common = [
    'evaluate',
    '--financials',
    `${SAMPLES}/financials.csv`,
    '--market',
    `${SAMPLES}/market.csv`,
    '--company',
    'Kitano Electric',
    '--quiet',
  ];
  expect((await run([...common, '--out', join(dir, 'ipb.xlsx'), '--formulas', 'ipb'])).code).toBe(0);
  expect((await run([...common, '--out', join(dir, 'portable.xlsx')])).code).toBe(0);
  const ipb = await readFormulaCells(join(dir, 'ipb.xlsx'));
  const portable = await readFormulaCells(join(dir, 'portable.xlsx'));
  expect(ipb.size).toBe(portable.size);
  expect(ipb.get('Evaluation!L14')?.formula ?? '').toMatch(/^_xldudf_IPB_[A-Z_]+\(/);
  let custom = 0;
  for (const [addr, cell] of ipb) {
    expect(cell.value).toEqual(portable.get(addr)?.value);
    if (cell.formula.startsWith('_xldudf_IPB_')) custom += 1;
    expect(cell.formula).not.toMatch(/(^|[^_])IPB\./);
  }
  expect(custom).toBeGreaterThan(3000);
  // the portable book uses no custom function at all
  for (const cell of portable.values()) expect(cell.formula).not.toMatch(/IPB/);
});

describe('--patents', () => {
  const PATENTS = [
    'application_number,filing_date,applicants,inventors,ipc,claims,exam_request_date,registration_date,registered_claims,lapse_date,title',
    'A1,2019-05-10,Alpha Denki,山田太郎,H01L 21/00,10,2020-02-01,2021-01-15,8,,Semiconductor device',
    'A2,2019-08-01,ALPHA DENKI CO. LTD.;Beta Seiki,X,H01L 21/00,6,2021-06-01,2022-02-01,6,,"=HYPERLINK(""http://example.com"",""click"")"',
    'A3,2020-02-01,Alpha Denki,Y,G06F 17/60,4,,,,,+1 inventive step',
    'A4,2019-08-01,Beta Seiki,X,H01L 21/00,6,2023-06-01,bad-date,6,,@mention',
    'A1,2019-05-10,Alpha Denki,山田太郎,H01L 21/00,10,,,,,duplicate',
  ].join('\n');

  test('adds Block 2 to the JSON, reports what was read, merged and rejected, and exports the rejections', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'patents.csv'), `${PATENTS}\n`);
    const r = await run([
      'evaluate',
      '--financials',
      FIN,
      '--market',
      MKT,
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
      '--rejected',
      join(dir, 'rejected.csv'),
    ]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/patents.csv \(canonical\): 5 rows → 3 records, 2 rejected/);
    expect(r.err).toMatch(/rejected: patents.csv, line 5, registration_date: "bad-date" is not a date/);
    expect(r.err).toMatch(/rejected: patents.csv, line 6, application_number: A1 already appears on line 2/);
    expect(r.err).toMatch(/name consolidation: Alpha Denki ← "ALPHA DENKI CO. LTD.", "Alpha Denki"/);
    expect(readFileSync(join(dir, 'rejected.csv'), 'utf8').trim().split('\n')).toHaveLength(3);
    const j = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8'));
    expect(j.indicators.APPLICATIONS['2019']).toBe(2);
    expect(j.indicators.JOINT_APPS['2019']).toBe(1);
    expect(j.parameters.cutoff_date).toBe('2022-12-31');
    expect(j.tables.CO_APPLICANTS).toEqual([{ co_applicant: 'Beta Seiki', joint_applications: 1, share: 100 }]);
    // imported text that looks like a formula stays text: the Patents sheet has no formula at all
    const cells = await readFormulaCells(join(dir, 'a.xlsx'));
    expect([...cells.keys()].filter((k) => k.startsWith('Patents!'))).toEqual([]);
  });

  test('an unknown format and a bad cut-off are usage errors', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'x.csv'), 'foo,bar\n1,2\n');
    const r = await run([
      'evaluate',
      '--financials',
      FIN,
      '--market',
      MKT,
      '--company',
      'Alpha Denki',
      '--patents',
      join(dir, 'x.csv'),
      '--out',
      join(dir, 'a.xlsx'),
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/x.csv: the format is not recognised from its first line/);
    const c = await run([
      'evaluate',
      '--financials',
      FIN,
      '--market',
      MKT,
      '--company',
      'Alpha Denki',
      '--patents',
      join(dir, 'x.csv'),
      '--cutoff',
      '31/12/2022',
      '--out',
      join(dir, 'a.xlsx'),
    ]);
    expect(c.code).toBe(1);
    expect(c.err).toMatch(/--cutoff "31\/12\/2022" is not a date/);
  });
});

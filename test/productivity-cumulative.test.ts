/**
 * APP_PRODUCTIVITY_3 and _4: claims of calendar year n (a joint application's claims divided among its
 * applicants) over the R&D cumulated from the base FY (base_year_rnd) to FY n−1 / FY n−2, per 1 billion.
 * Every expected value is worked out by hand below, not by the core.
 *
 * Financials: test/fixtures/financials-small.csv, industry "electrical":
 *   Alpha Denki FY2019–2022, R&D 50, 60, 65, 70 (JPY million); Beta Seiki FY2019–2022; Gamma Kogyo FY2020–2022.
 *   → default base FY = the first FY every company covers = max(2019, 2019, 2020) = 2020.
 * Patents (Alpha Denki's shared claims by filing year):
 *   2019: P1 10 + P2 6/2 = 13;  2020: P3 12 + P4 4 = 16;  2021: P5 9/3 = 3;  2022: P6 8.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../src/cli/main';
import { writeXlsx } from '../src/cli/renderXlsx';
import { importCanonical } from '../src/core/patents/importers/canonical';
import { buildPatentSide, evaluateCompany, evaluateUniverse, loadInputs } from '../src/core/pipeline';
import type { UniverseResults } from '../src/core/engine';
import type { Sheet } from '../src/core/workbook/model';
import { isNoValue, type Value } from '../src/core/values';
import { callIndicator } from '../src/functions/adapter';
import { FIXTURES } from './helpers/evaluate';
import { convertWithLibreOffice, libreOfficeAvailable } from './helpers/libreoffice';
import { close, readFormulaCells } from './helpers/workbookCells';

const CSV = [
  'application_number,filing_date,applicants,claims',
  'P1,2019-05-10,Alpha Denki,10',
  'P2,2019-08-01,Alpha Denki;Beta Seiki,6',
  'P3,2020-01-20,Alpha Denki,12',
  'P4,2020-03-03,Alpha Denki,4',
  'P5,2021-07-07,Alpha Denki;Gamma Kogyo;Univ X,9',
  'P6,2022-04-01,Alpha Denki,8',
].join('\n');

const FINANCIALS = readFileSync(`${FIXTURES}/financials-small.csv`, 'utf8');
const MARKET = readFileSync(`${FIXTURES}/market-small.csv`, 'utf8');
const FILES = { financials: 'financials-small.csv', market: 'market-small.csv' };

async function evaluateWith(financials: string, baseYearRnd?: number) {
  const loaded = loadInputs({
    financials: { name: 'financials-small.csv', text: financials },
    market: { name: 'market-small.csv', text: MARKET },
    baseYearRnd,
  });
  if (!loaded.universe) throw new Error('fixture does not load');
  const side = buildPatentSide([await importCanonical([CSV], { file: 'patents.csv' })], loaded.universe, {
    cutoff: '2022-12-31',
  });
  const results = evaluateUniverse(loaded.universe, side);
  return { results, side };
}

const value = (r: UniverseResults, id: string, year: number): Value => r.value(id, 'Alpha Denki', year);
function expectValue(r: UniverseResults, id: string, year: number, expected: number): void {
  const x = value(r, id, year);
  if (isNoValue(x)) throw new Error(`${id} ${year}: ${x.error} ${x.message}`);
  expect(x).toBeCloseTo(expected, 10);
}
function expectNoValue(r: UniverseResults, id: string, year: number, message: RegExp): void {
  const x = value(r, id, year);
  expect(isNoValue(x) && x.message).toMatch(message);
}

describe('default base FY: the first FY every company of the industry covers (FY2020)', () => {
  let results: UniverseResults;
  beforeAll(async () => {
    ({ results } = await evaluateWith(FINANCIALS));
  });

  test('APP_PRODUCTIVITY_3: claims / Σ R&D FY2020 … FY n−1', () => {
    // 2021: 3 claims / R&D FY2020 60 = 0.06 billion → 50
    expectValue(results, 'APP_PRODUCTIVITY_3', 2021, 3 / 0.06);
    // 2022: 8 claims / (60 + 65 = 125 → 0.125 billion) → 64
    expectValue(results, 'APP_PRODUCTIVITY_3', 2022, 8 / 0.125);
    // 2020: FY2020 … FY2019 is empty (Alpha's FY2019 R&D is before the base year and not used)
    expectNoValue(results, 'APP_PRODUCTIVITY_3', 2020, /base FY2020 \(base_year_rnd\) to FY2019 covers no fiscal year/);
  });

  test('APP_PRODUCTIVITY_4: claims / Σ R&D FY2020 … FY n−2', () => {
    // 2022: 8 claims / R&D FY2020 60 = 0.06 billion → 133.33…
    expectValue(results, 'APP_PRODUCTIVITY_4', 2022, 8 / 0.06);
    expectNoValue(results, 'APP_PRODUCTIVITY_4', 2021, /to FY2019 covers no fiscal year/);
  });

  test('peers share the base year: Gamma Kogyo (from FY2020) and Alpha Denki (from FY2019) both sum from FY2020', () => {
    // Gamma Kogyo 2021: P5 9 claims / 3 applicants = 3 over R&D FY2020 150 = 0.15 billion → 20
    expect(results.value('APP_PRODUCTIVITY_3', 'Gamma Kogyo', 2021)).toBeCloseTo(3 / 0.15, 10);
  });

  test('JSON parameters, the Inputs sheet and the live SUM formulas', async () => {
    const ev = evaluateCompany(results, 'Alpha Denki', {
      mode: 'portable',
      moneyLabel: 'JPY million',
      files: FILES,
      patents: (await evaluateWith(FINANCIALS)).side,
    });
    expect(ev.json.parameters.base_year_rnd).toBe(2020);
    expect(ev.json.indicators.APP_PRODUCTIVITY_3['2022']).toBeCloseTo(64, 10);
    expect(ev.json.indicators.APP_PRODUCTIVITY_3['2020']).toBeNull();
    const sheets = new Map(ev.workbook.model.sheets.map((s) => [s.name, s]));
    const inputs = sheets.get('Inputs') as Sheet;
    expect(inputs.cells.get(6)?.get(1)?.value).toBe('base_year_rnd');
    expect(inputs.cells.get(6)?.get(3)?.value).toBe('FY2020');
    const layout = ev.workbook.evaluation;
    const row = layout.rowOf.get('APP_PRODUCTIVITY_3') as number;
    expect(layout.sheet.cells.get(row)?.get(1)?.note).toContain('base_year_rnd = FY2020 (Inputs sheet)');
    const cell = (y: number) => layout.sheet.cells.get(row)?.get(layout.colOfYear.get(y) as number);
    // The R&D of Alpha FY2020 and FY2021 are two consecutive Inputs cells.
    const from = ev.workbook.inputs.fin('Alpha Denki', 2020, 'rnd') as string;
    const to = ev.workbook.inputs.fin('Alpha Denki', 2021, 'rnd') as string;
    expect(cell(2022)?.formula).toContain(`SUM(${from}:${to.replace(/^Inputs!/, '')})`);
    expect(cell(2020)?.formula).toContain('SUM(NA())');

    const ipb = evaluateCompany(results, 'Alpha Denki', {
      mode: 'ipb',
      moneyLabel: 'JPY million',
      files: FILES,
      patents: (await evaluateWith(FINANCIALS)).side,
    });
    const ipbRow = ipb.workbook.evaluation.rowOf.get('APP_PRODUCTIVITY_3') as number;
    const ipbCell = ipb.workbook.evaluation.sheet.cells.get(ipbRow)?.get(layout.colOfYear.get(2022) as number);
    expect(ipbCell?.formula).toMatch(
      new RegExp(
        `^IPB\\.APP_PRODUCTIVITY_3\\([^,]+,${from.replace(/\$/g, '\\$')}:${to.replace(/^Inputs!/, '').replace(/\$/g, '\\$')},`,
      ),
    );
  });
});

describe('base_year_rnd set by the user', () => {
  test('FY2019: sums start a year earlier', async () => {
    const { results } = await evaluateWith(FINANCIALS, 2019);
    // 2020: 16 claims / R&D FY2019 50 = 0.05 billion → 320
    expectValue(results, 'APP_PRODUCTIVITY_3', 2020, 16 / 0.05);
    // 2021: 3 / (50 + 60 = 110 → 0.11) → 27.27…
    expectValue(results, 'APP_PRODUCTIVITY_3', 2021, 3 / 0.11);
    // 2022: 8 / (50 + 60 + 65 = 175 → 0.175) → 45.71…
    expectValue(results, 'APP_PRODUCTIVITY_3', 2022, 8 / 0.175);
    // _4, 2021: 3 / R&D FY2019 50 → 60; 2022: 8 / (50 + 60 = 110) → 72.72…
    expectValue(results, 'APP_PRODUCTIVITY_4', 2021, 3 / 0.05);
    expectValue(results, 'APP_PRODUCTIVITY_4', 2022, 8 / 0.11);
    // Gamma Kogyo has no FY2019 row: no value, naming the year.
    const g = results.value('APP_PRODUCTIVITY_3', 'Gamma Kogyo', 2021);
    expect(isNoValue(g) && g.message).toMatch(/Gamma Kogyo has no FY2019 row/);
  });

  test('FY2018, before the financials: no value, naming FY2018', async () => {
    const { results } = await evaluateWith(FINANCIALS, 2018);
    expectNoValue(results, 'APP_PRODUCTIVITY_3', 2021, /Alpha Denki has no FY2018 row .*from FY2018 \(base_year_rnd\)/);
  });
});

test('missing R&D of a year in the range: no value naming that FY; ranges without it still compute', async () => {
  // Blank Alpha Denki's FY2020 R&D (60).
  const alpha2020 = 'Alpha Denki,electrical,2020,2021-03-31,1100,650,330,120,60,';
  expect(FINANCIALS).toContain(alpha2020);
  const blanked = FINANCIALS.replace(alpha2020, 'Alpha Denki,electrical,2020,2021-03-31,1100,650,330,120,,');
  const { results } = await evaluateWith(blanked, 2019);
  expectNoValue(results, 'APP_PRODUCTIVITY_3', 2021, /Alpha Denki FY2020: R&D expenses \(rnd\) is not known/);
  expectNoValue(results, 'APP_PRODUCTIVITY_3', 2022, /FY2020: R&D expenses \(rnd\) is not known/);
  // _4, 2021 sums FY2019 only: 3 / 0.05 → 60
  expectValue(results, 'APP_PRODUCTIVITY_4', 2021, 3 / 0.05);
});

test('=IPB.APP_PRODUCTIVITY_3 sums its R&D range: 8 / (60 + 65) × 1000 = 64', () => {
  expect(callIndicator('APP_PRODUCTIVITY_3', [[[8]], [[60], [65]], [[1_000_000]]])).toEqual([[64]]);
  // claims as a range spill against the one sum: 3 / 0.125 = 24, 8 / 0.125 = 64
  expect(callIndicator('APP_PRODUCTIVITY_3', [[[3], [8]], [[60], [65]], [[1_000_000]]])).toEqual([[24], [64]]);
  const [[err]] = callIndicator('APP_PRODUCTIVITY_4', [[[8]], [[60], ['']], [[1_000_000]]]);
  expect(typeof err === 'object' && err !== null && 'message' in err && err.message).toMatch(/rnd_cum2\[2\] is empty/);
});

(libreOfficeAvailable() ? test : test.skip)(
  'LibreOffice recalculates the cumulative rows to the core values (a base year before some peers’ data)',
  async () => {
    const { results, side } = await evaluateWith(FINANCIALS, 2019);
    const ev = evaluateCompany(results, 'Alpha Denki', {
      mode: 'portable',
      moneyLabel: 'JPY million',
      files: FILES,
      patents: side,
    });
    const dir = mkdtempSync(join(tmpdir(), 'ipb-pp-'));
    const file = join(dir, 'book.xlsx');
    await writeXlsx(ev.workbook.model, file, { cachedValues: false });
    const lo = await readFormulaCells(convertWithLibreOffice(file));
    let numbers = 0;
    let errors = 0;
    for (const sheet of ev.workbook.model.sheets) {
      for (const [r, cols] of sheet.cells) {
        for (const [c, cell] of cols) {
          // Only the cumulative leaves print a SUM over the Inputs sheet.
          if (cell.formula === undefined || !/SUM\((Inputs!|NA\(\))/.test(cell.formula)) continue;
          const got = lo.get(`${sheet.name}!${colName(c)}${r}`)?.value;
          if (typeof cell.result === 'number') {
            numbers += 1;
            expect([cell.formula, typeof got === 'number' && close(cell.result, got)]).toEqual([cell.formula, true]);
          } else {
            errors += 1;
            expect([cell.formula, typeof got === 'object' && got !== null && 'error' in got]).toEqual([
              cell.formula,
              true,
            ]);
          }
        }
      }
    }
    // Alpha: _3 2020–2022 and _4 2021–2022 are numbers, _3 2019 and _4 2019–2020 errors (at least).
    expect(numbers).toBeGreaterThanOrEqual(5);
    expect(errors).toBeGreaterThanOrEqual(3);
  },
);

function colName(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

test('ipb evaluate --base-year-rnd: the JSON states the base FY and the values follow it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipb-pp-cli-'));
  writeFileSync(join(dir, 'patents.csv'), `${CSV}\n`);
  const evaluate = async (extra: string[]) => {
    let err = '';
    const code = await main(
      [
        'evaluate',
        ...['--financials', `${FIXTURES}/financials-small.csv`, '--market', `${FIXTURES}/market-small.csv`],
        ...['--company', 'Alpha Denki', '--patents', join(dir, 'patents.csv'), '--cutoff', '2022-12-31'],
        ...['--out', join(dir, 'a.xlsx'), '--json', join(dir, 'a.json'), '--quiet', ...extra],
      ],
      { out: () => undefined, err: (s) => (err += s) },
    );
    return { code, err, json: code === 0 ? JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')) : undefined };
  };
  const byDefault = await evaluate([]);
  expect(byDefault.json.parameters.base_year_rnd).toBe(2020);
  expect(byDefault.json.indicators.APP_PRODUCTIVITY_3['2020']).toBeNull();
  const set = await evaluate(['--base-year-rnd', '2019']);
  expect(set.json.parameters.base_year_rnd).toBe(2019);
  // 2020: 16 claims / R&D FY2019 50 = 0.05 billion → 320
  expect(set.json.indicators.APP_PRODUCTIVITY_3['2020']).toBeCloseTo(320, 10);
  const bad = await evaluate(['--base-year-rnd', 'FY19']);
  expect(bad.code).toBe(1);
  expect(bad.err).toMatch(/--base-year-rnd must be a year/);
});

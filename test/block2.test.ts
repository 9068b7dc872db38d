/**
 * Block 2 and PE on a hand-built record set, every expected value counted by hand below (not by the core).
 * Financials: test/fixtures/financials-small.csv (Alpha Denki's fiscal year N ends N+1-03-31).
 * Cut-off 2022-12-31.
 *
 *  id  filed       applicants                         claims exam        registered  reg.cl  lapse/expiry
 *  A1  2019-05-10  Alpha Denki                        10     2020-02-01  2021-01-15  8       lapse 2022-03-31 (an FY-end day)
 *  A2  2019-08-01  Alpha Denki Co., Ltd.; Beta Seiki  6      2021-06-01  2022-02-01  6       (default expiry 2039-08-01)
 *  A3  2020-01-20  ALPHA DENKI                        12     —           —
 *  A4  2020-03-03  アルファ電機株式会社 (alias)         4      2020-03-03  2020-12-01  4       expiry 2021-06-30
 *  A5  2021-07-07  Alpha Denki; Gamma Kogyo; Univ X   9      2022-01-10  2023-02-01 (after the cut-off)
 *  A6  2002-01-10  Alpha Denki                        5      2003-01-01  2004-06-01  5       default expiry 2022-01-10
 *  A7  2023-01-05  Alpha Denki (after the cut-off)    3
 */
import { readFileSync } from 'fs';
import { importCanonical } from '../src/core/patents/importers/canonical';
import { readAliases } from '../src/core/patents/names';
import { buildPatentSide, evaluateUniverse, loadInputs, evaluateCompany, type PatentSide } from '../src/core/pipeline';
import type { UniverseResults } from '../src/core/engine';
import { isNoValue, type Value } from '../src/core/values';
import { FIXTURES } from './helpers/evaluate';

const HEADER =
  'application_number,publication_number,filing_date,applicants,inventors,ipc,claims,exam_request_date,registration_date,registration_number,registered_claims,lapse_date,expiry_date,kind,title,abstract,claims_text';
const ROWS = [
  'A1,P1,2019-05-10,Alpha Denki,山田太郎;佐藤花子,H01L 21/00,10,2020-02-01,2021-01-15,R1,8,2022-03-31,,patent,,,',
  'A2,P2,2019-08-01,Alpha Denki Co.; Ltd.;Beta Seiki,Xavier Li,H01L 21/00,6,2021-06-01,2022-02-01,R2,6,,,patent,,,',
  'A3,P3,2020-01-20,ALPHA DENKI,山田 太郎;鈴木一郎,G06F 17/60,12,,,,,,,patent,,,',
  'A4,P4,2020-03-03,アルファ電機株式会社,田中,G06F 17/60,4,2020-03-03,2020-12-01,R4,4,,2021-06-30,patent,,,',
  'A5,P5,2021-07-07,Alpha Denki;Gamma Kogyo;Univ X,Chen Wei,H04N 5/00,9,2022-01-10,2023-02-01,R5,9,,,patent,,,',
  'A6,P6,2002-01-10,Alpha Denki,古川,H01L 21/00,5,2003-01-01,2004-06-01,R6,5,,,patent,,,',
  'A7,P7,2023-01-05,Alpha Denki,古川,H01L 21/00,3,,,,,,,patent,,,',
];
// "Alpha Denki Co.; Ltd." would split on ';' — write the legal form as the registry does instead.
const CSV = `${HEADER}\n${ROWS.join('\n').replace('Alpha Denki Co.; Ltd.', 'Alpha Denki Co. Ltd.')}\n`;

let side: PatentSide;
let results: UniverseResults;
beforeAll(async () => {
  const loaded = loadInputs({
    financials: { name: 'financials-small.csv', text: readFileSync(`${FIXTURES}/financials-small.csv`, 'utf8') },
    market: { name: 'market-small.csv', text: readFileSync(`${FIXTURES}/market-small.csv`, 'utf8') },
  });
  if (!loaded.universe) throw new Error('fixture does not load');
  const imported = await importCanonical([CSV], { file: 'patents.csv' });
  expect(imported.rejected).toEqual([]);
  side = buildPatentSide([imported], loaded.universe, {
    cutoff: '2022-12-31',
    aliases: readAliases('alias,company\nアルファ電機株式会社,Alpha Denki\n', 'aliases.csv'),
  });
  results = evaluateUniverse(loaded.universe, side);
});

const v = (id: string, year: number, company = 'Alpha Denki'): Value => results.value(id, company, year);
function expectValue(id: string, year: number, expected: number): void {
  const x = v(id, year);
  if (isNoValue(x)) throw new Error(`${id} ${year}: ${x.error} ${x.message}`);
  expect(x).toBeCloseTo(expected, 10);
}
const days = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / 86_400_000;

test('name consolidation: four spellings are one company, and the report says so', () => {
  expect(side.names.nameOf('ALPHA DENKI')).toBe('Alpha Denki');
  expect(side.names.nameOf('Alpha Denki Co. Ltd.')).toBe('Alpha Denki');
  expect(side.names.nameOf('アルファ電機株式会社')).toBe('Alpha Denki');
  expect(side.names.merged.get('Alpha Denki')).toEqual([
    'ALPHA DENKI',
    'Alpha Denki',
    'Alpha Denki Co. Ltd.',
    'アルファ電機株式会社',
  ]);
});

test('applications by calendar year of filing; a joint application counts 1; the cut-off excludes A7', () => {
  expectValue('APPLICATIONS', 2019, 2); // A1, A2
  expectValue('APPLICATIONS', 2020, 2); // A3, A4
  expectValue('APPLICATIONS', 2021, 1); // A5
  expectValue('APPLICATIONS', 2022, 0); // A7 is after the cut-off
  expectValue('APP_CLAIMS', 2019, 16);
  expectValue('CLAIMS_PER_APP', 2020, 8);
  expectValue('JOINT_APPS', 2019, 1);
  expectValue('JOINT_RATIO', 2021, 100);
  expectValue('CUM_APPS', 2019, 3); // A6 (2002), A1, A2
  expectValue('CUM_APPS', 2021, 6);
});

test('inventors: distinct names on single-applicant applications, "山田 太郎" = "山田太郎"', () => {
  expectValue('INVENTORS', 2019, 2); // A1: 山田太郎, 佐藤花子 (A2 is joint)
  expectValue('INVENTORS', 2020, 3); // A3: 山田太郎, 鈴木一郎; A4: 田中
  expectValue('APPS_PER_INVENTOR', 2020, 2 / 3);
  expectValue('CLAIMS_PER_INVENTOR', 2020, 16 / 3);
  expectValue('INVENTOR_RATIO', 2020, (3 / 1050) * 100); // employees FY2020: 1,050
  const none = v('APPS_PER_INVENTOR', 2021); // A5 is joint: no single-applicant inventors → 0/0
  expect(isNoValue(none) && none.error).toBe('#DIV/0!');
});

test('examination requests (calendar year) and rates by the cut-off', () => {
  expectValue('EXAM_REQUESTS', 2020, 2); // A1 2020-02-01, A4 2020-03-03
  expectValue('AVG_YEARS_TO_REQUEST', 2020, (days('2019-05-10', '2020-02-01') + 0) / 365.25 / 2);
  expectValue('EXAM_REQUEST_RATE', 2019, 100); // A1, A2 requested by the cut-off
  expectValue('EXAM_REQUEST_RATE', 2020, 50); // A4 only
  expectValue('CUM_EXAM_REQUESTS', 2021, 4); // A6, A1, A4, A2 (2021-06-01); A5's is in 2022
  expectValue('CUM_EXAM_REQUEST_RATE', 2021, (4 / 6) * 100);
});

test('registrations by fiscal year (April–March), registration rates and grant rates', () => {
  expectValue('REGISTRATIONS', 2020, 2); // FY2020 = 2020-04-01..2021-03-31: A4 2020-12-01, A1 2021-01-15
  expectValue('REGISTRATIONS', 2021, 1); // A2 2022-02-01; A5 (2023) is after the cut-off
  expectValue('REG_CLAIMS', 2020, 12);
  expectValue(
    'AVG_YEARS_TO_GRANT',
    2020,
    (days('2019-05-10', '2021-01-15') + days('2020-03-03', '2020-12-01')) / 365.25 / 2,
  );
  expectValue('REGISTRATION_RATE', 2019, 100);
  expectValue('REGISTRATION_RATE', 2021, 0); // A5 registered after the cut-off
  expectValue('GRANT_RATE', 2019, 100); // FY2019 requests: A1, A4 → both registered
  expectValue('CUM_REGISTRATIONS', 2021, 3); // registered by 2021-12-31: A6, A4, A1 (A2 only on 2022-02-01)
  expectValue('CUM_REGISTRATION_RATE', 2021, (3 / 6) * 100);
});

test('the stock: a lapse on the FY-end day counts, the default expiry is filing + 20 years', () => {
  // FY2020 end 2021-03-31: A6 (expires 2022-01-10), A1 (lapses 2022-03-31), A4 (expires 2021-06-30) are alive
  expectValue('VALID_PATENTS', 2020, 3);
  // FY2021 end 2022-03-31: A6 expired, A1 lapsed on that very day, A4 expired; A2 alive
  expectValue('VALID_PATENTS', 2021, 1);
  expectValue('VALID_SURVIVAL_RATE', 2021, 25);
  expectValue('AVG_REMAINING_LIFE', 2021, days('2022-03-31', '2039-08-01') / 365.25);
  expectValue(
    'AVG_REMAINING_LIFE',
    2020,
    (days('2021-03-31', '2022-01-10') + days('2021-03-31', '2039-05-10') + days('2021-03-31', '2021-06-30')) /
      365.25 /
      3,
  );
  expectValue('STOCK_INDEX', 2021, days('2022-03-31', '2039-08-01') / 365.25);
  expectValue('VALID_BY_REG_YEAR', 2020, 0); // A1 and A4 are gone by the latest FY end (2023-03-31)
  expectValue('VALID_BY_REG_YEAR', 2021, 1);
});

test('productivity: claims divided among co-applicants over the previous FY R&D, per 1 billion', () => {
  // 2019: A1 10 + A2 6/2 = 13 claims; R&D FY2018 is not in the fixture → no value
  expect(isNoValue(v('APP_PRODUCTIVITY', 2019))).toBe(true);
  // 2020: A3 12 + A4 4 = 16 over R&D FY2019 = 50 (JPY million) = 0.05 billion
  expectValue('APP_PRODUCTIVITY', 2020, 16 / 0.05);
  // 2021: A5 9/3 = 3 over FY2020 R&D 60 → 50; FY2019 R&D for _2
  expectValue('APP_PRODUCTIVITY', 2021, 3 / 0.06);
  expectValue('APP_PRODUCTIVITY_2', 2021, 3 / 0.05);
  // estimated rates over windows closed by the cut-off: A6, A1, A2 (filing + 3 years) all requested; A6 (+6) registered
  expectValue('EXAM_PRODUCTIVITY', 2020, (16 / 0.05) * 1);
  expectValue('GRANT_PRODUCTIVITY', 2020, (16 / 0.05) * 1);
});

test('PE: earnings per valid patent', () => {
  // FY2021: GBP = OI 80 + R&D 65 = 145, royalty 0, valid patents 1
  expectValue('PAT_PROFIT_ALPHA', 2021, 145);
  expectValue('SALES_PER_REGISTRATION', 2020, 1100 / 2);
  expectValue('RND_PER_APP_CLAIM', 2020, 60 / 16);
});

test('the co-applicant table and the JSON parameters', () => {
  const ev = evaluateCompany(results, 'Alpha Denki', {
    mode: 'portable',
    moneyLabel: 'JPY million',
    files: { financials: 'f', market: 'm' },
    patents: side,
  });
  expect(ev.json.tables.CO_APPLICANTS).toEqual([
    { co_applicant: 'Beta Seiki', joint_applications: 1, share: 50 },
    { co_applicant: 'Gamma Kogyo', joint_applications: 1, share: 50 },
    { co_applicant: 'Univ X', joint_applications: 1, share: 50 },
  ]);
  expect(ev.json.parameters.cutoff_date).toBe('2022-12-31');
  expect(ev.json.parameters.base_year_applications).toBe(1994);
  expect(ev.json.indicators.VALID_PATENTS['2021']).toBe(1);
  expect(ev.workbook.model.sheets.map((s) => s.name)).toEqual([
    'Evaluation',
    'Industry',
    'Portfolio',
    'Statistics',
    'Patents',
    'Inputs',
  ]);
});

test('a source without claim counts gives no value for the claim indicators, with the reason', async () => {
  const noClaims = CSV.split('\n')
    .map((l) =>
      l
        .split(',')
        .filter((_, i) => i !== 6)
        .join(','),
    )
    .join('\n');
  const imported = await importCanonical([noClaims], { file: 'no-claims.csv' });
  expect(imported.lacks).toContain('claims');
  const loaded = loadInputs({
    financials: { name: 'f.csv', text: readFileSync(`${FIXTURES}/financials-small.csv`, 'utf8') },
    market: { name: 'm.csv', text: readFileSync(`${FIXTURES}/market-small.csv`, 'utf8') },
  });
  const s2 = buildPatentSide([imported], loaded.universe as NonNullable<typeof loaded.universe>, {
    cutoff: '2022-12-31',
  });
  const r2 = evaluateUniverse(loaded.universe as NonNullable<typeof loaded.universe>, s2);
  const x = r2.value('APP_CLAIMS', 'Alpha Denki', 2019);
  expect(isNoValue(x) && x.message).toMatch(/claim counts unknown/);
  expect(r2.value('APPLICATIONS', 'Alpha Denki', 2019)).toBe(2);
});

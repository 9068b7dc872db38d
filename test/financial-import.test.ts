/**
 * Financial statements from filings: EDINET XBRL (and EDINET's ZIP) and SEC EDGAR company facts, read into the
 * company-year rows of financials.csv. Values are checked against figures read by hand from the real files in
 * ../shared/data (the element and context, or the tag and filing, are named next to each), and against small
 * fixtures in the real layouts (test/fixtures/filings). Then the pipeline and the CLI, including bad input.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import JSZip from 'jszip';
import { tmpdir } from 'os';
import { basename, join } from 'path';
import { main } from '../src/cli/main';
import { edgarFiscalYear } from '../src/core/importers/edgar';
import {
  combineFinancialRows,
  importEdgarCompanyFacts,
  importEdinetXbrl,
  importEdinetZip,
  importFilings,
  type FilingImport,
} from '../src/core/importers';
import type { CompanyYear } from '../src/core/inputs';
import type { InputIssue } from '../src/core/issues';
import { evaluateCompany, evaluateUniverse, loadInputs, type CompanyEvaluation } from '../src/core/pipeline';
import { FIXTURES } from './helpers/evaluate';

const DATA = join(__dirname, '..', '..', 'shared', 'data');
const EDINET_SAMPLE = join(DATA, 'edinet', 'jpcrp030000-asr-001_X99001-000_2025-03-31_01_2025-06-28.xbrl');
const AAPL = join(DATA, 'edgar', 'companyfacts-AAPL.json');
const HAVE_DATA = existsSync(EDINET_SAMPLE) && existsSync(AAPL);
if (!HAVE_DATA) {
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED: ${DATA} is absent: the tests on the real EDINET and EDGAR files do not run`);
}
const withData = HAVE_DATA ? describe : describe.skip;

const FILINGS = join(FIXTURES, 'filings');
const SMALL_2024 = join(FILINGS, 'jpcrp030000-asr-001_X99002-000_2024-03-31_01_2024-06-27.xbrl');
const SMALL_2025 = join(FILINGS, 'jpcrp030000-asr-001_X99002-000_2025-03-31_01_2025-06-26.xbrl');
const MARKET = join(FILINGS, 'market-2007-2024.csv');

const ELECTRICAL = { industry: 'electrical' };
const errors = (r: { issues: InputIssue[] }): InputIssue[] => r.issues.filter((i) => i.severity === 'error');
const warnings = (r: { issues: InputIssue[] }): InputIssue[] => r.issues.filter((i) => i.severity === 'warning');

function rowOf(r: FilingImport, company: string, year: number): CompanyYear {
  const row = r.rows.find((x) => x.company === company && x.fiscalYear === year);
  if (!row) throw new Error(`no row ${company} FY${year}: ${r.issues.map((i) => i.message).join('\n')}`);
  return row;
}

function fileOf(path: string): { name: string; bytes: Uint8Array; text: () => string } {
  const bytes = readFileSync(path);
  return { name: basename(path), bytes, text: () => bytes.toString('utf8') };
}

function evaluateImported(rows: FilingImport, company: string, moneyLabel: string): CompanyEvaluation {
  const loaded = loadInputs({
    market: { name: basename(MARKET), text: readFileSync(MARKET, 'utf8') },
    extraRows: rows,
  });
  if (!loaded.universe) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  return evaluateCompany(evaluateUniverse(loaded.universe), company, {
    mode: 'portable',
    moneyLabel,
    files: { financials: 'filings', market: basename(MARKET) },
  });
}

withData('EDINET: the FSA sample annual report (dummy filer X99001 Ａ株式会社)', () => {
  let consolidated: FilingImport;
  let own: FilingImport;
  beforeAll(() => {
    const text = readFileSync(EDINET_SAMPLE, 'utf8');
    consolidated = importEdinetXbrl(text, basename(EDINET_SAMPLE), ELECTRICAL);
    own = importEdinetXbrl(text, basename(EDINET_SAMPLE), { ...ELECTRICAL, consolidated: false });
  });

  test('one filing gives two fiscal years, named by the English filer name, labelled by the year they start', () => {
    expect(errors(consolidated)).toEqual([]);
    expect(consolidated.currency).toBe('JPY');
    expect(consolidated.rows.map((r) => [r.company, r.industry, r.fiscalYear, r.fyEnd])).toEqual([
      ['A Corporation', 'electrical', 2023, '2024-03-31'],
      ['A Corporation', 'electrical', 2024, '2025-03-31'],
    ]);
  });

  test('current year, consolidated, in JPY million', () => {
    const v = rowOf(consolidated, 'A Corporation', 2024).values;
    expect(v.operating_income).toBe(20640); // jppfs_cor:OperatingIncome @ CurrentYearDuration 20640000000
    expect(v.sales).toBe(323609); // jppfs_cor:NetSales @ CurrentYearDuration 323609000000
    expect(v.rnd).toBe(16895); // jpcrp_cor:ResearchAndDevelopmentExpensesIncludedIn…ForCurrentPeriod @ CurrentYearDuration
    expect(v.depreciation).toBe(28493); // jppfs_cor:DepreciationAndAmortizationOpeCF @ CurrentYearDuration
    expect(v.total_assets).toBe(509039); // jppfs_cor:Assets @ CurrentYearInstant
    expect(v.equity).toBe(254493); // jppfs_cor:ShareholdersEquity @ CurrentYearInstant
    expect(v.fixed_liabilities).toBe(189114); // jppfs_cor:NoncurrentLiabilities @ CurrentYearInstant
    // jppfs_cor:ShortTermLoansPayable 20254000000 + jppfs_cor:LongTermLoansPayable 139816000000 @ CurrentYearInstant
    expect(v.interest_bearing_debt).toBe(160070);
    // jppfs_cor:PropertyPlantAndEquipment 152606000000 − jppfs_cor:Land 28742000000 @ CurrentYearInstant
    expect(v.ppe_depreciable).toBe(123864);
    expect(v.employees).toBe(3716); // jpcrp_cor:NumberOfEmployees @ CurrentYearInstant (persons: not scaled)
    // jpcrp_cor:TotalNumberOfIssuedSharesSummaryOfBusinessResults @ CurrentYearInstant_NonConsolidatedMember
    expect(v.shares_outstanding).toBe(322485000);
  });

  test('the prior year from the Prior1Year contexts', () => {
    const v = rowOf(consolidated, 'A Corporation', 2023).values;
    expect(v.operating_income).toBe(16932); // jppfs_cor:OperatingIncome @ Prior1YearDuration
    expect(v.total_assets).toBe(496837); // jppfs_cor:Assets @ Prior1YearInstant
    expect(v.depreciation).toBe(35261); // jppfs_cor:DepreciationAndAmortizationOpeCF @ Prior1YearDuration
    expect(v.interest_bearing_debt).toBe(16143 + 129488); // ShortTermLoansPayable + LongTermLoansPayable @ Prior1YearInstant
  });

  test('non-consolidated on request: the _NonConsolidatedMember contexts', () => {
    expect(errors(own)).toEqual([]);
    const v = rowOf(own, 'A Corporation', 2024).values;
    expect(v.operating_income).toBe(7129); // jppfs_cor:OperatingIncome @ CurrentYearDuration_NonConsolidatedMember
    expect(v.sales).toBe(210346); // jppfs_cor:NetSales @ CurrentYearDuration_NonConsolidatedMember
    expect(v.total_assets).toBe(312847); // jppfs_cor:Assets @ CurrentYearInstant_NonConsolidatedMember
    expect(v.employees).toBe(2477); // jpcrp_cor:NumberOfEmployees @ CurrentYearInstant_NonConsolidatedMember
    expect(rowOf(own, 'A Corporation', 2023).values.operating_income).toBe(4412); // … @ Prior1YearDuration_NonConsolidatedMember
    // the reporting company has no cash-flow statement of its own, where depreciation is read
    expect(v.depreciation).toBeUndefined();
  });

  test('every value is traceable to its element, context and filing', () => {
    const p = rowOf(consolidated, 'A Corporation', 2024).provenance ?? {};
    expect(p.operating_income).toBe(
      `jppfs_cor:OperatingIncome @ CurrentYearDuration = 20,640,000,000; yen ÷ 1,000,000; ${basename(EDINET_SAMPLE)}, EDINET X99001, consolidated, filed 2025-06-28`,
    );
    expect(p.interest_bearing_debt).toMatch(
      /^jppfs_cor:ShortTermLoansPayable @ CurrentYearInstant = 20,254,000,000 \+ jppfs_cor:LongTermLoansPayable @ CurrentYearInstant = 139,816,000,000; yen/,
    );
    expect(p.ppe_depreciable).toMatch(
      /PropertyPlantAndEquipment @ CurrentYearInstant = 152,606,000,000 − jppfs_cor:Land/,
    );
    expect(rowOf(own, 'A Corporation', 2024).provenance?.operating_income).toMatch(
      /@ CurrentYearDuration_NonConsolidatedMember = 7,129,000,000; yen ÷ 1,000,000; .*non-consolidated/,
    );
  });

  test('inputs filings do not carry are warnings naming the file and the indicators they block', () => {
    const missing = new Map(warnings(consolidated).map((w) => [w.column, w]));
    for (const f of ['personnel_cost', 'welfare_cost', 'taxes_dues', 'share_price', 'beta', 'royalty_income']) {
      const w = missing.get(f);
      expect(w?.file).toBe(basename(EDINET_SAMPLE));
      expect(w?.message).toMatch(/^A Corporation, FY2023–FY2024: .* is not known: .*It blocks [A-Z_]+/);
    }
    expect(missing.get('personnel_cost')?.message).toMatch(/blocks .*\bVA\b.*LABOR_SHARE|LABOR_SHARE.*\bVA\b/);
    expect(missing.get('royalty_income')?.message).toMatch(/looked for jppfs_cor:RoyaltyIncomeNOI/);
    expect(missing.has('operating_income')).toBe(false);
  });

  test('the money unit is a parameter', () => {
    const text = readFileSync(EDINET_SAMPLE, 'utf8');
    const thousands = importEdinetXbrl(text, 'a.xbrl', { ...ELECTRICAL, moneyUnit: 1000 });
    expect(rowOf(thousands, 'A Corporation', 2024).values.operating_income).toBe(20640000);
    expect(rowOf(thousands, 'A Corporation', 2024).values.employees).toBe(3716);
  });

  test("EDINET's ZIP: the instance under XBRL/PublicDoc/ is read, the audit report beside it is not", async () => {
    const zip = new JSZip();
    const name = basename(EDINET_SAMPLE);
    zip.file(`XBRL/PublicDoc/${name}`, readFileSync(EDINET_SAMPLE));
    zip.file('XBRL/AuditDoc/jpaud-aar-cn-001_X99001-000_2025-03-31_01_2025-06-28.xbrl', '<xbrli:xbrl/>');
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    const r = await importEdinetZip(bytes, 'S100XXXX.zip', ELECTRICAL);
    expect(errors(r)).toEqual([]);
    expect(rowOf(r, 'A Corporation', 2024).values.operating_income).toBe(20640);
    expect(rowOf(r, 'A Corporation', 2024).file).toBe('S100XXXX.zip');
    expect(rowOf(r, 'A Corporation', 2024).provenance?.operating_income).toMatch(
      new RegExp(`S100XXXX\\.zip!XBRL/PublicDoc/${name.replace(/\./g, '\\.')}`),
    );
  });

  test('Block 1 from the filing: what it carries is computed, what needs personnel cost has no value, with the reason', () => {
    const ev = evaluateImported(consolidated, 'A Corporation', 'JPY million');
    const at = (id: string): number | string | null | undefined => ev.json.indicators[id]?.['2024'];
    expect(at('GBP')).toBe(20640 + 16895); // OI + R&D
    expect(at('EBITDA')).toBe(20640 + 28493); // OI + depreciation
    expect(at('OI_SALES')).toBeCloseTo((20640 / 323609) * 100, 12);
    expect(at('EQUITY_RATIO')).toBeCloseTo((254493 / 509039) * 100, 12);
    expect(at('DEBT_RATIO')).toBeCloseTo((160070 / 509039) * 100, 12);
    expect(at('NOP')).toBe(20640 - 10258); // OI − jppfs_cor:InterestExpensesNOE
    // the prior year from the same filing gives the opening balances: CAPEX = Δ(PPE − land) + depreciation
    expect(at('CAPEX')).toBe(123864 - (148236 - 29844) + 28493);
    for (const id of ['VA', 'LABOR_SHARE', 'TFP']) {
      expect(at(id)).toBeNull();
      expect(ev.json.no_value[id]['2024']).toMatch(/personnel_cost|welfare_cost|taxes_dues/);
    }
    expect(at('ROYALTY')).toBeNull();
    expect(ev.json.no_value.ROYALTY['2024']).toMatch(/royalty_income/);
  });

  test('the Inputs sheet gives each imported value its provenance as a note, and each gap its reason', () => {
    const ev = evaluateImported(consolidated, 'A Corporation', 'JPY million');
    const inputs = ev.workbook.model.sheets.find((s) => s.name === 'Inputs');
    const row = ev.workbook.inputs.finRow('A Corporation', 2024);
    const cells = [...(inputs?.cells.get(row ?? -1)?.values() ?? [])];
    const oi = cells.find((c) => c.value === 20640);
    expect(oi?.note).toMatch(/^jppfs_cor:OperatingIncome @ CurrentYearDuration = 20,640,000,000/);
    const notes = cells.map((c) => c.note ?? '');
    expect(notes.some((n) => /^not in EDINET filings as a total/.test(n))).toBe(true);
  });
});

withData('SEC EDGAR company facts: Apple Inc.', () => {
  let apple: FilingImport;
  beforeAll(() => {
    apple = importEdgarCompanyFacts(readFileSync(AAPL, 'utf8'), basename(AAPL), ELECTRICAL);
  });

  test('annual rows from 10-K filings, labelled by the FY end, in USD million', () => {
    expect(errors(apple)).toEqual([]);
    expect(apple.currency).toBe('USD');
    const y2024 = rowOf(apple, 'Apple Inc.', 2024);
    expect(y2024.fyEnd).toBe('2024-09-28');
    expect(rowOf(apple, 'Apple Inc.', 2023).fyEnd).toBe('2023-09-30'); // a 53-week year
    expect(y2024.values.operating_income).toBe(123216); // us-gaap:OperatingIncomeLoss 2023-10-01–2024-09-28, 10-K filed 2024-11-01
    expect(y2024.values.rnd).toBe(31370); // us-gaap:ResearchAndDevelopmentExpense, same period and filing
    expect(y2024.values.total_assets).toBe(364980); // us-gaap:Assets @ 2024-09-28
    expect(y2024.values.equity).toBe(56950); // us-gaap:StockholdersEquity @ 2024-09-28
    expect(y2024.values.sales).toBe(391035); // us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax (no Revenues for FY2024)
    expect(y2024.values.interest_bearing_debt).toBe(96662 + 9967); // us-gaap:LongTermDebt + us-gaap:CommercialPaper
    expect(y2024.values.shares_outstanding).toBe(15116786000); // us-gaap:CommonStockSharesOutstanding @ 2024-09-28
    expect(y2024.provenance?.operating_income).toBe(
      'us-gaap:OperatingIncomeLoss 2023-10-01–2024-09-28 = 123,216,000,000 (10-K filed 2024-11-01, accession 0000320193-24-000123); USD ÷ 1,000,000; companyfacts-AAPL.json, EDGAR CIK 320193',
    );
  });

  test('a fact repeated by a later 10-K with another value resolves to the latest filing, and says so', () => {
    // us-gaap:Assets @ 2015-09-26: 290,479,000,000 in the FY2015 10-K (filed 2015-10-28), 290,345,000,000 in the
    // FY2016 10-K (filed 2016-10-26)
    const y2015 = rowOf(apple, 'Apple Inc.', 2015);
    expect(y2015.values.total_assets).toBe(290345);
    expect(y2015.provenance?.total_assets).toMatch(
      /accession 0001628280-16-020309; restated from 290,479,000,000 in the 10-K filed 2015-10-28/,
    );
  });

  test('non-current liabilities as Liabilities − LiabilitiesCurrent where the tag is absent, from the amended 10-K', () => {
    // FY2008: us-gaap:Liabilities 13,874,000,000 − LiabilitiesCurrent 11,361,000,000, both from the 10-K/A filed
    // 2010-01-25 (the original 10-K of 2009-10-27 said 18,542,000,000 and 14,092,000,000)
    const y2008 = rowOf(apple, 'Apple Inc.', 2008);
    expect(y2008.values.fixed_liabilities).toBe(13874 - 11361);
    expect(y2008.provenance?.fixed_liabilities).toMatch(
      /^us-gaap:Liabilities 2008-09-27 = 13,874,000,000 .* − us-gaap:LiabilitiesCurrent/,
    );
  });

  test('share counts are kept as the year reported them, not as a later split restated them', () => {
    // us-gaap:CommonStockSharesOutstanding @ 2013-09-28: 899,213,000 (FY2013 10-K), 6,294,494,000 after the 7:1 split
    const y2013 = rowOf(apple, 'Apple Inc.', 2013);
    expect(y2013.values.shares_outstanding).toBe(899213000);
    expect(y2013.provenance?.shares_outstanding).toMatch(/later restated as 6,294,494,000/);
  });

  test('inputs company facts do not carry are listed with what they block', () => {
    const missing = new Map(
      warnings(apple)
        .filter((w) => w.message.includes('FY2024'))
        .map((w) => [w.column, w]),
    );
    for (const f of ['personnel_cost', 'employees', 'share_price', 'beta', 'ppe_depreciable']) {
      expect(missing.get(f)?.file).toBe('companyfacts-AAPL.json');
    }
    expect(missing.get('employees')?.message).toMatch(/It blocks LABOR_PRODUCTIVITY/);
    expect(missing.has('operating_income')).toBe(false);
  });

  test('Block 1 from company facts', () => {
    const ev = evaluateImported(apple, 'Apple Inc.', 'USD million');
    const at = (id: string): number | string | null | undefined => ev.json.indicators[id]?.['2024'];
    expect(at('GBP')).toBe(123216 + 31370);
    expect(at('EBITDA')).toBe(123216 + 11445); // us-gaap:DepreciationDepletionAndAmortization FY2024
    expect(at('OI_SALES')).toBeCloseTo((123216 / 391035) * 100, 12);
    expect(at('EQUITY_RATIO')).toBeCloseTo((56950 / 364980) * 100, 12);
    expect(at('VA')).toBeNull();
    expect(ev.json.no_value.VA['2024']).toMatch(/personnel_cost|welfare_cost|taxes_dues|interest_paid/);
    expect(ev.json.parameters.money_label).toBe('USD million');
  });

  test('the fiscal year is the year of the FY end, or the year before for a FY ending January to March', () => {
    expect(edgarFiscalYear('2024-09-28')).toBe(2024);
    expect(edgarFiscalYear('2024-12-31')).toBe(2024);
    expect(edgarFiscalYear('2024-02-03')).toBe(2023);
    expect(edgarFiscalYear('2025-03-31')).toBe(2024);
    expect(edgarFiscalYear('2024-04-01')).toBe(2024);
  });
});

describe('several filings of one company: overlapping years merge, the later filing wins', () => {
  let both: FilingImport;
  beforeAll(async () => {
    both = await importFilings([fileOf(SMALL_2025), fileOf(SMALL_2024)], { industry: 'machinery' });
  });

  test('two annual reports give three fiscal years', () => {
    expect(errors(both)).toEqual([]);
    expect(both.rows.map((r) => [r.company, r.fiscalYear, r.fyEnd])).toEqual([
      ['B Kogyo K.K.', 2022, '2023-03-31'],
      ['B Kogyo K.K.', 2023, '2024-03-31'],
      ['B Kogyo K.K.', 2024, '2025-03-31'],
    ]);
  });

  test('a figure restated in the later filing replaces the earlier one, with a warning naming both', () => {
    const y2023 = rowOf(both, 'B Kogyo K.K.', 2023);
    expect(y2023.values.sales).toBe(9650); // jppfs_cor:NetSales @ Prior1YearDuration of the 2025 filing
    expect(y2023.provenance?.sales).toMatch(/@ Prior1YearDuration = 9,650,000,000; .*2025-06-26/);
    // only the earlier filing, where FY2023 was the current year, gives its headcount
    expect(y2023.values.employees).toBe(412);
    expect(y2023.values.royalty_income).toBe(25); // jppfs_cor:RoyaltyIncomeNOI
    const restated = warnings(both).find((w) => w.column === 'sales');
    expect(restated?.message).toMatch(
      /FY2023: sales 9,600 in jpcrp030000-asr-001_X99002-000_2024-03-31.* restated as 9,650 in the later filing jpcrp030000-asr-001_X99002-000_2025-03-31/,
    );
  });

  test('a filer without consolidated statements: its own statements, with a warning', () => {
    expect(warnings(both).some((w) => /prepares no consolidated statements/.test(w.message))).toBe(true);
    expect(rowOf(both, 'B Kogyo K.K.', 2024).values.interest_bearing_debt).toBe(400 + 1000);
  });

  test('the format is told by the content, not the file name', async () => {
    const xbrl = { ...fileOf(SMALL_2025), name: 'download.bin' };
    const r = await importFilings([xbrl], { industry: 'machinery' });
    expect(rowOf(r, 'B Kogyo K.K.', 2024).values.sales).toBe(10100);
  });

  test('financials.csv and filings together; the same company-year in both is an error naming both', () => {
    const csv = {
      rows: [
        {
          company: 'B Kogyo K.K.',
          industry: 'machinery',
          fiscalYear: 2024,
          fyEnd: '2025-03-31',
          values: {},
          file: 'financials.csv',
          line: 7,
        },
      ],
      issues: [],
    };
    const combined = combineFinancialRows(csv, both);
    expect(errors(combined).map((i) => i.message)).toEqual([
      `B Kogyo K.K. FY2024 is both in financials.csv row 7 and in ${basename(SMALL_2025)}: keep it in one source only`,
    ]);
  });
});

describe('bad filings are errors naming the file, and leave no rows', () => {
  const cases: [string, string, RegExp][] = [
    ['malformed XBRL', 'edinet-truncated.xbrl', /is not well-formed XML \(line \d+: .*\)/],
    [
      'an EDINET amount not in yen',
      'edinet-usd-amounts.xbrl',
      /amounts in unit "iso4217:USD" \(e\.g\. jppfs_cor:\w+ @ \w+\): EDINET amounts are imported in yen/,
    ],
    [
      'a quarterly report (no annual data)',
      'jpcrp040300-q2r-001_X99002-000_2024-09-30_01_2024-11-13.xbrl',
      /no annual data: .* reports period "Q2"/,
    ],
    ['truncated JSON', 'companyfacts-truncated.json', /not valid JSON .*is the file complete\?/],
    ['company facts in an unknown currency', 'companyfacts-EUR.json', /unknown currency: the money facts are in EUR/],
    [
      'company facts without a 10-K',
      'companyfacts-quarterly-only.json',
      /no annual data: Example Widgets Inc\. has no full-year figures from a 10-K/,
    ],
  ];
  test.each(cases)('%s', async (_what, name, message) => {
    const r = await importFilings([fileOf(join(FILINGS, name))], ELECTRICAL);
    expect(r.rows).toEqual([]);
    expect(errors(r)).toHaveLength(1);
    expect(errors(r)[0].file).toBe(name);
    expect(errors(r)[0].message).toMatch(message);
  });

  test('one bad file among good ones: no rows at all', async () => {
    const r = await importFilings([fileOf(SMALL_2025), fileOf(join(FILINGS, 'edinet-truncated.xbrl'))], ELECTRICAL);
    expect(r.rows).toEqual([]);
    expect(errors(r)).toHaveLength(1);
  });

  test('a file that is no filing', async () => {
    const r = await importFilings([fileOf(MARKET)], ELECTRICAL);
    expect(errors(r)[0].message).toMatch(/not a filing this evaluator reads/);
  });
});

describe('the CLI: --financials-from', () => {
  async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await main(args, { out: (s) => (out += `${s}\n`), err: (s) => (err += `${s}\n`) });
    return { code, out, err };
  }
  const tmp = (): string => mkdtempSync(join(tmpdir(), 'ipb-filings-'));
  const evaluate = (dir: string, ...rest: string[]): string[] => [
    'evaluate',
    ...rest,
    '--market',
    MARKET,
    '--out',
    join(dir, 'book.xlsx'),
    '--json',
    join(dir, 'book.json'),
  ];

  test('evaluates a company from its filings, without financials.csv', async () => {
    const dir = tmp();
    const r = await run([
      ...evaluate(dir, '--financials-from', SMALL_2024, '--financials-from', SMALL_2025),
      '--industry',
      'machinery',
      '--company',
      'B Kogyo K.K.',
    ]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning: .*column personnel_cost: B Kogyo K\.K\., FY2022–FY2024: personnel_cost/);
    const j = JSON.parse(readFileSync(join(dir, 'book.json'), 'utf8'));
    expect(j.industry).toBe('machinery');
    expect(j.indicators.GBP['2024']).toBe(700 + 505);
    expect(j.parameters.money_label).toBe('JPY million');
    const list = await run(['companies', '--financials-from', SMALL_2025, '--industry', 'machinery']);
    expect(list.out.trim()).toBe('B Kogyo K.K.\tmachinery\tFY2023–FY2024');
  });

  test('filings and financials.csv together: the filed company joins the CSV industry', async () => {
    const dir = tmp();
    const r = await run([
      ...evaluate(dir, '--financials', join(FIXTURES, 'financials-small.csv'), '--financials-from', SMALL_2025),
      '--industry',
      'electrical',
      '--company',
      'B Kogyo K.K.',
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(join(dir, 'book.json'), 'utf8'));
    expect(j.parameters.peers).toEqual(['Alpha Denki', 'B Kogyo K.K.', 'Beta Seiki', 'Gamma Kogyo']);
  });

  test('a company-year both in financials.csv and in a filing: exit 2, both named, nothing written', async () => {
    const dir = tmp();
    const csv = join(dir, 'financials.csv');
    writeFileSync(csv, 'company,industry,fiscal_year,fy_end,sales\nB Kogyo K.K.,machinery,2024,2025-03-31,10100\n');
    const r = await run([
      ...evaluate(dir, '--financials', csv, '--financials-from', SMALL_2025),
      '--industry',
      'machinery',
      '--company',
      'B Kogyo K.K.',
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/B Kogyo K\.K\. FY2024 is both in financials\.csv row 2 and in jpcrp030000-asr-001_X99002/);
    expect(existsSync(join(dir, 'book.xlsx'))).toBe(false);
  });

  test.each([
    'edinet-truncated.xbrl',
    'edinet-usd-amounts.xbrl',
    'jpcrp040300-q2r-001_X99002-000_2024-09-30_01_2024-11-13.xbrl',
    'companyfacts-truncated.json',
    'companyfacts-EUR.json',
    'companyfacts-quarterly-only.json',
  ])('%s: exit 2, the error names the file, nothing written', async (name) => {
    const dir = tmp();
    const r = await run([
      ...evaluate(dir, '--financials-from', join(FILINGS, name)),
      '--industry',
      'electrical',
      '--all',
      '--out-dir',
      dir,
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`error: ${name.replace(/\./g, '\\.')}: `));
    expect(r.err).toMatch(/nothing was written/);
    expect(existsSync(join(dir, 'book.xlsx'))).toBe(false);
    expect(existsSync(join(dir, 'book.json'))).toBe(false);
  });

  test('usage: --industry is required with filings; consolidated and non-consolidated exclude each other', async () => {
    const dir = tmp();
    const noIndustry = await run([...evaluate(dir, '--financials-from', SMALL_2025), '--company', 'B Kogyo K.K.']);
    expect(noIndustry.code).toBe(1);
    expect(noIndustry.err).toMatch(/--industry is required with --financials-from/);
    const both = await run([
      ...evaluate(dir, '--financials-from', SMALL_2025),
      '--industry',
      'x',
      '--consolidated',
      '--non-consolidated',
      '--company',
      'B Kogyo K.K.',
    ]);
    expect(both.code).toBe(1);
    const none = await run(['evaluate', '--market', MARKET, '--company', 'X', '--out', join(dir, 'x.xlsx')]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/--financials \(or --financials-from\) is required/);
  });

  (HAVE_DATA ? test : test.skip)('EDINET and EDGAR filings together: different currencies, exit 2', async () => {
    const dir = tmp();
    const r = await run([
      ...evaluate(dir, '--financials-from', EDINET_SAMPLE, '--financials-from', AAPL),
      '--industry',
      'electrical',
      '--company',
      'Apple Inc.',
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/different currencies \(JPY: .*; USD: companyfacts-AAPL\.json\)/);
    expect(existsSync(join(dir, 'book.xlsx'))).toBe(false);
  });

  (HAVE_DATA ? test : test.skip)('Apple from company facts: money labelled USD million', async () => {
    const dir = tmp();
    const r = await run([
      ...evaluate(dir, '--financials-from', AAPL),
      '--industry',
      'electrical',
      '--company',
      'Apple Inc.',
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(join(dir, 'book.json'), 'utf8'));
    expect(j.parameters.money_label).toBe('USD million');
    expect(j.indicators.OI['2024']).toBe(123216);
  });
});

/**
 * Every Block 1 indicator against values worked out here, by hand from the definitions in
 * ../shared/spec/indicators.md, with plain arithmetic over the fixture's numbers (not by calling the core).
 * Fixture: test/fixtures/financials-small.csv (three electrical companies, one pharma) and market-small.csv.
 */
import { readFileSync } from 'fs';
import { evaluateUniverse, loadInputs } from '../src/core/pipeline';
import { summarise } from '../src/core/summary';
import type { UniverseResults } from '../src/core/engine';
import { isNoValue, type Value } from '../src/core/values';
import { FIXTURES, loadFiles } from './helpers/evaluate';

// ---- the fixture, read with a plain split (it has no quoted cells)
type Row = Record<string, number>;
function table(file: string): Map<string, Row> {
  const [head, ...lines] = readFileSync(`${FIXTURES}/${file}`, 'utf8').trim().split('\n');
  const cols = head.split(',');
  const out = new Map<string, Row>();
  for (const line of lines) {
    const cells = line.split(',');
    const row: Row = {};
    cols.forEach((c, i) => (row[c] = cells[i] === '' ? NaN : Number(cells[i])));
    const key = cols[0] === 'company' ? `${cells[0]}|${cells[2]}` : cells[0];
    out.set(key, row);
  }
  return out;
}
const FIN = table('financials-small.csv');
const MKT = table('market-small.csv');
const f = (company: string, year: number): Row => {
  const r = FIN.get(`${company}|${year}`);
  if (!r) throw new Error(`no fixture row ${company} ${year}`);
  return r;
};
const ELECTRICAL = ['Alpha Denki', 'Beta Seiki', 'Gamma Kogyo'];

// ---- the definitions, written out independently of the catalog
function hand(company: string, y: number) {
  const t = f(company, y);
  const p = f(company, y - 1);
  const m = MKT.get(String(y)) as Row;
  const avg = (k: string) => (t[k] + p[k]) / 2;
  const nop = t.operating_income - t.interest_paid;
  const va = nop + t.interest_paid + t.rnd + t.depreciation + t.personnel_cost + t.welfare_cost + t.taxes_dues;
  const pNop = p.operating_income - p.interest_paid;
  const pVa = pNop + p.interest_paid + p.rnd + p.depreciation + p.personnel_cost + p.welfare_cost + p.taxes_dues;
  const gbp = t.operating_income + t.rnd;
  const ebitda = t.operating_income + t.depreciation;
  const ls = t.personnel_cost / va;
  const g = (a: number, b: number) => a / b - 1;
  const finAvg = (t.current_assets - t.current_liabilities + (p.current_assets - p.current_liabilities)) / 2;
  const eoia = gbp + t.royalty_income - (finAvg * m.short_prime_rate + avg('ppe') * m.long_prime_rate);
  const mcap = (t.shares_outstanding * t.share_price) / 1e6;
  const a = (m.debt_weight * m.long_prime_rate + (1 - m.debt_weight) * m.bond_yield) * (1 - m.tax_rate);
  const pRate = m.risk_free_rate + t.beta * (m.market_return - m.risk_free_rate);
  return {
    CAPEX: t.ppe_depreciable - p.ppe_depreciable + t.depreciation,
    RND: t.rnd,
    CAPEX_EFFICIENCY: (va / avg('ppe')) * 100,
    LABOR_PRODUCTIVITY: va / avg('employees'),
    LABOR_EQUIPMENT: t.ppe / t.employees,
    LABOR_SHARE: ls * 100,
    TFP: (g(va, pVa) - (1 - ls) * g(t.ppe_depreciable, p.ppe_depreciable) - ls * g(t.employees, p.employees)) * 100,
    COST_RATIO: (t.cost_of_sales / t.sales) * 100,
    SGA_RATIO: (t.sga / t.sales) * 100,
    DEBT_RATIO: (t.interest_bearing_debt / t.total_assets) * 100,
    EQUITY_RATIO: (t.equity / t.total_assets) * 100,
    SALES: t.sales,
    VA: va,
    VA_SALES: (va / t.sales) * 100,
    GBP: gbp,
    GBP_SALES: (gbp / t.sales) * 100,
    EBITDA: ebitda,
    EBITDA_SALES: (ebitda / t.sales) * 100,
    OI: t.operating_income,
    OI_SALES: (t.operating_income / t.sales) * 100,
    NOP: nop,
    NOP_SALES: (nop / t.sales) * 100,
    ROYALTY: t.royalty_income,
    ROA_ALPHA: ((va + t.royalty_income) / avg('total_assets')) * 100,
    ROA_BETA: ((gbp + t.royalty_income) / avg('total_assets')) * 100,
    ROA_GAMMA: ((ebitda + t.royalty_income) / avg('total_assets')) * 100,
    ROA_DELTA: ((t.operating_income + t.royalty_income) / avg('total_assets')) * 100,
    EOIA: eoia,
    ROIA: (eoia / avg('total_assets')) * 100,
    MARKET_CAP: mcap,
    MVA: mcap - t.equity,
    PBR: mcap / t.equity,
    IAEE: t.fixed_liabilities * a + mcap * pRate - (finAvg * m.short_prime_rate + avg('ppe') * m.long_prime_rate),
    salesOf: t.sales,
    avgTotalAssets: avg('total_assets'),
  };
}

let results: UniverseResults;
beforeAll(() => {
  results = loadFiles(`${FIXTURES}/financials-small.csv`, `${FIXTURES}/market-small.csv`);
});
const core = (id: string, company: string, year: number): Value => results.value(id, company, year);
function expectClose(v: Value, expected: number, what: string): void {
  if (isNoValue(v)) throw new Error(`${what}: no value (${v.error} ${v.message}), expected ${expected}`);
  expect(Math.abs(v - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
}

describe('Block 1 for Alpha Denki, FY2021, against the definitions', () => {
  const direct = [
    'CAPEX',
    'RND',
    'CAPEX_EFFICIENCY',
    'LABOR_PRODUCTIVITY',
    'LABOR_EQUIPMENT',
    'LABOR_SHARE',
    'TFP',
    'COST_RATIO',
    'SGA_RATIO',
    'DEBT_RATIO',
    'EQUITY_RATIO',
    'SALES',
    'VA',
    'VA_SALES',
    'GBP',
    'GBP_SALES',
    'EBITDA',
    'EBITDA_SALES',
    'OI',
    'OI_SALES',
    'NOP',
    'NOP_SALES',
    'ROYALTY',
    'ROA_ALPHA',
    'ROA_BETA',
    'ROA_GAMMA',
    'ROA_DELTA',
    'EOIA',
    'ROIA',
    'MARKET_CAP',
    'MVA',
    'PBR',
    'IAEE',
  ] as const;
  test.each(direct)('%s', (id) => {
    for (const company of ELECTRICAL) expectClose(core(id, company, 2021), hand(company, 2021)[id], `${id} ${company}`);
  });

  test('INVEST_TREND = (CAPEX + RND) / previous (CAPEX + RND)', () => {
    const c = (y: number) => hand('Alpha Denki', y).CAPEX + f('Alpha Denki', y).rnd;
    expectClose(core('INVEST_TREND', 'Alpha Denki', 2021), c(2021) / c(2020), 'INVEST_TREND');
  });

  test('D group: excess over the simple mean of the industry (Alpha, Beta, Gamma)', () => {
    const h = ELECTRICAL.map((c) => hand(c, 2021));
    const mean = (k: keyof ReturnType<typeof hand>) => h.reduce((s, x) => s + x[k], 0) / h.length;
    const alpha = h[0];
    expectClose(
      core('EX_VA', 'Alpha Denki', 2021),
      (alpha.salesOf * (alpha.VA_SALES - mean('VA_SALES'))) / 100,
      'EX_VA',
    );
    expectClose(
      core('EX_GBP', 'Alpha Denki', 2021),
      (alpha.salesOf * (alpha.GBP_SALES - mean('GBP_SALES'))) / 100,
      'EX_GBP',
    );
    expectClose(
      core('EX_EBITDA', 'Alpha Denki', 2021),
      (alpha.salesOf * (alpha.EBITDA_SALES - mean('EBITDA_SALES'))) / 100,
      'EX_EBITDA',
    );
    expectClose(
      core('EX_OI', 'Alpha Denki', 2021),
      (alpha.salesOf * (alpha.OI_SALES - mean('OI_SALES'))) / 100,
      'EX_OI',
    );
    for (const [ex, roa] of [
      ['EX_ROA_ALPHA', 'ROA_ALPHA'],
      ['EX_ROA_BETA', 'ROA_BETA'],
      ['EX_ROA_GAMMA', 'ROA_GAMMA'],
      ['EX_ROA_DELTA', 'ROA_DELTA'],
    ] as const) {
      expectClose(core(ex, 'Alpha Denki', 2021), alpha[roa] - mean(roa), ex);
    }
    expectClose(
      core('EXEOIA', 'Alpha Denki', 2021),
      (alpha.avgTotalAssets * (alpha.ROIA - mean('ROIA'))) / 100,
      'EXEOIA',
    );
  });

  test('the pharma company is not in the electrical average', () => {
    expectClose(
      results.industryAverage('ROIA', 'electrical', 2021),
      ELECTRICAL.map((c) => hand(c, 2021).ROIA).reduce((s, v) => s + v) / 3,
      'avg ROIA',
    );
    expectClose(results.industryAverage('ROIA', 'pharma', 2021), hand('Delta Yakuhin', 2021).ROIA, 'pharma avg ROIA');
  });
});

describe('no-value rules', () => {
  const HEADER =
    'company,industry,fiscal_year,fy_end,sales,cost_of_sales,sga,operating_income,rnd,depreciation,personnel_cost,welfare_cost,taxes_dues,interest_paid,royalty_income,total_assets,ppe,ppe_depreciable,current_assets,current_liabilities,fixed_liabilities,equity,interest_bearing_debt,shares_outstanding,share_price,beta,employees';
  const MARKET =
    'fiscal_year,short_prime_rate,long_prime_rate,bond_yield,debt_weight,tax_rate,risk_free_rate,market_return\n2019,0.01,0.01,0.01,0.5,0.3,0.001,0.05\n2020,0.01,0.01,0.01,0.5,0.3,0.001,0.05\n2021,0.01,0.01,0.01,0.5,0.3,0.001,0.05\n2022,0.01,0.01,0.01,0.5,0.3,0.001,0.05\n';
  function run(rows: string[]): UniverseResults {
    const loaded = loadInputs({
      financials: { name: 'f.csv', text: `${HEADER}\n${rows.join('\n')}\n` },
      market: { name: 'm.csv', text: MARKET },
    });
    if (!loaded.universe) throw new Error(loaded.issues.map((i) => i.message).join('; '));
    return evaluateUniverse(loaded.universe);
  }
  // A company that sold off its plant in 2020: depreciable PPE 900 → 100, so CAPEX 2020 = 100 − 900 + 50 = −750 and CAPEX + RND = −730.
  const SELLER = [
    'Seller,x,2019,2020-03-31,1000,600,300,100,20,50,100,10,5,5,0,2000,1000,900,800,400,500,1000,300,1000000,1000,1,100',
    'Seller,x,2020,2021-03-31,1000,600,300,100,20,50,100,10,5,5,0,2000,200,100,800,400,500,0,300,1000000,1000,1,100',
    'Seller,x,2021,2022-03-31,1000,600,300,100,20,50,100,10,5,5,0,2000,250,130,800,400,500,1000,300,1000000,1000,1,100',
  ];

  test('INVEST_TREND over a negative base is not computed (#N/A with the reason)', () => {
    const r = run(SELLER);
    expect(r.value('CAPEX', 'Seller', 2020)).toBe(-750);
    const v = r.value('INVEST_TREND', 'Seller', 2021);
    expect(isNoValue(v) && v.error).toBe('#N/A');
    expect(isNoValue(v) && v.message).toMatch(/0 or less/);
  });

  test('a zero denominator is #DIV/0!: PBR and MVA-based ratios with equity 0', () => {
    const r = run(SELLER);
    const pbr = r.value('PBR', 'Seller', 2020);
    expect(isNoValue(pbr) && pbr.error).toBe('#DIV/0!');
    expect(r.value('MVA', 'Seller', 2020)).toBe(1000); // 1,000,000 shares × 1,000 yen / 1e6 − equity 0
  });

  test('a missing input (Gamma Kogyo FY2022 share price) is #N/A naming the file row, and spreads only where it is used', () => {
    const v = results.value('PBR', 'Gamma Kogyo', 2022);
    expect(isNoValue(v) && v.error).toBe('#N/A');
    expect(isNoValue(v) && v.message).toMatch(/share_price\) is not known \(financials-small.csv row 12\)/);
    expect(typeof results.value('ROIA', 'Gamma Kogyo', 2022)).toBe('number');
  });

  test('the first year has no opening balances: averages are #N/A, point-in-time ratios are computed', () => {
    const v = results.value('ROA_BETA', 'Alpha Denki', 2019);
    expect(isNoValue(v) && v.message).toMatch(/has no FY2018 row/);
    expect(typeof results.value('COST_RATIO', 'Alpha Denki', 2019)).toBe('number');
  });
});

describe('star rank and forecast over the fixture', () => {
  test('star rank standardises the 3-period means (FY2020–2022) over the industry with the population SD', () => {
    const s = summarise(results, 'Alpha Denki');
    expect(s.window).toEqual([2020, 2021, 2022]);
    const means = ELECTRICAL.map((c) => [2020, 2021, 2022].reduce((acc, y) => acc + f(c, y).sales, 0) / 3);
    // Gamma Kogyo starts in 2020 (three years), so every company has a 3-period mean of sales.
    const mu = means.reduce((a, b) => a + b) / 3;
    const sd = Math.sqrt(means.reduce((a, b) => a + (b - mu) ** 2, 0) / 3);
    const z = (means[0] - mu) / sd;
    const expected = z < -1 ? '☆☆☆' : z < 0 ? '★☆☆' : z < 1 ? '★★☆' : '★★★';
    expect(s.star.get('SALES')?.rank).toBe(expected);
    expect(s.star.get('SALES')?.industry.n).toBe(3);
  });

  test('where the industry mean is ≤ 0, a company whose value is ≤ 0 gets ☆☆☆ whatever its z', () => {
    // EX_ROA_DELTA averages to 0 over the industry by construction; Beta Seiki's excess is negative.
    const s = summarise(results, 'Beta Seiki');
    const d = s.star.get('EX_ROA_DELTA');
    expect(typeof d?.mean === 'number' && d.mean < 0).toBe(true);
    expect(d?.rank).toBe('☆☆☆');
  });

  test('forecast: deviation of the latest value from the 3-period moving average, ±5% (±50% for INVEST_TREND)', () => {
    const s = summarise(results, 'Alpha Denki');
    const tfp = [2020, 2021, 2022].map((y) => hand('Alpha Denki', y).TFP);
    const ma = tfp.reduce((a, b) => a + b) / 3;
    const dev = (tfp[2] - ma) / Math.abs(ma);
    expect(s.forecast.get('TFP')).toBe(dev > 0.05 ? '↑' : dev < -0.05 ? '↓' : '→');
    // Alpha's INVEST_TREND has no FY2020 value (CAPEX 2019 needs FY2018): no moving average, no forecast.
    const it = s.forecast.get('INVEST_TREND');
    expect(typeof it === 'object' && it.error).toBe('#N/A');
  });

  test('PBR ≥ 20 or < 0.4 in the window gives no PBR forecast', () => {
    // Delta Yakuhin: 80,000,000 shares × 5,000–5,600 yen / equity 1,100–1,260 → PBR ≈ 355: abnormal.
    const s = summarise(results, 'Delta Yakuhin');
    const v = s.forecast.get('PBR');
    expect(typeof v === 'object' && v.message).toMatch(/PBR outside/);
    // Alpha Denki's PBR (0.16–0.3): below 0.4, also abnormal.
    const a = summarise(results, 'Alpha Denki').forecast.get('PBR');
    expect(typeof a === 'object' && a.error).toBe('#N/A');
  });

  test('YoY is this year / last year × 100 for money indicators', () => {
    const s = summarise(results, 'Alpha Denki');
    expectClose(s.yoy.get('SALES')?.get(2021) as Value, (1050 / 1100) * 100, 'YOY SALES');
    expect(isNoValue(s.yoy.get('SALES')?.get(2019) as Value)).toBe(true);
  });
});

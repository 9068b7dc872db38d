/**
 * Block 1 (第1ブロック: 事業・収益・市場関連指標) of ../shared/spec/indicators.md, seed tables 1–8.
 * Every indicator is defined here and nowhere else.
 */
import {
  type Expr,
  add,
  arg,
  avg,
  cmp,
  div,
  fin,
  ifThen,
  ind,
  indAvg,
  mkt,
  mul,
  notComputed,
  num,
  param,
  pct,
  sub,
  sum,
} from '../expr';
import type { FinField } from '../fields';
import { closing, def, FIFTY_PCT, FIVE_PCT, indicator, input, opening, p } from './dsl';
import type { ForecastRule, GroupDef, IndicatorDef, ParamDef } from './types';

export const BLOCK1_GROUPS: readonly GroupDef[] = [
  { id: 'A', block: 1, ja: '投資指標', en: 'Investment' },
  { id: 'B', block: 1, ja: '経営財務分析指標', en: 'Management and finance' },
  { id: 'C', block: 1, ja: '収益関連指標', en: 'Earnings' },
  { id: 'D', block: 1, ja: '超過収益分析指標', en: 'Excess earnings over the industry average' },
  { id: 'M', block: 1, ja: '市場評価関連指標', en: 'Market valuation' },
];

const a = arg;

const finAssets = (lag: 0 | 1): Expr => sub(fin('current_assets', lag), fin('current_liabilities', lag));
const growth = (x: string, xPrev: string): Expr => sub(div(a(x), a(xPrev)), num(1));

/** An input taken over as it is (SALES, RND, OI, ROYALTY). */
function passThrough(id: string, group: IndicatorDef['group'], field: FinField, ja: string, en: string): IndicatorDef {
  return def(id, {
    group,
    ja,
    en,
    unit: 'money',
    help: `${en} (${ja}), as reported.`,
    params: [input('value', field, en)],
    body: a('value'),
  });
}

/** X / sales × 100, shown under X (seed: ( )内の数値は対売上高比率). */
function salesRatio(id: string, of: string, ofJa: string, forecast?: ForecastRule): IndicatorDef {
  return def(id, {
    group: 'C',
    ja: `${ofJa}対売上高比率`,
    en: `${of} to sales`,
    unit: 'percent',
    help: `${of} / sales × 100.`,
    params: [indicator('amount', of, of), input('sales', 'sales', 'Sales')],
    body: pct(div(a('amount'), a('sales'))),
    subRowOf: of,
    star: forecast !== undefined,
    forecast,
  });
}

/** sales × (X/sales − industry average of X/sales): seed table 6. */
function excessAmount(id: string, of: string, ratioId: string, ja: string, en: string): IndicatorDef {
  return def(id, {
    group: 'D',
    ja,
    en,
    unit: 'money',
    help: `Sales × (${of}/sales − industry average of ${of}/sales).`,
    params: [
      input('sales', 'sales', 'Sales'),
      indicator('ratio', ratioId, `${of} to sales, %`),
      p('industry_ratio', `Industry average of ${of} to sales, %`, indAvg(ratioId)),
    ],
    body: div(mul(a('sales'), sub(a('ratio'), a('industry_ratio'))), num(100)),
  });
}

/** (X + royalty) / avg(total assets) × 100: ROA α–δ. */
function roa(id: string, of: string, ofHelp: string, ja: string, en: string): IndicatorDef {
  return def(id, {
    group: 'C',
    ja,
    en,
    unit: 'percent',
    help: `(${ofHelp} + royalty income) / average total assets × 100.`,
    params: [
      indicator('amount', of, ofHelp),
      indicator('royalty', 'ROYALTY', 'Royalty income'),
      opening('total_assets_prev', 'total_assets', 'Total assets'),
      closing('total_assets', 'total_assets', 'Total assets'),
    ],
    body: pct(div(add(a('amount'), a('royalty')), avg(a('total_assets_prev'), a('total_assets')))),
  });
}

function excessRoa(id: string, of: string, ja: string, en: string, forecast?: ForecastRule): IndicatorDef {
  return def(id, {
    group: 'D',
    ja,
    en,
    unit: 'pct_points',
    help: `${of} − industry average of ${of}, percentage points.`,
    params: [indicator('roa', of, of), p('industry_roa', `Industry average of ${of}`, indAvg(of))],
    body: sub(a('roa'), a('industry_roa')),
    forecast,
  });
}

/** Expected return on the balance sheet: avg(financial assets)·m + avg(PPE)·f (seed tables 2, 5, 7). */
const BALANCE_SHEET_PARAMS: ParamDef[] = [
  p('fin_assets_prev', 'Financial assets (current assets − current liabilities), previous FY end', finAssets(1)),
  p('fin_assets', 'Financial assets (current assets − current liabilities), this FY end', finAssets(0)),
  opening('ppe_prev', 'ppe', 'PPE'),
  closing('ppe', 'ppe', 'PPE'),
  p('m', 'Return on financial assets m (short-term prime rate, fraction)', mkt('short_prime_rate')),
  p('f', 'Return on tangible fixed assets f (long-term prime rate, fraction)', mkt('long_prime_rate')),
];
const balanceSheetReturn: Expr = add(
  mul(avg(a('fin_assets_prev'), a('fin_assets')), a('m')),
  mul(avg(a('ppe_prev'), a('ppe')), a('f')),
);

export const BLOCK1: readonly IndicatorDef[] = [
  // ---- A: investment (表3)
  def('CAPEX', {
    group: 'A',
    ja: '設備投資額',
    en: 'Capital expenditure',
    unit: 'money',
    help: '(Depreciable PPE this FY − depreciable PPE last FY) + depreciation; PPE excludes land.',
    params: [
      closing('ppe_dep', 'ppe_depreciable', 'Depreciable PPE (excl. land)'),
      opening('ppe_dep_prev', 'ppe_depreciable', 'Depreciable PPE (excl. land)'),
      input('depreciation', 'depreciation', 'Depreciation'),
    ],
    body: add(sub(a('ppe_dep'), a('ppe_dep_prev')), a('depreciation')),
  }),
  passThrough('RND', 'A', 'rnd', '研究開発費', 'R&D expenses'),
  def('INVEST_TREND', {
    group: 'A',
    ja: '投資傾向指数',
    en: 'Investment trend index',
    unit: 'times',
    help: '(CAPEX + R&D) / previous (CAPEX + R&D); not computed when the previous sum is ≤ 0.',
    params: [
      indicator('capex', 'CAPEX', 'CAPEX this FY'),
      indicator('rnd', 'RND', 'R&D this FY'),
      p('capex_prev', 'CAPEX previous FY', ind('CAPEX', 1)),
      p('rnd_prev', 'R&D previous FY', ind('RND', 1)),
    ],
    body: ifThen(
      cmp('<=', add(a('capex_prev'), a('rnd_prev')), num(0)),
      notComputed('INVEST_TREND: previous CAPEX + R&D is 0 or less (seed: not computed)'),
      div(add(a('capex'), a('rnd')), add(a('capex_prev'), a('rnd_prev'))),
    ),
    forecast: FIFTY_PCT,
  }),

  // ---- B: management / finance (表4, 表1)
  def('CAPEX_EFFICIENCY', {
    group: 'B',
    ja: '設備投資効率',
    en: 'Capital efficiency',
    unit: 'percent',
    help: 'Value added / average PPE × 100.',
    params: [indicator('va', 'VA', 'Value added'), opening('ppe_prev', 'ppe', 'PPE'), closing('ppe', 'ppe', 'PPE')],
    body: pct(div(a('va'), avg(a('ppe_prev'), a('ppe')))),
  }),
  def('LABOR_PRODUCTIVITY', {
    group: 'B',
    ja: '労働生産性',
    en: 'Labour productivity',
    unit: 'money_per_person',
    help: 'Value added / average employees.',
    params: [
      indicator('va', 'VA', 'Value added'),
      opening('employees_prev', 'employees', 'Employees'),
      closing('employees', 'employees', 'Employees'),
    ],
    body: div(a('va'), avg(a('employees_prev'), a('employees'))),
  }),
  def('LABOR_EQUIPMENT', {
    group: 'B',
    ja: '労働設備率',
    en: 'Capital per employee',
    unit: 'money_per_person',
    help: 'PPE / employees at FY end.',
    params: [input('ppe', 'ppe', 'PPE'), input('employees', 'employees', 'Employees')],
    body: div(a('ppe'), a('employees')),
  }),
  def('LABOR_SHARE', {
    group: 'B',
    ja: '労働分配率',
    en: 'Labour share',
    unit: 'percent',
    help: 'Personnel cost (SG&A personnel + manufacturing labour) / value added × 100.',
    params: [input('personnel', 'personnel_cost', 'Personnel cost'), indicator('va', 'VA', 'Value added')],
    body: pct(div(a('personnel'), a('va'))),
  }),
  def('TFP', {
    group: 'B',
    ja: '全要素生産性',
    en: 'Total factor productivity',
    unit: 'percent',
    help: '[g(VA) − (1 − ls)·g(depreciable PPE) − ls·g(employees)] × 100, ls = labour share of this FY, g = growth of FY-end values.',
    params: [
      indicator('va', 'VA', 'Value added this FY'),
      p('va_prev', 'Value added previous FY', ind('VA', 1)),
      closing('ppe_dep', 'ppe_depreciable', 'Depreciable PPE'),
      opening('ppe_dep_prev', 'ppe_depreciable', 'Depreciable PPE'),
      closing('employees', 'employees', 'Employees'),
      opening('employees_prev', 'employees', 'Employees'),
      indicator('labor_share', 'LABOR_SHARE', 'Labour share this FY, %'),
    ],
    body: pct(
      sub(
        sub(
          growth('va', 'va_prev'),
          mul(sub(num(1), div(a('labor_share'), num(100))), growth('ppe_dep', 'ppe_dep_prev')),
        ),
        mul(div(a('labor_share'), num(100)), growth('employees', 'employees_prev')),
      ),
    ),
    forecast: FIVE_PCT,
  }),
  ...(
    [
      ['COST_RATIO', '売上高原価率', 'Cost of sales ratio', 'cost_of_sales', 'Cost of sales', 'sales', 'Sales'],
      ['SGA_RATIO', '販管費比率', 'SG&A ratio', 'sga', 'SG&A expenses', 'sales', 'Sales'],
      [
        'DEBT_RATIO',
        '有利子負債比率',
        'Interest-bearing debt ratio',
        'interest_bearing_debt',
        'Interest-bearing debt',
        'total_assets',
        'Total assets',
      ],
      ['EQUITY_RATIO', '自己資本比率', 'Equity ratio', 'equity', 'Equity', 'total_assets', 'Total assets'],
    ] as const
  ).map(([id, ja, en, num_, numHelp, den, denHelp]) =>
    def(id, {
      group: 'B',
      ja,
      en,
      unit: 'percent',
      help: `${numHelp} / ${denHelp.toLowerCase()} × 100.`,
      params: [input('numerator', num_, numHelp), input('denominator', den, denHelp)],
      body: pct(div(a('numerator'), a('denominator'))),
    }),
  ),

  // ---- C: earnings (表5)
  passThrough('SALES', 'C', 'sales', '売上高', 'Sales'),
  def('VA', {
    group: 'C',
    ja: '付加価値額',
    en: 'Value added',
    unit: 'money',
    help: 'Net operating profit + interest paid + R&D + depreciation + personnel (incl. officers) + welfare + taxes and dues (additive method, R&D added back).',
    params: [
      indicator('nop', 'NOP', 'Net operating profit'),
      input('interest_paid', 'interest_paid', 'Interest paid'),
      indicator('rnd', 'RND', 'R&D expenses'),
      input('depreciation', 'depreciation', 'Depreciation'),
      input('personnel', 'personnel_cost', 'Personnel cost incl. officers'),
      input('welfare', 'welfare_cost', 'Welfare cost'),
      input('taxes_dues', 'taxes_dues', 'Taxes and dues'),
    ],
    body: sum(a('nop'), a('interest_paid'), a('rnd'), a('depreciation'), a('personnel'), a('welfare'), a('taxes_dues')),
  }),
  salesRatio('VA_SALES', 'VA', '付加価値額'),
  def('GBP', {
    group: 'C',
    ja: '製造販売利益',
    en: 'Gross business profit',
    unit: 'money',
    help: 'Operating income + R&D expenses.',
    params: [indicator('oi', 'OI', 'Operating income'), indicator('rnd', 'RND', 'R&D expenses')],
    body: add(a('oi'), a('rnd')),
  }),
  salesRatio('GBP_SALES', 'GBP', 'GBP', FIVE_PCT),
  def('EBITDA', {
    group: 'C',
    ja: 'EBITDA',
    en: 'EBITDA',
    unit: 'money',
    help: 'Operating income + depreciation.',
    params: [indicator('oi', 'OI', 'Operating income'), input('depreciation', 'depreciation', 'Depreciation')],
    body: add(a('oi'), a('depreciation')),
  }),
  salesRatio('EBITDA_SALES', 'EBITDA', 'EBITDA'),
  passThrough('OI', 'C', 'operating_income', '営業利益', 'Operating income'),
  salesRatio('OI_SALES', 'OI', '営業利益', FIVE_PCT),
  def('NOP', {
    group: 'C',
    ja: '営業純益',
    en: 'Net operating profit',
    unit: 'money',
    help: 'Operating income − interest paid.',
    params: [indicator('oi', 'OI', 'Operating income'), input('interest_paid', 'interest_paid', 'Interest paid')],
    body: sub(a('oi'), a('interest_paid')),
  }),
  salesRatio('NOP_SALES', 'NOP', '営業純益'),
  passThrough('ROYALTY', 'C', 'royalty_income', '特許料等ロイヤルティー収入', 'Royalty income'),
  roa('ROA_ALPHA', 'VA', 'Value added', 'ROA・α', 'ROA alpha'),
  roa('ROA_BETA', 'GBP', 'GBP', 'ROA・β', 'ROA beta'),
  roa('ROA_GAMMA', 'EBITDA', 'EBITDA', 'ROA・γ', 'ROA gamma'),
  roa('ROA_DELTA', 'OI', 'Operating income', 'ROA・δ', 'ROA delta'),
  def('EOIA', {
    group: 'C',
    ja: '知的資産収益',
    en: 'Earnings on intellectual assets',
    unit: 'money',
    help: '(GBP + royalty income) − [average financial assets × m + average PPE × f].',
    params: [
      indicator('gbp', 'GBP', 'GBP'),
      indicator('royalty', 'ROYALTY', 'Royalty income'),
      ...BALANCE_SHEET_PARAMS,
    ],
    body: sub(add(a('gbp'), a('royalty')), balanceSheetReturn),
  }),
  def('ROIA', {
    group: 'C',
    ja: '知的資産収益率',
    en: 'Return on intellectual assets',
    unit: 'percent',
    help: 'EOIA / average total assets × 100.',
    params: [
      indicator('eoia', 'EOIA', 'EOIA'),
      opening('total_assets_prev', 'total_assets', 'Total assets'),
      closing('total_assets', 'total_assets', 'Total assets'),
    ],
    body: pct(div(a('eoia'), avg(a('total_assets_prev'), a('total_assets')))),
  }),

  // ---- D: excess earnings (表6)
  excessAmount('EX_VA', 'VA', 'VA_SALES', '超過付加価値額', 'Excess value added'),
  excessAmount('EX_GBP', 'GBP', 'GBP_SALES', '超過GBP', 'Excess GBP'),
  excessAmount('EX_EBITDA', 'EBITDA', 'EBITDA_SALES', '超過EBITDA', 'Excess EBITDA'),
  excessAmount('EX_OI', 'OI', 'OI_SALES', '超過営業利益', 'Excess operating income'),
  excessRoa('EX_ROA_ALPHA', 'ROA_ALPHA', '超過ROA・α', 'Excess ROA alpha'),
  excessRoa('EX_ROA_BETA', 'ROA_BETA', '超過ROA・β', 'Excess ROA beta', FIVE_PCT),
  excessRoa('EX_ROA_GAMMA', 'ROA_GAMMA', '超過ROA・γ', 'Excess ROA gamma'),
  excessRoa('EX_ROA_DELTA', 'ROA_DELTA', '超過ROA・δ', 'Excess ROA delta', FIVE_PCT),
  def('EXEOIA', {
    group: 'D',
    ja: '超過知的資産収益',
    en: 'Excess earnings on intellectual assets',
    unit: 'money',
    help: 'Average total assets × (ROIA − industry average ROIA) / 100.',
    params: [
      opening('total_assets_prev', 'total_assets', 'Total assets'),
      closing('total_assets', 'total_assets', 'Total assets'),
      indicator('roia', 'ROIA', 'ROIA, %'),
      p('industry_roia', 'Industry average ROIA, %', indAvg('ROIA')),
    ],
    body: div(mul(avg(a('total_assets_prev'), a('total_assets')), sub(a('roia'), a('industry_roia'))), num(100)),
  }),

  // ---- M: market valuation (表7)
  def('MARKET_CAP', {
    group: 'M',
    ja: '株式時価総額',
    en: 'Market capitalisation',
    unit: 'money',
    help: 'Shares outstanding × FY-end share price / money unit (1,000,000 for JPY million).',
    params: [
      input('shares', 'shares_outstanding', 'Shares outstanding'),
      input('price', 'share_price', 'FY-end share price'),
      p('money_unit', 'Money unit of the financial inputs in the currency base unit', param('money_unit')),
    ],
    body: div(mul(a('shares'), a('price')), a('money_unit')),
  }),
  def('MVA', {
    group: 'M',
    ja: '市場付加価値',
    en: 'Market value added',
    unit: 'money',
    help: 'Market capitalisation − equity.',
    params: [indicator('market_cap', 'MARKET_CAP', 'Market capitalisation'), input('equity', 'equity', 'Equity')],
    body: sub(a('market_cap'), a('equity')),
  }),
  def('PBR', {
    group: 'M',
    ja: '株価純資産倍率',
    en: 'Price-to-book ratio',
    unit: 'times',
    help: 'Market capitalisation at FY end / equity.',
    params: [indicator('market_cap', 'MARKET_CAP', 'Market capitalisation'), input('equity', 'equity', 'Equity')],
    body: div(a('market_cap'), a('equity')),
    forecast: { band: 0.05, pbrGuard: true },
  }),
  def('IAEE', {
    group: 'M',
    ja: '知的資産期待収益',
    en: 'Expected earnings on intellectual assets',
    unit: 'money',
    help: '(Fixed liabilities × a + market cap × p) − (average financial assets × m + average PPE × f); a = (w·long prime + (1−w)·bond yield)(1 − tax rate), p = r_f + β(r_m − r_f).',
    params: [
      input('fixed_liabilities', 'fixed_liabilities', 'Fixed liabilities'),
      indicator('market_cap', 'MARKET_CAP', 'Market capitalisation'),
      p(
        'a',
        'Return on debt a = (w × long prime rate + (1 − w) × bond yield) × (1 − tax rate)',
        mul(
          add(mul(mkt('debt_weight'), mkt('long_prime_rate')), mul(sub(num(1), mkt('debt_weight')), mkt('bond_yield'))),
          sub(num(1), mkt('tax_rate')),
        ),
      ),
      p(
        'p',
        'Return on equity p by CAPM = r_f + β × (r_m − r_f)',
        add(mkt('risk_free_rate'), mul(fin('beta'), sub(mkt('market_return'), mkt('risk_free_rate')))),
      ),
      ...BALANCE_SHEET_PARAMS,
    ],
    body: sub(add(mul(a('fixed_liabilities'), a('a')), mul(a('market_cap'), a('p'))), balanceSheetReturn),
  }),
];

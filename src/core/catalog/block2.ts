/**
 * Block 2 (第2ブロック: R&D・特許関連指標, seed tables 9–13) and Block 1's patent-profitability group PE
 * (表8), whose denominator is Block 2's valid patents. Indicators read the patent statistics (`stat`
 * leaves, the Statistics sheet) and the financial inputs. Years: application statistics by calendar year
 * of filing (年次), registrations and stock by fiscal year (年度), each in the column of its year label.
 */
import {
  type Expr,
  add,
  arg,
  avg,
  cmp,
  cumFin,
  div,
  fin,
  ifThen,
  mul,
  notComputed,
  num,
  param,
  pct,
  stat,
} from '../expr';
import type { StatField } from '../patents/statFields';
import { closing, def, FIFTY_PCT, FIVE_PCT, indicator, input, opening, p } from './dsl';
import type { GroupDef, IndicatorDef, ParamDef, Unit } from './types';

export const PE_GROUP: GroupDef = { id: 'PE', block: 1, ja: '特許収益性指標', en: 'Patent profitability' };

export const BLOCK2_GROUPS: readonly GroupDef[] = [
  { id: 'R', block: 2, ja: '研究開発関連指標', en: 'R&D' },
  { id: 'PA', block: 2, ja: '特許出願関連指標', en: 'Patent applications' },
  { id: 'PB', block: 2, ja: '審査請求関連指標', en: 'Examination requests' },
  { id: 'PT', block: 2, ja: '特許取得(登録)関連指標', en: 'Registrations' },
  { id: 'PP', block: 2, ja: '特許生産性指標', en: 'Patent productivity' },
  { id: 'PS', block: 2, ja: '特許ストック指標', en: 'Patent stock' },
];

const a = arg;
const s = (name: string, field: StatField, help: string): ParamDef => p(name, help, stat(field));

/** A statistic shown as it is. */
function count(
  id: string,
  group: IndicatorDef['group'],
  field: StatField,
  ja: string,
  en: string,
  help: string,
): IndicatorDef {
  return def(id, { group, ja, en, unit: 'count', help, params: [s('value', field, en)], body: a('value') });
}

/** numerator / denominator (× 100 for percentages). */
function ratio(
  id: string,
  group: IndicatorDef['group'],
  ja: string,
  en: string,
  unit: Unit,
  help: string,
  numerator: ParamDef,
  denominator: ParamDef,
): IndicatorDef {
  const q: Expr = div(a(numerator.name), a(denominator.name));
  return def(id, {
    group,
    ja,
    en,
    unit,
    help,
    params: [numerator, denominator],
    body: unit === 'percent' ? pct(q) : q,
  });
}

/** Claims per JPY 1 billion of R&D: R&D × money unit / 1e9 is R&D in billions of the currency. */
const perBillion = (claims: string, rnd: string): Expr => div(a(claims), div(mul(a(rnd), a('money_unit')), num(1e9)));
const moneyUnit = p('money_unit', 'Money unit of the financial inputs in the currency base unit', param('money_unit'));
const validPatents = indicator('valid_patents', 'VALID_PATENTS', 'Valid patents at the FY end');

export const PE: readonly IndicatorDef[] = [
  def('PAT_PROFIT_ALPHA', {
    group: 'PE',
    ja: '特許収益性α',
    en: 'Patent profitability alpha',
    unit: 'money_per_patent',
    help: '(GBP + royalty income) / valid patents: total business earnings per valid patent.',
    params: [indicator('gbp', 'GBP', 'GBP'), indicator('royalty', 'ROYALTY', 'Royalty income'), validPatents],
    body: div(add(a('gbp'), a('royalty')), a('valid_patents')),
  }),
  def('PAT_PROFIT_BETA', {
    group: 'PE',
    ja: '特許収益性β',
    en: 'Patent profitability beta',
    unit: 'money_per_patent',
    help: '(Excess value added + royalty income) / valid patents.',
    params: [
      indicator('ex_va', 'EX_VA', 'Excess value added'),
      indicator('royalty', 'ROYALTY', 'Royalty income'),
      validPatents,
    ],
    body: div(add(a('ex_va'), a('royalty')), a('valid_patents')),
  }),
  def('PAT_PROFIT_GAMMA', {
    group: 'PE',
    ja: '特許収益性γ',
    en: 'Patent profitability gamma',
    unit: 'money_per_patent',
    help: '(Excess GBP + royalty income) / valid patents.',
    params: [
      indicator('ex_gbp', 'EX_GBP', 'Excess GBP'),
      indicator('royalty', 'ROYALTY', 'Royalty income'),
      validPatents,
    ],
    body: div(add(a('ex_gbp'), a('royalty')), a('valid_patents')),
    forecast: FIFTY_PCT,
  }),
  def('PAT_PROFIT_DELTA', {
    group: 'PE',
    ja: '特許収益性δ',
    en: 'Patent profitability delta',
    unit: 'money_per_patent',
    help: 'EXEOIA / valid patents: excess earnings on intellectual assets per valid patent.',
    params: [indicator('exeoia', 'EXEOIA', 'EXEOIA'), validPatents],
    body: div(a('exeoia'), a('valid_patents')),
    forecast: FIFTY_PCT,
  }),
  ratio(
    'SALES_PER_REGISTRATION',
    'PE',
    '登録件数当たり売上高',
    'Sales per registration',
    'money_per_patent',
    'Sales / registrations of the fiscal year (参考1).',
    input('sales', 'sales', 'Sales'),
    s('registrations', 'registrations', 'Registrations in the fiscal year'),
  ),
  ratio(
    'SALES_PER_REG_CLAIM',
    'PE',
    '登録請求項当たり売上高',
    'Sales per registered claim',
    'money_per_patent',
    'Sales / registered claims of the fiscal year (参考1).',
    input('sales', 'sales', 'Sales'),
    s('reg_claims', 'reg_claims', 'Registered claims'),
  ),
  ratio(
    'RND_PER_APP_CLAIM',
    'PE',
    '出願請求項当たり研究開発費',
    'R&D per application claim',
    'money_per_patent',
    'R&D / application claims of the year (参考1).',
    input('rnd', 'rnd', 'R&D expenses'),
    s('app_claims', 'app_claims', 'Application claims'),
  ),
];

export const BLOCK2: readonly IndicatorDef[] = [
  // ---- R: R&D (表9)
  // The seed forecasts the R&D-to-sales ratio (表14-1).
  {
    ...ratio(
      'RND_RATIO_ALPHA',
      'R',
      '研究開発費比率α',
      'R&D to sales',
      'percent',
      'R&D / sales × 100.',
      input('rnd', 'rnd', 'R&D expenses'),
      input('sales', 'sales', 'Sales'),
    ),
    forecast: FIVE_PCT,
  },
  ratio(
    'RND_RATIO_BETA',
    'R',
    '研究開発費比率β',
    'R&D to value added',
    'percent',
    'R&D / value added × 100.',
    input('rnd', 'rnd', 'R&D expenses'),
    indicator('va', 'VA', 'Value added'),
  ),
  def('RND_RATIO_GAMMA', {
    group: 'R',
    ja: '研究開発費比率γ',
    en: 'R&D to GBP',
    unit: 'percent',
    help: 'R&D / GBP × 100; not computed when operating income is 0 or less.',
    params: [
      input('rnd', 'rnd', 'R&D expenses'),
      indicator('gbp', 'GBP', 'GBP'),
      indicator('oi', 'OI', 'Operating income'),
    ],
    body: ifThen(
      cmp('<=', a('oi'), num(0)),
      notComputed('RND_RATIO_GAMMA: operating income is 0 or less (seed: not computed)'),
      pct(div(a('rnd'), a('gbp'))),
    ),
  }),
  def('RND_RATIO_DELTA', {
    group: 'R',
    ja: '研究開発費比率δ',
    en: 'R&D to total assets',
    unit: 'percent',
    help: 'R&D / average total assets × 100.',
    params: [
      input('rnd', 'rnd', 'R&D expenses'),
      opening('total_assets_prev', 'total_assets', 'Total assets'),
      closing('total_assets', 'total_assets', 'Total assets'),
    ],
    body: pct(div(a('rnd'), avg(a('total_assets_prev'), a('total_assets')))),
  }),
  count(
    'INVENTORS',
    'R',
    'inventors',
    '発明者数',
    'Inventors',
    'Distinct inventor names on the single-applicant applications filed in the calendar year (same name = same person).',
  ),
  ratio(
    'INVENTOR_RATIO',
    'R',
    '発明者比率',
    'Inventors to employees',
    'percent',
    'Inventors / employees × 100.',
    s('inventors', 'inventors', 'Inventors'),
    input('employees', 'employees', 'Employees'),
  ),
  ratio(
    'RND_PER_INVENTOR',
    'R',
    '発明者1人当研究開発費',
    'R&D per inventor',
    'money_per_person',
    'R&D / inventors.',
    input('rnd', 'rnd', 'R&D expenses'),
    s('inventors', 'inventors', 'Inventors'),
  ),

  // ---- PA: applications, by calendar year of filing
  count(
    'APPLICATIONS',
    'PA',
    'apps',
    '特許出願件数',
    'Applications',
    'Published patent applications filed in the calendar year; a joint application counts 1.',
  ),
  count('APP_CLAIMS', 'PA', 'app_claims', '出願請求項数', 'Application claims', 'Claims of those applications.'),
  ratio(
    'CLAIMS_PER_APP',
    'PA',
    '出願1件当請求項数',
    'Claims per application',
    'number',
    'Application claims / applications.',
    s('app_claims', 'app_claims', 'Application claims'),
    s('apps', 'apps', 'Applications'),
  ),
  ratio(
    'APPS_PER_INVENTOR',
    'PA',
    '発明者1人当出願件数',
    'Applications per inventor',
    'number',
    'Single-applicant applications / inventors.',
    s('single_apps', 'single_apps', 'Single-applicant applications'),
    s('inventors', 'inventors', 'Inventors'),
  ),
  ratio(
    'CLAIMS_PER_INVENTOR',
    'PA',
    '発明者1人当出願請求項数',
    'Claims per inventor',
    'number',
    'Claims of single-applicant applications / inventors.',
    s('single_claims', 'single_claims', 'Claims of single-applicant applications'),
    s('inventors', 'inventors', 'Inventors'),
  ),
  count(
    'JOINT_APPS',
    'PA',
    'joint_apps',
    '共同出願件数',
    'Joint applications',
    'Applications with more than one (consolidated) applicant.',
  ),
  ratio(
    'JOINT_RATIO',
    'PA',
    '共同出願比率',
    'Joint application ratio',
    'percent',
    'Joint applications / applications × 100.',
    s('joint_apps', 'joint_apps', 'Joint applications'),
    s('apps', 'apps', 'Applications'),
  ),
  count(
    'CUM_APPS',
    'PA',
    'cum_apps',
    '累計出願件数',
    'Cumulative applications',
    'Applications filed from the base year to the end of the calendar year.',
  ),

  // ---- PB: examination requests (表10)
  count(
    'EXAM_REQUESTS',
    'PB',
    'exam_requests',
    '審査請求件数',
    'Examination requests',
    'Examination requests made in the calendar year.',
  ),
  ratio(
    'AVG_YEARS_TO_REQUEST',
    'PB',
    '平均出願経過年数',
    'Average years to request',
    'years',
    'Σ(request date − filing date) / requests / 365.25, over the year’s requests.',
    s('request_years', 'request_years', 'Σ years from filing to request'),
    s('exam_requests', 'exam_requests', 'Examination requests'),
  ),
  ratio(
    'EXAM_REQUEST_RATE',
    'PB',
    '審査請求率',
    'Examination request rate',
    'percent',
    'Of the applications filed in the year, those requested by the cut-off / applications × 100.',
    s('requested', 'requested_by_cutoff', 'Applications of the year requested by the cut-off'),
    s('apps', 'apps', 'Applications'),
  ),
  count(
    'CUM_EXAM_REQUESTS',
    'PB',
    'cum_exam_requests',
    '累計審査請求件数',
    'Cumulative examination requests',
    'Requests up to the end of the year on applications filed since the exam base year.',
  ),
  ratio(
    'CUM_EXAM_REQUEST_RATE',
    'PB',
    '累計審査請求率',
    'Cumulative request rate',
    'percent',
    'Cumulative requests / applications since the exam base year × 100.',
    s('cum_requests', 'cum_exam_requests', 'Cumulative requests'),
    s('cum_apps', 'cum_apps_exam_base', 'Applications since the exam base year'),
  ),

  // ---- PT: registrations (表11)
  count(
    'REGISTRATIONS',
    'PT',
    'registrations',
    '特許登録件数',
    'Registrations',
    'Registrations in the fiscal year; a joint one counts 1.',
  ),
  count('REG_CLAIMS', 'PT', 'reg_claims', '登録請求項数', 'Registered claims', 'Claims of those registrations.'),
  ratio(
    'AVG_YEARS_TO_GRANT',
    'PT',
    '平均登録所要年数',
    'Average years to grant',
    'years',
    'Σ(registration date − filing date) / registrations / 365.25.',
    s('grant_years', 'grant_years', 'Σ years from filing to registration'),
    s('registrations', 'registrations', 'Registrations'),
  ),
  ratio(
    'REGISTRATION_RATE',
    'PT',
    '特許登録率',
    'Registration rate',
    'percent',
    'Of the applications filed in the year, those registered by the cut-off / applications × 100.',
    s('registered', 'registered_by_cutoff', 'Applications of the year registered by the cut-off'),
    s('apps', 'apps', 'Applications'),
  ),
  count(
    'CUM_REGISTRATIONS',
    'PT',
    'cum_registrations',
    '累計特許登録件数',
    'Cumulative registrations',
    'Registrations up to the end of the year of applications filed since the base year.',
  ),
  ratio(
    'CUM_REGISTRATION_RATE',
    'PT',
    '累計特許登録率',
    'Cumulative registration rate',
    'percent',
    'Cumulative registrations / cumulative applications × 100.',
    s('cum_registrations', 'cum_registrations', 'Cumulative registrations'),
    s('cum_apps', 'cum_apps', 'Cumulative applications'),
  ),
  ratio(
    'GRANT_RATE',
    'PT',
    '特許査定率',
    'Grant rate',
    'percent',
    'Of the requests made in the fiscal year, those registered by the cut-off / requests × 100.',
    s('granted', 'fy_requests_granted', 'Requests of the FY registered by the cut-off'),
    s('requests', 'fy_exam_requests', 'Requests made in the FY'),
  ),
  ratio(
    'CUM_GRANT_RATE',
    'PT',
    '累計特許査定率',
    'Cumulative grant rate',
    'percent',
    'The grant rate cumulated from the grant-rate base year.',
    s('granted', 'cum_fy_requests_granted', 'Cumulative requests registered by the cut-off'),
    s('requests', 'cum_fy_requests', 'Cumulative requests'),
  ),
  count(
    'VALID_BY_REG_YEAR',
    'PT',
    'valid_by_reg_year',
    '有効特許件数(登録年度別)',
    'Valid patents by registration year',
    'Registrations of the fiscal year not lapsed or expired by the latest FY end.',
  ),
  ratio(
    'VALID_BY_REG_YEAR_RATE',
    'PT',
    '有効特許残存率',
    'Survival rate by registration year',
    'percent',
    'Valid patents of the year’s registrations / registrations × 100.',
    s('valid', 'valid_by_reg_year', 'Valid patents of the year’s registrations'),
    s('registrations', 'registrations', 'Registrations'),
  ),

  // ---- PP: patent productivity (表12, 参考1–2)
  def('APP_PRODUCTIVITY', {
    group: 'PP',
    ja: '特許出願生産性',
    en: 'Application productivity',
    unit: 'per_billion',
    help: 'Claims of the applications of calendar year n (a joint application’s claims divided by its applicants) / R&D of FY n−1, per 1 billion of the currency.',
    params: [
      s('claims', 'shared_claims', 'Claims of year n divided among co-applicants'),
      opening('rnd_prev', 'rnd', 'R&D'),
      moneyUnit,
    ],
    body: perBillion('claims', 'rnd_prev'),
  }),
  def('APP_PRODUCTIVITY_2', {
    group: 'PP',
    ja: '特許出願生産性2',
    en: 'Application productivity (R&D two years before)',
    unit: 'per_billion',
    help: 'As APP_PRODUCTIVITY, over the R&D of FY n−2 (参考1 ▲6▼-2).',
    params: [
      s('claims', 'shared_claims', 'Claims of year n divided among co-applicants'),
      p('rnd_prev2', 'R&D of FY n−2', fin('rnd', 2)),
      moneyUnit,
    ],
    body: perBillion('claims', 'rnd_prev2'),
  }),
  // Cumulative R&D starts at the base FY base_year_rnd (default: the first FY every company of the industry
  // covers), so that the value does not depend on how many years the financials happen to reach back.
  def('APP_PRODUCTIVITY_3', {
    group: 'PP',
    ja: '特許出願生産性3',
    en: 'Application productivity (cumulative R&D to the year before)',
    unit: 'per_billion',
    help: 'As APP_PRODUCTIVITY, over the R&D cumulated from the base FY (base_year_rnd) to FY n−1 (参考1 ▲6▼-3); no value when the R&D of any of those years is missing.',
    params: [
      s('claims', 'shared_claims', 'Claims of year n divided among co-applicants'),
      p('rnd_cum', 'R&D of each FY from the base FY (base_year_rnd) to FY n−1', cumFin('rnd', 1, 'base_year_rnd')),
      moneyUnit,
    ],
    body: perBillion('claims', 'rnd_cum'),
  }),
  def('APP_PRODUCTIVITY_4', {
    group: 'PP',
    ja: '特許出願生産性4',
    en: 'Application productivity (cumulative R&D to two years before)',
    unit: 'per_billion',
    help: 'As APP_PRODUCTIVITY, over the R&D cumulated from the base FY (base_year_rnd) to FY n−2 (参考1 ▲6▼-4); no value when the R&D of any of those years is missing.',
    params: [
      s('claims', 'shared_claims', 'Claims of year n divided among co-applicants'),
      p('rnd_cum2', 'R&D of each FY from the base FY (base_year_rnd) to FY n−2', cumFin('rnd', 2, 'base_year_rnd')),
      moneyUnit,
    ],
    body: perBillion('claims', 'rnd_cum2'),
  }),
  def('EXAM_PRODUCTIVITY', {
    group: 'PP',
    ja: '審査請求生産性',
    en: 'Examination productivity',
    unit: 'per_billion',
    help: 'APP_PRODUCTIVITY × the estimated examination-request rate (the company’s own rate over the filings whose request window has closed).',
    params: [
      indicator('productivity', 'APP_PRODUCTIVITY', 'Application productivity'),
      s('rate', 'est_exam_rate', 'Estimated request rate, fraction'),
    ],
    body: mul(a('productivity'), a('rate')),
  }),
  def('GRANT_PRODUCTIVITY', {
    group: 'PP',
    ja: '特許取得生産性',
    en: 'Grant productivity',
    unit: 'per_billion',
    help: 'APP_PRODUCTIVITY × the estimated registration rate (the company’s own rate over the filings whose request and examination windows have closed).',
    params: [
      indicator('productivity', 'APP_PRODUCTIVITY', 'Application productivity'),
      s('rate', 'est_reg_rate', 'Estimated registration rate, fraction'),
    ],
    body: mul(a('productivity'), a('rate')),
  }),

  // ---- PS: patent stock (表13)
  count(
    'VALID_PATENTS',
    'PS',
    'valid_patents',
    '総有効特許件数',
    'Valid patents',
    'Registrations since the base year less those lapsed or expired, at the FY end (a lapse or expiry on the FY-end day counts).',
  ),
  ratio(
    'VALID_SURVIVAL_RATE',
    'PS',
    '総有効特許残存率',
    'Survival rate of the stock',
    'percent',
    'Valid patents / registrations since the base year × 100.',
    s('valid', 'valid_patents', 'Valid patents'),
    s('registered', 'cum_reg_since_base', 'Registrations since the base year'),
  ),
  ratio(
    'AVG_REMAINING_LIFE',
    'PS',
    '総有効特許平均残存年数',
    'Average remaining life',
    'years',
    'Σ(expiry − FY end) / valid patents / 365.25.',
    s('remaining', 'remaining_life', 'Σ remaining years of the valid patents'),
    s('valid', 'valid_patents', 'Valid patents'),
  ),
  def('STOCK_INDEX', {
    group: 'PS',
    ja: '特許ストック指数',
    en: 'Patent stock index',
    unit: 'years',
    help: 'Valid patents × their average remaining life (patent-years).',
    params: [
      indicator('valid', 'VALID_PATENTS', 'Valid patents'),
      indicator('remaining', 'AVG_REMAINING_LIFE', 'Average remaining life'),
    ],
    body: mul(a('valid'), a('remaining')),
  }),
];

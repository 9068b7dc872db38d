/**
 * The per-company, per-year patent statistics the core aggregates from the records (the Statistics sheet).
 * Block 2's indicators are formulas over these and the financial inputs. `basis` says which year a value
 * belongs to: the calendar year of filing (年次) or the company's fiscal year (年度).
 */
export type StatBasis = 'calendar' | 'fiscal' | 'company';

export interface StatFieldDef {
  readonly id: string;
  readonly ja: string;
  readonly en: string;
  readonly basis: StatBasis;
}

export const STAT_FIELDS = [
  { id: 'apps', ja: '特許出願件数', en: 'Applications filed', basis: 'calendar' },
  { id: 'app_claims', ja: '出願請求項数', en: 'Claims of the applications', basis: 'calendar' },
  { id: 'single_apps', ja: '単独出願件数', en: 'Single-applicant applications', basis: 'calendar' },
  { id: 'single_claims', ja: '単独出願請求項数', en: 'Claims of single-applicant applications', basis: 'calendar' },
  { id: 'inventors', ja: '発明者数', en: 'Distinct inventors (single-applicant applications)', basis: 'calendar' },
  { id: 'joint_apps', ja: '共同出願件数', en: 'Joint applications', basis: 'calendar' },
  { id: 'shared_claims', ja: '按分出願請求項数', en: 'Claims divided among co-applicants', basis: 'calendar' },
  { id: 'cum_apps', ja: '累計出願件数', en: 'Applications since the base year', basis: 'calendar' },
  { id: 'exam_requests', ja: '審査請求件数', en: 'Examination requests made', basis: 'calendar' },
  { id: 'request_years', ja: '出願経過年数合計', en: 'Σ years from filing to request', basis: 'calendar' },
  {
    id: 'requested_by_cutoff',
    ja: '締切日までの審査請求件数',
    en: "Year's applications requested by the cut-off",
    basis: 'calendar',
  },
  { id: 'cum_exam_requests', ja: '累計審査請求件数', en: 'Requests since the exam base year', basis: 'calendar' },
  {
    id: 'cum_apps_exam_base',
    ja: '累計出願件数(審査請求基準年以降)',
    en: 'Applications since the exam base year',
    basis: 'calendar',
  },
  {
    id: 'registered_by_cutoff',
    ja: '締切日までの登録件数',
    en: "Year's applications registered by the cut-off",
    basis: 'calendar',
  },
  {
    id: 'cum_registrations',
    ja: '累計特許登録件数',
    en: 'Registrations of applications since the base year',
    basis: 'calendar',
  },
  { id: 'registrations', ja: '特許登録件数', en: 'Registrations in the fiscal year', basis: 'fiscal' },
  { id: 'reg_claims', ja: '登録請求項数', en: 'Claims of the registrations', basis: 'fiscal' },
  { id: 'grant_years', ja: '登録所要年数合計', en: 'Σ years from filing to registration', basis: 'fiscal' },
  { id: 'fy_exam_requests', ja: '年度審査請求件数', en: 'Requests made in the fiscal year', basis: 'fiscal' },
  {
    id: 'fy_requests_granted',
    ja: '年度審査請求の登録件数',
    en: "Fiscal year's requests registered by the cut-off",
    basis: 'fiscal',
  },
  {
    id: 'cum_fy_requests',
    ja: '累計審査請求件数(査定率基準年度以降)',
    en: 'Requests since the grant-rate base year',
    basis: 'fiscal',
  },
  {
    id: 'cum_fy_requests_granted',
    ja: '累計審査請求の登録件数',
    en: 'Of those, registered by the cut-off',
    basis: 'fiscal',
  },
  {
    id: 'valid_by_reg_year',
    ja: '登録年度別有効特許件数',
    en: "Fiscal year's registrations alive at the latest FY end",
    basis: 'fiscal',
  },
  { id: 'valid_patents', ja: '総有効特許件数', en: 'Valid patents at the FY end', basis: 'fiscal' },
  {
    id: 'cum_reg_since_base',
    ja: '累計特許登録件数(基準年以降)',
    en: 'Registrations since the base year to the FY end',
    basis: 'fiscal',
  },
  { id: 'remaining_life', ja: '有効特許残存年数合計', en: 'Σ remaining years of the valid patents', basis: 'fiscal' },
  { id: 'est_exam_rate', ja: '推定審査請求率', en: 'Estimated examination-request rate (fraction)', basis: 'company' },
  { id: 'est_reg_rate', ja: '推定登録率', en: 'Estimated registration rate (fraction)', basis: 'company' },
] as const satisfies readonly StatFieldDef[];

export type StatField = (typeof STAT_FIELDS)[number]['id'];

export function statField(id: StatField): StatFieldDef {
  return STAT_FIELDS.find((f) => f.id === id) as StatFieldDef;
}

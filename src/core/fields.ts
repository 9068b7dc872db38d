/**
 * The input fields of financials.csv and market.csv (../shared/spec/inputs.md). Names, labels and units are
 * defined here once; the CSV reader, the Inputs sheet and the docs all read this list.
 */
export type FieldUnit = 'money' | 'count' | 'price' | 'shares' | 'ratio' | 'fraction';

export interface FieldDef<Id extends string = string> {
  readonly id: Id;
  readonly ja: string;
  readonly en: string;
  readonly unit: FieldUnit;
}

export const FINANCIAL_FIELDS = [
  { id: 'sales', ja: '売上高', en: 'Sales', unit: 'money' },
  { id: 'cost_of_sales', ja: '売上原価', en: 'Cost of sales', unit: 'money' },
  { id: 'sga', ja: '販売費及び一般管理費', en: 'SG&A expenses', unit: 'money' },
  { id: 'operating_income', ja: '営業利益', en: 'Operating income', unit: 'money' },
  { id: 'rnd', ja: '研究開発費', en: 'R&D expenses', unit: 'money' },
  { id: 'depreciation', ja: '減価償却費', en: 'Depreciation', unit: 'money' },
  { id: 'personnel_cost', ja: '人件費', en: 'Personnel cost (incl. officers)', unit: 'money' },
  { id: 'welfare_cost', ja: '福利厚生費', en: 'Welfare cost', unit: 'money' },
  { id: 'taxes_dues', ja: '租税公課', en: 'Taxes and dues', unit: 'money' },
  { id: 'interest_paid', ja: '支払利息・割引料', en: 'Interest paid', unit: 'money' },
  { id: 'royalty_income', ja: '特許料等ロイヤルティー収入', en: 'Royalty income', unit: 'money' },
  { id: 'total_assets', ja: '総資産', en: 'Total assets', unit: 'money' },
  { id: 'ppe', ja: '有形固定資産', en: 'Property, plant and equipment', unit: 'money' },
  { id: 'ppe_depreciable', ja: '償却対象有形固定資産', en: 'Depreciable PPE (excl. land)', unit: 'money' },
  { id: 'current_assets', ja: '流動資産', en: 'Current assets', unit: 'money' },
  { id: 'current_liabilities', ja: '流動負債', en: 'Current liabilities', unit: 'money' },
  { id: 'fixed_liabilities', ja: '固定負債', en: 'Fixed liabilities', unit: 'money' },
  { id: 'equity', ja: '自己資本', en: 'Equity', unit: 'money' },
  { id: 'interest_bearing_debt', ja: '有利子負債', en: 'Interest-bearing debt', unit: 'money' },
  { id: 'shares_outstanding', ja: '発行済株式総数', en: 'Shares outstanding', unit: 'shares' },
  { id: 'share_price', ja: '期末株価', en: 'FY-end share price', unit: 'price' },
  { id: 'beta', ja: 'β値', en: 'CAPM beta', unit: 'ratio' },
  { id: 'employees', ja: '従業員数', en: 'Employees', unit: 'count' },
] as const satisfies readonly FieldDef[];

export type FinField = (typeof FINANCIAL_FIELDS)[number]['id'];

export const MARKET_FIELDS = [
  { id: 'short_prime_rate', ja: '短期プライムレート (m)', en: 'Short-term prime rate (m)', unit: 'fraction' },
  { id: 'long_prime_rate', ja: '長期プライムレート (f)', en: 'Long-term prime rate (f)', unit: 'fraction' },
  { id: 'bond_yield', ja: '社債利回り', en: 'Corporate bond yield', unit: 'fraction' },
  { id: 'debt_weight', ja: '長期プライムレートの加重', en: 'Weight of the long prime rate in a', unit: 'fraction' },
  { id: 'tax_rate', ja: '法人税率', en: 'Corporate tax rate', unit: 'fraction' },
  { id: 'risk_free_rate', ja: '10年国債利回り', en: '10-year government bond yield', unit: 'fraction' },
  { id: 'market_return', ja: '株式投資収益率', en: 'Expected market return', unit: 'fraction' },
] as const satisfies readonly FieldDef[];

export type MarketField = (typeof MARKET_FIELDS)[number]['id'];

export const FINANCIAL_FIELD_IDS: readonly FinField[] = FINANCIAL_FIELDS.map((f) => f.id);
export const MARKET_FIELD_IDS: readonly MarketField[] = MARKET_FIELDS.map((f) => f.id);

export function financialField(id: FinField): FieldDef<FinField> {
  return FINANCIAL_FIELDS.find((f) => f.id === id) as FieldDef<FinField>;
}

export function marketField(id: MarketField): FieldDef<MarketField> {
  return MARKET_FIELDS.find((f) => f.id === id) as FieldDef<MarketField>;
}

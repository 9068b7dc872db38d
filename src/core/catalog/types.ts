import type { Expr } from '../expr';

/** Display and formatting unit of an indicator. */
export type Unit =
  | 'money' // in the input's money unit (JPY million by default)
  | 'money_per_person'
  | 'percent'
  | 'pct_points'
  | 'times' // a multiple or index such as PBR or INVEST_TREND
  | 'count'
  | 'number' // a plain average such as claims per application
  | 'years'
  | 'money_per_patent'
  | 'per_billion'; // claims per JPY 1 billion of R&D

export const UNIT_LABEL: Record<Unit, { ja: string; en: string }> = {
  money: { ja: '百万円', en: 'money unit' },
  money_per_person: { ja: '百万円/人', en: 'money unit per person' },
  percent: { ja: '%', en: '%' },
  pct_points: { ja: 'ポイント', en: 'pct pts' },
  times: { ja: '倍', en: 'times' },
  count: { ja: '件', en: 'count' },
  number: { ja: '—', en: 'number' },
  years: { ja: '年', en: 'years' },
  money_per_patent: { ja: '百万円/件', en: 'money unit per patent' },
  per_billion: { ja: '項/10億円', en: 'claims per 1 billion of R&D' },
};

export type GroupId = 'A' | 'B' | 'C' | 'D' | 'M' | 'PE' | 'R' | 'PA' | 'PB' | 'PT' | 'PP' | 'PS';

export interface GroupDef {
  readonly id: GroupId;
  readonly block: 1 | 2 | 3;
  readonly ja: string;
  readonly en: string;
}

/** A named argument of an indicator: what it means and, for the workbook and the core, where it comes from. */
export interface ParamDef {
  readonly name: string;
  readonly help: string;
  /** Expression over data leaves (inputs, other indicators, industry averages) that supplies the argument. */
  readonly source: Expr;
}

export interface ForecastRule {
  /** Deviation band as a fraction: 0.05 for ±5%, 0.5 for ±50%. */
  readonly band: number;
  /** PBR's own rule: no forecast when PBR of any of the three periods is ≥ 20 or < 0.4. */
  readonly pbrGuard?: boolean;
}

export interface IndicatorDef {
  readonly id: string;
  readonly group: GroupId;
  readonly ja: string;
  readonly en: string;
  readonly unit: Unit;
  /** One-sentence definition, shown as function help and in the docs. */
  readonly help: string;
  readonly params: readonly ParamDef[];
  /** The computation over the params (by name). */
  readonly body: Expr;
  /** Shown as a sub-row of another indicator (e.g. VA_SALES under VA), not a row of its own. */
  readonly subRowOf?: string;
  readonly star: boolean;
  readonly forecast?: ForecastRule;
  /** Year-on-year ratio sub-row (money and count indicators). */
  readonly yoy: boolean;
}

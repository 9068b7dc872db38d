/** The small vocabulary the catalog's blocks are written in: parameters bound to data, and indicator specs. */
import { type Expr, fin, ind } from '../expr';
import type { FinField } from '../fields';
import type { ForecastRule, IndicatorDef, ParamDef, Unit } from './types';

/** Parameter helpers: a named argument bound to its data source. */
export function p(name: string, help: string, source: Expr): ParamDef {
  return { name, help, source };
}
export const input = (name: string, field: FinField, help: string): ParamDef => p(name, help, fin(field));
export const opening = (name: string, field: FinField, help: string): ParamDef =>
  p(name, `${help}, previous FY end`, fin(field, 1));
export const closing = (name: string, field: FinField, help: string): ParamDef =>
  p(name, `${help}, this FY end`, fin(field));
export const indicator = (name: string, id: string, help: string): ParamDef => p(name, help, ind(id));
export interface Spec {
  group: IndicatorDef['group'];
  ja: string;
  en: string;
  unit: Unit;
  help: string;
  params: ParamDef[];
  body: Expr;
  subRowOf?: string;
  forecast?: ForecastRule;
  star?: boolean;
}

/** An indicator; star-ranked unless it is a sub-row, YoY for money and count units. */
export function def(id: string, s: Spec): IndicatorDef {
  const yoy =
    !s.subRowOf &&
    (s.unit === 'money' || s.unit === 'money_per_person' || s.unit === 'count' || s.unit === 'money_per_patent');
  return { id, star: s.star ?? !s.subRowOf, yoy, ...s };
}

export const FIVE_PCT: ForecastRule = { band: 0.05 };
export const FIFTY_PCT: ForecastRule = { band: 0.5 };

/** Conversions between core values and workbook cells. */
import type { Leaf } from '../expr';
import type { StatField } from '../patents/statFields';
import { isNoValue, type NoValue, type Value } from '../values';
import type { InputsLayout } from './inputsSheet';
import type { Cell, CellResult, StyleName } from './model';

export function resultOf(v: Value | string | NoValue): CellResult {
  if (typeof v === 'number' || typeof v === 'string') return v;
  return { error: v.error };
}

/** A formula cell with its cached result; a value that cannot be computed carries its reason as a note. */
export function formulaCell(
  formula: string,
  v: Value | string | NoValue,
  style: StyleName,
  noteIfMissing = true,
): Cell {
  const note = noteIfMissing && isNoValue(v) ? `${v.error} when built: ${v.message}` : undefined;
  return { formula, result: resultOf(v), style, note };
}

/** Where statistics leaves point: the Statistics sheet, when patent records are loaded. */
export type StatRefs = (company: string, year: number, field: StatField) => string | undefined;

/** Leaf references common to the Industry and Evaluation sheets; `ind`/`indavg` differ per sheet. */
export function inputLeafRefs(
  inputs: InputsLayout,
  stats: StatRefs | undefined,
  company: string,
  year: number,
  indicatorRef: (id: string, year: number) => string | undefined,
  averageRef: (id: string, year: number) => string | undefined,
): (leaf: Leaf) => string {
  return (leaf) => {
    switch (leaf.kind) {
      case 'fin':
        return inputs.fin(company, year - leaf.lag, leaf.field) ?? 'NA()';
      case 'cumfin': {
        const from = inputs.baseYear(leaf.base);
        return from === undefined ? 'NA()' : (inputs.finRange(company, from, year - leaf.lag, leaf.field) ?? 'NA()');
      }
      case 'mkt':
        return inputs.market(year, leaf.field) ?? 'NA()';
      case 'stat':
        return stats?.(company, year - leaf.lag, leaf.field) ?? 'NA()';
      case 'ind':
        return indicatorRef(leaf.id, year - leaf.lag) ?? 'NA()';
      case 'indavg':
        return averageRef(leaf.id, year) ?? 'NA()';
      case 'param':
        return inputs.moneyUnit;
    }
  };
}

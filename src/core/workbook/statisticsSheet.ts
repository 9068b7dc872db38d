/**
 * The Statistics sheet: the patent statistics the core aggregated from the records, one row per company and
 * year, one column per statistic (calendar filing year or fiscal year, as its header says). Block 2's
 * indicators are formulas over these cells. A statistic the records cannot give is #N/A with the reason.
 */
import type { PatentStats } from '../patents/stats';
import { STAT_FIELDS, type StatField } from '../patents/statFields';
import type { Universe } from '../universe';
import { isNoValue } from '../values';
import { type Sheet, newSheet, setCell, sheetRef } from './model';

export const STATISTICS = 'Statistics';

export interface StatisticsLayout {
  readonly sheet: Sheet;
  ref(company: string, year: number, field: StatField): string | undefined;
}

const BASIS_LABEL = {
  calendar: '年次 calendar year of filing',
  fiscal: '年度 fiscal year',
  company: '全期間 whole history',
} as const;

export function buildStatisticsSheet(universe: Universe, industry: string, stats: PatentStats): StatisticsLayout {
  const sheet = newSheet(STATISTICS);
  sheet.tabColor = 'FF7030A0';
  const p = stats.params;
  setCell(sheet, 1, 1, { value: '特許統計 Patent statistics', style: 'title' });
  setCell(sheet, 2, 1, {
    value: `Aggregated from the Patents sheet. Cut-off ${p.cutoff}; base years: applications and stock ${p.baseYearApplications}, examination requests ${p.baseYearExam}, grant rate FY${p.baseYearGrantRate}. A joint application counts once; its claims are divided among its applicants only in "shared_claims".`,
    style: 'subtitle',
  });
  const headerRow = 4;
  setCell(sheet, headerRow, 1, { value: '企業 Company', style: 'headerLeft' });
  setCell(sheet, headerRow, 2, { value: '年 Year', style: 'header' });
  setCell(sheet, headerRow + 1, 1, { value: '', style: 'headerLeft' });
  setCell(sheet, headerRow + 1, 2, { value: '', style: 'header' });
  STAT_FIELDS.forEach((f, i) => {
    setCell(sheet, headerRow, 3 + i, { value: `${f.ja}\n${f.en} (${f.id})`, style: 'header' });
    setCell(sheet, headerRow + 1, 3 + i, { value: BASIS_LABEL[f.basis], style: 'header' });
  });
  const rows = new Map<string, number>();
  let row = headerRow + 2;
  const ind = universe.industries.get(industry);
  for (const name of ind?.companies ?? []) {
    for (const y of ind?.years ?? []) {
      setCell(sheet, row, 1, { value: name, style: 'text' });
      setCell(sheet, row, 2, { value: y });
      STAT_FIELDS.forEach((f, i) => {
        const v = stats.value(name, y, f.id);
        setCell(
          sheet,
          row,
          3 + i,
          isNoValue(v)
            ? { formula: 'NA()', result: { error: '#N/A' }, style: 'inputMissing', note: v.message }
            : { value: v, style: f.id.endsWith('_rate') ? 'inputRate' : Number.isInteger(v) ? 'count' : 'years' },
        );
      });
      rows.set(`${name}\u0000${y}`, row);
      row += 1;
    }
  }
  sheet.columnWidths.set(1, 28);
  sheet.columnWidths.set(2, 8);
  STAT_FIELDS.forEach((_, i) => sheet.columnWidths.set(3 + i, 16));
  sheet.freeze = { rows: headerRow + 1, columns: 2 };
  const col = new Map(STAT_FIELDS.map((f, i) => [f.id as StatField, 3 + i]));
  return {
    sheet,
    ref: (company, year, field) => {
      const r = rows.get(`${company}\u0000${year}`);
      const c = col.get(field);
      return r === undefined || c === undefined ? undefined : sheetRef(STATISTICS, r, c);
    },
  };
}

/**
 * The Industry sheet: every indicator for every company of the subject's industry, so that industry
 * averages (excess earnings) and the star ranks' distributions are live formulas too. One column block
 * per indicator: a column per fiscal year, then the 3-period mean of the star window; below the
 * companies, the mean, the population SD and the count of the companies that have a value.
 */
import type { IndicatorDef } from '../catalog';
import type { UniverseResults } from '../engine';
import { distribution, periodMean } from '../rank';
import type { CompanySummary } from '../summary';
import { formulaCell, inputLeafRefs, type StatRefs } from './cells';
import { aggregateMean, aggregateSd, indicatorFormula } from './formulas';
import type { InputsLayout } from './inputsSheet';
import { type FormulaMode, type Sheet, a1, newSheet, rangeRef, setCell, sheetRef } from './model';

export const INDUSTRY = 'Industry';

export interface IndustryLayout {
  readonly sheet: Sheet;
  /** Reference (with sheet prefix) to the industry average of an indicator for a year. */
  average(id: string, year: number): string | undefined;
  /** The range of the companies' 3-period means, and the cells of their mean and SD. */
  star(id: string): { peers: string; mean: string; sd: string };
}

const FIRST_ROW = 6;

export function buildIndustrySheet(
  results: UniverseResults,
  s: CompanySummary,
  inputs: InputsLayout,
  stats: StatRefs | undefined,
  indicators: readonly IndicatorDef[],
  mode: FormulaMode,
): IndustryLayout {
  const sheet = newSheet(INDUSTRY);
  sheet.tabColor = 'FFED7D31';
  const years = s.industry.years;
  const companies = s.industry.companies;
  const blockWidth = years.length + 1;
  const colOf = new Map(indicators.map((d, i) => [d.id, 2 + i * blockWidth]));
  const rowOf = new Map(companies.map((c, i) => [c, FIRST_ROW + i]));
  const lastRow = FIRST_ROW + companies.length - 1;
  const [avgRow, sdRow, nRow] = [lastRow + 1, lastRow + 2, lastRow + 3];
  const yearCol = (id: string, year: number): number | undefined => {
    const i = year - years[0];
    const c = colOf.get(id);
    return c === undefined || i < 0 || i >= years.length ? undefined : c + i;
  };
  const windowCols = s.window.map((y) => yearCol(indicators[0].id, y));
  const windowInside = windowCols.every((c) => c !== undefined);

  setCell(sheet, 1, 1, {
    value: `業種比較 Industry: ${s.industry.name} (${companies.length} companies)`,
    style: 'title',
  });
  setCell(sheet, 2, 1, {
    value: `Every indicator of every company of the industry. Below the companies: the industry average (mean of the companies with a value), SD and count. The last column of each block is the ${s.window.length}-period mean FY${s.window[0]}–FY${s.window[s.window.length - 1]} used by the star ranks.`,
    style: 'subtitle',
  });
  setCell(sheet, 5, 1, { value: '企業 Company', style: 'headerLeft' });
  companies.forEach((c) =>
    setCell(sheet, rowOf.get(c) ?? 0, 1, { value: c, style: c === s.company.name ? 'subjectText' : 'text' }),
  );
  setCell(sheet, avgRow, 1, { value: '業種平均 Industry mean', style: 'statLabel' });
  setCell(sheet, sdRow, 1, { value: '標準偏差 SD (population)', style: 'statLabel' });
  setCell(sheet, nRow, 1, { value: '社数 n', style: 'statLabel' });
  sheet.columnWidths.set(1, 28);

  for (const def of indicators) {
    const c0 = colOf.get(def.id) ?? 0;
    setCell(sheet, 4, c0, { value: `${def.id}  ${def.ja} / ${def.en}`, style: 'group' });
    sheet.merges.push(`${a1(4, c0)}:${a1(4, c0 + blockWidth - 1)}`);
    years.forEach((y, i) => setCell(sheet, 5, c0 + i, { value: `FY${y}`, style: 'header' }));
    const meanCol = c0 + years.length;
    setCell(sheet, 5, meanCol, { value: `${s.window.length}期平均`, style: 'header' });

    for (const company of companies) {
      const r = rowOf.get(company) ?? 0;
      for (const y of years) {
        const refs = inputLeafRefs(
          inputs,
          stats,
          company,
          y,
          (id, yy) => {
            const cc = yearCol(id, yy);
            return cc === undefined ? undefined : a1(r, cc);
          },
          (id, yy) => {
            const cc = yearCol(id, yy);
            return cc === undefined ? undefined : a1(avgRow, cc);
          },
        );
        setCell(
          sheet,
          r,
          yearCol(def.id, y) ?? 0,
          formulaCell(indicatorFormula(def, refs, mode), results.value(def.id, company, y), def.unit, false),
        );
      }
      const mean = periodMean(s.window.map((y) => results.value(def.id, company, y)));
      const cols = s.window.map((y) => yearCol(def.id, y) ?? 0);
      const meanFormula = windowInside ? `AVERAGE(${a1(r, cols[0])}:${a1(r, cols[cols.length - 1])})` : 'NA()';
      setCell(sheet, r, meanCol, formulaCell(meanFormula, mean, def.unit, false));
    }

    for (let col = c0; col <= meanCol; col += 1) {
      const xs =
        col === meanCol
          ? companies.map((c) => periodMean(s.window.map((y) => results.value(def.id, c, y))))
          : companies.map((c) => results.value(def.id, c, years[col - c0]));
      const dist = distribution(xs);
      const range = rangeRef(undefined, FIRST_ROW, col, lastRow, col);
      setCell(sheet, avgRow, col, formulaCell(aggregateMean(range), dist.mean, 'stat', false));
      setCell(sheet, sdRow, col, formulaCell(aggregateSd(range), dist.sd, 'stat', false));
      setCell(sheet, nRow, col, formulaCell(`COUNT(${range})`, dist.n, 'count', false));
    }
    for (let col = c0; col <= meanCol; col += 1) sheet.columnWidths.set(col, 12);
  }
  sheet.freeze = { rows: 5, columns: 1 };

  return {
    sheet,
    average: (id, year) => {
      const c = yearCol(id, year);
      return c === undefined ? undefined : sheetRef(INDUSTRY, avgRow, c);
    },
    star: (id) => {
      const mc = (colOf.get(id) ?? 0) + years.length;
      return {
        peers: rangeRef(INDUSTRY, FIRST_ROW, mc, lastRow, mc),
        mean: sheetRef(INDUSTRY, avgRow, mc),
        sd: sheetRef(INDUSTRY, sdRow, mc),
      };
    },
  };
}

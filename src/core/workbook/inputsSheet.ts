/** The Inputs sheet: parameters, market inputs and the financial inputs of the industry's companies. */
import { cumulativeBaseYear } from '../cumulative';
import type { CumulativeBase } from '../expr';
import { FINANCIAL_FIELDS, MARKET_FIELDS, type FieldDef, type FinField, type MarketField } from '../fields';
import type { Universe } from '../universe';
import { type Sheet, type StyleName, newSheet, rangeRef, setCell, sheetRef } from './model';

export const INPUTS = 'Inputs';

export interface InputsLayout {
  readonly sheet: Sheet;
  readonly moneyUnit: string;
  /** Reference to a company's input cell, or undefined when the company has no row for that year. */
  fin(company: string, year: number, field: FinField): string | undefined;
  market(year: number, field: MarketField): string | undefined;
  /** The range of a company's input cells of FY from … FY to, or undefined when a year has no row or none is in it. */
  finRange(company: string, from: number, to: number, field: FinField): string | undefined;
  /** The industry's base fiscal year of a cumulative sum (shown among the parameters). */
  baseYear(base: CumulativeBase): number | undefined;
  /** Row of a company-year on the sheet (for the audit trail). */
  finRow(company: string, year: number): number | undefined;
}

function inputStyle(f: FieldDef): StyleName {
  if (f.unit === 'money') return 'inputMoney';
  if (f.unit === 'fraction') return 'inputRate';
  return 'inputNumber';
}

function writeValue(
  sheet: Sheet,
  row: number,
  col: number,
  f: FieldDef,
  v: number | undefined,
  missingNote: string,
  provenance?: string,
): void {
  if (v === undefined) {
    // An unknown input is #N/A, never a blank that formulas would read as 0.
    const note = provenance ?? missingNote;
    setCell(sheet, row, col, { formula: 'NA()', result: { error: '#N/A' }, style: 'inputMissing', note });
  } else {
    setCell(sheet, row, col, { value: v, style: inputStyle(f), ...(provenance ? { note: provenance } : {}) });
  }
}

function headerRows(sheet: Sheet, row: number, firstCol: number, fields: readonly FieldDef[]): void {
  fields.forEach((f, i) => {
    setCell(sheet, row, firstCol + i, { value: f.ja, style: 'header' });
    setCell(sheet, row + 1, firstCol + i, { value: `${f.en} (${f.id})`, style: 'header' });
  });
}

export function buildInputsSheet(
  universe: Universe,
  industry: string,
  files: { financials: string; market: string },
): InputsLayout {
  const sheet = newSheet(INPUTS);
  sheet.tabColor = 'FF70AD47';
  setCell(sheet, 1, 1, { value: '入力データ Inputs', style: 'title' });
  setCell(sheet, 2, 1, {
    value: `Edit any input and every indicator recalculates. #N/A marks an input that is not known. Sources: ${files.financials}, ${files.market}.`,
    style: 'subtitle',
  });

  // Parameters
  setCell(sheet, 4, 1, { value: 'パラメータ Parameters', style: 'group' });
  setCell(sheet, 5, 1, { value: 'money_unit', style: 'id' });
  setCell(sheet, 5, 2, {
    value: '通貨単位 Money unit: currency base units per unit of the money inputs (1,000,000 = JPY million)',
    style: 'label',
  });
  setCell(sheet, 5, 3, { value: universe.moneyUnit, style: 'count' });
  const moneyUnit = sheetRef(INPUTS, 5, 3);
  // Fixed when the workbook is built: the cumulative R&D formulas SUM the R&D cells from this year on.
  const baseYearRnd = cumulativeBaseYear(universe, industry, 'base_year_rnd');
  setCell(sheet, 6, 1, { value: 'base_year_rnd', style: 'id' });
  setCell(sheet, 6, 2, {
    value:
      `累計研究開発費の起算年度 Base FY of cumulative R&D (APP_PRODUCTIVITY_3, _4): ` +
      (universe.cumulativeBases.base_year_rnd !== undefined
        ? 'set when built'
        : 'the first FY every company of the industry covers') +
      '; their formulas SUM the R&D cells from this FY (ipb evaluate --base-year-rnd)',
    style: 'label',
  });
  setCell(sheet, 6, 3, { value: baseYearRnd === undefined ? '—' : `FY${baseYearRnd}`, style: 'text' });

  // Market inputs
  const mFields = MARKET_FIELDS as readonly FieldDef<MarketField>[];
  setCell(sheet, 7, 1, { value: `市場データ Market inputs (${files.market})`, style: 'group' });
  headerRows(sheet, 8, 1, [{ id: 'fiscal_year', ja: '年度', en: 'Fiscal year', unit: 'count' }, ...mFields]);
  const marketRows = new Map<number, number>();
  let row = 10;
  for (const year of [...universe.market.keys()].sort((a, b) => a - b)) {
    const m = universe.market.get(year);
    if (!m) continue;
    setCell(sheet, row, 1, { value: year });
    mFields.forEach((f, i) =>
      writeValue(
        sheet,
        row,
        2 + i,
        f,
        m.values[f.id],
        `Not known in ${m.file} row ${m.line}: type the rate (a fraction) here.`,
      ),
    );
    marketRows.set(year, row);
    row += 1;
  }

  // Financial inputs of the industry's companies
  row += 1;
  const fFields = FINANCIAL_FIELDS as readonly FieldDef<FinField>[];
  setCell(sheet, row, 1, {
    value: `財務データ Financial inputs (${files.financials}): industry ${industry}`,
    style: 'group',
  });
  row += 1;
  const keyFields: FieldDef[] = [
    { id: 'company', ja: '企業名', en: 'Company', unit: 'count' },
    { id: 'industry', ja: '業種', en: 'Industry', unit: 'count' },
    { id: 'fiscal_year', ja: '年度', en: 'Fiscal year', unit: 'count' },
    { id: 'fy_end', ja: '決算期末', en: 'FY end', unit: 'count' },
  ];
  headerRows(sheet, row, 1, [...keyFields, ...fFields]);
  row += 2;
  const finRows = new Map<string, number>();
  const ind = universe.industries.get(industry);
  for (const name of ind?.companies ?? []) {
    const c = universe.companies.get(name);
    if (!c) continue;
    for (const [year, r] of [...c.rows].sort(([a], [b]) => a - b)) {
      setCell(sheet, row, 1, { value: r.company, style: 'text' });
      setCell(sheet, row, 2, { value: r.industry, style: 'text' });
      setCell(sheet, row, 3, { value: r.fiscalYear });
      setCell(sheet, row, 4, { value: r.fyEnd, style: 'text' });
      fFields.forEach((f, i) =>
        writeValue(
          sheet,
          row,
          5 + i,
          f,
          r.values[f.id],
          `Not known in ${r.file} row ${r.line}: type the value here.`,
          r.provenance?.[f.id],
        ),
      );
      finRows.set(`${name}\u0000${year}`, row);
      row += 1;
    }
  }
  sheet.columnWidths.set(1, 24);
  sheet.columnWidths.set(2, 16);
  for (let c = 3; c <= 4 + fFields.length; c += 1) sheet.columnWidths.set(c, 14);
  sheet.freeze = { rows: 0, columns: 1 };

  const finCol = new Map(fFields.map((f, i) => [f.id, 5 + i]));
  const mktCol = new Map(mFields.map((f, i) => [f.id, 2 + i]));
  return {
    sheet,
    moneyUnit,
    finRow: (company, year) => finRows.get(`${company}\u0000${year}`),
    fin: (company, year, field) => {
      const r = finRows.get(`${company}\u0000${year}`);
      const c = finCol.get(field);
      return r === undefined || c === undefined ? undefined : sheetRef(INPUTS, r, c);
    },
    finRange: (company, from, to, field) => {
      if (to < from) return undefined;
      const first = finRows.get(`${company}\u0000${from}`);
      const last = finRows.get(`${company}\u0000${to}`);
      const c = finCol.get(field);
      // A company's rows are written in year order, so a range without gaps spans exactly to − from + 1 rows.
      if (first === undefined || last === undefined || c === undefined || last - first !== to - from) return undefined;
      return rangeRef(INPUTS, first, c, last, c);
    },
    baseYear: (base) => cumulativeBaseYear(universe, industry, base),
    market: (year, field) => {
      const r = marketRows.get(year);
      const c = mktCol.get(field);
      return r === undefined || c === undefined ? undefined : sheetRef(INPUTS, r, c);
    },
  };
}

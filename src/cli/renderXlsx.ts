/** Draws a workbook model with ExcelJS: the CLI's renderer. Thin: every decision is in the model. */
import ExcelJS from 'exceljs';
import type { Cell, CellResult, Sheet, Style, WorkbookModel } from '../core/workbook/model';
import { getCell, STYLES } from '../core/workbook/model';

/** Functions newer than Excel 2007 are stored with the `_xlfn.` prefix in OOXML. */
const FUTURE_FUNCTIONS = ['AGGREGATE'];

/**
 * A formula as the file stores it. JavaScript custom functions are saved by Excel as `_xldudf_<NS>_<NAME>`;
 * a workbook written that way binds to the add-in's functions when it is loaded.
 */
export function fileFormula(formula: string): string {
  let f = formula.replace(/(?<![A-Za-z0-9_.])IPB\.([A-Z0-9_]+)\(/g, '_xldudf_IPB_$1(');
  for (const fn of FUTURE_FUNCTIONS) f = f.replace(new RegExp(`(?<![A-Za-z0-9_.])${fn}\\(`, 'g'), `_xlfn.${fn}(`);
  return f;
}

function toExcelResult(r: CellResult | undefined): ExcelJS.CellFormulaValue['result'] {
  if (r === undefined) return undefined;
  if (typeof r === 'object') return { error: r.error } as ExcelJS.CellErrorValue;
  return r;
}

function applyStyle(target: ExcelJS.Cell, s: Style): void {
  if (s.numFmt) target.numFmt = s.numFmt;
  if (s.bold || s.italic || s.size || s.color) {
    target.font = { bold: s.bold, italic: s.italic, size: s.size, color: s.color ? { argb: s.color } : undefined };
  }
  if (s.fill) target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: s.fill } };
  if (s.align || s.indent || s.wrap || s.vertical) {
    target.alignment = { horizontal: s.align, indent: s.indent, wrapText: s.wrap, vertical: s.vertical ?? 'middle' };
  }
  if (s.borderBottom || s.borderTop) {
    target.border = {
      bottom: s.borderBottom ? { style: 'thin', color: { argb: 'FF8EA9DB' } } : undefined,
      top: s.borderTop ? { style: 'thin', color: { argb: 'FF8EA9DB' } } : undefined,
    };
  }
}

export interface RenderOptions {
  /** Write the core's values as the formulas' cached results (default). Without them a spreadsheet must calculate. */
  readonly cachedValues?: boolean;
}

function writeCell(target: ExcelJS.Cell, cell: Cell, opts: RenderOptions): void {
  if (cell.formula !== undefined) {
    const result = opts.cachedValues === false ? undefined : toExcelResult(cell.result);
    target.value = { formula: fileFormula(cell.formula), result } as ExcelJS.CellFormulaValue;
  } else if (cell.value !== undefined) {
    // Strings go in as shared strings: text that starts with "=" stays text.
    target.value = cell.value;
  }
  if (cell.style) applyStyle(target, STYLES[cell.style]);
  if (cell.note) target.note = cell.note;
}

interface TableBox {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

function box(range: string): TableBox {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
  if (!m) throw new Error(`bad table range ${range}`);
  const col = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { r1: Number(m[2]), c1: col(m[1]), r2: Number(m[4]), c2: col(m[3]) };
}

function tableCells(sheet: Sheet): (r: number, c: number) => boolean {
  const boxes = sheet.tables.map((t) => box(t.range));
  return (r, c) => boxes.some((b) => r >= b.r1 && r <= b.r2 && c >= b.c1 && c <= b.c2);
}

/** An Excel table (ListObject) over the model's cells: ExcelJS writes the cells of a table itself. */
function addTable(ws: ExcelJS.Worksheet, sheet: Sheet, t: { name: string; range: string }): void {
  const b = box(t.range);
  const text = (r: number, c: number): string | number => {
    const v = getCell(sheet, r, c)?.value;
    return typeof v === 'number' || typeof v === 'string' ? v : '';
  };
  const columns = [];
  for (let c = b.c1; c <= b.c2; c += 1) columns.push({ name: String(text(b.r1, c)), filterButton: true });
  const rows = [];
  for (let r = b.r1 + 1; r <= b.r2; r += 1) {
    const row = [];
    for (let c = b.c1; c <= b.c2; c += 1) row.push(text(r, c));
    rows.push(row);
  }
  ws.addTable({
    name: t.name,
    ref: t.range.split(':')[0],
    headerRow: true,
    style: { theme: 'TableStyleLight9', showRowStripes: true },
    columns,
    rows,
  });
}

export function toExcelJs(model: WorkbookModel, opts: RenderOptions = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'IPB for Excel';
  wb.title = model.title;
  // Portable formulas are recalculated on open; IPB formulas keep their cached values until the add-in loads.
  wb.calcProperties = { fullCalcOnLoad: model.mode === 'portable' };
  for (const sheet of model.sheets) {
    const ws = wb.addWorksheet(sheet.name, {
      properties: { tabColor: sheet.tabColor ? { argb: sheet.tabColor } : undefined, outlineLevelRow: 1 },
      views: sheet.freeze
        ? [{ state: 'frozen', xSplit: sheet.freeze.columns, ySplit: sheet.freeze.rows }]
        : [{ state: 'normal' }],
      pageSetup: sheet.print
        ? {
            orientation: sheet.print.landscape ? 'landscape' : 'portrait',
            fitToPage: sheet.print.fitToWidth,
            fitToWidth: 1,
            fitToHeight: 0,
            paperSize: 9,
          }
        : undefined,
    });
    for (const [c, w] of sheet.columnWidths) ws.getColumn(c).width = w;
    const inTable = tableCells(sheet);
    for (const [r, cols] of sheet.cells) {
      const row = ws.getRow(r);
      for (const [c, cell] of cols) if (!inTable(r, c)) writeCell(row.getCell(c), cell, opts);
    }
    for (const t of sheet.tables) addTable(ws, sheet, t);
    for (const [r, points] of sheet.rowHeights ?? []) ws.getRow(r).height = points;
    for (const [r, level] of sheet.rowOutline) ws.getRow(r).outlineLevel = level;
    for (const m of sheet.merges) ws.mergeCells(m);
  }
  return wb;
}

export async function writeXlsx(model: WorkbookModel, file: string, opts: RenderOptions = {}): Promise<void> {
  await toExcelJs(model, opts).xlsx.writeFile(file);
}

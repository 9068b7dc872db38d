/**
 * The evaluation workbook as data: sheets, cells (text, numbers, formulas with cached results), styles,
 * layout. Built by the core; drawn by two thin renderers (ExcelJS in the CLI, Office.js in the task pane).
 * Formulas are kept as a user would type them in Excel (`IPB.EOIA(…)`, `AGGREGATE(…)`); file-format
 * spellings such as `_xlfn.` or `_xldudf_` are the file renderer's business.
 */
import type { ErrorCode } from '../values';

export type FormulaMode = 'ipb' | 'portable';

export interface CellError {
  readonly error: ErrorCode;
}

export type CellResult = number | string | boolean | CellError;

export interface Cell {
  /** A literal value; text is always text, never a formula, whatever it starts with. */
  readonly value?: string | number | boolean;
  /** Formula without the leading "=". */
  readonly formula?: string;
  /** The cached value of the formula, as the core computed it. */
  readonly result?: CellResult;
  readonly style?: StyleName;
  readonly note?: string;
}

export interface Style {
  readonly numFmt?: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly size?: number;
  /** Font colour, ARGB hex. */
  readonly color?: string;
  /** Fill colour, ARGB hex. */
  readonly fill?: string;
  readonly align?: 'left' | 'center' | 'right';
  readonly indent?: number;
  readonly wrap?: boolean;
  /** Vertical alignment; renderers centre a cell that has an alignment, indent or wrap and this unset. */
  readonly vertical?: 'top' | 'middle' | 'bottom';
  readonly borderBottom?: boolean;
  readonly borderTop?: boolean;
}

export const STYLES = {
  title: { bold: true, size: 14, color: 'FF1F4E79' },
  subtitle: { italic: true, color: 'FF595959' },
  subtitleWrap: { italic: true, color: 'FF595959', wrap: true, vertical: 'top' },
  header: { bold: true, fill: 'FFD9E1F2', borderBottom: true, align: 'center', wrap: true },
  headerLeft: { bold: true, fill: 'FFD9E1F2', borderBottom: true, align: 'left', wrap: true },
  block: { bold: true, color: 'FFFFFFFF', fill: 'FF1F4E79' },
  group: { bold: true, fill: 'FFDDEBF7' },
  id: { color: 'FF404040' },
  label: {},
  unit: { align: 'center', color: 'FF595959' },
  subLabel: { italic: true, color: 'FF595959', indent: 2 },
  money: { numFmt: '#,##0;[Red]-#,##0' },
  money_per_person: { numFmt: '#,##0.00;[Red]-#,##0.00' },
  percent: { numFmt: '0.0;[Red]-0.0' },
  pct_points: { numFmt: '+0.00;[Red]-0.00;0.00' },
  times: { numFmt: '0.00;[Red]-0.00' },
  count: { numFmt: '#,##0' },
  number: { numFmt: '0.00;[Red]-0.00' },
  years: { numFmt: '0.00' },
  money_per_patent: { numFmt: '#,##0.00;[Red]-#,##0.00' },
  per_billion: { numFmt: '#,##0.0' },
  yoy: { numFmt: '"["0.0"]";[Red]"["-0.0"]"', italic: true, color: 'FF595959' },
  ratioSub: { numFmt: '"("0.0")";[Red]"("-0.0")"', italic: true, color: 'FF595959' },
  star: { align: 'center', color: 'FFBF8F00', bold: true },
  arrow: { align: 'center', bold: true },
  inputMoney: { numFmt: '#,##0.0;[Red]-#,##0.0' },
  inputNumber: { numFmt: 'General' },
  inputRate: { numFmt: '0.000%' },
  inputMissing: { fill: 'FFFFF2CC', align: 'center' },
  text: {},
  subjectText: { bold: true, fill: 'FFFFF2CC' },
  stat: { bold: true, borderTop: true, numFmt: '#,##0.00;[Red]-#,##0.00' },
  statLabel: { bold: true, borderTop: true },
  statCount: { bold: true, borderTop: true, numFmt: '#,##0' },
  statPercent: { bold: true, borderTop: true, numFmt: '0.0;[Red]-0.0' },
  /** Type labels beside a value: left-aligned, so a long label runs on into the empty cells to its right. */
  typeLabel: { align: 'left', color: 'FFBF8F00', bold: true },
  /** Claims or applications: whole numbers; a joint application's share makes them fractional (one decimal). */
  amount: { numFmt: '#,##0' },
  amountJoint: { numFmt: '#,##0.0' },
  /** A fraction shown as a percentage (the value stays a fraction: HHI squares it). */
  fraction: { numFmt: '0.0%;[Red]-0.0%' },
  // Rows with a wrapped long title (several lines high) keep every cell on the title's first line.
  titleTop: { wrap: true, vertical: 'top' },
  /** Years and ranks in a table's wide first columns. */
  center: { align: 'center' },
  textTop: { vertical: 'top' },
  centerTop: { align: 'center', vertical: 'top' },
  countTop: { numFmt: '#,##0', vertical: 'top' },
  numberTop: { numFmt: '0.00;[Red]-0.00', vertical: 'top' },
  percentTop: { numFmt: '0.0;[Red]-0.0', vertical: 'top' },
  fractionTop: { numFmt: '0.0%;[Red]-0.0%', vertical: 'top' },
  amountTop: { numFmt: '#,##0', vertical: 'top' },
  amountJointTop: { numFmt: '#,##0.0', vertical: 'top' },
  arrowTop: { align: 'center', bold: true, vertical: 'top' },
  subjectTextTop: { bold: true, fill: 'FFFFF2CC', vertical: 'top' },
} as const satisfies Record<string, Style>;

export type StyleName = keyof typeof STYLES;

export interface Sheet {
  readonly name: string;
  /** rows → columns → cell; 1-based. */
  readonly cells: Map<number, Map<number, Cell>>;
  readonly columnWidths: Map<number, number>;
  /** Row heights in points, for rows taller than one line (wrapped headers and titles); others are the default. */
  rowHeights?: Map<number, number>;
  readonly rowOutline: Map<number, number>;
  readonly merges: string[];
  freeze?: { rows: number; columns: number };
  print?: { landscape: boolean; fitToWidth: boolean };
  tabColor?: string;
  /** Excel tables (ListObjects) over ranges of this sheet's cells; the first row of the range is the header. */
  readonly tables: { name: string; range: string }[];
  /**
   * Whose sheet this is: 'company' (one per evaluated company, e.g. Evaluation) or 'industry' (shared by the
   * companies of an industry, the default). A renderer that keeps several evaluations in one workbook names
   * and updates sheets by it.
   */
  scope?: SheetScope;
  /** Native charts over this sheet's cells (drawn by the task pane; ExcelJS cannot draw charts). */
  charts?: ChartSpec[];
  /** Conditional formats over this sheet's cells. */
  conditionalFormats?: ConditionalFormatSpec[];
}

export type SheetScope = 'company' | 'industry';

export interface ChartSeriesSpec {
  readonly name: string;
  /** A one-row or one-column range of the same sheet, e.g. "E12:L12" or "F40:F44". */
  readonly values: string;
  /** Plotted against a secondary value axis (a ratio beside money amounts). */
  readonly secondaryAxis?: boolean;
  /** Drawn as a line with markers in a column chart (ratios beside counts). */
  readonly line?: boolean;
}

export interface ChartSpec {
  /** Unique on the sheet; renderers use it to find the chart again when they rebuild. */
  readonly name: string;
  readonly title: string;
  readonly type: 'line' | 'columnClustered' | 'barClustered' | 'pie';
  /** Category labels (fiscal years, keywords, …), same orientation as the series. */
  readonly categories: string;
  readonly series: readonly ChartSeriesSpec[];
  /** The cells the chart covers: top-left and bottom-right corners, 1-based. */
  readonly from: { readonly row: number; readonly col: number };
  readonly to: { readonly row: number; readonly col: number };
}

/** Cells of `range` whose text contains `text` are drawn in `color` (ARGB), e.g. the forecast arrows. */
export interface ConditionalFormatSpec {
  readonly range: string;
  readonly containsText: string;
  readonly color: string;
  readonly fill?: string;
}

export interface WorkbookModel {
  readonly sheets: Sheet[];
  readonly mode: FormulaMode;
  readonly title: string;
}

export function newSheet(name: string): Sheet {
  return { name, cells: new Map(), columnWidths: new Map(), rowOutline: new Map(), merges: [], tables: [] };
}

export function setCell(sheet: Sheet, row: number, col: number, cell: Cell): void {
  let r = sheet.cells.get(row);
  if (!r) {
    r = new Map();
    sheet.cells.set(row, r);
  }
  r.set(col, cell);
}

export function getCell(sheet: Sheet, row: number, col: number): Cell | undefined {
  return sheet.cells.get(row)?.get(col);
}

export function colLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(row: number, col: number, abs = false): string {
  return abs ? `$${colLetter(col)}$${row}` : `${colLetter(col)}${row}`;
}

/** A sheet name as a formula prefix: quoted when it is not a plain identifier. */
export function sheetPrefix(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `${name}!` : `'${name.replace(/'/g, "''")}'!`;
}

export function sheetRef(sheet: string, row: number, col: number, abs = false): string {
  return `${sheetPrefix(sheet)}${a1(row, col, abs)}`;
}

export function rangeRef(
  sheet: string | undefined,
  r1: number,
  c1: number,
  r2: number,
  c2: number,
  abs = false,
): string {
  return `${sheet ? sheetPrefix(sheet) : ''}${a1(r1, c1, abs)}:${a1(r2, c2, abs)}`;
}

export function setRowHeight(sheet: Sheet, row: number, points: number): void {
  if (!sheet.rowHeights) sheet.rowHeights = new Map();
  sheet.rowHeights.set(row, points);
}

/** The used extent of a sheet. */
export function extent(sheet: Sheet): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  for (const [r, m] of sheet.cells) {
    rows = Math.max(rows, r);
    for (const c of m.keys()) cols = Math.max(cols, c);
  }
  return { rows, cols };
}

/**
 * A table-shaped section of a sheet: a title row, a header row and rows of cells. Block 3's tables
 * (PORTFOLIO, and the keyword and similarity tables PKA/PSI) are drawn with it, so each is one value in the
 * model that the renderers need not know about.
 */
import { type Cell, type Sheet, STYLES, type Style, type StyleName, setCell } from './model';
import { clipToLines, fitRowHeight } from './rowFit';

export interface SectionColumn {
  readonly ja: string;
  readonly en: string;
}

export interface SectionTable {
  /** The table's ID: its key in the JSON's `tables`. */
  readonly id: string;
  readonly ja: string;
  readonly en: string;
  readonly note?: string;
  readonly columns: readonly SectionColumn[];
  readonly rows: readonly (readonly Cell[])[];
  /** Data rows with wrapped cells (long titles) are raised to show at most this many lines. */
  readonly maxRowLines?: number;
}

/**
 * A wrapped text cell longer than `maxLines` lines of its column is shortened with "…"; the whole text goes in
 * its note (and stays whole on the sheet the table summarises).
 */
function clipped(sheet: Sheet, col: number, cell: Cell, maxLines: number | undefined): Cell {
  const style = cell.style ? (STYLES[cell.style] as Style) : undefined;
  if (!maxLines || !style?.wrap || typeof cell.value !== 'string' || cell.formula !== undefined) return cell;
  const text = clipToLines(cell.value, sheet.columnWidths.get(col) ?? 8.43, maxLines, style.bold ?? false);
  return text === cell.value ? cell : { ...cell, value: text, note: cell.note ?? cell.value };
}

/** Rows above a section table's first data row: its title and its header. */
export const SECTION_HEAD_ROWS = 2;

/** Writes the table from (row, col), once the sheet's column widths are set; returns the first free row after it. */
export function writeSectionTable(sheet: Sheet, row: number, table: SectionTable, col = 1): number {
  const width = table.columns.length;
  const title: StyleName = 'group';
  setCell(sheet, row, col, { value: `${table.id}  ${table.ja}  ${table.en}`, style: title, note: table.note });
  for (let c = 1; c < width; c += 1) setCell(sheet, row, col + c, { value: '', style: title });
  table.columns.forEach((h, i) => setCell(sheet, row + 1, col + i, { value: `${h.ja}\n${h.en}`, style: 'header' }));
  table.rows.forEach((cells, r) =>
    cells.forEach((cell, i) =>
      setCell(sheet, row + SECTION_HEAD_ROWS + r, col + i, clipped(sheet, col + i, cell, table.maxRowLines)),
    ),
  );
  // The header is two lines (Japanese, English), more where a column is narrow for them.
  fitRowHeight(sheet, row + 1);
  if (table.maxRowLines)
    table.rows.forEach((_, r) => fitRowHeight(sheet, row + SECTION_HEAD_ROWS + r, table.maxRowLines));
  return row + SECTION_HEAD_ROWS + table.rows.length;
}

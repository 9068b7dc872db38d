/**
 * A model sheet cut into what Office.js writes in bulk: row bands of the used rectangle (the 2-D arrays of
 * formulas and number formats, each band's request payload under a budget) and, per style, the rectangles
 * its cells cover (one format call per style, whatever the number of years).
 */
import type { Cell, Sheet, StyleName } from '../core/workbook/model';
import { a1, extent, STYLES } from '../core/workbook/model';

export type CellInput = string | number | boolean;

/** Text that Excel would take for something else when typed: it gets the Text number format first. */
export const TEXT_FORMAT = '@';

/** What Excel receives for a cell: a formula, a number, a boolean, or text (always under the Text format). */
export function cellInput(cell: Cell | undefined, renameFormula: (f: string) => string): CellInput {
  if (!cell) return '';
  if (cell.formula !== undefined) return `=${renameFormula(cell.formula)}`;
  return cell.value ?? '';
}

export function cellNumberFormat(cell: Cell | undefined): string {
  if (!cell) return 'General';
  if (cell.formula === undefined && typeof cell.value === 'string') return TEXT_FORMAT;
  return (cell.style && (STYLES[cell.style] as { numFmt?: string }).numFmt) || 'General';
}

/** Bytes of a value once serialised as JSON in UTF-8 (what Office.js sends). */
export function jsonBytes(v: CellInput): number {
  if (typeof v !== 'string') return String(v).length + 1;
  let n = 2;
  for (let i = 0; i < v.length; i += 1) {
    const c = v.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c) n += 2;
    else if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i += 1;
    } else n += 3;
  }
  return n;
}

export interface Band {
  readonly firstRow: number;
  readonly lastRow: number;
  readonly address: string;
  readonly formulas: CellInput[][];
  readonly numberFormats: string[][];
  /** Estimated request payload of the band's two arrays. */
  readonly bytes: number;
}

/**
 * The sheet's used rectangle A1:<last> in bands of consecutive rows, each band's payload at most `budget`
 * bytes (a single row larger than the budget is a band of its own).
 */
export function* bands(sheet: Sheet, renameFormula: (f: string) => string, budget: number): Generator<Band> {
  const { rows, cols } = extent(sheet);
  if (rows === 0 || cols === 0) return;
  let start = 1;
  let formulas: CellInput[][] = [];
  let formats: string[][] = [];
  let bytes = 0;
  const emit = (last: number): Band => ({
    firstRow: start,
    lastRow: last,
    address: `A${start}:${a1(last, cols)}`,
    formulas,
    numberFormats: formats,
    bytes,
  });
  for (let r = 1; r <= rows; r += 1) {
    const cells = sheet.cells.get(r);
    const fRow: CellInput[] = [];
    const nRow: string[] = [];
    let rowBytes = 4;
    for (let c = 1; c <= cols; c += 1) {
      const cell = cells?.get(c);
      const v = cellInput(cell, renameFormula);
      const n = cellNumberFormat(cell);
      fRow.push(v);
      nRow.push(n);
      rowBytes += jsonBytes(v) + jsonBytes(n) + 2;
    }
    if (formulas.length > 0 && bytes + rowBytes > budget) {
      yield emit(r - 1);
      start = r;
      formulas = [];
      formats = [];
      bytes = 0;
    }
    formulas.push(fRow);
    formats.push(nRow);
    bytes += rowBytes;
  }
  yield emit(rows);
}

export interface Rect {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export const rectAddress = (b: Rect): string =>
  b.r1 === b.r2 && b.c1 === b.c2 ? a1(b.r1, b.c1) : `${a1(b.r1, b.c1)}:${a1(b.r2, b.c2)}`;

/** Per style, rectangles covering exactly its cells: runs along rows, merged down while they line up. */
export function styleRects(sheet: Sheet): Map<StyleName, Rect[]> {
  const out = new Map<StyleName, Rect[]>();
  const open = new Map<string, Rect>();
  const rows = [...sheet.cells.keys()].sort((x, y) => x - y);
  for (const r of rows) {
    const cols = [...(sheet.cells.get(r) as Map<number, Cell>).entries()].sort((x, y) => x[0] - y[0]);
    const runs: { style: StyleName; c1: number; c2: number }[] = [];
    for (const [c, cell] of cols) {
      if (!cell.style) continue;
      const last = runs[runs.length - 1];
      if (last && last.style === cell.style && last.c2 === c - 1) last.c2 = c;
      else runs.push({ style: cell.style, c1: c, c2: c });
    }
    const still = new Map<string, Rect>();
    for (const run of runs) {
      const key = `${run.style}|${run.c1}|${run.c2}`;
      const prev = open.get(key);
      if (prev && prev.r2 === r - 1) {
        prev.r2 = r;
        still.set(key, prev);
      } else {
        const rect = { r1: r, c1: run.c1, r2: r, c2: run.c2 };
        const list = out.get(run.style) ?? [];
        list.push(rect);
        out.set(run.style, list);
        still.set(key, rect);
      }
    }
    open.clear();
    for (const [k, v] of still) open.set(k, v);
  }
  return out;
}

/** Address lists for RangeAreas, each at most `maxChars` long (Excel limits the address of getRanges). */
export function addressLists(rects: readonly Rect[], maxChars = 2000): string[] {
  const lists: string[] = [];
  let cur = '';
  for (const r of rects) {
    const a = rectAddress(r);
    if (cur && cur.length + 1 + a.length > maxChars) {
      lists.push(cur);
      cur = '';
    }
    cur = cur ? `${cur},${a}` : a;
  }
  if (cur) lists.push(cur);
  return lists;
}

/** Runs of consecutive rows at one outline level. */
export function outlineRuns(sheet: Sheet): { r1: number; r2: number }[] {
  const rows = [...sheet.rowOutline.entries()]
    .filter(([, level]) => level > 0)
    .map(([r]) => r)
    .sort((x, y) => x - y);
  const runs: { r1: number; r2: number }[] = [];
  for (const r of rows) {
    const last = runs[runs.length - 1];
    if (last && last.r2 === r - 1) last.r2 = r;
    else runs.push({ r1: r, r2: r });
  }
  return runs;
}

/**
 * Row heights for wrapped cells. Neither Excel (for a file it did not lay out) nor LibreOffice raises a row
 * for wrapped text on open, and Office.js does not either, so the model carries the heights: estimated from
 * the text, the column width and the font, in the same way for both renderers.
 */
import { type Sheet, STYLES, type Style, a1, setRowHeight } from './model';

/** Points per line of 11-pt text, and the padding of a row. */
const LINE_POINTS = 15;
const ROW_PADDING = 3;
/** Excel's default column width, characters. */
const DEFAULT_WIDTH = 8.43;

/** Width of text in character units: CJK and full-width forms take two; capitals and bold text a little more. */
export function textWidth(text: string, bold = false): number {
  let w = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (
      code >= 0x1100 &&
      (code <= 0x115f ||
        (code >= 0x2e80 && code <= 0xa4cf) ||
        (code >= 0xac00 && code <= 0xd7a3) ||
        (code >= 0xf900 && code <= 0xfaff) ||
        (code >= 0xfe30 && code <= 0xfe4f) ||
        (code >= 0xff00 && code <= 0xff60) ||
        (code >= 0xffe0 && code <= 0xffe6) ||
        code >= 0x20000)
    )
      w += 2;
    else if (ch >= 'A' && ch <= 'Z') w += 1.1;
    else w += 1;
  }
  return bold ? w * 1.1 : w;
}

/** Lines that `text` takes in a column `width` characters wide, wrapping at spaces (one explicit line per "\n"). */
export function wrappedLines(text: string, width: number, bold = false): number {
  // A little margin for the cell's padding and for words that do not fill a line.
  const room = Math.max(1, width - 1.5);
  let lines = 0;
  for (const para of text.split('\n')) {
    const words = para.split(/(?<=[\s、,;/-])/);
    let n = 1;
    let used = 0;
    for (const word of words) {
      let w = textWidth(word, bold);
      if (used > 0 && used + w > room) {
        n += 1;
        used = 0;
      }
      // A word (or a run of CJK text, which breaks anywhere) longer than a line fills whole lines.
      while (w > room) {
        n += 1;
        w -= room;
      }
      used += w;
    }
    lines += n;
  }
  return lines;
}

/**
 * `text` cut at a word so that it takes at most `maxLines` lines of a column `width` characters wide, with "…";
 * the text itself when it fits.
 */
export function clipToLines(text: string, width: number, maxLines: number, bold = false): string {
  if (wrappedLines(text, width, bold) <= maxLines) return text;
  const words = text.split(/(?<=[\s、,;/-])/);
  let n = words.length - 1;
  const cut = (k: number): string =>
    `${words
      .slice(0, k)
      .join('')
      .trimEnd()
      .replace(/[,;、]$/, '')}…`;
  while (n > 1 && wrappedLines(cut(n), width, bold) > maxLines) n -= 1;
  // One word longer than the lines (CJK text has no spaces): cut it by characters.
  let out = cut(n);
  const chars = [...out];
  while (chars.length > 2 && wrappedLines(out, width, bold) > maxLines) {
    chars.splice(-2, 1);
    out = chars.join('');
  }
  return out;
}

function cellText(sheet: Sheet, row: number, col: number): { text: string; style: Style } | undefined {
  const cell = sheet.cells.get(row)?.get(col);
  if (!cell?.style) return undefined;
  const style = STYLES[cell.style] as Style;
  if (!style.wrap) return undefined;
  const v = cell.formula !== undefined ? cell.result : cell.value;
  return typeof v === 'string' ? { text: v, style } : undefined;
}

/**
 * Raises `row` so that its wrapped cells show whole, up to `maxLines` lines (the rest of a longer text is
 * cut, so such cells are top-aligned). Call it once the sheet's column widths are set.
 */
export function fitRowHeight(sheet: Sheet, row: number, maxLines = Number.POSITIVE_INFINITY): void {
  let lines = 1;
  for (const col of sheet.cells.get(row)?.keys() ?? []) {
    const t = cellText(sheet, row, col);
    if (!t) continue;
    const width = sheet.columnWidths.get(col) ?? DEFAULT_WIDTH;
    lines = Math.max(lines, Math.min(maxLines, wrappedLines(t.text, width, t.style.bold ?? false)));
  }
  if (lines > 1) setRowHeight(sheet, row, lines * LINE_POINTS + ROW_PADDING);
}

/**
 * Merges `row` from column 1 to `lastCol` and raises it for the first cell's wrapped text: a long note under a
 * sheet's title stays over the tables instead of running far to the right (which also shrinks the printout).
 */
export function wrapAcross(sheet: Sheet, row: number, lastCol: number): void {
  sheet.merges.push(`${a1(row, 1)}:${a1(row, lastCol)}`);
  const t = cellText(sheet, row, 1);
  if (!t) return;
  let width = 0;
  for (let c = 1; c <= lastCol; c += 1) width += sheet.columnWidths.get(c) ?? DEFAULT_WIDTH;
  const lines = wrappedLines(t.text, width, t.style.bold ?? false);
  if (lines > 1) setRowHeight(sheet, row, lines * LINE_POINTS + ROW_PADDING);
}

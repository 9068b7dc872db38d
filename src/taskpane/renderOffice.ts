/**
 * Draws a workbook model into the open workbook with Office.js: the task pane's renderer (the CLI's is
 * ExcelJS). Thin like that one: sheets, cells, number formats, styles, tables, freeze panes, print set-up,
 * conditional formats and charts all come from the model; nothing here knows a sheet by name.
 *
 * Speed: commands are queued and sent in as few context.sync() calls as the request-size limit allows
 * (Excel on the web refuses a request over 5 MB): cells go in as 2-D arrays by bands of rows, styles as one
 * format call per style over all its rectangles (RangeAreas), so the number of syncs does not grow with the
 * years or the indicators; only a sheet too large for one request (100k patent rows) takes one sync per
 * band. Calculation and screen updating are suspended for every batch.
 *
 * Text: Excel takes a value that starts with "=", "+" or "-" for a formula, "2004-01-05" for a date and
 * "00123" for a number. Every text cell therefore gets the Text number format ("@") in the same batch
 * before its value, so it is stored exactly as written; no apostrophe is added to the data.
 */
import type { Cell, ChartSeriesSpec, ChartSpec, Sheet, Style, WorkbookModel } from '../core/workbook/model';
import { a1, colLetter, extent, STYLES } from '../core/workbook/model';
import { addressLists, bands, outlineRuns, styleRects } from './sheetBlocks';
import { formulaRenamer, MODEL_NAMING, type SheetNaming } from './sheetNaming';

/** Excel on the web's request limit is 5 MB; keep a margin for the command envelope. */
export const PAYLOAD_LIMIT = 4_000_000;

export interface RenderOptions {
  readonly naming?: SheetNaming;
  readonly payloadLimit?: number;
  /** Cell notes need ExcelApi 1.18; without it they are left out (their text is in the JSON's no_value). */
  readonly notes?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked between batches; a cancelled render stops before its next sync. */
  readonly cancelled?: () => boolean;
}

export interface RenderReport {
  readonly syncs: number;
  /** Estimated payload of each sync, bytes. */
  readonly batches: number[];
  readonly sheets: string[];
}

export class RenderCancelled extends Error {
  constructor() {
    super('building the workbook was cancelled');
    this.name = 'RenderCancelled';
  }
}

/** Queues commands and syncs when the next one would take the request over the payload limit. */
class Batch {
  syncs = 0;
  readonly batches: number[] = [];
  private bytes = 0;
  private open = false;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly limit: number,
    private readonly cancelled?: () => boolean,
  ) {}

  /** Call before queueing a command of about `bytes`; starts a new batch when this one is full. */
  async reserve(bytes: number): Promise<void> {
    if (this.open && this.bytes + bytes > this.limit) await this.sync();
    if (!this.open) {
      // Both only last until the next sync, so every batch asks again.
      this.context.application.suspendApiCalculationUntilNextSync();
      this.context.application.suspendScreenUpdatingUntilNextSync();
      this.open = true;
    }
    this.bytes += bytes;
  }

  async sync(): Promise<void> {
    if (this.cancelled?.()) throw new RenderCancelled();
    try {
      await this.context.sync();
    } finally {
      this.syncs += 1;
      this.batches.push(this.bytes);
      this.bytes = 0;
      this.open = false;
    }
  }
}

const color = (argb: string): string => `#${argb.slice(2)}`;

function applyStyle(format: Excel.RangeFormat, s: Style): void {
  if (s.bold !== undefined) format.font.bold = s.bold;
  if (s.italic !== undefined) format.font.italic = s.italic;
  if (s.size !== undefined) format.font.size = s.size;
  if (s.color) format.font.color = color(s.color);
  if (s.fill) format.fill.color = color(s.fill);
  if (s.align) format.horizontalAlignment = s.align === 'left' ? 'Left' : s.align === 'center' ? 'Center' : 'Right';
  if (s.indent) format.indentLevel = s.indent;
  if (s.wrap) format.wrapText = true;
  if (s.align || s.indent || s.wrap || s.vertical) {
    format.verticalAlignment = s.vertical === 'top' ? 'Top' : s.vertical === 'bottom' ? 'Bottom' : 'Center';
  }
  const edges: ('EdgeBottom' | 'EdgeTop')[] = [];
  if (s.borderBottom) edges.push('EdgeBottom');
  if (s.borderTop) edges.push('EdgeTop');
  for (const e of edges) {
    const b = format.borders.getItem(e);
    b.style = 'Continuous';
    b.color = '#8EA9DB';
  }
}

/** Styles with something besides a number format (number formats go with the cells' arrays). */
function hasFormat(s: Style): boolean {
  return Object.keys(s).some((k) => k !== 'numFmt');
}

/** Column widths in characters (the model's unit) → points (Office.js's): about 7 px a character. */
const POINTS_PER_CHAR = 5.6;

interface Existing {
  sheets: Set<string>;
  tables: Map<string, string>;
}

async function discover(context: Excel.RequestContext, batch: Batch): Promise<Existing> {
  const sheets = context.workbook.worksheets.load('items/name');
  const tables = context.workbook.tables.load('items/name');
  await batch.reserve(100);
  await batch.sync();
  return {
    sheets: new Set(sheets.items.map((s) => s.name)),
    tables: new Map(tables.items.map((t) => [t.name, t.name])),
  };
}

/**
 * Empties the sheets that exist already (values, formats, conditional formats, merges, freeze panes, our
 * tables, charts and notes) without deleting them: other sheets' formulas that point at them keep pointing
 * at them. New sheets are added.
 */
async function prepare(
  context: Excel.RequestContext,
  batch: Batch,
  model: WorkbookModel,
  naming: SheetNaming,
  existing: Existing,
  notes: boolean,
): Promise<Map<string, Excel.Worksheet>> {
  const out = new Map<string, Excel.Worksheet>();
  const charts: Excel.ChartCollection[] = [];
  const oldNotes: Excel.NoteCollection[] = [];
  const reused: { ws: Excel.Worksheet; hasOutline: boolean }[] = [];
  for (const s of model.sheets) {
    const name = naming.sheet(s);
    await batch.reserve(200);
    let ws: Excel.Worksheet;
    if (existing.sheets.has(name)) {
      ws = context.workbook.worksheets.getItem(name);
      for (const t of s.tables) {
        const tn = naming.table(s, t.name);
        if (existing.tables.has(tn)) context.workbook.tables.getItem(tn).delete();
      }
      ws.freezePanes.unfreeze();
      const all = ws.getRange();
      all.unmerge();
      all.conditionalFormats.clearAll();
      all.clear('All');
      // Row heights survive clear(); a rebuild may put a wrapped header on another row.
      all.format.useStandardHeight = true;
      charts.push(ws.charts.load('items/name'));
      if (notes) oldNotes.push(ws.notes.load('items'));
      reused.push({ ws, hasOutline: s.rowOutline.size > 0 });
    } else {
      ws = context.workbook.worksheets.add(name);
    }
    if (s.tabColor) ws.tabColor = color(s.tabColor);
    out.set(s.name, ws);
  }
  await batch.sync();
  if (reused.length) {
    await batch.reserve(100 * reused.length);
    for (const c of charts) for (const ch of c.items) if (ch.name.startsWith('IPB_')) ch.delete();
    for (const n of oldNotes) for (const note of n.items) note.delete();
    await batch.sync();
    await ungroupRows(
      batch,
      reused.filter((r) => r.hasOutline).map((r) => r.ws),
    );
  }
  return out;
}

/**
 * Removes the row groups of an earlier build, on the sheets whose model groups rows (the same sheet name
 * always holds the same kind of sheet). Ungrouping rows that have no group is an error in Excel, so when the
 * batch fails (an earlier build stopped half-way) each sheet is tried alone.
 */
async function ungroupRows(batch: Batch, sheets: Excel.Worksheet[]): Promise<void> {
  if (sheets.length === 0) return;
  try {
    await batch.reserve(100);
    for (const ws of sheets) ws.getRange().ungroup('ByRows');
    await batch.sync();
  } catch (e) {
    if (e instanceof RenderCancelled) throw e;
    for (const ws of sheets) {
      try {
        await batch.reserve(100);
        ws.getRange().ungroup('ByRows');
        await batch.sync();
      } catch (e2) {
        if (e2 instanceof RenderCancelled) throw e2;
      }
    }
  }
}

async function writeCells(
  ws: Excel.Worksheet,
  sheet: Sheet,
  rename: (f: string) => string,
  batch: Batch,
  limit: number,
): Promise<void> {
  for (const band of bands(sheet, rename, limit)) {
    await batch.reserve(band.bytes);
    const range = ws.getRange(band.address);
    // Number formats first: a text cell must be Text before its value arrives.
    range.numberFormat = band.numberFormats;
    range.formulas = band.formulas;
  }
}

async function writeLayout(
  ws: Excel.Worksheet,
  sheet: Sheet,
  naming: SheetNaming,
  batch: Batch,
  notes: boolean,
): Promise<void> {
  for (const [style, rects] of styleRects(sheet)) {
    const s = STYLES[style] as Style;
    if (!hasFormat(s)) continue;
    for (const list of addressLists(rects)) {
      await batch.reserve(list.length + 300);
      applyStyle(ws.getRanges(list).format, s);
    }
  }
  const heights = sheet.rowHeights ?? new Map<number, number>();
  await batch.reserve(64 * (sheet.columnWidths.size + heights.size + sheet.merges.length + sheet.rowOutline.size + 8));
  for (const [c, w] of sheet.columnWidths) {
    ws.getRange(`${colLetter(c)}:${colLetter(c)}`).format.columnWidth = w * POINTS_PER_CHAR;
  }
  for (const [r, points] of heights) ws.getRange(`${r}:${r}`).format.rowHeight = points;
  for (const m of sheet.merges) ws.getRange(m).merge();
  for (const run of outlineRuns(sheet)) ws.getRange(`${run.r1}:${run.r2}`).group('ByRows');
  const { rows, cols } = extent(sheet);
  if (sheet.freeze && (sheet.freeze.rows > 0 || sheet.freeze.columns > 0)) {
    if (sheet.freeze.columns === 0) ws.freezePanes.freezeRows(sheet.freeze.rows);
    else if (sheet.freeze.rows === 0) ws.freezePanes.freezeColumns(sheet.freeze.columns);
    else ws.freezePanes.freezeAt(ws.getRange(`A1:${a1(sheet.freeze.rows, sheet.freeze.columns)}`));
  }
  if (sheet.print && rows > 0 && cols > 0) {
    ws.pageLayout.setPrintArea(`A1:${a1(rows, cols)}`);
    ws.pageLayout.orientation = sheet.print.landscape ? 'Landscape' : 'Portrait';
    if (sheet.print.fitToWidth) ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    if (sheet.freeze && sheet.freeze.rows > 0) ws.pageLayout.setPrintTitleRows(`$1:$${sheet.freeze.rows}`);
  }
  for (const t of sheet.tables) {
    const table = ws.tables.add(t.range, true);
    table.name = naming.table(sheet, t.name);
    table.style = 'TableStyleLight9';
  }
  for (const cf of sheet.conditionalFormats ?? []) {
    const f = ws.getRange(cf.range).conditionalFormats.add('ContainsText');
    f.textComparison.rule = { operator: 'Contains', text: cf.containsText };
    f.textComparison.format.font.color = color(cf.color);
    if (cf.fill) f.textComparison.format.fill.color = color(cf.fill);
  }
  for (const ch of sheet.charts ?? []) {
    await batch.reserve(500 + 100 * ch.series.length);
    addChart(ws, ch);
  }
  if (notes) {
    for (const [r, m] of sheet.cells) {
      for (const [c, cell] of m) {
        if (!(cell as Cell).note) continue;
        const text = (cell as Cell).note as string;
        await batch.reserve(text.length * 3 + 64);
        ws.notes.add(ws.getRange(a1(r, c)), text);
      }
    }
  }
}

const CHART_TYPES: Record<ChartSpec['type'], 'LineMarkers' | 'ColumnClustered' | 'BarClustered' | 'Pie'> = {
  line: 'LineMarkers',
  columnClustered: 'ColumnClustered',
  barClustered: 'BarClustered',
  pie: 'Pie',
};

/** A series down a column ("F40:F44") is plotted by columns, one along a row ("E12:L12") by rows. */
function seriesBy(range: string): 'Rows' | 'Columns' {
  const m = /^\$?([A-Z]+)\$?\d+:\$?([A-Z]+)\$?\d+$/.exec(range);
  return m && m[1] === m[2] && range.split(':')[0] !== range.split(':')[1] ? 'Columns' : 'Rows';
}

function addChart(ws: Excel.Worksheet, spec: ChartSpec): void {
  const [first, ...rest] = spec.series;
  if (!first) return;
  const chart = ws.charts.add(CHART_TYPES[spec.type], ws.getRange(first.values), seriesBy(first.values));
  chart.name = spec.name;
  chart.title.text = spec.title;
  chart.title.format.font.size = 11;
  chart.legend.position = 'Bottom';
  chart.setPosition(a1(spec.from.row, spec.from.col), a1(spec.to.row, spec.to.col));
  // Bars are drawn bottom-up; reversed, the first row of the table (rank 1) is at the top.
  if (spec.type === 'barClustered') chart.axes.categoryAxis.reversePlotOrder = true;
  if (spec.type === 'pie') chart.dataLabels.showPercentage = true;
  const categories = ws.getRange(spec.categories);
  const style = (s: Excel.ChartSeries, x: ChartSeriesSpec): void => {
    s.setXAxisValues(categories);
    if (x.line) s.chartType = 'LineMarkers';
    if (x.secondaryAxis) s.axisGroup = 'Secondary';
  };
  const s0 = chart.series.getItemAt(0);
  s0.name = first.name;
  style(s0, first);
  for (const spec2 of rest) {
    const s = chart.series.add(spec2.name);
    s.setValues(ws.getRange(spec2.values));
    style(s, spec2);
  }
}

/**
 * Draws `model` into the workbook of `context`: existing sheets of the same names are rewritten in place,
 * the others added. Returns how many syncs it took and the payload of each.
 */
export async function renderWorkbook(
  context: Excel.RequestContext,
  model: WorkbookModel,
  opts: RenderOptions = {},
): Promise<RenderReport> {
  const naming = opts.naming ?? MODEL_NAMING;
  const limit = opts.payloadLimit ?? PAYLOAD_LIMIT;
  const notes = opts.notes ?? false;
  const batch = new Batch(context, limit, opts.cancelled);
  const rename = formulaRenamer(model, naming);
  const existing = await discover(context, batch);
  const sheets = await prepare(context, batch, model, naming, existing, notes);

  const totalRows = model.sheets.reduce((n, s) => n + extent(s).rows, 0);
  let doneRows = 0;
  for (const s of model.sheets) {
    const ws = sheets.get(s.name) as Excel.Worksheet;
    await writeCells(ws, s, rename, batch, limit);
    doneRows += extent(s).rows;
    opts.onProgress?.(doneRows, totalRows);
  }
  for (const s of model.sheets) await writeLayout(sheets.get(s.name) as Excel.Worksheet, s, naming, batch, notes);
  (sheets.get(model.sheets[0]?.name ?? '') as Excel.Worksheet | undefined)?.activate();
  await batch.sync();
  // Calculation was suspended while writing: calculate everything once now.
  context.application.calculate('Full');
  await context.sync();
  return {
    syncs: batch.syncs + 1,
    batches: batch.batches,
    sheets: model.sheets.map((s) => naming.sheet(s)),
  };
}

/**
 * A recording test double of the parts of the Excel JavaScript API the task pane uses, with Excel's own
 * rules where they matter to the tests: a string written into a cell that is not Text-formatted is taken
 * as Excel takes typed input ("=…", "+…", "-…", "@…" become formulas, "2004-01-05" a date serial, "0012" a
 * number); ungrouping rows that have no group, adding a sheet or table whose name exists, or a table over
 * another table fails at the next sync; grouping grouped rows nests them. Every property set and method call
 * adds its arguments' JSON size to the current request, and each sync records the request's size.
 *
 * No imports: the end-to-end test transpiles this file and injects it into the browser page before Office.js
 * would load, so the same double serves jest and the browser.
 */

export type Recorded = string | number | boolean;

export interface RecordedCell {
  formula?: string;
  value?: Recorded;
  numberFormat: string;
}

export interface RecordedSheet {
  name: string;
  position: number;
  tabColor?: string;
  cells: Map<string, RecordedCell>;
  tables: { name: string; address: string; style?: string }[];
  charts: {
    name: string;
    type: string;
    title?: string;
    /** How the first range was split into series: 'Rows' or 'Columns'. */
    by?: string;
    series: { name?: string; values?: string; xValues?: string; axisGroup?: string; chartType?: string }[];
    categoriesReversed?: boolean;
    percentLabels?: boolean;
    from?: string;
    to?: string;
  }[];
  frozen?: { rows: number; columns: number };
  printArea?: string;
  printTitleRows?: string;
  orientation?: string;
  /** Outline level of each grouped row. */
  rowLevels: Map<number, number>;
  merges: string[];
  conditionalFormats: { address: string; text?: string; color?: string; fill?: string }[];
  notes: Map<string, string>;
  columnWidths: Map<string, number>;
  /** Format properties set, per address list: e.g. "A4:D4" → { "font.bold": true }. */
  formats: { address: string; props: Record<string, unknown> }[];
}

export interface FakeExcelOptions {
  /** Keep cell contents (default true); payload-only tests of very large sheets turn it off. */
  readonly storeCells?: boolean;
  readonly displayLanguage?: string;
  /** Requirement sets the host reports as supported, e.g. { ExcelApi: 1.17 }. */
  readonly requirements?: Record<string, number>;
}

export interface FakeExcel {
  readonly sheets: Map<string, RecordedSheet>;
  /** Bytes of each sync's request. */
  readonly syncBytes: number[];
  readonly calls: { suspendCalc: number; suspendScreen: number; calculate: number };
  /** The cells as plain objects: sheet → address → cell (for the browser test to hand back). */
  snapshot(): Record<string, unknown>;
  resetCounters(): void;
}

// ---------------------------------------------------------------------------------------------------------

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function colName(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

interface Box {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

const MAX_ROW = 1048576;
const MAX_COL = 16384;

function parseBox(address: string): Box {
  const a = address.replace(/\$/g, '').replace(/^.*!/, '');
  if (a === '') return { r1: 1, c1: 1, r2: MAX_ROW, c2: MAX_COL };
  let m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(a);
  if (m) {
    const r1 = Number(m[2]);
    const c1 = colNumber(m[1]);
    return { r1, c1, r2: m[4] ? Number(m[4]) : r1, c2: m[3] ? colNumber(m[3]) : c1 };
  }
  m = /^([A-Z]+):([A-Z]+)$/.exec(a);
  if (m) return { r1: 1, c1: colNumber(m[1]), r2: MAX_ROW, c2: colNumber(m[2]) };
  m = /^(\d+):(\d+)$/.exec(a);
  if (m) return { r1: Number(m[1]), c1: 1, r2: Number(m[2]), c2: MAX_COL };
  throw new Error(`fake Excel: cannot read the address ${address}`);
}

const key = (r: number, c: number): string => `${colName(c)}${r}`;

/** The UTF-8 size of s, by the platform's encoder (in Node and in the browser page alike). */
const utf8Bytes = (s: string): number => new TextEncoder().encode(s).length;

/** Days since 1899-12-30 (Excel's serial) of an ISO date. */
function serial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
}

/** What Excel stores when a string is put into a cell of the given number format. */
function interpret(v: Recorded, numberFormat: string): { formula?: string; value?: Recorded } {
  if (typeof v !== 'string') return { value: v };
  if (numberFormat === '@') return { value: v };
  if (v === '') return {};
  if (/^[=+@]/.test(v) || (/^-/.test(v) && !/^-\d+(\.\d+)?$/.test(v))) return { formula: v.replace(/^[+@]/, '=') };
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return { value: serial(v) };
  if (/^-?\d+(\.\d+)?$/.test(v)) return { value: Number(v) };
  if (/^(TRUE|FALSE)$/i.test(v)) return { value: v.toUpperCase() === 'TRUE' };
  return { value: v };
}

export function createFakeExcel(options: FakeExcelOptions = {}): { Excel: unknown; Office: unknown; fake: FakeExcel } {
  const storeCells = options.storeCells !== false;
  const sheets = new Map<string, RecordedSheet>();
  const tables = new Map<string, { sheet: RecordedSheet; box: Box }>();
  const syncBytes: number[] = [];
  const calls = { suspendCalc: 0, suspendScreen: 0, calculate: 0 };
  let pending = 0;
  let pendingErrors: string[] = [];
  let activeCell = { sheet: '', address: 'A1' };

  const charge = (...args: unknown[]): void => {
    for (const a of args) pending += a === undefined ? 0 : utf8Bytes(JSON.stringify(a)) + 32;
  };

  const newSheet = (name: string): RecordedSheet => ({
    name,
    position: sheets.size,
    cells: new Map(),
    tables: [],
    charts: [],
    rowLevels: new Map(),
    merges: [],
    conditionalFormats: [],
    notes: new Map(),
    columnWidths: new Map(),
    formats: [],
  });

  /** A format object that records every property set under `prefix`. */
  function formatProxy(sheet: RecordedSheet, address: string, prefix = ''): unknown {
    const entry = { address, props: {} as Record<string, unknown> };
    sheet.formats.push(entry);
    const make = (path: string): unknown =>
      new Proxy(
        {},
        {
          get(_t, p: string) {
            if (p === 'getItem') return (item: string) => make(`${path}${item}.`);
            if (p === 'load') return () => undefined;
            return make(`${path}${p}.`);
          },
          set(_t, p: string, v) {
            charge(v);
            entry.props[`${path}${p}`] = v;
            if (`${path}${p}` === 'columnWidth') {
              for (const part of address.split(',')) sheet.columnWidths.set(part.split(':')[0], v as number);
            }
            return true;
          },
        },
      );
    return make(prefix);
  }

  function rangeObject(sheet: RecordedSheet, address: string): unknown {
    const box = parseBox(address);
    const each = (f: (r: number, c: number, i: number, j: number) => void): void => {
      for (let r = box.r1; r <= box.r2; r += 1)
        for (let c = box.c1; c <= box.c2; c += 1) f(r, c, r - box.r1, c - box.c1);
    };
    const checkShape = (grid: unknown[][], what: string): void => {
      if (grid.length !== box.r2 - box.r1 + 1 || grid.some((row) => row.length !== box.c2 - box.c1 + 1))
        pendingErrors.push(`${what}: array shape does not match ${address}`);
    };
    const cellAt = (r: number, c: number): RecordedCell => {
      const k = key(r, c);
      let cell = sheet.cells.get(k);
      if (!cell) {
        cell = { numberFormat: 'General' };
        if (storeCells) sheet.cells.set(k, cell);
      }
      return cell;
    };
    const range = {
      address: `${sheet.name}!${address}`,
      set numberFormat(grid: string[][]) {
        charge(grid);
        checkShape(grid, 'numberFormat');
        if (!storeCells) return;
        each((r, c, i, j) => {
          cellAt(r, c).numberFormat = grid[i][j];
        });
      },
      set formulas(grid: Recorded[][]) {
        charge(grid);
        checkShape(grid, 'formulas');
        if (!storeCells) return;
        each((r, c, i, j) => {
          const cell = cellAt(r, c);
          const got = interpret(grid[i][j], cell.numberFormat);
          delete cell.formula;
          delete cell.value;
          if (got.formula !== undefined) cell.formula = got.formula;
          if (got.value !== undefined) cell.value = got.value;
        });
      },
      set values(grid: Recorded[][]) {
        (range as { formulas: Recorded[][] }).formulas = grid;
      },
      get format() {
        return formatProxy(sheet, address);
      },
      conditionalFormats: {
        clearAll: () => {
          charge('clearAll');
          sheet.conditionalFormats = [];
        },
        add: (type: string) => {
          charge(type);
          const cf: RecordedSheet['conditionalFormats'][number] = { address };
          sheet.conditionalFormats.push(cf);
          return {
            textComparison: {
              set rule(r: { text: string }) {
                charge(r);
                cf.text = r.text;
              },
              format: {
                font: {
                  set color(v: string) {
                    cf.color = v;
                  },
                },
                fill: {
                  set color(v: string) {
                    cf.fill = v;
                  },
                },
              },
            },
          };
        },
      },
      clear: () => {
        charge('clear');
        for (const [k] of sheet.cells) {
          const m = /^([A-Z]+)(\d+)$/.exec(k) as RegExpExecArray;
          const r = Number(m[2]);
          const c = colNumber(m[1]);
          if (r >= box.r1 && r <= box.r2 && c >= box.c1 && c <= box.c2) sheet.cells.delete(k);
        }
        sheet.formats = [];
      },
      merge: () => {
        charge(address);
        sheet.merges.push(address);
      },
      unmerge: () => {
        charge('unmerge');
        sheet.merges = [];
      },
      group: (by: string) => {
        charge(by);
        for (let r = box.r1; r <= box.r2; r += 1) sheet.rowLevels.set(r, (sheet.rowLevels.get(r) ?? 0) + 1);
      },
      ungroup: (by: string) => {
        charge(by);
        let any = false;
        for (const [r, level] of sheet.rowLevels) {
          if (r < box.r1 || r > box.r2) continue;
          any = true;
          if (level <= 1) sheet.rowLevels.delete(r);
          else sheet.rowLevels.set(r, level - 1);
        }
        if (!any) pendingErrors.push(`InvalidOperation: nothing to ungroup on ${sheet.name}`);
      },
      select: () => undefined,
      load: () => range,
    };
    return range;
  }

  function worksheetObject(sheet: RecordedSheet): unknown {
    const ws = {
      get name() {
        return sheet.name;
      },
      set tabColor(v: string) {
        charge(v);
        sheet.tabColor = v;
      },
      getRange: (address = '') => {
        charge(address);
        return rangeObject(sheet, address);
      },
      getRanges: (list: string) => {
        charge(list);
        return { format: formatProxy(sheet, list) };
      },
      activate: () => charge('activate'),
      freezePanes: {
        unfreeze: () => {
          charge('unfreeze');
          delete sheet.frozen;
        },
        freezeRows: (n: number) => {
          charge(n);
          sheet.frozen = { rows: n, columns: 0 };
        },
        freezeColumns: (n: number) => {
          charge(n);
          sheet.frozen = { rows: 0, columns: n };
        },
        freezeAt: (range: { address: string }) => {
          charge(range.address);
          const b = parseBox(range.address);
          sheet.frozen = { rows: b.r2, columns: b.c2 };
        },
      },
      pageLayout: {
        setPrintArea: (a: string) => {
          charge(a);
          sheet.printArea = a;
        },
        setPrintTitleRows: (a: string) => {
          charge(a);
          sheet.printTitleRows = a;
        },
        set orientation(v: string) {
          charge(v);
          sheet.orientation = v;
        },
        set zoom(v: unknown) {
          charge(v);
        },
      },
      tables: {
        add: (address: string, hasHeaders: boolean) => {
          charge(address, hasHeaders);
          const box = parseBox(address);
          for (const [n, t] of tables) {
            if (
              t.sheet === sheet &&
              !(box.r2 < t.box.r1 || box.r1 > t.box.r2 || box.c2 < t.box.c1 || box.c1 > t.box.c2)
            )
              pendingErrors.push(`InvalidOperation: a table cannot overlap the table ${n}`);
          }
          const rec: RecordedSheet['tables'][number] = { name: `Table${tables.size + 1}`, address };
          sheet.tables.push(rec);
          tables.set(rec.name, { sheet, box });
          return {
            set name(v: string) {
              charge(v);
              if (tables.has(v)) pendingErrors.push(`InvalidArgument: the table name ${v} exists`);
              tables.delete(rec.name);
              rec.name = v;
              tables.set(v, { sheet, box });
            },
            set style(v: string) {
              charge(v);
              rec.style = v;
            },
          };
        },
      },
      charts: {
        items: [] as unknown[],
        load() {
          this.items = sheet.charts.map((c) => ({
            name: c.name,
            delete: () => {
              charge('delete');
              sheet.charts = sheet.charts.filter((x) => x !== c);
            },
          }));
          return this;
        },
        add: (type: string, source: { address: string }, by: string) => {
          charge(type, source.address, by);
          const rec: RecordedSheet['charts'][number] = {
            name: `Chart ${sheet.charts.length + 1}`,
            type,
            by,
            series: [{ values: source.address.replace(/^.*!/, '') }],
          };
          sheet.charts.push(rec);
          const seriesObject = (s: RecordedSheet['charts'][number]['series'][number]): unknown => ({
            set name(v: string) {
              charge(v);
              s.name = v;
            },
            set axisGroup(v: string) {
              charge(v);
              s.axisGroup = v;
            },
            set chartType(v: string) {
              charge(v);
              s.chartType = v;
            },
            setValues: (r: { address: string }) => {
              charge(r.address);
              s.values = r.address.replace(/^.*!/, '');
            },
            setXAxisValues: (r: { address: string }) => {
              charge(r.address);
              s.xValues = r.address.replace(/^.*!/, '');
            },
          });
          return {
            set name(v: string) {
              charge(v);
              rec.name = v;
            },
            title: {
              set text(v: string) {
                charge(v);
                rec.title = v;
              },
              format: { font: { set size(_v: number) {} } },
            },
            legend: { set position(_v: string) {} },
            axes: {
              categoryAxis: {
                set reversePlotOrder(v: boolean) {
                  rec.categoriesReversed = v;
                },
              },
            },
            dataLabels: {
              set showPercentage(v: boolean) {
                rec.percentLabels = v;
              },
            },
            setPosition: (from: string, to: string) => {
              charge(from, to);
              rec.from = from;
              rec.to = to;
            },
            series: {
              getItemAt: (i: number) => seriesObject(rec.series[i]),
              add: (name: string) => {
                charge(name);
                const s = { name };
                rec.series.push(s);
                return seriesObject(s);
              },
            },
          };
        },
      },
      notes: {
        items: [] as unknown[],
        load() {
          this.items = [...sheet.notes.keys()].map((k) => ({ delete: () => sheet.notes.delete(k) }));
          return this;
        },
        add: (range: { address: string }, text: string) => {
          charge(range.address, text);
          sheet.notes.set(range.address.replace(/^.*!/, ''), text);
        },
      },
    };
    return ws;
  }

  const worksheets = {
    items: [] as unknown[],
    load() {
      this.items = [...sheets.values()].map((s) => worksheetObject(s));
      return this;
    },
    getItem: (name: string) => {
      charge(name);
      const s = sheets.get(name);
      if (!s) throw new Error(`ItemNotFound: no sheet ${name}`);
      return worksheetObject(s);
    },
    add: (name: string) => {
      charge(name);
      if (sheets.has(name)) pendingErrors.push(`ItemAlreadyExists: sheet ${name}`);
      const s = newSheet(name);
      sheets.set(name, s);
      return worksheetObject(s);
    },
  };

  const workbookTables = {
    items: [] as unknown[],
    load() {
      this.items = [...tables.keys()].map((name) => ({ name }));
      return this;
    },
    getItem: (name: string) => ({
      delete: () => {
        charge(name);
        const t = tables.get(name);
        if (!t) {
          pendingErrors.push(`ItemNotFound: table ${name}`);
          return;
        }
        t.sheet.tables = t.sheet.tables.filter((x) => x.name !== name);
        tables.delete(name);
      },
    }),
  };

  const context = {
    workbook: {
      worksheets,
      tables: workbookTables,
      getActiveCell: () => {
        const s =
          sheets.get(activeCell.sheet) ??
          sheets.values().next().value ??
          (worksheets.add('Sheet1'), sheets.get('Sheet1'));
        activeCell = { sheet: (s as RecordedSheet).name, address: activeCell.address };
        return rangeObject(s as RecordedSheet, activeCell.address);
      },
    },
    application: {
      suspendApiCalculationUntilNextSync: () => {
        charge('suspendCalc');
        calls.suspendCalc += 1;
      },
      suspendScreenUpdatingUntilNextSync: () => {
        charge('suspendScreen');
        calls.suspendScreen += 1;
      },
      calculate: (type: string) => {
        charge(type);
        calls.calculate += 1;
      },
    },
    sync: async () => {
      syncBytes.push(pending);
      pending = 0;
      const errors = pendingErrors;
      pendingErrors = [];
      if (errors.length) throw new Error(errors.join('; '));
    },
  };

  const Excel = {
    run: async <T>(cb: (ctx: typeof context) => Promise<T>): Promise<T> => {
      const out = await cb(context);
      if (pending > 0) await context.sync();
      return out;
    },
  };

  const supported = options.requirements ?? { ExcelApi: 1.17 };
  const Office = {
    HostType: { Excel: 'Excel' },
    context: {
      host: 'Excel',
      displayLanguage: options.displayLanguage ?? 'en-US',
      requirements: { isSetSupported: (set: string, v?: string | number) => (supported[set] ?? 0) >= Number(v ?? 1) },
    },
    onReady: (cb?: (info: { host: string }) => void) => {
      const info = { host: 'Excel', platform: 'OfficeOnline' };
      cb?.(info);
      return Promise.resolve(info);
    },
  };

  const fake: FakeExcel = {
    sheets,
    syncBytes,
    calls,
    resetCounters: () => {
      syncBytes.length = 0;
      calls.suspendCalc = 0;
      calls.suspendScreen = 0;
      calls.calculate = 0;
    },
    snapshot: () => {
      const out: Record<string, unknown> = {};
      for (const s of sheets.values()) {
        out[s.name] = {
          position: s.position,
          cells: Object.fromEntries(s.cells),
          tables: s.tables,
          charts: s.charts,
          frozen: s.frozen,
          printArea: s.printArea,
          rowLevels: Object.fromEntries(s.rowLevels),
          conditionalFormats: s.conditionalFormats,
          notes: Object.fromEntries(s.notes),
        };
      }
      return out;
    },
  };
  return { Excel, Office, fake };
}

/**
 * Thin adapters from Excel arguments to the calculation core. Every argument may be a number or a range;
 * ranges of the same shape are computed element by element (1×1 arguments are broadcast), and the result
 * spills. Bad input never throws: it becomes an Excel error with a message.
 */
import { indicatorById } from '../core/catalog';
import { rangeFunction } from '../core/catalog/block3';
import { YOY } from '../core/catalog/generic';
import { evaluate, type Expr } from '../core/expr';
import { distribution, forecast, starRank } from '../core/rank';
import { finite, isNoValue, noValue, type ErrorCode, type NoValue, type Value } from '../core/values';

export type Result = number | string | CustomFunctions.Error;
type Matrix = unknown[][];

const CODE_TO_EXCEL: Record<ErrorCode, CustomFunctions.ErrorCode> = {
  '#N/A': CustomFunctions.ErrorCode.notAvailable,
  '#DIV/0!': CustomFunctions.ErrorCode.divisionByZero,
  '#VALUE!': CustomFunctions.ErrorCode.invalidValue,
  '#NUM!': CustomFunctions.ErrorCode.invalidNumber,
};

const EXCEL_TO_CODE = new Map<string, ErrorCode>([
  ['#N/A', '#N/A'],
  ['#DIV/0!', '#DIV/0!'],
  ['#VALUE!', '#VALUE!'],
  ['#NUM!', '#NUM!'],
  ['#REF!', '#VALUE!'],
  ['#NAME?', '#VALUE!'],
  ['#NULL!', '#VALUE!'],
]);

/** Custom messages are shown for #VALUE! and #N/A only; the other codes take none. */
export function toExcelError(nv: NoValue): CustomFunctions.Error {
  const code = CODE_TO_EXCEL[nv.error];
  return nv.error === '#VALUE!' || nv.error === '#N/A'
    ? new CustomFunctions.Error(code, nv.message.slice(0, 255))
    : new CustomFunctions.Error(code);
}

function errorCodeOf(x: unknown): string | undefined {
  if (x instanceof CustomFunctions.Error) return x.code;
  if (typeof x === 'object' && x !== null && 'code' in x && typeof (x as { code: unknown }).code === 'string') {
    return (x as { code: string }).code;
  }
  return undefined;
}

/** One Excel cell value as a core value, naming the argument in the message. */
export function cellValue(x: unknown, name: string): Value {
  if (typeof x === 'number') return Number.isFinite(x) ? x : noValue('#NUM!', `${name} is not a finite number`);
  if (x === null || x === undefined || x === '') return noValue('#N/A', `${name} is empty`);
  const code = errorCodeOf(x);
  if (code !== undefined) return noValue(EXCEL_TO_CODE.get(code) ?? '#VALUE!', `${name} is an error (${code})`);
  if (typeof x === 'string')
    return noValue('#VALUE!', `${name} is text (${JSON.stringify(x.slice(0, 40))}), not a number`);
  if (typeof x === 'boolean') return noValue('#VALUE!', `${name} is TRUE/FALSE, not a number`);
  return noValue('#VALUE!', `${name} is not a number`);
}

function asMatrix(x: unknown): Matrix {
  if (Array.isArray(x)) return (x.length > 0 && Array.isArray(x[0]) ? x : [x]) as Matrix;
  return [[x]];
}

interface Shape {
  rows: number;
  cols: number;
}

/** The common shape of the arguments; 1×1 arguments fit any shape. */
function commonShape(args: readonly Matrix[], names: readonly string[]): Shape | NoValue {
  let shape: Shape = { rows: 1, cols: 1 };
  let from = '';
  for (let i = 0; i < args.length; i += 1) {
    const m = args[i];
    const s = { rows: m.length, cols: m[0]?.length ?? 0 };
    if (s.rows === 0 || s.cols === 0) return noValue('#VALUE!', `${names[i]} is an empty range`);
    if (s.rows === 1 && s.cols === 1) continue;
    if (shape.rows === 1 && shape.cols === 1) {
      shape = s;
      from = names[i];
    } else if (s.rows !== shape.rows || s.cols !== shape.cols) {
      return noValue(
        '#VALUE!',
        `${names[i]} is ${s.rows}×${s.cols} but ${from} is ${shape.rows}×${shape.cols}: ranges must have the same size`,
      );
    }
  }
  return shape;
}

function pick(m: Matrix, r: number, c: number): unknown {
  return m.length === 1 && m[0].length === 1 ? m[0][0] : m[r][c];
}

function present(v: Value | string | NoValue): Result {
  if (typeof v === 'string') return v;
  return isNoValue(v) ? toExcelError(v) : v;
}

/**
 * Element-wise evaluation of an expression over broadcast arguments; `summed` arguments are whole ranges
 * reduced to one value first (a cumulative sum), used for every element.
 */
function elementwise(
  body: Expr,
  names: readonly string[],
  raw: readonly unknown[],
  label: string,
  summed: ReadonlySet<string> = new Set(),
): Result[][] {
  const sums = new Map(names.flatMap((n, i) => (summed.has(n) ? [[n, sumOfRange(raw[i], n)] as const] : [])));
  const args = raw.map((x, i) => (summed.has(names[i]) ? [[0]] : asMatrix(x)));
  const shape = commonShape(args, names);
  if (isNoValue(shape)) return [[toExcelError(shape)]];
  const out: Result[][] = [];
  for (let r = 0; r < shape.rows; r += 1) {
    const row: Result[] = [];
    for (let c = 0; c < shape.cols; c += 1) {
      const values = new Map(names.map((n, i) => [n, sums.get(n) ?? cellValue(pick(args[i], r, c), n)]));
      const v = evaluate(body, {
        leaf: () => noValue('#VALUE!', `${label} reads no workbook data`),
        arg: (n) => values.get(n) ?? noValue('#VALUE!', `missing argument ${n}`),
      });
      row.push(present(v));
    }
    out.push(row);
  }
  return out;
}

/** `=IPB.<ID>(…)`: the catalog indicator's body over its parameters, in catalog order. */
export function callIndicator(id: string, raw: readonly unknown[]): Result[][] {
  const def = indicatorById(id);
  return elementwise(
    def.body,
    def.params.map((p) => p.name),
    raw,
    id,
    new Set(def.params.filter((p) => p.source.kind === 'cumfin').map((p) => p.name)),
  );
}

/** Σ of every cell of the range, as Excel's SUM over inputs; an empty, text or error cell gives no value. */
function sumOfRange(x: unknown, name: string): Value {
  let total = 0;
  for (const v of flatValues(x, name)) {
    if (isNoValue(v)) return v;
    total += v;
  }
  return finite(total, `the sum of ${name}`);
}

export function callYoy(current: unknown, previous: unknown): Result[][] {
  return elementwise(
    YOY.body,
    YOY.params.map((p) => p.name),
    [current, previous],
    'YOY',
  );
}

function flatValues(x: unknown, name: string): Value[] {
  return asMatrix(x)
    .flat()
    .map((v, i) => cellValue(v, `${name}[${i + 1}]`));
}

/** `=IPB.STARRANK(value, peers)`: star rank of each value against the distribution of `peers` (errors and blanks in peers are ignored). */
export function callStarRank(value: unknown, peers: unknown): Result[][] {
  const dist = distribution(flatValues(peers, 'peers'));
  return asMatrix(value).map((row) => row.map((v) => present(starRank(cellValue(v, 'value'), dist))));
}

/** `=IPB.FORECAST(values, [band], [pbr])`: next-period arrow from the last three values (oldest first). */
export function callForecast(values: unknown, band?: unknown, pbr?: unknown): Result[][] {
  const xs = flatValues(values, 'values');
  const b = band === undefined || band === null ? 0.05 : cellValue(asMatrix(band)[0][0], 'band');
  if (isNoValue(b)) return [[toExcelError(b)]];
  if (!(b >= 0)) return [[toExcelError(noValue('#VALUE!', 'band must be 0 or more (0.05 for ±5%)'))]];
  if (xs.length !== 3)
    return [[toExcelError(noValue('#VALUE!', `values must be the last 3 periods, got ${xs.length} cells`))]];
  const p = pbr === undefined || pbr === null ? undefined : flatValues(pbr, 'pbr');
  if (p && p.length !== 3) return [[toExcelError(noValue('#VALUE!', `pbr must be 3 periods, got ${p.length} cells`))]];
  return [[present(forecast(xs, b, p))]];
}

/**
 * `=IPB.HHI(…)`, `=IPB.PDI(…)`, `=IPB.PCPI(…)`, `=IPB.AVG_PCPI(…)`: Block 3's functions over whole ranges.
 * Blank cells are 0 (a table of claims leaves empty the subclasses without any); text and errors are not.
 */
export function callRangeFunction(id: string, raw: readonly unknown[]): Result[][] {
  const def = rangeFunction(id);
  const args = def.params.map((p, i) =>
    asMatrix(raw[i]).map((row, r) =>
      row.map((x, c) => (x === null || x === undefined || x === '' ? 0 : cellValue(x, `${p.name}[${r + 1},${c + 1}]`))),
    ),
  );
  return def.apply(args).map((row) => row.map(present));
}

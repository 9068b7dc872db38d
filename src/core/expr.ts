/**
 * A tiny expression language in which every indicator is written once. The same tree is
 *  - evaluated by the core (numbers for JSON and for cached cell values),
 *  - printed as a native Excel formula (the portable workbook), and
 *  - split into named parameters that become the arguments of the `=IPB.<ID>(…)` custom function.
 * Its semantics follow Excel's exactly (error propagation, #DIV/0! on a zero divisor, lazy IF), so that
 * a workbook recalculated by a spreadsheet agrees with the core.
 */
import type { FinField, MarketField } from './fields';
import type { StatField } from './patents/statFields';
import { type ErrorCode, type Value, finite, isNoValue, noValue } from './values';

export type Lag = 0 | 1 | 2;

/** The named parameter that fixes the first fiscal year of a cumulative financial sum. */
export type CumulativeBase = 'base_year_rnd';

/** Leaves: where a value comes from in the data. */
export type Leaf =
  | { readonly kind: 'fin'; readonly field: FinField; readonly lag: Lag }
  /** Σ of a financial field over FY base … FY n−lag (the base year is a parameter, the same for all peers). */
  | { readonly kind: 'cumfin'; readonly field: FinField; readonly lag: Lag; readonly base: CumulativeBase }
  | { readonly kind: 'mkt'; readonly field: MarketField }
  | { readonly kind: 'stat'; readonly field: StatField; readonly lag: Lag }
  | { readonly kind: 'ind'; readonly id: string; readonly lag: Lag }
  | { readonly kind: 'indavg'; readonly id: string }
  | { readonly kind: 'param'; readonly name: 'money_unit' };

export type BinOp = '+' | '-' | '*' | '/';
export type CmpOp = '<' | '<=' | '>' | '>=' | '=' | '<>';

export type Expr =
  | Leaf
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'arg'; readonly name: string }
  | { readonly kind: 'bin'; readonly op: BinOp; readonly a: Expr; readonly b: Expr }
  | { readonly kind: 'neg'; readonly a: Expr }
  | { readonly kind: 'if'; readonly cond: Cond; readonly then: Expr; readonly else: Expr }
  | { readonly kind: 'novalue'; readonly error: ErrorCode; readonly message: string };

export type Cond =
  | { readonly kind: 'cmp'; readonly op: CmpOp; readonly a: Expr; readonly b: Expr }
  | { readonly kind: 'or'; readonly parts: readonly Cond[] };

// ---------- builders (used by the catalog) ----------
export const num = (value: number): Expr => ({ kind: 'num', value });
export const arg = (name: string): Expr => ({ kind: 'arg', name });
export const fin = (field: FinField, lag: Lag = 0): Leaf => ({ kind: 'fin', field, lag });
export const cumFin = (field: FinField, lag: Lag, base: CumulativeBase): Leaf => ({ kind: 'cumfin', field, lag, base });
export const mkt = (field: MarketField): Leaf => ({ kind: 'mkt', field });
export const stat = (field: StatField, lag: Lag = 0): Leaf => ({ kind: 'stat', field, lag });
export const ind = (id: string, lag: Lag = 0): Leaf => ({ kind: 'ind', id, lag });
export const indAvg = (id: string): Leaf => ({ kind: 'indavg', id });
export const param = (name: 'money_unit'): Leaf => ({ kind: 'param', name });
export const add = (a: Expr, b: Expr): Expr => ({ kind: 'bin', op: '+', a, b });
export const sub = (a: Expr, b: Expr): Expr => ({ kind: 'bin', op: '-', a, b });
export const mul = (a: Expr, b: Expr): Expr => ({ kind: 'bin', op: '*', a, b });
export const div = (a: Expr, b: Expr): Expr => ({ kind: 'bin', op: '/', a, b });
export const neg = (a: Expr): Expr => ({ kind: 'neg', a });
export const sum = (...xs: Expr[]): Expr => xs.reduce((acc, x) => add(acc, x));
/** (opening + closing) / 2: the seed's 期首・期末平均. */
export const avg = (opening: Expr, closing: Expr): Expr => div(add(opening, closing), num(2));
export const pct = (a: Expr): Expr => mul(a, num(100));
export const cmp = (op: CmpOp, a: Expr, b: Expr): Cond => ({ kind: 'cmp', op, a, b });
export const or = (...parts: Cond[]): Cond => ({ kind: 'or', parts });
export const ifThen = (cond: Cond, then: Expr, otherwise: Expr): Expr => ({ kind: 'if', cond, then, else: otherwise });
/** A rule that says "not computed" (seed: 算出していない); becomes #N/A with the message. */
export const notComputed = (message: string): Expr => ({ kind: 'novalue', error: '#N/A', message });

// ---------- evaluation ----------
export interface EvalEnv {
  leaf(leaf: Leaf): Value;
  arg(name: string): Value;
}

export function evaluate(e: Expr, env: EvalEnv): Value {
  switch (e.kind) {
    case 'num':
      return e.value;
    case 'arg':
      return env.arg(e.name);
    case 'fin':
    case 'cumfin':
    case 'mkt':
    case 'stat':
    case 'ind':
    case 'indavg':
    case 'param':
      return env.leaf(e);
    case 'neg': {
      const a = evaluate(e.a, env);
      return isNoValue(a) ? a : -a;
    }
    case 'bin': {
      // Excel evaluates both operands and returns the left-most error.
      const a = evaluate(e.a, env);
      const b = evaluate(e.b, env);
      if (isNoValue(a)) return a;
      if (isNoValue(b)) return b;
      switch (e.op) {
        case '+':
          return finite(a + b, 'sum');
        case '-':
          return finite(a - b, 'difference');
        case '*':
          return finite(a * b, 'product');
        case '/':
          return b === 0 ? noValue('#DIV/0!', 'division by zero') : finite(a / b, 'quotient');
      }
      break;
    }
    case 'if': {
      const c = evalCond(e.cond, env);
      if (typeof c !== 'boolean') return c;
      return evaluate(c ? e.then : e.else, env);
    }
    case 'novalue':
      return noValue(e.error, e.message);
  }
  throw new Error(`unknown expression ${(e as Expr).kind}`);
}

function evalCond(c: Cond, env: EvalEnv): boolean | Exclude<Value, number> {
  if (c.kind === 'or') {
    // Excel's OR() evaluates every argument and returns the first error among them.
    const parts = c.parts.map((p) => evalCond(p, env));
    const err = parts.find((p) => typeof p !== 'boolean');
    if (err !== undefined) return err;
    return parts.some((p) => p === true);
  }
  const a = evaluate(c.a, env);
  const b = evaluate(c.b, env);
  if (isNoValue(a)) return a;
  if (isNoValue(b)) return b;
  switch (c.op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '=':
      return a === b;
    case '<>':
      return a !== b;
  }
}

// ---------- Excel formula printing ----------
export interface FormulaEnv {
  /**
   * A cell reference or a constant expression for the leaf, e.g. `Inputs!$H$12` or `NA()`; for a cumulative
   * leaf, the range of the cells summed (`Inputs!$H$12:$H$15`), which the printer wraps in SUM.
   */
  leaf(leaf: Leaf): string;
  /** The printed argument, already a formula fragment. */
  arg(name: string): Printed;
}

export interface Printed {
  readonly text: string;
  /** Binding strength: atoms 9, unary minus 8, * and / 6, + and - 5. */
  readonly prec: number;
}

const PREC: Record<BinOp, number> = { '+': 5, '-': 5, '*': 6, '/': 6 };

export function atom(text: string): Printed {
  return { text, prec: 9 };
}

function wrap(p: Printed, min: number): string {
  return p.prec < min ? `(${p.text})` : p.text;
}

/** A number as a formula literal, in plain decimal notation (no exponent), exact to the double. */
export function numberLiteral(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  // Tiny or huge magnitudes: write all the digits that round-trip, without an exponent.
  const digits = Math.max(0, -Math.floor(Math.log10(Math.abs(n))) + 16);
  return n
    .toFixed(Math.min(digits, 100))
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

export function print(e: Expr, env: FormulaEnv): Printed {
  switch (e.kind) {
    case 'num':
      return e.value < 0 ? { text: numberLiteral(e.value), prec: 8 } : atom(numberLiteral(e.value));
    case 'arg':
      return env.arg(e.name);
    case 'cumfin':
      // Excel's SUM, like the core, returns the first error among the cells (an unknown input is #N/A).
      return atom(`SUM(${env.leaf(e)})`);
    case 'fin':
    case 'mkt':
    case 'stat':
    case 'ind':
    case 'indavg':
    case 'param':
      return atom(env.leaf(e));
    case 'neg':
      return { text: `-${wrap(print(e.a, env), 8)}`, prec: 8 };
    case 'bin': {
      const p = PREC[e.op];
      const left = wrap(print(e.a, env), p);
      // Right operand of - and / must bind tighter than the operator (a-(b-c), a/(b*c)).
      const rightMin = e.op === '-' || e.op === '/' ? p + 1 : p;
      const right = wrap(print(e.b, env), rightMin);
      return { text: `${left}${e.op}${right}`, prec: p };
    }
    case 'if':
      return atom(`IF(${printCond(e.cond, env)},${print(e.then, env).text},${print(e.else, env).text})`);
    case 'novalue':
      // Rules that say "not computed" become #N/A; the message lives in the cell note and the JSON diagnostics.
      return atom('NA()');
  }
  throw new Error(`unknown expression ${(e as Expr).kind}`);
}

function printCond(c: Cond, env: FormulaEnv): string {
  if (c.kind === 'or') return `OR(${c.parts.map((p) => printCond(p, env)).join(',')})`;
  return `${wrap(print(c.a, env), 5)}${c.op}${wrap(print(c.b, env), 5)}`;
}

/** Every leaf the expression reads, in order of first appearance. */
export function leavesOf(e: Expr, out: Leaf[] = []): Leaf[] {
  const visitCond = (c: Cond): void => {
    if (c.kind === 'or') c.parts.forEach(visitCond);
    else {
      leavesOf(c.a, out);
      leavesOf(c.b, out);
    }
  };
  switch (e.kind) {
    case 'fin':
    case 'cumfin':
    case 'mkt':
    case 'stat':
    case 'ind':
    case 'indavg':
    case 'param':
      out.push(e);
      break;
    case 'bin':
      leavesOf(e.a, out);
      leavesOf(e.b, out);
      break;
    case 'neg':
      leavesOf(e.a, out);
      break;
    case 'if':
      visitCond(e.cond);
      leavesOf(e.then, out);
      leavesOf(e.else, out);
      break;
    default:
      break;
  }
  return out;
}

/**
 * The result of any computation in the core: a finite number, or "no value" with the Excel error it becomes
 * and a message saying why. NaN, Infinity and silent zeros never leave the core.
 */
export type ErrorCode = '#N/A' | '#DIV/0!' | '#VALUE!' | '#NUM!';

export interface NoValue {
  readonly error: ErrorCode;
  readonly message: string;
}

export type Value = number | NoValue;

export function noValue(error: ErrorCode, message: string): NoValue {
  return { error, message };
}

export function isNoValue(v: unknown): v is NoValue {
  return typeof v === 'object' && v !== null && 'error' in v && 'message' in v;
}

/** Guards every arithmetic result: a non-finite number becomes #NUM! rather than leaking NaN/Infinity. */
export function finite(v: number, what: string): Value {
  return Number.isFinite(v) ? v : noValue('#NUM!', `${what} is not a finite number`);
}

/** JSON representation: numbers as they are, no value as null. */
export function toJson(v: Value | undefined): number | null {
  return v === undefined || isNoValue(v) ? null : v;
}

/**
 * Across all blocks: star rank (スターランク, 表14), next-period forecast (来期予測, 表14-1) and the
 * year-on-year ratio (前期比). Pure functions over values; the custom functions and the engine share them.
 * Each mirrors the native Excel formula the workbook writes for it (see workbook/formulas.ts), including
 * which error wins, so that a recalculated workbook agrees with the core.
 */
import { type Value, isNoValue, noValue, type NoValue } from './values';

export const STARS = ['☆☆☆', '★☆☆', '★★☆', '★★★'] as const;
export type Star = (typeof STARS)[number];

export const ARROWS = ['↑', '→', '↓'] as const;
export type Arrow = (typeof ARROWS)[number];

/** The number of periods in a star rank's simple mean and in the forecast's moving average. */
export const PERIODS = 3;

/** Cut points of the standardised value (z): below the first ☆☆☆, …, at or above the last ★★★. */
export const STAR_CUTS = [-1, 0, 1] as const;

/**
 * z is compared with each cut less this tolerance, so that a z that is mathematically on a cut counts as
 * reaching it. It matters: with two companies in an industry every z is exactly ±1, and rounding in the
 * last bit (which differs between engines) would otherwise decide between two tiers.
 */
export const STAR_TOLERANCE = 1e-9;

/** The PBR band outside which PBR is abnormal and gets no forecast: [0.4, 20). */
export const PBR_MIN = 0.4;
export const PBR_MAX = 20;

function firstError(values: readonly Value[]): NoValue | undefined {
  return values.find(isNoValue);
}

/** Simple mean of the periods, strict: any period without a value gives no value (Excel's AVERAGE does the same). */
export function periodMean(values: readonly Value[]): Value {
  const err = firstError(values);
  if (err) return err;
  if (values.length === 0) return noValue('#DIV/0!', 'no periods to average');
  return (values as number[]).reduce((s, v) => s + v, 0) / values.length;
}

export interface Distribution {
  readonly mean: Value;
  /** Population standard deviation (dividing by n), as the seed's standardisation does. */
  readonly sd: Value;
  readonly n: number;
}

/** Mean and population SD over the values that exist (Excel: AGGREGATE(1|8, 6, range) ignores errors). */
export function distribution(values: readonly Value[]): Distribution {
  const xs = values.filter((v): v is number => !isNoValue(v));
  const n = xs.length;
  if (n === 0) {
    const none = noValue('#DIV/0!', 'no company of the industry has a value');
    return { mean: none, sd: none, n };
  }
  const mean = xs.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(xs.reduce((s, v) => s + (v - mean) * (v - mean), 0) / n);
  return { mean, sd, n };
}

/**
 * Star rank of a company's 3-period mean against the industry's 3-period means.
 * z < −1 ☆☆☆; −1 ≤ z < 0 ★☆☆; 0 ≤ z < 1 ★★☆; z ≥ 1 ★★★. Where the industry mean is ≤ 0, a value ≤ 0 gets ☆☆☆.
 */
export function starRank(value: Value, dist: Distribution): Star | NoValue {
  if (isNoValue(value)) return value;
  if (isNoValue(dist.mean)) return dist.mean;
  if (isNoValue(dist.sd)) return dist.sd;
  // The excess indicators' industry mean is 0 by construction; comparing it with 0 exactly would let
  // rounding noise decide the rule. A mean within SD × tolerance of 0 counts as 0.
  if (dist.mean <= dist.sd * STAR_TOLERANCE && value <= 0) return '☆☆☆';
  if (dist.sd === 0) return noValue('#DIV/0!', 'every company of the industry has the same value (SD = 0)');
  const z = (value - dist.mean) / dist.sd;
  if (z < STAR_CUTS[0] - STAR_TOLERANCE) return '☆☆☆';
  if (z < STAR_CUTS[1] - STAR_TOLERANCE) return '★☆☆';
  if (z < STAR_CUTS[2] - STAR_TOLERANCE) return '★★☆';
  return '★★★';
}

/**
 * Next-period arrow from the deviation of the latest value from the 3-period moving average:
 * (latest − MA) / |MA| > band ↑, < −band ↓, otherwise →. `values` run oldest to latest.
 * With `pbr`, no forecast when any of the periods' PBR is ≥ 20 or < 0.4 (seed: 異常値).
 */
export function forecast(values: readonly Value[], band: number, pbr?: readonly Value[]): Arrow | NoValue {
  if (values.length !== PERIODS) return noValue('#VALUE!', `forecast needs exactly ${PERIODS} periods`);
  // PBR's rule is checked first, as the workbook's IF(OR(MAX(pbr)…)) does.
  if (pbr) {
    const pbrErr = firstError(pbr);
    if (pbrErr) return pbrErr;
    const xs = pbr as number[];
    if (Math.max(...xs) >= PBR_MAX || Math.min(...xs) < PBR_MIN) {
      return noValue('#N/A', `PBR outside [${PBR_MIN}, ${PBR_MAX}) in the last ${PERIODS} periods: no forecast`);
    }
  }
  const err = firstError(values);
  if (err) return err;
  const xs = values as number[];
  const ma = xs.reduce((s, v) => s + v, 0) / PERIODS;
  if (ma === 0) return noValue('#DIV/0!', 'the moving average is 0');
  const dev = (xs[PERIODS - 1] - ma) / Math.abs(ma);
  if (dev > band) return '↑';
  if (dev < -band) return '↓';
  return '→';
}

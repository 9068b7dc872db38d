/**
 * Block 3's arithmetic (特許出願ポートフォリオ, 表15): HHI, PDI, PCPI, AVG_PCPI and their tiers, over plain
 * arrays. The corpus aggregation (aggregate.ts), the custom functions (=IPB.HHI …) and the workbook's
 * native formulas all compute exactly this; the comments name the Excel formula each function mirrors.
 */
import { isNoValue, noValue, type NoValue, type Value } from '../values';

/** HHI ≤ this is a competitive market (競争); above, an oligopoly (寡占). */
export const HHI_COMPETITIVE_MAX = 1000;

export const HHI_STATES = { competitive: '競争', oligopoly: '寡占' } as const;
export type HhiState = (typeof HHI_STATES)[keyof typeof HHI_STATES];

/**
 * Herfindahl–Hirschman index of one market: Σ (100 × x_i / Σx)², 0–10,000.
 * Excel: SUMPRODUCT(share, share) × 10000 with share = x / SUM(x). A market with nothing in it has no HHI.
 */
export function hhi(amounts: readonly number[]): Value {
  let total = 0;
  for (const x of amounts) total += x;
  if (total === 0) return noValue('#DIV/0!', 'HHI of a market with no claims');
  let sum = 0;
  for (const x of amounts) {
    const s = x / total;
    sum += s * s;
  }
  return sum * 10000;
}

export function hhiState(h: Value): HhiState | NoValue {
  if (isNoValue(h)) return h;
  return h <= HHI_COMPETITIVE_MAX ? HHI_STATES.competitive : HHI_STATES.oligopoly;
}

/**
 * One year's diversification: (1 − Σ s_j²) × 100, s_j = claims in subclass j / Σ over the company's
 * subclasses. Excel: (1 − SUMSQ(x) / SUM(x)²) × 100. No filings that year: no value (#DIV/0!).
 */
export function pdiOfYear(bySubclass: readonly number[]): Value {
  let total = 0;
  let squares = 0;
  for (const x of bySubclass) {
    total += x;
    squares += x * x;
  }
  if (total === 0) return noValue('#DIV/0!', 'no claims in the year');
  return (1 - squares / (total * total)) * 100;
}

/**
 * PDI over the window: the simple mean of the years' PDI over the years in which the company filed
 * (a year without filings has no distribution to measure; Excel: AGGREGATE(1,6,…) skips its #DIV/0!).
 */
export function pdi(years: readonly Value[]): Value {
  const xs = years.filter((v): v is number => !isNoValue(v));
  if (xs.length === 0) return noValue('#DIV/0!', 'no claims in any year of the window');
  return xs.reduce((s, v) => s + v, 0) / xs.length;
}

/**
 * Mean growth over the window: totals run y0, y1, …; growth_y = total_y / total_{y−1} − 1, averaged.
 * Excel: AVERAGE(y1/y0 − 1, y2/y1 − 1, y3/y2 − 1).
 */
export function meanGrowth(totals: ArrayLike<number>): Value {
  if (totals.length < 2) return noValue('#VALUE!', 'growth needs at least two years');
  let sum = 0;
  for (let i = 1; i < totals.length; i += 1) {
    if (totals[i - 1] === 0) return noValue('#DIV/0!', 'no claims in a year before the last');
    sum += totals[i] / totals[i - 1] - 1;
  }
  return sum / (totals.length - 1);
}

/**
 * PCPI = [Σ_j HHI_j × S_cj] × (1 + excess growth), excess growth = the company's mean growth − the corpus's.
 * `ownTotals` and `corpusTotals` run y0…y3 (claims counted once per application). Without claims in every
 * year y0…y3 the company has no PCPI (spec: no value without claims in y0…y3).
 * Excel: IF(MIN(own) ≤ 0, NA(), SUMPRODUCT(hhi, share) × (1 + growth(own) − growth(corpus))).
 */
export function pcpi(
  hhis: readonly Value[],
  shares: readonly Value[],
  ownTotals: readonly number[],
  corpusTotals: readonly number[],
): Value {
  if (hhis.length !== shares.length) return noValue('#VALUE!', 'hhi and share must have the same number of cells');
  if (ownTotals.length !== corpusTotals.length || ownTotals.length < 2)
    return noValue('#VALUE!', 'own and corpus totals must cover the same years, y0 to y3');
  let base = 0;
  for (let j = 0; j < hhis.length; j += 1) {
    const h = hhis[j];
    const s = shares[j];
    if (isNoValue(h)) return h;
    if (isNoValue(s)) return s;
    base += h * s;
  }
  return pcpiFromBase(base, ownTotals, corpusTotals);
}

/** PCPI from its base Σ_j HHI_j × S_cj: the growth term and the rule "no value without claims in y0…y3". */
export function pcpiFromBase(base: number, ownTotals: ArrayLike<number>, corpusTotals: ArrayLike<number>): Value {
  for (let i = 0; i < ownTotals.length; i += 1)
    if (!(ownTotals[i] > 0)) return noValue('#N/A', 'PCPI: no claims in a year of y0…y3 (not computed)');
  const own = meanGrowth(ownTotals);
  const corpus = meanGrowth(corpusTotals);
  if (isNoValue(own)) return own;
  if (isNoValue(corpus)) return corpus;
  return base * (1 + own - corpus);
}

/** AVG_PCPI = PCPI / mean number of distinct subclasses filed in per window year. Excel: pcpi / AVERAGE(counts). */
export function avgPcpi(pcpiValue: Value, subclassCounts: readonly number[]): Value {
  if (isNoValue(pcpiValue)) return pcpiValue;
  if (subclassCounts.length === 0) return noValue('#DIV/0!', 'no years');
  const mean = subclassCounts.reduce((s, v) => s + v, 0) / subclassCounts.length;
  if (mean === 0) return noValue('#DIV/0!', 'no subclass in the window');
  return pcpiValue / mean;
}

// ---------- tiers ----------

export interface Tier {
  readonly label: string;
  readonly en: string;
}

/** PDI types (seed 表15): at or above each minimum, from the top. */
export const PDI_TYPES: readonly (Tier & { readonly min: number })[] = [
  { min: 96, label: '超総合型', en: 'ultra-diversified' },
  { min: 90, label: '総合型', en: 'diversified' },
  { min: 76, label: 'バランス型', en: 'balanced' },
  { min: 50, label: '集中型', en: 'focused' },
  { min: -Infinity, label: '超集中型', en: 'ultra-focused' },
];

export function pdiType(v: Value): string | NoValue {
  if (isNoValue(v)) return v;
  const t = PDI_TYPES.find((x) => v >= x.min);
  return (t ?? PDI_TYPES[PDI_TYPES.length - 1]).label;
}

/** PCPI and AVG_PCPI types, best first (seed: スターランク of 特許競争力指数). */
export const COMPETITIVE_TIERS: readonly Tier[] = [
  { label: 'スーパースター ★★★★★', en: 'superstar' },
  { label: 'スタープレーヤー ★★★★☆', en: 'star player' },
  { label: 'プレーヤー ★★★☆☆', en: 'player' },
  { label: 'バイプレーヤー ★★☆☆☆', en: 'supporting player' },
  { label: 'エキストラ ★☆☆☆☆', en: 'extra' },
];

/** z-score cuts of log(value), best tier first: z ≥ 2, 1–2, 0–1, −1–0, < −1 (spec, Resolved). */
export const DEFAULT_TIER_CUTS: readonly number[] = [2, 1, 0, -1];

/** As the star rank: a z mathematically on a cut reaches it whatever the engine's last-bit rounding. */
export const TIER_TOLERANCE = 1e-9;

export interface LogDistribution {
  /** Mean and population SD of ln(value) over the universe's positive values. */
  readonly mean: number;
  readonly sd: number;
  readonly n: number;
}

export function logDistribution(values: readonly Value[]): LogDistribution | NoValue {
  const xs: number[] = [];
  for (const v of values) if (!isNoValue(v) && v > 0) xs.push(Math.log(v));
  if (xs.length === 0) return noValue('#DIV/0!', 'no applicant of the corpus has a positive value');
  const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((s, v) => s + (v - mean) * (v - mean), 0) / xs.length);
  return { mean, sd, n: xs.length };
}

/**
 * Tier of a value by the z-score of its log over the universe. A value ≤ 0 (a PCPI whose excess growth is
 * below −100%) has no log: it is below every positive value, so the last tier. SD 0: no ranking (#DIV/0!).
 */
export function competitiveTier(
  v: Value,
  dist: LogDistribution | NoValue,
  cuts: readonly number[] = DEFAULT_TIER_CUTS,
): string | NoValue {
  if (isNoValue(v)) return v;
  const last = COMPETITIVE_TIERS[COMPETITIVE_TIERS.length - 1].label;
  // Checked before the distribution, as the workbook's IF(value<=0, …) is.
  if (v <= 0) return last;
  if (isNoValue(dist)) return dist;
  if (dist.sd === 0) return noValue('#DIV/0!', 'every applicant has the same value (SD = 0)');
  const z = (Math.log(v) - dist.mean) / dist.sd;
  for (let i = 0; i < cuts.length; i += 1) if (z >= cuts[i] - TIER_TOLERANCE) return COMPETITIVE_TIERS[i].label;
  return last;
}

export function validateTierCuts(cuts: readonly number[]): string | undefined {
  if (cuts.length !== COMPETITIVE_TIERS.length - 1)
    return `tier cuts must be ${COMPETITIVE_TIERS.length - 1} numbers (z of log value, best first), e.g. 2,1,0,-1`;
  if (cuts.some((c) => !Number.isFinite(c))) return 'tier cuts must be numbers';
  for (let i = 1; i < cuts.length; i += 1)
    if (!(cuts[i] < cuts[i - 1])) return 'tier cuts must decrease (best tier first), e.g. 2,1,0,-1';
  return undefined;
}

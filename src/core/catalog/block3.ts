/**
 * Block 3 (第3ブロック: 特許ポートフォリオ関連指標, seed 表15, 図18): the portfolio indicators. Unlike Blocks 1
 * and 2, each is computed over ranges (a market of applicants, a company's subclasses × years), so each is
 * defined by its argument shapes and a function over value matrices rather than a scalar expression. The
 * custom functions (=IPB.HHI …), their docs and the evaluation JSON are derived from this list.
 */
import { isNoValue, noValue, type Value } from '../values';
import { avgPcpi, hhi, pcpi, pdi, pdiOfYear } from '../portfolio/measures';
import type { Unit } from './types';

export type Matrix = readonly (readonly Value[])[];

export interface RangeParamDef {
  readonly name: string;
  readonly help: string;
  /** How the range is laid out, e.g. "applicants × subclasses". */
  readonly shape: string;
}

export interface RangeFunctionDef {
  readonly id: 'HHI' | 'PDI' | 'PCPI' | 'AVG_PCPI';
  readonly ja: string;
  readonly en: string;
  readonly unit: Unit;
  readonly help: string;
  readonly params: readonly RangeParamDef[];
  /** What the function returns, for its help. */
  readonly result: string;
  /**
   * Arguments as matrices; the result as a matrix (a row of results, or 1×1). Blank cells arrive as 0: the
   * ranges are tables of counts, where an empty cell means no claims.
   */
  apply(args: readonly Matrix[]): Value[][];
  /** A small worked example for the docs: the arguments and the arithmetic that gives the result. */
  readonly example: { readonly args: readonly (readonly (readonly number[])[])[]; readonly arithmetic: string };
}

const firstError = (m: Matrix): Value | undefined => m.flat().find(isNoValue);

function columns(m: Matrix): number[][] {
  const cols = m[0]?.length ?? 0;
  return Array.from({ length: cols }, (_, c) => m.map((row) => row[c] as number));
}

const flat = (m: Matrix): Value[] => m.flat();

function numbers(m: Matrix, name: string): number[] | Value {
  const e = firstError(m);
  if (e !== undefined) return e;
  const xs = m.flat() as number[];
  if (xs.some((x) => x < 0)) return noValue('#VALUE!', `${name} has a negative value`);
  return xs;
}

export const BLOCK3_FUNCTIONS: readonly RangeFunctionDef[] = [
  {
    id: 'HHI',
    ja: 'HHI指数(ハーフィンダール指数)',
    en: 'Herfindahl–Hirschman index',
    unit: 'number',
    help: 'Σ over applicants of (share of the market in %)², 0–10,000: one IPC subclass as a market of claims. ≤ 1,000 is competitive (競争), above an oligopoly (寡占). One result per column.',
    params: [
      {
        name: 'claims',
        help: "Each applicant's claims (or applications) in the market, one column per subclass; blanks count 0",
        shape: 'applicants × subclasses',
      },
    ],
    result: 'One HHI per column of claims',
    apply: ([claims]) => {
      const e = firstError(claims);
      if (e !== undefined) return [[e]];
      if (claims.flat().some((x) => (x as number) < 0)) return [[noValue('#VALUE!', 'claims has a negative value')]];
      return [columns(claims).map((col) => hhi(col))];
    },
    example: { args: [[[42], [4]]], arithmetic: '(42/46 × 100)² + (4/46 × 100)² = 8,412.1' },
  },
  {
    id: 'PDI',
    ja: '特許多角化指数',
    en: 'Patent diversification index',
    unit: 'number',
    help: "(1 − Σ_j s_j²) × 100 for each year (column), s_j = the company's claims in subclass j / its claims in the year; the simple mean over the years with claims. 96+ 超総合型, 90–96 総合型, 76–90 バランス型, 50–76 集中型, < 50 超集中型.",
    params: [
      {
        name: 'claims',
        help: "The company's claims by subclass (rows) and window year (columns); blanks count 0",
        shape: 'subclasses × years',
      },
    ],
    result: 'The mean PDI over the years',
    apply: ([claims]) => {
      const e = firstError(claims);
      if (e !== undefined) return [[e]];
      return [[pdi(columns(claims).map(pdiOfYear))]];
    },
    example: {
      args: [
        [
          [10, 20, 12],
          [3, 0, 0],
          [0, 0, 12],
        ],
      ],
      arithmetic: '(1 − (10² + 3²)/13²) × 100 = 35.503; 0; (1 − 2 × 12²/24²) × 100 = 50; mean 28.501',
    },
  },
  {
    id: 'PCPI',
    ja: '特許競争力指数',
    en: 'Patent competitive position index',
    unit: 'number',
    help: "[Σ_j HHI_j × S_cj] × (1 + excess growth): HHI_j and the company's share S_cj (a fraction) of each subclass over the window pooled; excess growth = the mean yearly growth of the company's claims − that of all applicants', over y0…y3. Not computed without claims in every year y0…y3.",
    params: [
      {
        name: 'hhi',
        help: 'HHI of each of the subclasses the company filed in (e.g. from IPB.HHI)',
        shape: 'subclasses',
      },
      {
        name: 'share',
        help: "The company's share of each subclass's claims, a fraction, in the same order",
        shape: 'subclasses',
      },
      {
        name: 'own_totals',
        help: "The company's claims in y0, y1, y2, y3, each application once",
        shape: 'years y0…y3',
      },
      {
        name: 'corpus_totals',
        help: "All applicants' claims in y0, y1, y2, y3, each application once",
        shape: 'years y0…y3',
      },
    ],
    result: 'PCPI',
    apply: ([hhis, shares, own, corpus]) => {
      const o = numbers(own, 'own_totals');
      const c = numbers(corpus, 'corpus_totals');
      if (!Array.isArray(o)) return [[o]];
      if (!Array.isArray(c)) return [[c]];
      return [[pcpi(flat(hhis), flat(shares), o, c)]];
    },
    example: {
      args: [[[8412.1], [7222.2], [10000]], [[0.913], [0.167], [1]], [[10, 13, 20, 12]], [[18, 20, 30, 22]]],
      arithmetic:
        '(8412.1 × 0.913 + 7222.2 × 0.167 + 10000 × 1) × (1 + mean(0.3, 0.538, −0.4) − mean(0.111, 0.5, −0.267))',
    },
  },
  {
    id: 'AVG_PCPI',
    ja: '規格化特許競争力指数',
    en: 'Normalised patent competitive position index',
    unit: 'number',
    help: 'PCPI / the mean over the window years of the number of distinct subclasses the company filed in that year.',
    params: [
      { name: 'pcpi', help: "The company's PCPI", shape: '1 cell' },
      {
        name: 'claims',
        help: "The company's claims by subclass (rows) and window year (columns); a cell > 0 counts the subclass",
        shape: 'subclasses × years',
      },
    ],
    result: 'AVG_PCPI',
    apply: ([p, claims]) => {
      const e = firstError(claims);
      if (e !== undefined) return [[e]];
      if (p.length !== 1 || p[0].length !== 1) return [[noValue('#VALUE!', 'pcpi must be one cell')]];
      const counts = columns(claims).map((col) => col.filter((x) => x > 0).length);
      return [[avgPcpi(p[0][0], counts)]];
    },
    example: {
      args: [
        [[11000]],
        [
          [10, 20, 12],
          [3, 0, 0],
          [0, 0, 12],
        ],
      ],
      arithmetic: '11000 / mean(2, 1, 2) = 11000 / (5/3)',
    },
  },
];

export function rangeFunction(id: string): RangeFunctionDef {
  const d = BLOCK3_FUNCTIONS.find((f) => f.id === id);
  if (!d) throw new Error(`unknown Block 3 function ${id}`);
  return d;
}

/** Block 3's indicator rows and JSON keys: the window indicators and their types. */
export const BLOCK3_INDICATORS = [
  { id: 'PDI', type: 'PDI_TYPE' },
  { id: 'PCPI', type: 'PCPI_TYPE' },
  { id: 'AVG_PCPI', type: 'AVG_PCPI_TYPE' },
] as const;

/**
 * Block 3's text-mining indicators (表16, 表17): IDs of the evaluator's JSON and rows of Block 3 on the Evaluation
 * sheet. They are computed from the abstracts and claims by the evaluator and the pane (src/core/text-mining), not
 * by custom functions: a keyword analysis is not a function of cell values. docs/functions.md lists them.
 */
export const TEXT_INDICATORS = [
  {
    id: 'KEYWORD_COUNT',
    ja: '特徴的キーワード数',
    en: 'Characteristic keyword count',
    help: "Keywords of the company's documents (abstract and claims) in the characteristic region: own rate ≥ the minimum, lift (own rate / corpus rate) ≥ the minimum, used by at least the minimum number of its documents (表16).",
  },
  {
    id: 'PSI_SELF',
    ja: '特許類似率(自社)',
    en: 'Patent similarity to own applications',
    help: "Mean over the company's applications of PSI(d, its applications): for each keyword of d, the % of the company's applications using it, averaged over d's keywords (表17).",
  },
  {
    id: 'PSI_ALL',
    ja: '特許類似率(全体)',
    en: 'Patent similarity to all applications',
    help: "Mean over the company's applications of PSI(d, every application of the corpus) (表17).",
  },
] as const;

export type TextIndicatorId = (typeof TEXT_INDICATORS)[number]['id'];

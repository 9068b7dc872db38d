/**
 * Block 3's indicators for every applicant of the corpus (the universe of PCPI_TYPE and AVG_PCPI_TYPE) and
 * one company's portfolio table (表15): HHI per subclass (per year and over the window pooled), PDI, PCPI,
 * AVG_PCPI and their types. Every number is the arithmetic of measures.ts.
 */
import { noValue, type NoValue, type Value } from '../values';
import { PORTFOLIO_SPAN, type PortfolioCorpus } from './aggregate';
import {
  competitiveTier,
  DEFAULT_TIER_CUTS,
  hhiState,
  logDistribution,
  type LogDistribution,
  pcpiFromBase,
  pdi,
  pdiType,
  avgPcpi as avgPcpiOf,
} from './measures';

export interface PortfolioResults {
  readonly corpus: PortfolioCorpus;
  /** y1, y2, y3. */
  readonly window: readonly number[];
  readonly tierCuts: readonly number[];
  /** Subclass j's amount in year index i (0 = y0 … 3 = y3). */
  subclassTotal(j: number, i: number): number;
  /** HHI of subclass j in year index i; over the window pooled. */
  hhiOfYear(j: number, i: number): Value;
  hhiPooled(j: number): Value;
  /** Per applicant: PDI of each window year, and the indicators. */
  pdiByYear(a: number): readonly Value[];
  readonly pdi: readonly Value[];
  readonly pcpi: readonly Value[];
  readonly avgPcpi: readonly Value[];
  readonly pcpiDistribution: LogDistribution | NoValue;
  readonly avgPcpiDistribution: LogDistribution | NoValue;
}

const Y1 = 1;
const SPAN = PORTFOLIO_SPAN; // a local constant in the hot loops, not a load from aggregate's exports

/** Every applicant's PDI, PCPI and AVG_PCPI over the window y1…y3, with y0 for the growth. */
export function portfolioIndicators(
  corpus: PortfolioCorpus,
  tierCuts: readonly number[] = DEFAULT_TIER_CUTS,
): PortfolioResults {
  const S = corpus.subclasses.length;
  const A = corpus.applicants.length;
  const { amounts, pairSubclass, pairCount } = corpus;
  const subTotals = new Float64Array(S * SPAN);
  for (let p = 0; p < pairCount; p += 1) {
    const base = pairSubclass[p] * SPAN;
    for (let i = 0; i < SPAN; i += 1) subTotals[base + i] += amounts[p * SPAN + i];
  }
  const windowTotal = new Float64Array(S);
  for (let j = 0; j < S; j += 1) for (let i = Y1; i < SPAN; i += 1) windowTotal[j] += subTotals[j * SPAN + i];
  // Σ share² per subclass and year, and over the window pooled.
  const squares = new Float64Array(S * SPAN);
  const pooledSquares = new Float64Array(S);
  // Each pair's amount over the window y1…y3.
  const windowAmount = new Float64Array(pairCount);
  for (let p = 0; p < pairCount; p += 1) {
    let w = 0;
    for (let i = Y1; i < SPAN; i += 1) w += amounts[p * SPAN + i];
    windowAmount[p] = w;
  }
  for (let p = 0; p < pairCount; p += 1) {
    const j = pairSubclass[p];
    for (let i = 0; i < SPAN; i += 1) {
      const t = subTotals[j * SPAN + i];
      if (t > 0) {
        const s = amounts[p * SPAN + i] / t;
        squares[j * SPAN + i] += s * s;
      }
    }
    if (windowTotal[j] > 0) {
      const s = windowAmount[p] / windowTotal[j];
      pooledSquares[j] += s * s;
    }
  }
  const hhiOfYear = (j: number, i: number): Value =>
    subTotals[j * SPAN + i] > 0
      ? squares[j * SPAN + i] * 10000
      : noValue('#DIV/0!', `HHI: no filings in ${corpus.subclasses[j]} in ${corpus.years[i]}`);
  const hhiPooled = (j: number): Value =>
    windowTotal[j] > 0
      ? pooledSquares[j] * 10000
      : noValue('#DIV/0!', `HHI: no filings in ${corpus.subclasses[j]} in the window`);

  const pdiYears: Value[][] = new Array(A);
  const pdis: Value[] = new Array(A);
  const pcpis: Value[] = new Array(A);
  const avgs: Value[] = new Array(A);
  const window = corpus.years.slice(Y1);
  const corpusTotals = corpus.corpusTotals;
  // A year without filings is the same no value for every applicant.
  const noClaims = corpus.years.map((y) => noValue('#DIV/0!', `no claims in ${y}`));
  // Per applicant and window year: Σ amount, Σ amount², subclasses filed in; and the PCPI's base Σ HHI × share.
  // Added up over the pairs in order, as over each applicant's pairs (pairsOfApplicant lists them in order).
  const total = new Float64Array(A * SPAN);
  const sq = new Float64Array(A * SPAN);
  const count = new Float64Array(A * SPAN);
  const bases = new Float64Array(A);
  const { pairApplicant, applicantTotals } = corpus;
  for (let p = 0; p < pairCount; p += 1) {
    const a = pairApplicant[p];
    for (let i = Y1; i < SPAN; i += 1) {
      const x = amounts[p * SPAN + i];
      total[a * SPAN + i] += x;
      sq[a * SPAN + i] += x * x;
      if (x > 0) count[a * SPAN + i] += 1;
    }
    const w = windowAmount[p];
    if (w > 0) {
      const j = pairSubclass[p];
      bases[a] += pooledSquares[j] * 10000 * (w / windowTotal[j]);
    }
  }
  const own = new Float64Array(SPAN);
  for (let a = 0; a < A; a += 1) {
    const at = a * SPAN;
    const years: Value[] = [];
    for (let i = Y1; i < SPAN; i += 1)
      years.push(total[at + i] > 0 ? (1 - sq[at + i] / (total[at + i] * total[at + i])) * 100 : noClaims[i]);
    pdiYears[a] = years;
    pdis[a] = pdi(years);
    for (let i = 0; i < SPAN; i += 1) own[i] = applicantTotals[at + i];
    pcpis[a] = pcpiFromBase(bases[a], own, corpusTotals);
    const counts: number[] = [];
    for (let i = Y1; i < SPAN; i += 1) counts.push(count[at + i]);
    avgs[a] = avgPcpiOf(pcpis[a], counts);
  }
  return {
    corpus,
    window,
    tierCuts,
    subclassTotal: (j, i) => subTotals[j * PORTFOLIO_SPAN + i],
    hhiOfYear,
    hhiPooled,
    pdiByYear: (a) => pdiYears[a],
    pdi: pdis,
    pcpi: pcpis,
    avgPcpi: avgs,
    pcpiDistribution: logDistribution(pcpis),
    avgPcpiDistribution: logDistribution(avgs),
  };
}

// ---------- one company ----------

export type Arrow = '↑' | '↓' | '→';

export interface PortfolioEntry {
  readonly year: number;
  readonly rank: number;
  readonly subclass: string;
  readonly title?: string;
  readonly amount: number;
  /** Share of the company's amount of the year (over its subclasses), %. */
  readonly share: number;
  /** Versus the same subclass in the previous year. */
  readonly arrow: Arrow;
  /** The company's share of the subclass's amount that year, % */
  readonly subclassShare: number;
  /** The company's rank among the subclass's applicants that year (1 = largest; ties share a rank). */
  readonly subclassRank: number;
  readonly hhi: Value;
  readonly state: string | NoValue;
}

export interface CompanyPortfolio {
  readonly name: string;
  /** Applicant index in the corpus, or undefined when it filed nothing in y0…y3. */
  readonly index: number | undefined;
  /** The company's subclasses with filings in y1…y3, by code, with amounts for y0…y3. */
  readonly subclasses: readonly { readonly j: number; readonly code: string; readonly amounts: readonly number[] }[];
  readonly entries: readonly PortfolioEntry[];
  readonly pdiByYear: readonly Value[];
  readonly pdi: Value;
  readonly pdiType: string | NoValue;
  readonly pcpi: Value;
  readonly pcpiType: string | NoValue;
  readonly avgPcpi: Value;
  readonly avgPcpiType: string | NoValue;
  /** The company's and the corpus's amounts y0…y3, each application once. */
  readonly ownTotals: readonly number[];
  readonly corpusTotals: readonly number[];
}

export const TOP_SUBCLASSES = 5;

export function companyPortfolio(
  r: PortfolioResults,
  name: string,
  titles: ReadonlyMap<string, string> = new Map(),
): CompanyPortfolio {
  const c = r.corpus;
  const a = c.applicantIndex(name);
  const none = noValue('#N/A', `${name} filed no application in ${c.years[0]}–${c.years[PORTFOLIO_SPAN - 1]}`);
  if (a === undefined) {
    return {
      name,
      index: undefined,
      subclasses: [],
      entries: [],
      pdiByYear: r.window.map(() => none),
      pdi: none,
      pdiType: none,
      pcpi: none,
      pcpiType: none,
      avgPcpi: none,
      avgPcpiType: none,
      ownTotals: [0, 0, 0, 0],
      corpusTotals: [...c.corpusTotals],
    };
  }
  const at = (p: number, i: number): number => c.amounts[p * PORTFOLIO_SPAN + i];
  const pairs = [...c.pairsOfApplicant(a)].filter((p) => at(p, 1) + at(p, 2) + at(p, 3) > 0);
  pairs.sort((p, q) => (c.subclasses[c.pairSubclass[p]] < c.subclasses[c.pairSubclass[q]] ? -1 : 1));
  const entries: PortfolioEntry[] = [];
  for (let i = Y1; i < PORTFOLIO_SPAN; i += 1) {
    const total = pairs.reduce((s, p) => s + at(p, i), 0);
    const top = pairs
      .filter((p) => at(p, i) > 0)
      .sort(
        (p, q) => at(q, i) - at(p, i) || (c.subclasses[c.pairSubclass[p]] < c.subclasses[c.pairSubclass[q]] ? -1 : 1),
      )
      .slice(0, TOP_SUBCLASSES);
    top.forEach((p, k) => {
      const j = c.pairSubclass[p];
      const x = at(p, i);
      const prev = at(p, i - 1);
      let above = 0;
      for (const q of c.pairsOfSubclass(j)) if (at(q, i) > x) above += 1;
      const hhi = r.hhiOfYear(j, i);
      entries.push({
        year: c.years[i],
        rank: k + 1,
        subclass: c.subclasses[j],
        title: titles.get(c.subclasses[j]),
        amount: x,
        share: (x / total) * 100,
        arrow: x > prev ? '↑' : x < prev ? '↓' : '→',
        subclassShare: (x / r.subclassTotal(j, i)) * 100,
        subclassRank: above + 1,
        hhi,
        state: hhiState(hhi),
      });
    });
  }
  const pcpiValue = r.pcpi[a];
  const avg = r.avgPcpi[a];
  return {
    name,
    index: a,
    subclasses: pairs.map((p) => ({
      j: c.pairSubclass[p],
      code: c.subclasses[c.pairSubclass[p]],
      amounts: Array.from({ length: PORTFOLIO_SPAN }, (_, i) => at(p, i)),
    })),
    entries,
    pdiByYear: r.pdiByYear(a),
    pdi: r.pdi[a],
    pdiType: pdiType(r.pdi[a]),
    pcpi: pcpiValue,
    pcpiType: competitiveTier(pcpiValue, r.pcpiDistribution, r.tierCuts),
    avgPcpi: avg,
    avgPcpiType: competitiveTier(avg, r.avgPcpiDistribution, r.tierCuts),
    ownTotals: Array.from(c.applicantTotals.subarray(a * PORTFOLIO_SPAN, (a + 1) * PORTFOLIO_SPAN)),
    corpusTotals: [...c.corpusTotals],
  };
}

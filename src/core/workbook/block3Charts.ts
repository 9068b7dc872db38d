/**
 * Charts beside Block 3's sections of the Evaluation sheet, after the seed's figures 15–18: PSI_SELF's typical
 * and exceptional applications by filing year (図15), the PSI_ALL composition (図16), the characteristic keywords
 * (図17) and the diversification behind PDI, the company's top-5 subclass shares per window year (図18). Every
 * series is a range of the section's table on Evaluation, whose cells are formulas over the Block 3 sheets, so
 * a chart follows an edit of a threshold or of k. A figure whose table has no rows is left out.
 */
import type { KeywordSectionLayout, TableRows } from './keywordSection';
import { type ChartSeriesSpec, type ChartSpec, a1 } from './model';
import type { PortfolioSectionLayout } from './portfolioSection';
import { PSI_YEAR_COLUMNS, type PsiYearColumn } from './psiSheet';

const CHART_ROWS = 16;
const CHART_COLS = 8;
/** The widest Block 3 table (PORTFOLIO) has 11 columns: charts start right of it. */
const WIDEST_TABLE = 11;

/** One column of a table's data rows. */
const column = (t: TableRows, col: number): string => `${a1(t.first, col)}:${a1(t.last, col)}`;
const psiCol = (c: PsiYearColumn): number => 2 + PSI_YEAR_COLUMNS.indexOf(c);

interface Placed {
  readonly key: string;
  readonly title: string;
  readonly type: ChartSpec['type'];
  readonly categories: string;
  readonly series: readonly ChartSeriesSpec[];
  /** The row the chart would like to start at: its table's title. */
  readonly anchor: number;
}

function figures(pf: PortfolioSectionLayout | undefined, kw: KeywordSectionLayout | undefined): Placed[] {
  const out: Placed[] = [];
  const years = pf?.portfolioYears ?? [];
  if (pf && years.length) {
    // Ranks 1…5 across; one series per window year. A concentrated portfolio is one tall column per year.
    const longest = years.reduce((a, b) => (b.last - b.first > a.last - a.first ? b : a));
    out.push({
      key: 'Fig18',
      title: '図18 特許多角化 Diversification (PDI): top-5 subclass shares % by year',
      type: 'columnClustered',
      categories: `${a1(longest.first, pf.rankCol)}:${a1(longest.last, pf.rankCol)}`,
      series: years.map((y) => ({
        name: String(y.year),
        values: `${a1(y.first, pf.shareCol)}:${a1(y.last, pf.shareCol)}`,
      })),
      anchor: (pf.rowOf.get('PDI') as number) - 1,
    });
  }
  if (kw && kw.pka.last >= kw.pka.first) {
    out.push({
      key: 'Fig17',
      title: '図17 特徴的キーワード PKA: own rate vs corpus rate %',
      type: 'barClustered',
      categories: column(kw.pka, 2),
      series: [
        { name: '自社使用率 Own rate %', values: column(kw.pka, 4) },
        { name: '全体使用率 Corpus rate %', values: column(kw.pka, 5) },
      ],
      anchor: kw.pka.title,
    });
  }
  if (kw && kw.psiYears.last >= kw.psiYears.first) {
    const s = (name: string, c: PsiYearColumn, ratio: boolean): ChartSeriesSpec => ({
      name,
      values: column(kw.psiYears, psiCol(c)),
      ...(ratio ? { secondaryAxis: true, line: true } : {}),
    });
    out.push({
      key: 'Fig15',
      title: '図15 特許類似率分析(1) PSI_SELF: typical and exceptional applications by filing year',
      type: 'columnClustered',
      categories: column(kw.psiYears, 1),
      series: [
        s('典型 Typical', 'typical', false),
        s('例外 Exceptional', 'exceptional', false),
        s('典型率 Typical %', 'typicalRatio', true),
        s('例外率 Exceptional %', 'exceptionalRatio', true),
      ],
      anchor: kw.psiYears.title,
    });
  }
  if (kw && kw.composition.last >= kw.composition.first) {
    out.push({
      key: 'Fig16',
      title: '図16 特許類似率分析(2) PSI_ALL: composition of the applications %',
      type: 'pie',
      categories: column(kw.composition, 1),
      series: [{ name: '構成比 Share %', values: column(kw.composition, 3) }],
      anchor: kw.composition.title,
    });
  }
  return out;
}

/**
 * The charts of figures 15–18, in a column right of the Block 3 tables (and of the forecast column), each level
 * with its table or below the previous chart (figures 7–14 included: `free` is the first row below them).
 */
export function block3Charts(
  portfolio: PortfolioSectionLayout | undefined,
  keywords: KeywordSectionLayout | undefined,
  forecastCol: number,
  free: number,
): ChartSpec[] {
  const col = Math.max(forecastCol, WIDEST_TABLE) + 2;
  let next = free;
  return figures(portfolio, keywords).map((f) => {
    const top = Math.max(next, f.anchor);
    next = top + CHART_ROWS + 1;
    return {
      name: `IPB_${f.key}`,
      title: f.title,
      type: f.type,
      categories: f.categories,
      series: f.series,
      from: { row: top, col },
      to: { row: top + CHART_ROWS - 1, col: col + CHART_COLS - 1 },
    };
  });
}

/**
 * Charts beside the Evaluation sheet's blocks, after the seed's figures 7–14 (the time series of each group).
 * A figure is drawn from the indicator rows the sheet has; a figure none of whose indicators is on the sheet
 * (Block 2 without patents) is left out. Figures 15–18 (similarity, keywords, diversification) plot Block 3's
 * tables further down the sheet: block3Charts.ts.
 */
import type { IndicatorDef } from '../catalog';
import type { EvaluationLayout } from './evaluationSheet';
import { type ChartSpec, type ConditionalFormatSpec, a1 } from './model';

interface Figure {
  readonly key: string;
  readonly title: string;
  readonly type: ChartSpec['type'];
  readonly ids: readonly string[];
  /** Indicators on a second value axis (a multiple or ratio beside amounts). */
  readonly secondary?: readonly string[];
}

export const FIGURES: readonly Figure[] = [
  { key: 'Fig7', title: '図7 投資指標推移 Investment (A)', type: 'columnClustered', ids: ['CAPEX', 'RND'] },
  {
    key: 'Fig8',
    title: '図8 経営財務分析指標推移 Management and finance (B)',
    type: 'line',
    ids: ['CAPEX_EFFICIENCY', 'LABOR_SHARE', 'COST_RATIO', 'SGA_RATIO', 'EQUITY_RATIO'],
  },
  {
    key: 'Fig9',
    title: '図9 収益関連指標推移 Earnings (C)',
    type: 'line',
    ids: ['SALES', 'VA', 'GBP', 'EBITDA', 'OI', 'NOP'],
  },
  {
    key: 'Fig10',
    title: '図10 超過収益・MVA推移 Excess earnings and MVA (D, M)',
    type: 'columnClustered',
    ids: ['EX_VA', 'EX_GBP', 'EXEOIA', 'MVA'],
  },
  {
    key: 'Fig11',
    title: '図11 研究開発関連指標推移 R&D (R)',
    type: 'line',
    ids: ['RND_RATIO_ALPHA', 'RND_RATIO_BETA', 'RND_RATIO_GAMMA', 'RND_RATIO_DELTA'],
  },
  {
    key: 'Fig12',
    title: '図12 特許動向推移 Patent trends (PA, PB, PT)',
    type: 'columnClustered',
    ids: ['APPLICATIONS', 'EXAM_REQUESTS', 'REGISTRATIONS'],
  },
  {
    key: 'Fig13',
    title: '図13 累計特許関連指標 Patent stock (PA, PT, PS)',
    type: 'line',
    ids: ['CUM_APPS', 'CUM_EXAM_REQUESTS', 'CUM_REGISTRATIONS', 'VALID_PATENTS'],
  },
  {
    key: 'Fig14',
    title: '図14 特許収益性・PBR推移 Patent profitability and PBR (PE, M)',
    type: 'line',
    ids: ['PAT_PROFIT_ALPHA', 'PAT_PROFIT_BETA', 'PAT_PROFIT_GAMMA', 'PAT_PROFIT_DELTA', 'PBR'],
    secondary: ['PBR'],
  },
];

const CHART_ROWS = 16;
const CHART_COLS = 8;

/**
 * The charts of the figures the sheet has data for, stacked in a column right of the forecast column, each
 * starting level with its first indicator's row (or below the previous chart when that one is still open).
 */
export function evaluationCharts(layout: EvaluationLayout, indicators: readonly IndicatorDef[]): ChartSpec[] {
  const years = [...layout.colOfYear.entries()].sort((x, y) => x[0] - y[0]);
  if (years.length === 0) return [];
  const c1 = years[0][1];
  const c2 = years[years.length - 1][1];
  const col = layout.forecastCol + 2;
  const byId = new Map(indicators.map((d) => [d.id, d]));
  const charts: ChartSpec[] = [];
  let free = layout.headerRow;
  for (const f of FIGURES) {
    const rows = f.ids
      .map((id) => ({ id, row: layout.rowOf.get(id) }))
      .filter((x): x is { id: string; row: number } => x.row !== undefined);
    if (rows.length === 0) continue;
    const top = Math.max(free, Math.min(...rows.map((x) => x.row)));
    charts.push({
      name: `IPB_${f.key}`,
      title: f.title,
      type: f.type,
      categories: `${a1(layout.headerRow, c1)}:${a1(layout.headerRow, c2)}`,
      series: rows.map(({ id, row }) => {
        const d = byId.get(id);
        return {
          name: d ? `${id} ${d.ja}` : id,
          values: `${a1(row, c1)}:${a1(row, c2)}`,
          ...(f.secondary?.includes(id) ? { secondaryAxis: true } : {}),
        };
      }),
      from: { row: top, col },
      to: { row: top + CHART_ROWS - 1, col: col + CHART_COLS - 1 },
    });
    free = top + CHART_ROWS + 1;
  }
  return charts;
}

/** Next-period arrows in colour: up green, down red; a three-star rank on a gold fill. */
export function evaluationHighlights(layout: EvaluationLayout, lastRow: number): ConditionalFormatSpec[] {
  const first = layout.headerRow + 1;
  const forecast = `${a1(first, layout.forecastCol)}:${a1(lastRow, layout.forecastCol)}`;
  const star = `${a1(first, layout.starCol)}:${a1(lastRow, layout.starCol)}`;
  return [
    { range: forecast, containsText: '↑', color: 'FF107C10' },
    { range: forecast, containsText: '↓', color: 'FFC50F1F' },
    { range: star, containsText: '★★★', color: 'FF7F6000', fill: 'FFFFF2CC' },
  ];
}

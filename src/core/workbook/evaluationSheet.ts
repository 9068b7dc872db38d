/**
 * The Evaluation sheet, laid out like the seed's company page: rows are indicators grouped by block and
 * group with Japanese and English names and units; columns are fiscal years, then star rank and forecast.
 * Money and count indicators have a YoY sub-row ([ ]内の数値は前期比); sales ratios sit under their amounts.
 */
import { GROUPS, UNIT_LABEL, type IndicatorDef } from '../catalog';
import type { CompanySummary } from '../summary';
import { formulaCell, inputLeafRefs, type StatRefs } from './cells';
import { forecastFormula, indicatorFormula, starFormula, yoyFormula } from './formulas';
import type { IndustryLayout } from './industrySheet';
import type { InputsLayout } from './inputsSheet';
import { type FormulaMode, type Sheet, a1, newSheet, setCell } from './model';

export const EVALUATION = 'Evaluation';

export interface EvaluationLayout {
  readonly sheet: Sheet;
  readonly headerRow: number;
  readonly rowOf: ReadonlyMap<string, number>;
  readonly yoyRowOf: ReadonlyMap<string, number>;
  readonly colOfYear: ReadonlyMap<number, number>;
  readonly starCol: number;
  readonly forecastCol: number;
}

const BLOCK_TITLES: Record<number, { ja: string; en: string }> = {
  1: { ja: '第1ブロック 事業・収益・市場関連指標', en: 'Block 1 — business, earnings and market' },
  2: { ja: '第2ブロック R&D・特許関連指標', en: 'Block 2 — R&D and patents' },
  3: { ja: '第3ブロック 特許ポートフォリオ関連指標', en: 'Block 3 — patent portfolio' },
};

type RowPlan =
  | { kind: 'block'; block: number }
  | { kind: 'group'; group: string }
  | { kind: 'indicator'; def: IndicatorDef }
  | { kind: 'yoy'; def: IndicatorDef };

/** Rows in display order: block, group, indicator, its YoY row, then its sub-rows. */
function planRows(indicators: readonly IndicatorDef[]): RowPlan[] {
  const plan: RowPlan[] = [];
  let block = 0;
  for (const g of GROUPS) {
    const members = indicators.filter((d) => d.group === g.id && !d.subRowOf);
    if (members.length === 0) continue;
    if (g.block !== block) {
      block = g.block;
      plan.push({ kind: 'block', block });
    }
    plan.push({ kind: 'group', group: g.id });
    for (const d of members) {
      plan.push({ kind: 'indicator', def: d });
      if (d.yoy) plan.push({ kind: 'yoy', def: d });
      for (const sub of indicators.filter((x) => x.subRowOf === d.id)) plan.push({ kind: 'indicator', def: sub });
    }
  }
  return plan;
}

/** Where a cumulative argument starts (the same FY for every peer), for the indicator's note. */
function baseNote(def: IndicatorDef, inputs: InputsLayout): string {
  const bases = [...new Set(def.params.flatMap((p) => (p.source.kind === 'cumfin' ? [p.source.base] : [])))];
  return bases.map((b) => `\n${b} = FY${inputs.baseYear(b) ?? '—'} (Inputs sheet)`).join('');
}

export function buildEvaluationSheet(
  s: CompanySummary,
  inputs: InputsLayout,
  stats: StatRefs | undefined,
  industry: IndustryLayout,
  indicators: readonly IndicatorDef[],
  mode: FormulaMode,
  moneyLabel: string,
): EvaluationLayout {
  const sheet = newSheet(EVALUATION);
  sheet.tabColor = 'FF1F4E79';
  const headerRow = 4;
  const firstYearCol = 5;
  const colOfYear = new Map(s.years.map((y, i) => [y, firstYearCol + i]));
  const starCol = firstYearCol + s.years.length;
  const forecastCol = starCol + 1;
  const lastCol = forecastCol;

  setCell(sheet, 1, 1, { value: `IPB 企業価値評価 Company evaluation — ${s.company.name}`, style: 'title' });
  setCell(sheet, 2, 1, {
    value:
      `Industry: ${s.industry.name} (${s.industry.companies.length} companies) · Money: ${moneyLabel} · ` +
      `Star rank and forecast over FY${s.window[0]}–FY${s.window[s.window.length - 1]} · ` +
      (mode === 'ipb'
        ? 'Formulas: IPB custom functions (open with the IPB add-in loaded)'
        : 'Formulas: native Excel (no add-in needed)'),
    style: 'subtitle',
  });
  const headers = [
    'ID',
    '指標',
    'Indicator',
    '単位 Unit',
    ...s.years.map((y) => `FY${y}`),
    'スター Star',
    '予測 Forecast',
  ];
  headers.forEach((h, i) => setCell(sheet, headerRow, i + 1, { value: h, style: i < 4 ? 'headerLeft' : 'header' }));

  // Row numbers first: formulas refer to rows further down (VA is used by CAPEX_EFFICIENCY above it).
  const plan = planRows(indicators);
  const rowOf = new Map<string, number>();
  const yoyRowOf = new Map<string, number>();
  plan.forEach((p, i) => {
    const r = headerRow + 1 + i;
    if (p.kind === 'indicator') rowOf.set(p.def.id, r);
    if (p.kind === 'yoy') yoyRowOf.set(p.def.id, r);
  });
  const cellRef = (id: string, year: number): string | undefined => {
    const r = rowOf.get(id);
    const c = colOfYear.get(year);
    return r === undefined || c === undefined ? undefined : a1(r, c);
  };
  const windowRange = (r: number): string | undefined => {
    const cols = s.window.map((y) => colOfYear.get(y));
    if (cols.some((c) => c === undefined)) return undefined;
    return `${a1(r, cols[0] ?? 0)}:${a1(r, cols[cols.length - 1] ?? 0)}`;
  };

  plan.forEach((p, i) => {
    const r = headerRow + 1 + i;
    if (p.kind === 'block') {
      const t = BLOCK_TITLES[p.block];
      setCell(sheet, r, 1, { value: `${t.ja}  ${t.en}`, style: 'block' });
      for (let c = 2; c <= lastCol; c += 1) setCell(sheet, r, c, { value: '', style: 'block' });
      return;
    }
    if (p.kind === 'group') {
      const g = GROUPS.find((x) => x.id === p.group);
      setCell(sheet, r, 1, { value: `${p.group}`, style: 'group' });
      setCell(sheet, r, 2, { value: g?.ja ?? '', style: 'group' });
      setCell(sheet, r, 3, { value: g?.en ?? '', style: 'group' });
      for (let c = 4; c <= lastCol; c += 1) setCell(sheet, r, c, { value: '', style: 'group' });
      return;
    }
    const def = p.def;
    if (p.kind === 'yoy') {
      sheet.rowOutline.set(r, 1);
      setCell(sheet, r, 2, { value: `  前期比`, style: 'subLabel' });
      setCell(sheet, r, 3, { value: `  Year on year`, style: 'subLabel' });
      setCell(sheet, r, 4, { value: '[%]', style: 'unit' });
      const row = rowOf.get(def.id) ?? 0;
      for (const y of s.years) {
        const cur = a1(row, colOfYear.get(y) ?? 0);
        const prev = cellRef(def.id, y - 1) ?? 'NA()';
        const v = s.yoy.get(def.id)?.get(y);
        if (v !== undefined)
          setCell(sheet, r, colOfYear.get(y) ?? 0, formulaCell(yoyFormula(cur, prev, mode), v, 'yoy', false));
      }
      return;
    }
    const isSub = def.subRowOf !== undefined;
    if (isSub) sheet.rowOutline.set(r, 1);
    setCell(sheet, r, 1, {
      value: def.id,
      style: 'id',
      note: `${def.ja} / ${def.en}\n${def.help}${baseNote(def, inputs)}\nArguments of =IPB.${def.id}(…): ${def.params.map((x) => x.name).join(', ')}`,
    });
    setCell(sheet, r, 2, { value: isSub ? `  (${def.ja})` : def.ja, style: isSub ? 'subLabel' : 'label' });
    setCell(sheet, r, 3, { value: isSub ? `  (${def.en})` : def.en, style: isSub ? 'subLabel' : 'label' });
    setCell(sheet, r, 4, { value: def.unit === 'money' ? moneyLabel : UNIT_LABEL[def.unit].ja, style: 'unit' });
    for (const y of s.years) {
      const refs = inputLeafRefs(inputs, stats, s.company.name, y, cellRef, industry.average);
      const v = s.indicators.get(def.id)?.get(y);
      if (v === undefined) continue;
      setCell(
        sheet,
        r,
        colOfYear.get(y) ?? 0,
        formulaCell(indicatorFormula(def, refs, mode), v, isSub ? 'ratioSub' : def.unit),
      );
    }
    const star = s.star.get(def.id);
    if (star) {
      const range = windowRange(r);
      const mean = range ? `AVERAGE(${range})` : 'NA()';
      const st = industry.star(def.id);
      setCell(sheet, r, starCol, formulaCell(starFormula(mean, st.peers, st.mean, st.sd, mode), star.rank, 'star'));
    }
    const arrow = s.forecast.get(def.id);
    if (arrow && def.forecast) {
      const range = windowRange(r);
      const pbrRow = rowOf.get('PBR');
      const pbr = def.forecast.pbrGuard && pbrRow !== undefined ? windowRange(pbrRow) : undefined;
      const latest = cellRef(def.id, s.window[s.window.length - 1]);
      const formula = range && latest ? forecastFormula(range, latest, def.forecast.band, mode, pbr) : 'NA()';
      setCell(sheet, r, forecastCol, formulaCell(formula, arrow, 'arrow'));
    }
  });

  sheet.columnWidths.set(1, 22);
  sheet.columnWidths.set(2, 26);
  sheet.columnWidths.set(3, 36);
  sheet.columnWidths.set(4, 11);
  for (const c of colOfYear.values()) sheet.columnWidths.set(c, 12);
  sheet.columnWidths.set(starCol, 12);
  sheet.columnWidths.set(forecastCol, 13);
  sheet.freeze = { rows: headerRow, columns: 4 };
  sheet.print = { landscape: true, fitToWidth: true };
  return { sheet, headerRow, rowOf, yoyRowOf, colOfYear, starCol, forecastCol };
}

/**
 * Block 3 on the Evaluation sheet (表15, 図18): PDI, PCPI and AVG_PCPI with their types, the PORTFOLIO table
 * (the company's top-5 subclasses per window year) and the PDI-type × AVG_PCPI-type matrix. Every number is
 * a live formula over the Portfolio sheet; the types and the matrix are formulas over those numbers.
 */
import { BLOCK3_FUNCTIONS } from '../catalog/block3';
import type { CompanyPortfolio, PortfolioResults } from '../portfolio/indicators';
import { COMPETITIVE_TIERS, HHI_COMPETITIVE_MAX, PDI_TYPES, TIER_TOLERANCE } from '../portfolio/measures';
import { numberLiteral } from '../expr';
import { isNoValue, type NoValue, type Value } from '../values';
import { formulaCell } from './cells';
import { NAMESPACE } from './formulas';
import { type Cell, type FormulaMode, type Sheet, a1, setCell } from './model';
import { amountStyles, type PortfolioLayout } from './portfolioSheet';
import { SECTION_HEAD_ROWS, type SectionTable, writeSectionTable } from './sectionTable';

/** The unit column (D) of Evaluation, widened for the PORTFOLIO table's subclass titles. */
const TITLE_WIDTH = 30;

const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;

function pdiTypeFormula(v: string): string {
  const tiers = PDI_TYPES.slice(0, -1);
  return (
    tiers.map((t) => `IF(${v}>=${t.min},${quote(t.label)},`).join('') +
    quote(PDI_TYPES[PDI_TYPES.length - 1].label) +
    ')'.repeat(tiers.length)
  );
}

function tierFormula(v: string, mean: string, sd: string, cuts: readonly number[]): string {
  const z = `(LN(${v})-${mean})/${sd}`;
  const last = quote(COMPETITIVE_TIERS[COMPETITIVE_TIERS.length - 1].label);
  const inner =
    cuts
      .map((cut, i) => `IF(${z}>=${numberLiteral(cut - TIER_TOLERANCE)},${quote(COMPETITIVE_TIERS[i].label)},`)
      .join('') +
    last +
    ')'.repeat(cuts.length);
  return `IF(${v}<=0,${last},${inner})`;
}

const text = (v: string | NoValue): string | NoValue => v;
const asCell = (f: string, v: Value | string | NoValue, style: Cell['style']): Cell =>
  formulaCell(f, v, style ?? 'number');

export interface PortfolioSectionLayout {
  readonly rowOf: ReadonlyMap<string, number>;
  readonly valueCol: number;
  readonly nextRow: number;
  /** The PORTFOLIO table's rows of each window year (ranks 1, 2, … in order): what 図18's chart plots. */
  readonly portfolioYears: readonly { readonly year: number; readonly first: number; readonly last: number }[];
  readonly rankCol: number;
  readonly shareCol: number;
  /** The matrix's title row. */
  readonly matrixRow: number;
}

export function writePortfolioSection(
  sheet: Sheet,
  startRow: number,
  r: PortfolioResults,
  cp: CompanyPortfolio,
  p: PortfolioLayout,
  mode: FormulaMode,
  lastCol: number,
): PortfolioSectionLayout {
  const c = r.corpus;
  let row = startRow;
  setCell(sheet, row, 1, {
    value: '第3ブロック 特許ポートフォリオ関連指標  Block 3 — patent portfolio',
    style: 'block',
  });
  for (let col = 2; col <= lastCol; col += 1) setCell(sheet, row, col, { value: '', style: 'block' });
  row += 1;
  setCell(sheet, row, 1, {
    value: `Window ${r.window[0]}–${r.window[2]} (filing years; y0 = ${c.years[0]}); ${c.measure === 'claims' ? 'application claims' : 'applications (the records carry no claim counts)'}; formulas over the Portfolio sheet.`,
    style: 'subtitle',
  });
  row += 1;
  const valueCol = 5;
  const typeCol = 6;
  ['ID', '指標', 'Indicator', '単位 Unit', `${r.window[0]}–${r.window[2]}`, '型 Type'].forEach((h, i) =>
    setCell(sheet, row, i + 1, { value: h, style: i < 4 ? 'headerLeft' : 'header' }),
  );
  row += 1;
  const rowOf = new Map<string, number>();
  const def = (id: string) => BLOCK3_FUNCTIONS.find((f) => f.id === id);
  const ids = ['PDI', 'PCPI', 'AVG_PCPI'] as const;
  ids.forEach((id, k) => rowOf.set(id, row + k));
  const at = (id: string): string => a1(rowOf.get(id) as number, valueCol);
  const formulas: Record<(typeof ids)[number], string> =
    mode === 'ipb'
      ? {
          PDI: `${NAMESPACE}.PDI(${p.companyBlock})`,
          PCPI: `${NAMESPACE}.PCPI(${p.hhiColumn},${p.shareColumn},${p.ownTotals},${p.corpusTotals})`,
          AVG_PCPI: `${NAMESPACE}.AVG_PCPI(${at('PCPI')},${p.companyBlock})`,
        }
      : {
          PDI: `AGGREGATE(1,6,${p.pdiYears})`,
          PCPI: `IF(MIN(${p.ownTotals})<=0,NA(),${p.pcpiBase}*(1+${p.ownGrowth}-${p.corpusGrowth}))`,
          AVG_PCPI: `${at('PCPI')}/AVERAGE(${p.subclassCounts})`,
        };
  const values = { PDI: cp.pdi, PCPI: cp.pcpi, AVG_PCPI: cp.avgPcpi };
  const types = {
    PDI: [pdiTypeFormula(at('PDI')), text(cp.pdiType)],
    PCPI: [tierFormula(at('PCPI'), p.pcpiLogMean, p.pcpiLogSd, r.tierCuts), text(cp.pcpiType)],
    AVG_PCPI: [tierFormula(at('AVG_PCPI'), p.avgLogMean, p.avgLogSd, r.tierCuts), text(cp.avgPcpiType)],
  } as const;
  for (const id of ids) {
    const d = def(id);
    const rr = rowOf.get(id) as number;
    setCell(sheet, rr, 1, { value: id, style: 'id', note: d ? `${d.ja} / ${d.en}\n${d.help}` : undefined });
    setCell(sheet, rr, 2, { value: d?.ja ?? '', style: 'label' });
    setCell(sheet, rr, 3, { value: d?.en ?? '', style: 'label' });
    setCell(sheet, rr, 4, { value: '—', style: 'unit' });
    setCell(sheet, rr, valueCol, asCell(formulas[id], values[id], 'number'));
    setCell(sheet, rr, typeCol, asCell(types[id][0], types[id][1], 'typeLabel'));
  }
  row += ids.length + 1;

  // ---- PORTFOLIO (表15): the subclass title wraps in a wider unit column, on at most three lines (the
  // Portfolio sheet has it whole); every cell of such a row sits on the title's first line.
  sheet.columnWidths.set(4, Math.max(sheet.columnWidths.get(4) ?? 0, TITLE_WIDTH));
  const amountStyle = amountStyles(c).top;
  const unitLabel = c.measure === 'claims' ? '請求項数 claims' : '出願件数 applications';
  const rows: Cell[][] = cp.entries.map((e) => {
    const i = c.years.indexOf(e.year);
    const x = p.companyCell(e.subclass, i);
    const prev = p.companyCell(e.subclass, i - 1);
    return [
      { value: e.year, style: 'centerTop' },
      { value: e.rank, style: 'centerTop' },
      { value: e.subclass, style: 'centerTop' },
      { value: e.title ?? '', style: 'titleTop' },
      asCell(x, e.amount, amountStyle),
      asCell(`${x}/SUM(${p.companyColumn(i)})*100`, e.share, 'percentTop'),
      asCell(`IF(${x}>${prev},"↑",IF(${x}<${prev},"↓","→"))`, e.arrow, 'arrowTop'),
      asCell(`${x}/${p.subclassTotal(e.subclass, i)}*100`, e.subclassShare, 'percentTop'),
      asCell(`SUMPRODUCT((${p.marketRange(e.subclass, i)}>${x})*1)+1`, e.subclassRank, 'countTop'),
      asCell(p.hhiOfYear(e.subclass, i), e.hhi, 'countTop'),
      asCell(`IF(${p.hhiOfYear(e.subclass, i)}<=${HHI_COMPETITIVE_MAX},"競争","寡占")`, e.state, 'arrowTop'),
    ];
  });
  const table: SectionTable = {
    id: 'PORTFOLIO',
    ja: '特許出願ポートフォリオ(技術分野別)',
    en: 'Application portfolio by technology (IPC subclass)',
    note: 'Top 5 subclasses per window year. ↑/↓ versus the previous year; share of the subclass and rank among its applicants that year; HHI of the subclass that year (≤ 1,000 競争 competitive, above 寡占 oligopoly).',
    columns: [
      { ja: '年', en: 'Year' },
      { ja: '順位', en: 'Rank' },
      { ja: 'IPC', en: 'Subclass' },
      { ja: '技術分野', en: 'Title' },
      { ja: unitLabel.split(' ')[0], en: unitLabel.split(' ')[1] },
      { ja: '構成比 %', en: 'Share %' },
      { ja: '前年比', en: 'Trend' },
      { ja: 'サブクラス内シェア %', en: 'Share of subclass %' },
      { ja: 'サブクラス内順位', en: 'Rank in subclass' },
      { ja: 'HHI', en: 'HHI' },
      { ja: '状態', en: 'State' },
    ],
    rows,
    maxRowLines: 3,
  };
  const portfolioYears: { year: number; first: number; last: number }[] = [];
  cp.entries.forEach((e, i) => {
    const r0 = row + SECTION_HEAD_ROWS + i;
    const g = portfolioYears[portfolioYears.length - 1];
    if (g?.year === e.year) g.last = r0;
    else portfolioYears.push({ year: e.year, first: r0, last: r0 });
  });
  row = writeSectionTable(sheet, row, table) + 1;

  // ---- the matrix (図18): PDI type across, AVG_PCPI type down
  const matrixRow = row;
  setCell(sheet, row, 1, { value: 'PDI型 × AVG_PCPI型 matrix (図18)', style: 'group' });
  for (let col = 2; col <= 1 + PDI_TYPES.length; col += 1) setCell(sheet, row, col, { value: '', style: 'group' });
  row += 1;
  const across = [...PDI_TYPES].reverse();
  setCell(sheet, row, 1, { value: 'AVG_PCPI \\ PDI', style: 'headerLeft' });
  across.forEach((t, i) => setCell(sheet, row, 2 + i, { value: t.label, style: 'header' }));
  row += 1;
  const pdiTypeCell = a1(rowOf.get('PDI') as number, typeCol);
  const avgTypeCell = a1(rowOf.get('AVG_PCPI') as number, typeCol);
  COMPETITIVE_TIERS.forEach((tier, k) => {
    setCell(sheet, row + k, 1, { value: tier.label, style: 'label' });
    across.forEach((t, i) => {
      const hit =
        !isNoValue(cp.pdiType) && !isNoValue(cp.avgPcpiType) && cp.pdiType === t.label && cp.avgPcpiType === tier.label;
      setCell(
        sheet,
        row + k,
        2 + i,
        formulaCell(
          `IFERROR(IF(AND(${pdiTypeCell}=${quote(t.label)},${avgTypeCell}=${quote(tier.label)}),"●","·"),"·")`,
          hit ? '●' : '·',
          'arrow',
        ),
      );
    });
  });
  row += COMPETITIVE_TIERS.length;
  return { rowOf, valueCol, nextRow: row + 1, portfolioYears, rankCol: 2, shareCol: 6, matrixRow };
}

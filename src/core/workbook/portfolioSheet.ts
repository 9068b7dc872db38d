/**
 * The Portfolio sheet (Block 3, 表15): the corpus-level tables the company's portfolio indicators are
 * formulas over. For each IPC subclass the company filed in during the window, every applicant's claims by
 * year (the market), each subclass's totals and HHI (live: SUMPRODUCT over the share cells), the company's
 * claims by subclass, and the yearly totals for the growth term. Editing a claims cell recalculates the
 * shares, the HHIs, PDI, PCPI and AVG_PCPI. The universe's log-distributions (for the types) are the
 * core's values over every applicant of the corpus, written as labelled inputs.
 */
import { PORTFOLIO_SPAN } from '../portfolio/aggregate';
import type { CompanyPortfolio, PortfolioResults } from '../portfolio/indicators';
import { isNoValue, noValue, type Value } from '../values';
import { formulaCell } from './cells';
import { NAMESPACE } from './formulas';
import { type FormulaMode, type Sheet, type StyleName, a1, newSheet, rangeRef, setCell, sheetRef } from './model';
import type { PortfolioCorpus } from '../portfolio/aggregate';
import { fitRowHeight, wrapAcross } from './rowFit';

export const PORTFOLIO = 'Portfolio';

export interface PortfolioLayout {
  readonly sheet: Sheet;
  /** Year index 1…3 → the company's column over its subclasses; and the whole y1…y3 block. */
  companyColumn(i: number): string;
  readonly companyBlock: string;
  readonly hhiColumn: string;
  readonly shareColumn: string;
  readonly ownTotals: string;
  readonly corpusTotals: string;
  /** The company's PDI of each window year, and its count of subclasses filed in, as ranges of 3 cells. */
  readonly pdiYears: string;
  readonly subclassCounts: string;
  readonly pcpiBase: string;
  readonly ownGrowth: string;
  readonly corpusGrowth: string;
  readonly pcpiLogMean: string;
  readonly pcpiLogSd: string;
  readonly avgLogMean: string;
  readonly avgLogSd: string;
  /** Cells of one subclass of the company (by code) in year index i. */
  companyCell(code: string, i: number): string;
  subclassTotal(code: string, i: number): string;
  marketRange(code: string, i: number): string;
  hhiOfYear(code: string, i: number): string;
}

/**
 * The number format of claims (or applications): whole numbers, unless a joint application's amount was
 * divided among its applicants somewhere in the corpus; then one decimal. `top` is for rows with a wrapped title.
 */
export function amountStyles(c: PortfolioCorpus): { plain: StyleName; top: StyleName } {
  const joint = c.amounts.some((x) => Math.abs(x - Math.round(x)) > 1e-9);
  return joint ? { plain: 'amountJoint', top: 'amountJointTop' } : { plain: 'amount', top: 'amountTop' };
}

const ratio = (a: number, b: number, what: string): Value => (b === 0 ? noValue('#DIV/0!', what) : a / b);
const growthOf = (x: number, before: number): Value =>
  before === 0 ? noValue('#DIV/0!', 'no amount the year before') : x / before - 1;

export function buildPortfolioSheet(
  r: PortfolioResults,
  cp: CompanyPortfolio,
  titles: ReadonlyMap<string, string>,
  mode: FormulaMode,
  cutoff: string,
): PortfolioLayout {
  const c = r.corpus;
  const years = c.years;
  const sheet = newSheet(PORTFOLIO);
  sheet.tabColor = 'FF7030A0';
  const ref = (row: number, col: number): string => sheetRef(PORTFOLIO, row, col);
  const unit = c.measure === 'claims' ? '出願請求項数 claims' : '出願件数 applications';
  setCell(sheet, 1, 1, { value: '特許出願ポートフォリオ Patent application portfolio', style: 'title' });
  setCell(sheet, 2, 1, {
    value:
      `${unit} by IPC subclass and filing year, every applicant of the corpus (consolidated names); window ${years[1]}–${years[3]}, ` +
      `y0 = ${years[0]} for growth and arrows; cut-off ${cutoff}. A joint application's amount is divided equally among its applicants; ` +
      'an application counts toward each of its distinct subclasses. Edit an amount and everything below and on Evaluation follows.',
    style: 'subtitleWrap',
  });
  const yearCol = (i: number): number => 3 + i; // columns C…F hold y0…y3 in every table
  const amount = amountStyles(c);

  // ---- totals, each application once (the growth term)
  let row = 4;
  setCell(sheet, row, 1, { value: '年計 Totals, each application once', style: 'headerLeft' });
  setCell(sheet, row, 2, { value: '', style: 'headerLeft' });
  years.forEach((y, i) => setCell(sheet, row, yearCol(i), { value: y, style: 'header' }));
  setCell(sheet, row, yearCol(4), { value: '平均伸び率 mean growth', style: 'header' });
  const ownRow = row + 1;
  const corpusRow = row + 2;
  const growthRows = [row + 3, row + 4];
  const totals = [cp.ownTotals, cp.corpusTotals];
  [cp.name, '全出願人 all applicants'].forEach((label, k) => {
    setCell(sheet, ownRow + k, 1, { value: label, style: k === 0 ? 'subjectText' : 'text' });
    setCell(sheet, ownRow + k, 2, { value: unit, style: 'unit' });
    totals[k].forEach((v, i) => setCell(sheet, ownRow + k, yearCol(i), { value: v, style: amount.plain }));
  });
  const growthMeans: string[] = [];
  [cp.name, '全出願人 all applicants'].forEach((label, k) => {
    const gr = growthRows[k];
    setCell(sheet, gr, 1, { value: `${label}: 伸び率 growth`, style: 'subLabel' });
    const t = totals[k];
    for (let i = 1; i < PORTFOLIO_SPAN; i += 1) {
      const f = `${a1(ownRow + k, yearCol(i))}/${a1(ownRow + k, yearCol(i - 1))}-1`;
      setCell(sheet, gr, yearCol(i), formulaCell(f, growthOf(t[i], t[i - 1]), 'fraction'));
    }
    const gs = [1, 2, 3].map((i) => growthOf(t[i], t[i - 1]));
    const err = gs.find(isNoValue);
    const mean = err ?? (gs as number[]).reduce((s, v) => s + v, 0) / 3;
    setCell(
      sheet,
      gr,
      yearCol(4),
      formulaCell(`AVERAGE(${rangeRef(undefined, gr, yearCol(1), gr, yearCol(3))})`, mean, 'fraction'),
    );
    growthMeans.push(ref(gr, yearCol(4)));
  });

  // ---- the universe's log-distributions, for the types
  row = growthRows[1] + 2;
  setCell(sheet, row, 1, { value: '全出願人の分布 Distribution over every applicant (ln value)', style: 'headerLeft' });
  ['平均 mean', '標準偏差 SD (population)', '出願人数 applicants'].forEach((h, i) =>
    setCell(sheet, row, 3 + i, { value: h, style: 'header' }),
  );
  const distCells: string[] = [];
  (
    [
      ['PCPI', r.pcpiDistribution],
      ['AVG_PCPI', r.avgPcpiDistribution],
    ] as const
  ).forEach(([id, d], k) => {
    const rr = row + 1 + k;
    setCell(sheet, rr, 1, {
      value: `ln ${id}`,
      style: 'text',
      note: 'Computed by the evaluator over every applicant of the loaded corpus with a positive value; an input here.',
    });
    if (isNoValue(d)) {
      for (let i = 0; i < 2; i += 1)
        setCell(sheet, rr, 3 + i, {
          formula: 'NA()',
          result: { error: '#N/A' },
          style: 'inputMissing',
          note: d.message,
        });
      setCell(sheet, rr, 5, { value: 0, style: 'count' });
    } else {
      setCell(sheet, rr, 3, { value: d.mean, style: 'number' });
      setCell(sheet, rr, 4, { value: d.sd, style: 'number' });
      setCell(sheet, rr, 5, { value: d.n, style: 'count' });
    }
    distCells.push(ref(rr, 3), ref(rr, 4));
  });

  // ---- row plan for the company block, the subclass table and the market table
  const codes = cp.subclasses.map((s) => s.code);
  const companyHeader = row + 4;
  const companyFirst = companyHeader + 1;
  const companyLast = companyFirst + codes.length - 1;
  const pdiRow = companyLast + 1;
  const countRow = companyLast + 2;
  const baseRow = companyLast + 3;
  const subHeader = baseRow + 2;
  const subFirst = subHeader + 1;
  const subRow = new Map(codes.map((code, k) => [code, subFirst + k]));
  const marketHeader = subFirst + codes.length + 1;
  const market = new Map<string, { first: number; last: number; pairs: number[] }>();
  let next = marketHeader + 1;
  const at = (p: number, i: number): number => c.amounts[p * PORTFOLIO_SPAN + i];
  const windowOf = (p: number): number => at(p, 1) + at(p, 2) + at(p, 3);
  for (const s of cp.subclasses) {
    const pairs = [...c.pairsOfSubclass(s.j)].sort(
      (p, q) =>
        windowOf(q) - windowOf(p) || (c.applicants[c.pairApplicant[p]] < c.applicants[c.pairApplicant[q]] ? -1 : 1),
    );
    market.set(s.code, { first: next, last: next + pairs.length - 1, pairs });
    next += pairs.length;
  }
  // Market columns: subclass, applicant, y0…y3, window, share y1…y3, pooled share.
  const M_WINDOW = yearCol(4);
  const mShare = (i: number): number => M_WINDOW + i; // i = 1…3
  const M_POOLED = M_WINDOW + 4;
  // Subclass columns: subclass, title, totals y0…y3, window, HHI y1…y3, pooled HHI, state (pooled).
  const S_WINDOW = yearCol(4);
  const sHhi = (i: number): number => S_WINDOW + i;
  const S_POOLED = S_WINDOW + 4;
  const S_STATE = S_POOLED + 1;
  // Company columns: subclass, title, y0…y3, window, pooled share, pooled HHI, HHI × share.
  const C_WINDOW = yearCol(4);
  const C_SHARE = C_WINDOW + 1;
  const C_HHI = C_WINDOW + 2;
  const C_TERM = C_WINDOW + 3;
  const mRange = (code: string, col: number): string => {
    const m = market.get(code) as { first: number; last: number };
    return rangeRef(undefined, m.first, col, m.last, col);
  };

  // ---- the company's claims by subclass
  const cHead = [
    'IPC',
    '技術分野 Title',
    ...years.map(String),
    '期間計 window',
    'シェア share of subclass',
    'HHI (window)',
    'HHI × share',
  ];
  cHead.forEach((h, i) => setCell(sheet, companyHeader, 1 + i, { value: h, style: i < 2 ? 'headerLeft' : 'header' }));
  setCell(sheet, companyHeader - 1, 1, { value: `${cp.name}: IPCサブクラス別 by subclass`, style: 'group' });
  const companyRowOf = new Map<string, number>();
  cp.subclasses.forEach((s, k) => {
    const rr = companyFirst + k;
    companyRowOf.set(s.code, rr);
    const m = market.get(s.code) as { first: number; pairs: number[] };
    const own = m.pairs.findIndex((p) => c.pairApplicant[p] === cp.index);
    const mRow = m.first + own;
    setCell(sheet, rr, 1, { value: s.code, style: 'textTop' });
    setCell(sheet, rr, 2, { value: titles.get(s.code) ?? '', style: 'titleTop' });
    for (let i = 0; i < PORTFOLIO_SPAN; i += 1)
      setCell(sheet, rr, yearCol(i), formulaCell(a1(mRow, yearCol(i)), s.amounts[i], amount.top));
    const w = s.amounts[1] + s.amounts[2] + s.amounts[3];
    setCell(
      sheet,
      rr,
      C_WINDOW,
      formulaCell(`SUM(${rangeRef(undefined, rr, yearCol(1), rr, yearCol(3))})`, w, amount.top),
    );
    const total = r.subclassTotal(s.j, 1) + r.subclassTotal(s.j, 2) + r.subclassTotal(s.j, 3);
    const share = ratio(w, total, 'no claims in the subclass');
    const sr = subRow.get(s.code) as number;
    setCell(sheet, rr, C_SHARE, formulaCell(`${a1(rr, C_WINDOW)}/${a1(sr, S_WINDOW)}`, share, 'fractionTop'));
    const h = r.hhiPooled(s.j);
    setCell(sheet, rr, C_HHI, formulaCell(a1(sr, S_POOLED), h, 'countTop'));
    const term = isNoValue(h) ? h : isNoValue(share) ? share : h * share;
    setCell(sheet, rr, C_TERM, formulaCell(`${a1(rr, C_HHI)}*${a1(rr, C_SHARE)}`, term, 'numberTop'));
  });
  const colRange = (col: number): string => rangeRef(undefined, companyFirst, col, companyLast, col);
  const empty = codes.length === 0;
  setCell(sheet, pdiRow, 1, { value: 'PDI 年次 by year', style: 'subLabel' });
  setCell(sheet, countRow, 1, { value: 'サブクラス数 subclasses filed in', style: 'subLabel' });
  setCell(sheet, baseRow, 1, { value: 'Σ HHI × share', style: 'subLabel' });
  for (let i = 1; i < PORTFOLIO_SPAN; i += 1) {
    const rg = colRange(yearCol(i));
    const pdiFormula = empty ? 'NA()' : `(1-SUMSQ(${rg})/SUM(${rg})^2)*100`;
    setCell(sheet, pdiRow, yearCol(i), formulaCell(pdiFormula, cp.pdiByYear[i - 1], 'number'));
    const count = cp.subclasses.filter((s) => s.amounts[i] > 0).length;
    setCell(sheet, countRow, yearCol(i), formulaCell(empty ? '0' : `COUNTIF(${rg},">0")`, count, 'count'));
  }
  const baseValue = cp.subclasses.reduce<Value>((s, x) => {
    if (isNoValue(s)) return s;
    const h = r.hhiPooled(x.j);
    const total = r.subclassTotal(x.j, 1) + r.subclassTotal(x.j, 2) + r.subclassTotal(x.j, 3);
    return isNoValue(h) ? h : s + h * ((x.amounts[1] + x.amounts[2] + x.amounts[3]) / total);
  }, 0);
  setCell(sheet, baseRow, C_TERM, formulaCell(empty ? '0' : `SUM(${colRange(C_TERM)})`, baseValue, 'number'));

  // ---- subclasses: totals and HHI, over the market rows below
  setCell(sheet, subHeader - 1, 1, { value: 'IPCサブクラス Subclasses: totals and HHI', style: 'group' });
  const sHead = [
    'IPC',
    '技術分野 Title',
    ...years.map(String),
    '期間計 window',
    ...years.slice(1).map((y) => `HHI ${y}`),
    'HHI (window)',
    '状態 state',
  ];
  sHead.forEach((h, i) => setCell(sheet, subHeader, 1 + i, { value: h, style: i < 2 ? 'headerLeft' : 'header' }));
  cp.subclasses.forEach((s) => {
    const rr = subRow.get(s.code) as number;
    setCell(sheet, rr, 1, { value: s.code, style: 'textTop' });
    setCell(sheet, rr, 2, { value: titles.get(s.code) ?? '', style: 'titleTop' });
    for (let i = 0; i < PORTFOLIO_SPAN; i += 1)
      setCell(
        sheet,
        rr,
        yearCol(i),
        formulaCell(`SUM(${mRange(s.code, yearCol(i))})`, r.subclassTotal(s.j, i), amount.top),
      );
    const w = r.subclassTotal(s.j, 1) + r.subclassTotal(s.j, 2) + r.subclassTotal(s.j, 3);
    setCell(
      sheet,
      rr,
      S_WINDOW,
      formulaCell(`SUM(${rangeRef(undefined, rr, yearCol(1), rr, yearCol(3))})`, w, amount.top),
    );
    const hhiFormula = (amounts: number, shares: number): string =>
      mode === 'ipb'
        ? `${NAMESPACE}.HHI(${mRange(s.code, amounts)})`
        : `SUMPRODUCT(${mRange(s.code, shares)},${mRange(s.code, shares)})*10000`;
    for (let i = 1; i < PORTFOLIO_SPAN; i += 1)
      setCell(sheet, rr, sHhi(i), formulaCell(hhiFormula(yearCol(i), mShare(i)), r.hhiOfYear(s.j, i), 'countTop'));
    const pooled = r.hhiPooled(s.j);
    setCell(sheet, rr, S_POOLED, formulaCell(hhiFormula(M_WINDOW, M_POOLED), pooled, 'countTop'));
    const state = isNoValue(pooled) ? pooled : pooled <= 1000 ? '競争' : '寡占';
    setCell(sheet, rr, S_STATE, formulaCell(`IF(${a1(rr, S_POOLED)}<=1000,"競争","寡占")`, state, 'arrowTop'));
  });

  // ---- the market: every applicant of each subclass
  setCell(sheet, marketHeader - 1, 1, { value: '市場 Market: every applicant of each subclass', style: 'group' });
  const mHead = [
    'IPC',
    '出願人 Applicant',
    ...years.map(String),
    '期間計 window',
    ...years.slice(1).map((y) => `シェア ${y}`),
    'シェア window',
  ];
  mHead.forEach((h, i) => setCell(sheet, marketHeader, 1 + i, { value: h, style: i < 2 ? 'headerLeft' : 'header' }));
  for (const s of cp.subclasses) {
    const m = market.get(s.code) as { first: number; pairs: number[] };
    const sr = subRow.get(s.code) as number;
    m.pairs.forEach((p, k) => {
      const rr = m.first + k;
      const own = c.pairApplicant[p] === cp.index;
      setCell(sheet, rr, 1, { value: s.code, style: 'text' });
      setCell(sheet, rr, 2, { value: c.applicants[c.pairApplicant[p]], style: own ? 'subjectText' : 'text' });
      for (let i = 0; i < PORTFOLIO_SPAN; i += 1)
        setCell(sheet, rr, yearCol(i), { value: at(p, i), style: amount.plain });
      setCell(
        sheet,
        rr,
        M_WINDOW,
        formulaCell(`SUM(${rangeRef(undefined, rr, yearCol(1), rr, yearCol(3))})`, windowOf(p), amount.plain),
      );
      for (let i = 1; i < PORTFOLIO_SPAN; i += 1) {
        const v = ratio(at(p, i), r.subclassTotal(s.j, i), `no filings in ${s.code} in ${years[i]}`);
        setCell(
          sheet,
          rr,
          mShare(i),
          formulaCell(`${a1(rr, yearCol(i))}/${a1(sr, yearCol(i), true)}`, v, 'fraction', false),
        );
      }
      const total = r.subclassTotal(s.j, 1) + r.subclassTotal(s.j, 2) + r.subclassTotal(s.j, 3);
      setCell(
        sheet,
        rr,
        M_POOLED,
        formulaCell(`${a1(rr, M_WINDOW)}/${a1(sr, S_WINDOW, true)}`, ratio(windowOf(p), total, 'empty'), 'fraction'),
      );
    });
  }

  sheet.columnWidths.set(1, 30);
  sheet.columnWidths.set(2, 44);
  for (let col = 3; col <= M_POOLED + 1; col += 1) sheet.columnWidths.set(col, 13);
  // Headers wrap in the narrow number columns; the subclass titles show whole (often several lines).
  for (const h of [4, row, companyHeader, subHeader, marketHeader]) fitRowHeight(sheet, h);
  for (const rr of [...companyRowOf.values(), ...subRow.values()]) fitRowHeight(sheet, rr);
  sheet.freeze = { rows: 2, columns: 2 };
  sheet.print = { landscape: true, fitToWidth: true };
  wrapAcross(sheet, 2, M_POOLED);

  const companyCols = (i: number): string => sheetRange(companyFirst, yearCol(i), companyLast, yearCol(i));
  function sheetRange(r1: number, c1: number, r2: number, c2: number): string {
    return empty ? 'NA()' : rangeRef(PORTFOLIO, r1, c1, r2, c2);
  }
  const cell = (row: number, col: number): string => ref(row, col);
  const orNa = (code: string, f: (code: string) => string): string => (market.has(code) ? f(code) : 'NA()');
  return {
    sheet,
    companyColumn: companyCols,
    companyBlock: sheetRange(companyFirst, yearCol(1), companyLast, yearCol(3)),
    hhiColumn: sheetRange(companyFirst, C_HHI, companyLast, C_HHI),
    shareColumn: sheetRange(companyFirst, C_SHARE, companyLast, C_SHARE),
    ownTotals: rangeRef(PORTFOLIO, ownRow, yearCol(0), ownRow, yearCol(3)),
    corpusTotals: rangeRef(PORTFOLIO, corpusRow, yearCol(0), corpusRow, yearCol(3)),
    pdiYears: rangeRef(PORTFOLIO, pdiRow, yearCol(1), pdiRow, yearCol(3)),
    subclassCounts: rangeRef(PORTFOLIO, countRow, yearCol(1), countRow, yearCol(3)),
    pcpiBase: cell(baseRow, C_TERM),
    ownGrowth: growthMeans[0],
    corpusGrowth: growthMeans[1],
    pcpiLogMean: distCells[0],
    pcpiLogSd: distCells[1],
    avgLogMean: distCells[2],
    avgLogSd: distCells[3],
    companyCell: (code, i) => orNa(code, () => cell(companyRowOf.get(code) as number, yearCol(i))),
    subclassTotal: (code, i) => orNa(code, () => cell(subRow.get(code) as number, yearCol(i))),
    marketRange: (code, i) =>
      orNa(code, () => {
        const m = market.get(code) as { first: number; last: number };
        return rangeRef(PORTFOLIO, m.first, yearCol(i), m.last, yearCol(i));
      }),
    hhiOfYear: (code, i) => orNa(code, () => cell(subRow.get(code) as number, sHhi(i))),
  };
}

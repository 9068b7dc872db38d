/**
 * The PSI sheet (特許類似率, 表17): every application of the company with its PSI_SELF and PSI_ALL as values (they
 * come from the keyword corpus, not from cells), and over them as formulas: the mean and population SD of
 * PSI_SELF and PSI_ALL, the typical / exceptional bounds (mean ± k·SD), the by-year counts and ratios (COUNTIFS
 * against the bounds) and the PSI_ALL composition. PSI_ALL's bounds come from every application of the corpus,
 * written as input cells.
 */
import { numberLiteral } from '../expr';
import type { CompanyKeywords } from '../text-mining/evaluation';
import type { PsiMoments } from '../text-mining/psi';
import { isNoValue, noValue, type Value } from '../values';
import { formulaCell } from './cells';
import { fitRowHeight, wrapAcross } from './rowFit';
import { aggregateMean, aggregateSd } from './formulas';
import { type Cell, type Sheet, a1, newSheet, rangeRef, setCell, sheetRef } from './model';

export const PSI = 'PSI';

export interface PsiLayout {
  readonly sheet: Sheet;
  /** Absolute references from another sheet. */
  readonly selfMean: string;
  readonly allMean: string;
  /** By-year rows (in the window), keyed by year: references of the cells of each column. */
  readonly years: readonly number[];
  yearCell(year: number, column: PsiYearColumn): string;
  readonly composition: { readonly high: string[]; readonly low: string[]; readonly other: string[] };
  /** The application row of an application number: references of its cells. */
  applicationCell(applicationNumber: string, column: 'year' | 'self' | 'all'): string | undefined;
}

export type PsiYearColumn =
  'applications' | 'typical' | 'exceptional' | 'typicalRatio' | 'exceptionalRatio' | 'high' | 'low' | 'other';

/** The by-year columns of the PSI table, in order from column 2 (on the PSI sheet and in Block 3's section). */
export const PSI_YEAR_COLUMNS: readonly PsiYearColumn[] = [
  'applications',
  'typical',
  'exceptional',
  'typicalRatio',
  'exceptionalRatio',
  'high',
  'low',
  'other',
];

/** The tolerance of psi.ts's sideOf: a value within 1e-9·max(SD, |mean|) of a bound is not beyond it. */
const TOLERANCE = numberLiteral(1e-9);

function bound(mean: string, sd: string, k: string, sign: 1 | -1): string {
  const op = sign === 1 ? '+' : '-';
  return `${mean}${op}${k}*${sd}${op}${TOLERANCE}*MAX(${sd},ABS(${mean}))`;
}

function boundValue(m: PsiMoments, k: number, sign: 1 | -1): Value {
  if (isNoValue(m.mean)) return m.mean;
  if (isNoValue(m.sd)) return m.sd;
  return m.mean + sign * (k * m.sd + 1e-9 * Math.max(m.sd, Math.abs(m.mean)));
}

export function buildPsiSheet(ck: CompanyKeywords): PsiLayout {
  const sheet = newSheet(PSI);
  sheet.tabColor = 'FF7030A0';
  const r = ck.psi;
  const apps = ck.psiAllYears.applications;
  const k = r.parameters.sdMultiple;
  setCell(sheet, 1, 1, { value: `特許類似率 Patent similarity (PSI, 表17) — ${ck.company}`, style: 'title' });
  setCell(sheet, 2, 1, {
    value:
      "PSI(d, P) = mean over d's keywords of the % of population P's applications using the keyword. PSI_SELF: P = the " +
      "company's applications; PSI_ALL: P = every application of the loaded corpus. Typical (典型) / exceptional (例外): " +
      'PSI_SELF beyond mean ± k·SD of the company; high / low similarity: PSI_ALL beyond mean ± k·SD of the corpus. ' +
      'The application values come from the keyword analysis; edit k or a bound and the counts follow.',
    style: 'subtitleWrap',
  });
  setCell(sheet, 4, 1, { value: 'k (mean ± k·SD)', style: 'label' });
  setCell(sheet, 4, 2, { value: k, style: 'inputNumber' });
  const kRef = a1(4, 2, true);
  ['', '平均 mean', '標準偏差 SD (population)', '上限 upper bound', '下限 lower bound', '出願数 n'].forEach((h, i) =>
    setCell(sheet, 5, 1 + i, { value: h, style: i === 0 ? 'headerLeft' : 'header' }),
  );
  // ---- the applications, below the summary blocks (their rows are needed by the formulas above them)
  const yearRows = r.byYear;
  const yHeader = 10;
  const yFirst = yHeader + 1;
  const totalRow = yFirst + yearRows.length;
  const cHeader = totalRow + 2;
  const aHeader = cHeader + 5;
  const aFirst = aHeader + 1;
  const aLast = aFirst + Math.max(apps.length, 1) - 1;
  const A = { app: 1, pub: 2, title: 3, year: 4, self: 5, all: 6 };
  const col = (c: number): string => rangeRef(undefined, aFirst, c, aLast, c, true);

  const selfRow = 6;
  const allRow = 7;
  const corpusRow = 8;
  const moment = (row: number, label: string, range: string, m: PsiMoments): void => {
    setCell(sheet, row, 1, { value: label, style: 'text' });
    setCell(sheet, row, 2, formulaCell(aggregateMean(range), m.mean, 'number'));
    setCell(sheet, row, 3, formulaCell(aggregateSd(range), m.sd, 'number'));
    setCell(sheet, row, 6, formulaCell(`COUNT(${range})`, m.n, 'count'));
  };
  moment(selfRow, "PSI_SELF, the company's applications", col(A.self), ck.psiAllYears.self);
  moment(allRow, "PSI_ALL, the company's applications", col(A.all), ck.psiAllYears.all);
  setCell(sheet, corpusRow, 1, {
    value: 'PSI_ALL, every application of the corpus',
    style: 'text',
    note: 'Computed by the evaluator over every application of the loaded corpus (all applicants); an input here.',
  });
  const corpusInput = (c: number, v: Value): void =>
    setCell(
      sheet,
      corpusRow,
      c,
      isNoValue(v)
        ? { formula: 'NA()', result: { error: '#N/A' }, style: 'inputMissing', note: v.message }
        : { value: v, style: 'number' },
    );
  corpusInput(2, r.corpus.mean);
  corpusInput(3, r.corpus.sd);
  setCell(sheet, corpusRow, 6, { value: r.corpus.n, style: 'count' });
  const bounds = (row: number, m: PsiMoments): void => {
    const [mean, sd] = [a1(row, 2), a1(row, 3)];
    setCell(sheet, row, 4, formulaCell(bound(mean, sd, kRef, 1), boundValue(m, k, 1), 'number'));
    setCell(sheet, row, 5, formulaCell(bound(mean, sd, kRef, -1), boundValue(m, k, -1), 'number'));
  };
  bounds(selfRow, ck.psiAllYears.self);
  bounds(corpusRow, r.corpus);
  const [upper, lower] = [a1(selfRow, 4, true), a1(selfRow, 5, true)];
  const [high, low] = [a1(corpusRow, 4, true), a1(corpusRow, 5, true)];

  // ---- by filing year (the window)
  [
    '出願年 Filing year',
    '出願数 Applications',
    '典型 Typical',
    '例外 Exceptional',
    '典型率 % Typical',
    '例外率 % Exceptional',
    '高類似 High similarity',
    '低類似 Low similarity',
    'その他 Other',
  ].forEach((h, i) => setCell(sheet, yHeader, 1 + i, { value: h, style: i === 0 ? 'headerLeft' : 'header' }));
  const yCol = (c: PsiYearColumn): number => 2 + PSI_YEAR_COLUMNS.indexOf(c);
  const years = col(A.year);
  yearRows.forEach((y, i) => {
    const row = yFirst + i;
    const yr = a1(row, 1);
    const at = (c: PsiYearColumn): string => a1(row, yCol(c));
    setCell(sheet, row, 1, { value: y.year, style: 'center' });
    const cells: Record<PsiYearColumn, Cell> = {
      applications: formulaCell(`COUNTIFS(${years},${yr})`, y.applications, 'count'),
      typical: formulaCell(`COUNTIFS(${years},${yr},${col(A.self)},">"&${upper})`, y.typical, 'count'),
      exceptional: formulaCell(`COUNTIFS(${years},${yr},${col(A.self)},"<"&${lower})`, y.exceptional, 'count'),
      typicalRatio: formulaCell(`${at('typical')}/${at('applications')}*100`, y.typicalRatio, 'percent'),
      exceptionalRatio: formulaCell(`${at('exceptional')}/${at('applications')}*100`, y.exceptionalRatio, 'percent'),
      high: formulaCell(`COUNTIFS(${years},${yr},${col(A.all)},">"&${high})`, y.highSimilarity, 'count'),
      low: formulaCell(`COUNTIFS(${years},${yr},${col(A.all)},"<"&${low})`, y.lowSimilarity, 'count'),
      other: formulaCell(`${at('applications')}-${at('high')}-${at('low')}`, y.otherSimilarity, 'count'),
    };
    for (const c of PSI_YEAR_COLUMNS) setCell(sheet, row, yCol(c), cells[c]);
  });
  // ---- totals over the window and the PSI_ALL composition
  setCell(sheet, totalRow, 1, { value: '計 Total', style: 'statLabel' });
  const sumOf = (c: PsiYearColumn): string =>
    yearRows.length ? `SUM(${rangeRef(undefined, yFirst, yCol(c), totalRow - 1, yCol(c))})` : '0';
  const totals = {
    applications: yearRows.reduce((s, y) => s + y.applications, 0),
    typical: yearRows.reduce((s, y) => s + y.typical, 0),
    exceptional: yearRows.reduce((s, y) => s + y.exceptional, 0),
  };
  const tAt = (c: PsiYearColumn): string => a1(totalRow, yCol(c));
  const ratio = (part: number, whole: number): Value =>
    whole === 0 ? noValue('#DIV/0!', 'no applications in the years counted') : (part / whole) * 100;
  const c = r.composition;
  const totalCells: Record<PsiYearColumn, Cell> = {
    applications: formulaCell(sumOf('applications'), totals.applications, 'statCount'),
    typical: formulaCell(sumOf('typical'), totals.typical, 'statCount'),
    exceptional: formulaCell(sumOf('exceptional'), totals.exceptional, 'statCount'),
    typicalRatio: formulaCell(
      `${tAt('typical')}/${tAt('applications')}*100`,
      ratio(totals.typical, totals.applications),
      'statPercent',
    ),
    exceptionalRatio: formulaCell(
      `${tAt('exceptional')}/${tAt('applications')}*100`,
      ratio(totals.exceptional, totals.applications),
      'statPercent',
    ),
    high: formulaCell(sumOf('high'), c.high, 'statCount'),
    low: formulaCell(sumOf('low'), c.low, 'statCount'),
    other: formulaCell(sumOf('other'), c.other, 'statCount'),
  };
  for (const x of PSI_YEAR_COLUMNS) setCell(sheet, totalRow, yCol(x), totalCells[x]);
  ['PSI_ALL 構成 Composition', '出願数 Applications', '構成比 % Share'].forEach((h, i) =>
    setCell(sheet, cHeader, 1 + i, { value: h, style: i === 0 ? 'headerLeft' : 'header' }),
  );
  const composition = { high: [] as string[], low: [] as string[], other: [] as string[] };
  (
    [
      ['high', '高類似 High similarity', c.high, c.highShare],
      ['low', '低類似 Low similarity', c.low, c.lowShare],
      ['other', 'その他 Other', c.other, c.otherShare],
    ] as const
  ).forEach(([key, label, n, share], i) => {
    const row = cHeader + 1 + i;
    setCell(sheet, row, 1, { value: label, style: 'text' });
    setCell(sheet, row, 2, formulaCell(tAt(key), n, 'count'));
    setCell(sheet, row, 3, formulaCell(`${a1(row, 2)}/${tAt('applications')}*100`, share, 'percent'));
    composition[key].push(sheetRef(PSI, row, 2), sheetRef(PSI, row, 3));
  });

  // ---- the applications
  [
    '出願番号 Application',
    '公開番号 Publication',
    '発明の名称 Title',
    '出願年 Filing year',
    'PSI_SELF',
    'PSI_ALL',
  ].forEach((h, i) => setCell(sheet, aHeader, 1 + i, { value: h, style: i < 3 ? 'headerLeft' : 'header' }));
  const appRow = new Map<string, number>();
  apps.forEach((a, i) => {
    const row = aFirst + i;
    appRow.set(a.applicationNumber, row);
    setCell(sheet, row, A.app, { value: a.applicationNumber, style: 'text' });
    setCell(sheet, row, A.pub, { value: a.publicationNumber ?? '', style: 'text' });
    setCell(sheet, row, A.title, { value: a.title ?? '', style: 'text' });
    setCell(sheet, row, A.year, { value: a.filingYear, style: 'text' });
    setCell(sheet, row, A.self, { value: a.psiSelf, style: 'number' });
    setCell(sheet, row, A.all, { value: a.psiAll, style: 'number' });
  });
  sheet.columnWidths.set(1, 38);
  sheet.columnWidths.set(2, 18);
  sheet.columnWidths.set(3, 40);
  for (let x = 4; x <= 9; x += 1) sheet.columnWidths.set(x, 13);
  for (const h of [5, yHeader, cHeader, aHeader]) fitRowHeight(sheet, h);
  sheet.print = { landscape: true, fitToWidth: true };
  wrapAcross(sheet, 2, 9);
  const abs = (row: number, cc: number): string => sheetRef(PSI, row, cc, true);
  const yearIndex = new Map(yearRows.map((y, i) => [y.year, yFirst + i]));
  const appCol = { year: A.year, self: A.self, all: A.all };
  return {
    sheet,
    selfMean: abs(selfRow, 2),
    allMean: abs(allRow, 2),
    years: yearRows.map((y) => y.year),
    yearCell: (year, cc) => sheetRef(PSI, yearIndex.get(year) as number, yCol(cc)),
    composition,
    applicationCell: (n, cc) => {
      const row = appRow.get(n);
      return row === undefined ? undefined : sheetRef(PSI, row, appCol[cc]);
    },
  };
}

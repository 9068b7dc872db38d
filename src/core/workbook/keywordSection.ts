/**
 * Block 3's text side on the Evaluation sheet (表16, 表17): KEYWORD_COUNT, PSI_SELF and PSI_ALL, the ranked
 * characteristic keywords, typical / exceptional applications and the PSI_ALL composition by filing year, and
 * examples. Every number is a formula over the Keywords and PSI sheets; KEYWORD_COUNT counts the Keywords
 * sheet's rows inside the threshold cells, and the keyword list looks the ranks up, so both follow the thresholds.
 */
import { TEXT_INDICATORS, type TextIndicatorId } from '../catalog/block3';
import type { CompanyKeywords } from '../text-mining/evaluation';
import type { PsiExample } from '../text-mining/psi';
import type { Value } from '../values';
import { formulaCell } from './cells';
import type { KeywordColumn, KeywordsLayout } from './keywordsSheet';
import { type Cell, type Sheet, type StyleName, setCell } from './model';
import { PSI_YEAR_COLUMNS, type PsiLayout, type PsiYearColumn } from './psiSheet';
import { SECTION_HEAD_ROWS, writeSectionTable } from './sectionTable';

/** Keywords listed on Evaluation (the Keywords sheet has them all). */
export const KEYWORDS_LISTED = 20;
/** Typical and exceptional examples listed on Evaluation. */
export const EXAMPLES_LISTED = 5;

/** The data rows of a table of the section (first > last when it has none). */
export interface TableRows {
  readonly title: number;
  readonly first: number;
  readonly last: number;
}

export interface KeywordSectionLayout {
  readonly rowOf: ReadonlyMap<TextIndicatorId, number>;
  readonly valueCol: number;
  readonly nextRow: number;
  /** PKA: rank, keyword, own documents, own rate, corpus rate, lift, score (columns 1–7). */
  readonly pka: TableRows;
  /** PSI by filing year: year, then the columns of PSI_YEAR_COLUMNS (columns 2–9). */
  readonly psiYears: TableRows;
  /** PSI_ALL composition: label, applications, share % (columns 1–3). */
  readonly composition: TableRows;
}

const rowsOf = (title: number, n: number): TableRows => ({
  title,
  first: title + SECTION_HEAD_ROWS,
  last: title + SECTION_HEAD_ROWS + n - 1,
});

export function writeKeywordSection(
  sheet: Sheet,
  startRow: number,
  ck: CompanyKeywords,
  kw: KeywordsLayout,
  psi: PsiLayout,
  lastCol: number,
): KeywordSectionLayout {
  let row = startRow;
  setCell(sheet, row, 1, {
    value: '特徴的キーワードと特許類似率  Block 3 — characteristic keywords and patent similarity (表16, 表17)',
    style: 'group',
  });
  for (let col = 2; col <= lastCol; col += 1) setCell(sheet, row, col, { value: '', style: 'group' });
  row += 1;
  const p = ck.pka.parameters;
  setCell(sheet, row, 1, {
    value: `Keywords of the abstract and claims; region: own rate ≥ ${p.minOwnRate} %, lift ≥ ${p.minLift}, ≥ ${p.minOwnDocuments} documents (cells on the Keywords sheet); PSI over applications, k = ${ck.psi.parameters.sdMultiple} (PSI sheet).`,
    style: 'subtitle',
  });
  row += 1;
  const valueCol = 5;
  ['ID', '指標', 'Indicator', '単位 Unit', '値 Value'].forEach((h, i) =>
    setCell(sheet, row, i + 1, { value: h, style: i < 4 ? 'headerLeft' : 'header' }),
  );
  row += 1;
  const rowOf = new Map<TextIndicatorId, number>();
  const countFormula =
    `IF(${kw.companyDocuments}=0,NA(),COUNTIFS(${kw.column('own')},">="&${kw.minOwnDocuments},` +
    `${kw.column('ownRate')},">="&${kw.minOwnRate},${kw.column('lift')},">="&${kw.minLift}))`;
  const cells: Record<TextIndicatorId, Cell> = {
    KEYWORD_COUNT: formulaCell(countFormula, ck.pka.keywordCount, 'count'),
    PSI_SELF: formulaCell(psi.selfMean, ck.psi.self.mean, 'number'),
    PSI_ALL: formulaCell(psi.allMean, ck.psi.all.mean, 'number'),
  };
  const units: Record<TextIndicatorId, string> = { KEYWORD_COUNT: '語 words', PSI_SELF: '%', PSI_ALL: '%' };
  for (const d of TEXT_INDICATORS) {
    rowOf.set(d.id, row);
    setCell(sheet, row, 1, { value: d.id, style: 'id', note: `${d.ja} / ${d.en}\n${d.help}` });
    setCell(sheet, row, 2, { value: d.ja, style: 'label' });
    setCell(sheet, row, 3, { value: d.en, style: 'label' });
    setCell(sheet, row, 4, { value: units[d.id], style: 'unit' });
    setCell(sheet, row, valueCol, cells[d.id]);
    row += 1;
  }
  row += 1;

  // ---- PKA (表16): rank k looked up on the Keywords sheet
  const listed = Math.min(KEYWORDS_LISTED, kw.candidates);
  const lookup = (k: number, c: KeywordColumn): string =>
    `IFERROR(INDEX(${kw.column(c)},MATCH(${k},${kw.column('rank')},0)),"")`;
  const pkaRows: Cell[][] = Array.from({ length: listed }, (_, i) => {
    const k = i + 1;
    const x = ck.pka.keywords[i];
    const v = (n: number | undefined): Value | string => n ?? '';
    return [
      { value: k, style: 'center' },
      formulaCell(lookup(k, 'keyword'), x?.keyword ?? '', 'text'),
      formulaCell(lookup(k, 'own'), v(x?.ownDocuments), 'count'),
      formulaCell(lookup(k, 'ownRate'), v(x?.ownRate), 'percent'),
      formulaCell(lookup(k, 'corpusRate'), v(x?.corpusRate), 'percent'),
      formulaCell(lookup(k, 'lift'), v(x?.lift), 'number'),
      formulaCell(lookup(k, 'score'), v(x?.score), 'number'),
    ];
  });
  const pka = rowsOf(row, pkaRows.length);
  row =
    writeSectionTable(sheet, row, {
      id: 'PKA',
      ja: '特徴的キーワードリスト',
      en: 'Characteristic keywords',
      note: `The top ${KEYWORDS_LISTED} of the region, by score = own rate/100 × log2(lift); the Keywords sheet has every candidate.`,
      columns: [
        { ja: '順位', en: 'Rank' },
        { ja: 'キーワード', en: 'Keyword' },
        { ja: '自社文書数', en: 'Own documents' },
        { ja: '自社使用率 %', en: 'Own rate %' },
        { ja: '全体使用率 %', en: 'Corpus rate %' },
        { ja: 'リフト', en: 'Lift' },
        { ja: 'スコア', en: 'Score' },
      ],
      rows: pkaRows,
    }) + 1;

  // ---- PSI (表17) by filing year
  const yearCols = PSI_YEAR_COLUMNS;
  const styleOf = (c: PsiYearColumn): StyleName => (c.endsWith('Ratio') ? 'percent' : 'count');
  const yearRows: Cell[][] = ck.psi.byYear.map((y) => {
    const values: Record<PsiYearColumn, number> = {
      applications: y.applications,
      typical: y.typical,
      exceptional: y.exceptional,
      typicalRatio: y.typicalRatio,
      exceptionalRatio: y.exceptionalRatio,
      high: y.highSimilarity,
      low: y.lowSimilarity,
      other: y.otherSimilarity,
    };
    return [
      { value: y.year, style: 'center' },
      ...yearCols.map((c) => formulaCell(psi.yearCell(y.year, c), values[c], styleOf(c))),
    ];
  });
  const comp = ck.psi.composition;
  const compRows: Cell[][] = (
    [
      ['high', '高類似 High', comp.high, comp.highShare],
      ['low', '低類似 Low', comp.low, comp.lowShare],
      ['other', 'その他 Other', comp.other, comp.otherShare],
    ] as const
  ).map(([key, label, n, share]) => [
    { value: label, style: 'text' },
    formulaCell(psi.composition[key][0], n, 'count'),
    formulaCell(psi.composition[key][1], share, 'percent'),
  ]);
  const psiYears = rowsOf(row, yearRows.length);
  row =
    writeSectionTable(sheet, row, {
      id: 'PSI',
      ja: '典型・例外出願と類似度構成(出願年別)',
      en: 'Typical and exceptional applications, similarity by filing year',
      note: 'Typical / exceptional: PSI_SELF above mean + k·SD / below mean − k·SD of the company; high / low similarity: PSI_ALL against the corpus. Ratios in % of the year’s applications.',
      columns: [
        { ja: '出願年', en: 'Year' },
        { ja: '出願数', en: 'Applications' },
        { ja: '典型', en: 'Typical' },
        { ja: '例外', en: 'Exceptional' },
        { ja: '典型率 %', en: 'Typical %' },
        { ja: '例外率 %', en: 'Exceptional %' },
        { ja: '高類似', en: 'High' },
        { ja: '低類似', en: 'Low' },
        { ja: 'その他', en: 'Other' },
      ],
      rows: yearRows,
    }) + 1;
  const composition = rowsOf(row, compRows.length);
  row =
    writeSectionTable(sheet, row, {
      id: 'PSI_COMPOSITION',
      ja: 'PSI_ALL 構成',
      en: 'PSI_ALL composition (years counted)',
      columns: [
        { ja: '類似度', en: 'Similarity' },
        { ja: '出願数', en: 'Applications' },
        { ja: '構成比 %', en: 'Share %' },
      ],
      rows: compRows,
    }) + 1;

  // ---- examples: the text is the application's, the numbers its cells on the PSI sheet
  const exampleRows = (xs: readonly PsiExample[]): Cell[][] =>
    xs.slice(0, EXAMPLES_LISTED).map((e) => {
      const ref = (c: 'year' | 'self' | 'all'): string => psi.applicationCell(e.applicationNumber, c) as string;
      return [
        { value: e.publicationNumber ?? e.applicationNumber, style: 'textTop' },
        { value: e.title ?? '', style: 'titleTop' },
        formulaCell(ref('year'), e.filingYear, 'centerTop'),
        formulaCell(ref('self'), e.psiSelf, 'numberTop'),
        formulaCell(ref('all'), e.psiAll, 'numberTop'),
      ];
    });
  const exampleColumns = [
    { ja: '公報番号', en: 'Publication' },
    { ja: '発明の名称', en: 'Title' },
    { ja: '出願年', en: 'Year' },
    { ja: 'PSI_SELF', en: '' },
    { ja: 'PSI_ALL', en: '' },
  ];
  row =
    writeSectionTable(sheet, row, {
      id: 'PSI_TYPICAL',
      ja: '典型出願の例',
      en: 'Typical applications (highest PSI_SELF)',
      columns: exampleColumns,
      rows: exampleRows(ck.psi.typicalExamples),
      maxRowLines: 3,
    }) + 1;
  row =
    writeSectionTable(sheet, row, {
      id: 'PSI_EXCEPTIONAL',
      ja: '例外出願の例',
      en: 'Exceptional applications (lowest PSI_SELF)',
      columns: exampleColumns,
      rows: exampleRows(ck.psi.exceptionalExamples),
      maxRowLines: 3,
    }) + 1;
  return { rowOf, valueCol, nextRow: row, pka, psiYears, composition };
}

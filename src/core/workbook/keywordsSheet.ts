/**
 * The Keywords sheet (PKA, 表16): the company's candidate keywords with their document counts as values (the
 * keyword extraction is not a spreadsheet computation), and own rate, corpus rate, lift, score, membership of the
 * characteristic region and rank as formulas over those counts and the threshold cells. Editing a threshold moves
 * the region: KEYWORD_COUNT and the keyword list on Evaluation follow.
 */
import type { CompanyKeywords } from '../text-mining/evaluation';
import type { PkaParameters } from '../text-mining/pka';
import { formulaCell } from './cells';
import { fitRowHeight, wrapAcross } from './rowFit';
import { type Sheet, a1, newSheet, rangeRef, setCell, sheetRef } from './model';

export const KEYWORDS = 'Keywords';

export interface KeywordsLayout {
  readonly sheet: Sheet;
  /** Candidate rows (the first row of an empty table when there are none). */
  readonly first: number;
  readonly last: number;
  /** Absolute references of the threshold and denominator cells, from another sheet. */
  readonly minOwnRate: string;
  readonly minLift: string;
  readonly minOwnDocuments: string;
  readonly companyDocuments: string;
  /** A column of the candidate rows, absolute, from another sheet. */
  column(name: KeywordColumn): string;
  /** The number of candidate rows. */
  readonly candidates: number;
}

export type KeywordColumn = 'keyword' | 'own' | 'corpus' | 'ownRate' | 'corpusRate' | 'lift' | 'score' | 'rank';

const COL: Record<KeywordColumn | 'inRegion', number> = {
  keyword: 1,
  own: 2,
  corpus: 3,
  ownRate: 4,
  corpusRate: 5,
  lift: 6,
  score: 7,
  inRegion: 8,
  rank: 9,
};

const inRegion = (own: number, ownRate: number, lift: number, p: PkaParameters): boolean =>
  own >= p.minOwnDocuments && ownRate >= p.minOwnRate && lift >= p.minLift;

export function buildKeywordsSheet(ck: CompanyKeywords, segmenter: string | undefined): KeywordsLayout {
  const sheet = newSheet(KEYWORDS);
  sheet.tabColor = 'FF7030A0';
  const c = ck.candidates;
  const p = ck.pka.parameters;
  setCell(sheet, 1, 1, {
    value: `特徴的キーワード Characteristic keywords (PKA, 表16) — ${ck.company}`,
    style: 'title',
  });
  setCell(sheet, 2, 1, {
    value:
      `Keywords: distinct nouns and compound nouns (Japanese${segmenter ? `, ${segmenter}` : ''}) or word stems (English) of each ` +
      "document's abstract and claims. Own rate = % of the company's documents using the keyword; corpus rate = % of all " +
      'loaded documents (every applicant); lift = own rate / corpus rate; score = own rate/100 × log2(lift). Rows: every ' +
      `keyword with lift ≥ ${c.parameters.minLift} used by at least ${c.parameters.minOwnDocuments} of its documents, by score. ` +
      'Edit a threshold and the region (1 = in it), the ranks and Evaluation follow.',
    style: 'subtitleWrap',
  });
  const params: [string, number, string][] = [
    ['最低自社使用率 Minimum own rate (%)', p.minOwnRate, 'inputNumber'],
    ['最低リフト Minimum lift (own rate / corpus rate)', p.minLift, 'inputNumber'],
    ['最低自社文書数 Minimum documents of the company', p.minOwnDocuments, 'inputNumber'],
    ["自社文書数 The company's documents with keywords", c.documents, 'count'],
    ['全文書数 All documents with keywords (every applicant)', c.corpusDocuments, 'count'],
  ];
  params.forEach(([label, v, style], k) => {
    setCell(sheet, 4 + k, 1, { value: label, style: k < 3 ? 'label' : 'text' });
    setCell(sheet, 4 + k, COL.own, { value: v, style: style as 'count' });
  });
  const cell = (row: number): string => a1(row, COL.own, true);
  const [minRate, minLift, minDocs, docs, total] = [4, 5, 6, 7, 8].map(cell);
  const header = 10;
  [
    'キーワード Keyword',
    '自社文書数 Own documents',
    '全文書数 Corpus documents',
    '自社使用率 % Own rate',
    '全体使用率 % Corpus rate',
    'リフト Lift',
    'スコア Score',
    '領域内 In region',
    '順位 Rank',
  ].forEach((h, i) => setCell(sheet, header, 1 + i, { value: h, style: i === 0 ? 'headerLeft' : 'header' }));
  const first = header + 1;
  const last = first + Math.max(c.keywords.length, 1) - 1;
  let rank = 0;
  c.keywords.forEach((k, i) => {
    const r = first + i;
    const at = (col: number): string => a1(r, col);
    setCell(sheet, r, COL.keyword, { value: k.keyword, style: 'text' });
    setCell(sheet, r, COL.own, { value: k.ownDocuments, style: 'count' });
    setCell(sheet, r, COL.corpus, { value: k.corpusDocuments, style: 'count' });
    setCell(sheet, r, COL.ownRate, formulaCell(`${at(COL.own)}/${docs}*100`, k.ownRate, 'percent'));
    setCell(sheet, r, COL.corpusRate, formulaCell(`${at(COL.corpus)}/${total}*100`, k.corpusRate, 'percent'));
    setCell(sheet, r, COL.lift, formulaCell(`${at(COL.ownRate)}/${at(COL.corpusRate)}`, k.lift, 'number'));
    setCell(sheet, r, COL.score, formulaCell(`${at(COL.ownRate)}/100*LOG(${at(COL.lift)},2)`, k.score, 'number'));
    const hit = inRegion(k.ownDocuments, k.ownRate, k.lift, p);
    if (hit) rank += 1;
    setCell(
      sheet,
      r,
      COL.inRegion,
      formulaCell(
        `IF(AND(${at(COL.own)}>=${minDocs},${at(COL.ownRate)}>=${minRate},${at(COL.lift)}>=${minLift}),1,0)`,
        hit ? 1 : 0,
        'count',
      ),
    );
    // Rows are in score order, so a keyword's rank in the region is the number of region rows down to it.
    setCell(
      sheet,
      r,
      COL.rank,
      formulaCell(
        `IF(${at(COL.inRegion)}=1,SUM(${a1(first, COL.inRegion, true)}:${at(COL.inRegion)}),"")`,
        hit ? rank : '',
        'count',
      ),
    );
  });
  // The parameters' labels share column A with the keywords.
  sheet.columnWidths.set(1, 52);
  for (let col = 2; col <= COL.rank; col += 1) sheet.columnWidths.set(col, 13);
  fitRowHeight(sheet, header);
  sheet.freeze = { rows: header, columns: 1 };
  sheet.print = { landscape: true, fitToWidth: true };
  wrapAcross(sheet, 2, COL.rank);
  const abs = (row: number, col: number): string => sheetRef(KEYWORDS, row, col, true);
  return {
    sheet,
    first,
    last,
    minOwnRate: abs(4, COL.own),
    minLift: abs(5, COL.own),
    minOwnDocuments: abs(6, COL.own),
    companyDocuments: abs(7, COL.own),
    column: (name) => `${KEYWORDS}!${rangeRef(undefined, first, COL[name], last, COL[name], true)}`,
    candidates: c.keywords.length,
  };
}

/**
 * J-PlatPat (特許・実用新案検索) CSV exports: one record per document row. Several rows of one application
 * (its 特開 and its 特許 document) are merged later by merge.ts, so every row gives what it says and no more.
 *
 * Columns (matched after NFKC, lower case, and removing spaces, slashes and 中黒, so that 出願人/権利者,
 * 出願人・権利者, 出願人／権利者 and "出願人 / 権利者" are one column; the accepted names are in COLUMNS):
 *   出願番号 → applicationNumber (normaliseApplicationNumber)          required
 *             特願2018-174321 → JP2018174321, 特願平11-123456 → JP1999123456, 実願2002-002636 → JPU2002002636
 *   出願日   → filingDate (YYYY/MM/DD, era dates, full-width digits)   required
 *   出願人/権利者 → applicants: split on half-width commas only        required
 *   公開番号 (else 文献番号 when it is a 特開/特表/再表/実開/実表) → publicationNumber
 *   登録番号 (else 文献番号 when it is a 特許/実登 document) → registrationNumber
 *   FI → ipc: the main FI codes (subdivision and @-facet dropped), whose first 4 characters are the IPC subclass
 *   発明の名称 → title; 要約 → abstract (cleaned, see cleanAbstract)
 *   ステージ, イベント詳細, 審判番号 → notes only (see statusNote)
 *   公知日, 公告番号, その他, 文献URL → not used (公知日 is the date of the row's own gazette, not a filing,
 *   registration or lapse date; その他 repeats 再表 numbers)
 *
 * Applicants are split on the half-width comma only: J-PlatPat joins applicants with "," and writes the
 * full-width "，" inside foreign names ("エクスパンション\u3000エナジー，\u3000エルエルシー" is Expansion Energy, LLC;
 * "チャン，バオカン" is one inventor-applicant), 54 of the 2,076 documents of the CO2 sample have one.
 *
 * The export has no inventors, claim counts, examination-request, registration, lapse or expiry dates and no
 * claims text: those are `lacks`. A registration number says that the application was registered, not when.
 */
import { parseDate } from '../../text/dates';
import {
  type OptionalRecordField,
  type PatentImporter,
  type PatentRecord,
  type Rejection,
  normaliseApplicationNumber,
} from '../record';
import { type ColumnRow, type HeaderFormat, importByHeader, undecodableNote } from './headerImport';

type Col =
  | 'docNumber'
  | 'appNumber'
  | 'filingDate'
  | 'knownDate'
  | 'title'
  | 'applicants'
  | 'fi'
  | 'abstract'
  | 'pubNumber'
  | 'examinedNumber'
  | 'regNumber'
  | 'appealNumber'
  | 'other'
  | 'stage'
  | 'event'
  | 'url';

/** Accepted header names per column, as J-PlatPat's export settings write them (first = the usual one). */
const COLUMNS: Record<Col, readonly string[]> = {
  docNumber: ['文献番号'],
  appNumber: ['出願番号'],
  filingDate: ['出願日'],
  knownDate: ['公知日'],
  title: ['発明の名称', '発明・考案の名称', '考案の名称'],
  applicants: ['出願人/権利者', '出願人・権利者', '出願人'],
  fi: ['FI'],
  abstract: ['要約', '要約・抄録'],
  pubNumber: ['公開番号'],
  examinedNumber: ['公告番号'],
  regNumber: ['登録番号'],
  appealNumber: ['審判番号'],
  other: ['その他'],
  stage: ['ステージ'],
  event: ['イベント詳細'],
  url: ['文献URL'],
};
const REQUIRED: readonly Col[] = ['appNumber', 'filingDate', 'applicants'];
/** Never in a J-PlatPat export, whatever the settings. */
const NEVER: readonly OptionalRecordField[] = [
  'inventors',
  'claims',
  'examRequestDate',
  'registrationDate',
  'registeredClaims',
  'lapseDate',
  'expiryDate',
  'claimsText',
];
/** Optional record fields and the column each comes from: lacking the column, the file lacks the field. */
const FIELD_COLUMNS: readonly [OptionalRecordField, readonly Col[]][] = [
  ['publicationNumber', ['pubNumber', 'docNumber']],
  ['registrationNumber', ['regNumber', 'docNumber']],
  ['ipc', ['fi']],
  ['title', ['title']],
  ['abstract', ['abstract']],
];

/** Header names compared without the spelling differences of export settings (see the module comment). */
export function jplatpatHeaderKey(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s/・·_]/g, '');
}

const KEY_TO_COL = new Map<string, Col>(
  (Object.entries(COLUMNS) as [Col, readonly string[]][]).flatMap(([col, names]) =>
    names.map((n): [string, Col] => [jplatpatHeaderKey(n), col]),
  ),
);

const headerCells = (line: string): string[] =>
  line
    .replace(/^\uFEFF/, '')
    .split(',')
    .map((c) => c.trim().replace(/^"(.*)"$/, '$1'));

/** A J-PlatPat header: the application number and date, and one of its own columns (文献番号, 出願人/権利者, FI). */
export function sniffJplatpat(headerLine: string): boolean {
  const cols = new Set(headerCells(headerLine).map((c) => KEY_TO_COL.get(jplatpatHeaderKey(c))));
  const own: readonly Col[] = ['docNumber', 'applicants', 'fi'];
  return cols.has('appNumber') && cols.has('filingDate') && own.some((c) => cols.has(c));
}

interface Header {
  readonly index: ReadonlyMap<Col, number>;
  /** The header as written, for messages that name the column. */
  readonly names: readonly string[];
  readonly missing: readonly Col[];
}

function readHeader(cells: readonly string[], file: string, line: number, notes: Rejection[]): Header {
  const index = new Map<Col, number>();
  cells.forEach((name, i) => {
    const col = KEY_TO_COL.get(jplatpatHeaderKey(name));
    if (col === undefined) notes.push({ file, line, field: name, reason: 'unknown column: ignored' });
    else if (index.has(col))
      notes.push({ file, line, field: name, reason: `same column as ${cells[index.get(col) ?? 0]}: ignored` });
    else index.set(col, i);
  });
  return { index, names: cells, missing: REQUIRED.filter((c) => !index.has(c)) };
}

function missingColumnsRejection(h: Header, file: string, line: number, rowsSkipped: number): Rejection {
  const names = h.missing.map((c) => COLUMNS[c][0]);
  const mojibake = h.names.some((n) => n.includes('\uFFFD'))
    ? ' The header has undecodable characters (�): the file is probably not UTF-8 (a Shift_JIS export read as UTF-8?).'
    : '';
  return {
    file,
    line,
    field: names.join(', '),
    reason:
      `not a usable J-PlatPat export: required column(s) missing: ${names.join(', ')} ` +
      `(required: ${REQUIRED.map((c) => COLUMNS[c][0]).join(', ')}; J-PlatPat's columns: ` +
      `${Object.values(COLUMNS)
        .map((n) => n[0])
        .join(', ')}; found: ${h.names.join(', ')}).${mojibake} ` +
      `${rowsSkipped} data row(s) not read.`,
  };
}

/**
 * FI codes to IPC-style main codes. J-PlatPat writes "B01D53/14,200,B01D53/34,135@Z,B01D53/14@C": a token that
 * starts with a digit is the subdivision of the code before it, "@C" is a facet letter. Both are dropped (the
 * IPC has neither) and repeats removed, so "B01D53/14" is kept once. Tokens that are neither (an FI facet such
 * as ZAB, or a subdivision with no code before it) are returned apart to be reported.
 */
export function fiMainCodes(raw: string): { codes: string[]; ignored: string[] } {
  const codes: string[] = [];
  const ignored: string[] = [];
  let previous: string | undefined;
  for (const token of raw.normalize('NFKC').split(',')) {
    const t = token.replace(/\s+/g, '');
    if (t === '') continue;
    if (/^\d/.test(t)) {
      if (previous === undefined) ignored.push(t);
      continue;
    }
    const main = t.replace(/@.*$/, '').toUpperCase();
    if (!/^[A-H]\d{2}[A-Z]/.test(main)) {
      ignored.push(t);
      previous = undefined;
      continue;
    }
    previous = main;
    if (!codes.includes(main)) codes.push(main);
  }
  return { codes, ignored };
}

/**
 * 要約 as plain text. J-PlatPat writes the gazette's fixed-width lines with `<BR>` at each soft wrap (the
 * wrap falls mid-word: "二酸化炭<BR>素", "Ｃ<BR>Ｏ２", " ba<BR>r"), so `<BR>` is removed without a space; a
 * real line break separates paragraphs (【課題】, 【解決手段】) and is kept. The "(57)【要約】" header and its
 * "（修正有）" mark (abstract amended by the office) are dropped: they are on every document and would only
 * add noise to Block 3's keywords. Lines are trimmed, runs of spaces collapsed, empty lines removed.
 */
export function cleanAbstract(raw: string): string {
  return raw
    .replace(/<br\s*\/?>/gi, '')
    .replace(/^\s*(?:[(（]57[)）])?\s*【要約】[ \t\u3000]*(?:[(（]修正有[)）])?/, '')
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}

const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();
const number = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');
const PUBLICATION_DOC = /^(特開|特表|再表|実開|実表)/;
const REGISTRATION_DOC = /^(特許|実登)/;

/** 実用新案 (utility model) documents: the application (実願) or the document (実開, 実登, 実公, 登実…). */
const isUtility = (appNumber: string, docNumber: string): boolean =>
  number(appNumber).startsWith('実願') || /^(実|登実)/.test(docNumber);

/**
 * What ステージ / イベント詳細 / 審判番号 reliably say, as a note: J-PlatPat fills ステージ for few documents
 * (154 of 2,076 in the CO2 sample: 特許 有効, 審査中, 審査請求前, 査定不服, （出願の）却下・拒絶, 特許 消滅)
 * and never with a date, so nothing here becomes a lapse or refusal date. "特許 有効", "審査中" and
 * "審査請求前" agree with what the numbers already say and give no note; nor does an appeal (審判番号
 * 拒絶…) on a registered application (it succeeded) or an opposition (全部異議…, outcome not given).
 */
function statusNote(stage: string, event: string, appeal: string, registered: boolean): string | undefined {
  const s = clean(stage.normalize('NFKC'));
  const what = `ステージ ${clean(stage)}${event ? ` (${event})` : ''}`;
  const appealed = appeal.startsWith('拒絶') ? ` (審判番号 ${appeal})` : '';
  if (s.includes('消滅')) return `${what}: the right has lapsed, but the export gives no date: lapse date left unknown`;
  if (s.includes('却下') || s.includes('拒絶') || s.includes('取下'))
    return `${what}: the application was refused or withdrawn (the export gives no date)`;
  if (s.includes('査定不服')) return `${what}: refused at examination and under appeal${appealed}, not final`;
  if (s === '' && appealed && !registered)
    return `refused at examination and appealed${appealed}: the outcome is not in the export`;
  return undefined;
}

type Row = ColumnRow<Col>;

interface RowContext {
  readonly file: string;
  readonly keepText: boolean;
  readonly header: Header;
  readonly notes: Rejection[];
  readonly ignoredFi: { line: number; token: string }[];
}

/** One data row to a record, or the reason it cannot be one. */
function rowToRecord(row: Row, ctx: RowContext): PatentRecord | Rejection {
  const { get, at } = row;
  const width = ctx.header.names.length;
  if (row.cells.length !== width) return at(undefined, `row has ${row.cells.length} cells but the header has ${width}`);
  const appRaw = get('appNumber');
  if (!appRaw) return at('appNumber', 'empty application number');
  const filingDate = parseDate(get('filingDate'));
  if (!filingDate) return at('filingDate', `${JSON.stringify(get('filingDate'))} is not a date`);
  const applicants = get('applicants')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  if (applicants.length === 0) return at('applicants', 'no applicant');

  const doc = number(get('docNumber'));
  const fi = fiMainCodes(get('fi'));
  for (const token of fi.ignored) ctx.ignoredFi.push({ line: row.line, token });
  const registrationNumber = number(get('regNumber')) || (REGISTRATION_DOC.test(doc) ? doc : undefined);
  ctx.notes.push(...rowNotes(row, registrationNumber !== undefined, ctx.header.names));
  // Texts are cleaned only when kept: statistics-only imports of large exports skip the work.
  const title = ctx.keepText ? clean(get('title')) : '';
  const abstract = ctx.keepText ? cleanAbstract(get('abstract')) : '';
  const kind = isUtility(appRaw, doc) ? 'utility' : 'patent';
  return {
    applicationNumber: normaliseApplicationNumber(appRaw, { kind }),
    publicationNumber: number(get('pubNumber')) || (PUBLICATION_DOC.test(doc) ? doc : undefined),
    filingDate,
    applicants,
    ipc: fi.codes,
    registrationNumber,
    kind,
    title: title || undefined,
    abstract: abstract || undefined,
    sources: [{ file: ctx.file, line: row.line }],
  };
}

/** What a kept row says beyond its record: its legal status (see statusNote), undecodable bytes. */
function rowNotes(row: Row, registered: boolean, names: readonly string[]): Rejection[] {
  const notes: Rejection[] = [];
  const stage = row.get('stage');
  const status = statusNote(stage, clean(row.get('event')), number(row.get('appealNumber')), registered);
  if (status) notes.push(row.at(stage ? 'stage' : 'appealNumber', status));
  const undecodable = undecodableNote(row, names);
  if (undecodable) notes.push(undecodable);
  return notes;
}

function fileNotes(ctx: RowContext, registered: number): Rejection[] {
  const out: Rejection[] = [];
  const { file, ignoredFi } = ctx;
  if (registered > 0) {
    out.push({
      file,
      line: 1,
      field: ctx.header.names[ctx.header.index.get('regNumber') ?? -1] ?? '登録番号',
      reason:
        `${registered} row(s) carry a registration number (登録番号): registered, but J-PlatPat exports give no ` +
        'registration date (公知日 is the gazette date), so registration dates are unknown',
    });
  }
  if (ignoredFi.length > 0) {
    const first = ignoredFi[0];
    out.push({
      file,
      line: first.line,
      field: 'FI',
      reason: `${ignoredFi.length} FI token(s) that are neither a classification code nor its subdivision ignored (first: ${JSON.stringify(first.token)} on line ${first.line})`,
    });
  }
  return out;
}

const FORMAT: HeaderFormat<Col, Header, RowContext> = {
  format: 'jplatpat',
  label: 'J-PlatPat',
  readHeader,
  context: (header, notes, opts) => ({
    file: opts.file,
    keepText: opts.keepText !== false,
    header,
    notes,
    ignoredFi: [],
  }),
  toRecord: rowToRecord,
  missingColumns: missingColumnsRejection,
  finish: (ctx, records) => {
    const { header } = ctx;
    const registered = records.filter((r) => r.registrationNumber !== undefined).length;
    const lacks = [
      ...FIELD_COLUMNS.filter(([, cols]) => cols.every((c) => !header.index.has(c))).map(([f]) => f),
      ...NEVER,
    ];
    return { lacks, notes: fileNotes(ctx, registered) };
  },
};

export const importJplatpat: PatentImporter = (chunks, opts) => importByHeader(chunks, opts, FORMAT);

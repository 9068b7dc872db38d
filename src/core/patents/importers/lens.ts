/**
 * Lens.org patent CSV exports, in both layouts: one record per document row (a granted patent and its
 * application publication are two rows of one application, merged later by merge.ts).
 *
 * - The 2015 layout ("#, Jurisdiction, Kind, Publication Number, Publication Date, …, Type, Full Text, Cited
 *   Count, …"): dates DD/MM/YY, often with CR-only line ends.
 * - The current layout ("#, Jurisdiction, Kind, Display Key, Lens ID, Publication Date, …, Document Type, Has
 *   Full Text, …, Legal Status"): ISO dates; "Publication Date (YYYY-MM-DD)" style headers are accepted.
 * The layout is told by the header (Lens ID, Display Key or Document Type ⇒ current). Lists are ";;"-separated.
 *
 * Mapping: Application Number → applicationNumber through normaliseApplicationNumber, so that Lens's numbers
 * meet other sources' ("JP 2018174321 A" → JP2018174321 as 特願2018-174321, "JP 2002002636 U" → JPU2002002636,
 * "US 201213657122 A" → US13657122 as ppubs's "13/657122", "US 17439471 A" → US05174394, other offices as
 * written without spaces); Application Date → filingDate; Applicants, Inventors;
 * IPCR Classifications → ipc; Title, Abstract, Claims (when exported) → text. The document's role comes from
 * Type / Document Type (see docRole): a granted document (Granted Patent, Limited Patent, Plant Patent) gives
 * registrationNumber = its publication number and registrationDate = its publication date (exact for US and
 * EP grants; a JP 特許公報 appears some weeks after registration); an application gives publicationNumber;
 * an amended patent or a search report re-publishes an application and gives neither. Design rights are not
 * patents and are rejected. Kind is utility when the application is a utility model (Lens's application
 * number ends in "U") or the document a Limited Patent (utility models, innovation and petty patents).
 *
 * Lens exports carry no claim count, examination request, registered claims, lapse or expiry date: `lacks`.
 * A "Claims" text column is kept as claimsText but never counted: Lens's claims text has no reliable
 * numbering (cancelled claims remain, EP grants repeat the claims in three languages).
 */
import { addYears, parseDate } from '../../text/dates';
import {
  type OptionalRecordField,
  type PatentImporter,
  type PatentRecord,
  type Rejection,
  normaliseApplicationNumber,
} from '../record';
import { type ColumnRow, type HeaderFormat, importByHeader, undecodableNote } from './headerImport';

type Col =
  | 'appNumber'
  | 'appDate'
  | 'applicants'
  | 'inventors'
  | 'pubNumber'
  | 'pubDate'
  | 'pubYear'
  | 'docType'
  | 'kind'
  | 'ipcr'
  | 'title'
  | 'abstract'
  | 'claims'
  | 'legalStatus';

/** Accepted header names per column (first = the name in messages). */
const COLUMNS: Record<Col, readonly string[]> = {
  appNumber: ['Application Number'],
  appDate: ['Application Date'],
  applicants: ['Applicants'],
  inventors: ['Inventors'],
  pubNumber: ['Publication Number', 'Display Key'],
  pubDate: ['Publication Date'],
  pubYear: ['Publication Year'],
  docType: ['Type', 'Document Type', 'Publication Type'],
  kind: ['Kind'],
  ipcr: ['IPCR Classifications'],
  title: ['Title'],
  abstract: ['Abstract'],
  claims: ['Claims'],
  legalStatus: ['Legal Status'],
};
/** Columns of either layout that no record field needs: read past without a note. */
const KNOWN_UNUSED = [
  '#',
  'Jurisdiction',
  'Lens ID',
  'Priority Numbers',
  'Earliest Priority Date',
  'Owners',
  'URL',
  'Full Text',
  'Has Full Text',
  'Cited Count',
  'Cites Patent Count',
  'Cited by Patent Count',
  'Simple Family Size',
  'Simple Family Members',
  'Simple Family Member Jurisdictions',
  'Extended Family Size',
  'Extended Family Members',
  'Extended Family Member Jurisdictions',
  'Sequence Count',
  'CPC Classifications',
  'US Classifications',
  'PubMed Id(s)',
  'DOI(s)',
  'Non-Patent Citations',
  'NPL Citation Count',
  'NPL Resolved Citation Count',
  'NPL Resolved Lens ID(s)',
  'NPL Resolved External ID(s)',
  'NPL Citations',
];
/** Each entry is satisfied by any one of its columns. */
const REQUIRED: readonly (readonly Col[])[] = [
  ['appNumber'],
  ['appDate'],
  ['applicants'],
  ['pubNumber'],
  ['pubDate'],
  ['docType', 'kind'],
];
const NEVER: readonly OptionalRecordField[] = [
  'claims',
  'examRequestDate',
  'registeredClaims',
  'lapseDate',
  'expiryDate',
];
const FIELD_COLUMNS: readonly [OptionalRecordField, Col][] = [
  ['inventors', 'inventors'],
  ['ipc', 'ipcr'],
  ['title', 'title'],
  ['abstract', 'abstract'],
  ['claimsText', 'claims'],
];

export type LensLayout = '2015' | 'current';

/** Case, spacing and a date-format hint ("Publication Date (YYYY-MM-DD)") do not matter in header names. */
export function lensHeaderKey(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\((?:yyyy|dd|mm)[-/.a-z]*\)\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const KEY_TO_COL = new Map<string, Col>(
  (Object.entries(COLUMNS) as [Col, readonly string[]][]).flatMap(([col, names]) =>
    names.map((n): [string, Col] => [lensHeaderKey(n), col]),
  ),
);
const UNUSED_KEYS = new Set(KNOWN_UNUSED.map(lensHeaderKey));
const CURRENT_MARKERS = ['lens id', 'display key', 'document type'];

const headerCells = (line: string): string[] =>
  line
    .replace(/^\uFEFF/, '')
    .split(',')
    .map((c) => lensHeaderKey(c.trim().replace(/^"(.*)"$/, '$1')));

/** A Lens header: a Lens ID column, or Jurisdiction + Kind + Application Number + a publication number. */
export function sniffLens(headerLine: string): boolean {
  const keys = new Set(headerCells(headerLine));
  if (keys.has('lens id')) return true;
  return (
    keys.has('jurisdiction') &&
    keys.has('kind') &&
    keys.has('application number') &&
    (keys.has('publication number') || keys.has('display key'))
  );
}

interface Header {
  readonly index: ReadonlyMap<Col, number>;
  readonly names: readonly string[];
  readonly layout: LensLayout;
  readonly missing: readonly (readonly Col[])[];
}

function readHeader(cells: readonly string[], file: string, line: number, notes: Rejection[]): Header {
  const index = new Map<Col, number>();
  const keys = cells.map(lensHeaderKey);
  keys.forEach((key, i) => {
    const col = KEY_TO_COL.get(key);
    if (col === undefined) {
      if (!UNUSED_KEYS.has(key)) notes.push({ file, line, field: cells[i], reason: 'unknown column: ignored' });
    } else if (index.has(col)) {
      notes.push({ file, line, field: cells[i], reason: `same column as ${cells[index.get(col) ?? 0]}: ignored` });
    } else index.set(col, i);
  });
  const layout: LensLayout = keys.some((k) => CURRENT_MARKERS.includes(k)) ? 'current' : '2015';
  return { index, names: cells, layout, missing: REQUIRED.filter((alts) => alts.every((c) => !index.has(c))) };
}

const alternatives = (alts: readonly Col[]): string => alts.flatMap((c) => COLUMNS[c]).join(' or ');

function missingColumnsRejection(h: Header, file: string, line: number, rowsSkipped: number): Rejection {
  const names = h.missing.map(alternatives);
  const mojibake = h.names.some((n) => n.includes('\uFFFD'))
    ? ' The header has undecodable characters (�): the file is probably in another encoding.'
    : '';
  return {
    file,
    line,
    field: h.missing.map((alts) => COLUMNS[alts[0]][0]).join(', '),
    reason:
      `not a usable Lens export: required column(s) missing: ${names.join(', ')} ` +
      `(required: ${REQUIRED.map(alternatives).join(', ')}; found: ${h.names.join(', ')}).${mojibake} ` +
      `${rowsSkipped} data row(s) not read.`,
  };
}

/** What a document is to its application. */
type DocRole = 'application' | 'grant' | 'republication' | 'design';

const GRANT_TYPES = ['granted patent', 'limited patent', 'plant patent'];
const REPUBLICATION_TYPES = ['amended patent', 'search report'];
/** Types this importer knows; "unknown" and "ambiguous" are Lens's own words for types it could not decide. */
const KNOWN_TYPES = [
  ...GRANT_TYPES,
  ...REPUBLICATION_TYPES,
  'patent application',
  'design right',
  'unknown',
  'ambiguous',
  '',
];

/** "GRANTED_PATENT" (API style) and "Granted Patent" are one type; Lens's old exports spell "Ammended". */
const typeKey = (raw: string): string => raw.replace(/_/g, ' ').trim().toLowerCase().replace('ammended', 'amended');

/** Lens writes the application's kind after its number: "US 201213657122 A", "KR 20140001234 U", "US 29…F". */
const applicationKind = (raw: string): string => /\s([A-Z])$/.exec(raw.trim())?.[1] ?? '';

/**
 * The document's role from its type; where Lens could not decide the type (unknown, ambiguous) or it is one
 * this importer does not know, from the kind code: B, C (granted patents) and Y (registered utility models)
 * are grants, S a design, anything else an application. An application numbered "… F" is a design.
 */
function docRole(type: string, kind: string, appKind: string): DocRole {
  if (type === 'design right' || appKind === 'F') return 'design';
  if (GRANT_TYPES.includes(type)) return 'grant';
  if (type === 'patent application') return 'application';
  if (REPUBLICATION_TYPES.includes(type)) return 'republication';
  if (/^S/.test(kind)) return 'design';
  return /^[BCY]/.test(kind) ? 'grant' : 'application';
}

const TWO_DIGIT_YEAR = /^\d{1,2}\/\d{1,2}\/\d{2}$/;

/**
 * DD/MM/YY dates of the 2015 layout, with the century made right: a publication date takes its century from
 * Publication Year, and a filing date is the latest of its two possible centuries not after the publication
 * (a document is never published before it is filed). Other layouts' dates are read as they are.
 */
function dates(
  rawPub: string,
  rawApp: string,
  pubYear: number | undefined,
  layout: LensLayout,
): { pub: string | null; app: string | null } {
  const style = layout === '2015' ? 'dmy2' : 'auto';
  let pub = parseDate(rawPub, style);
  let app = parseDate(rawApp, style);
  if (pub && pubYear && TWO_DIGIT_YEAR.test(rawPub.trim())) {
    const y = Number(pub.slice(0, 4));
    if (y !== pubYear && y % 100 === pubYear % 100) pub = addYears(pub, pubYear - y);
  }
  if (pub && app && app > pub && TWO_DIGIT_YEAR.test(rawApp.trim())) app = addYears(app, -100);
  return { pub, app };
}

const list = (s: string): string[] =>
  s
    .split(';;')
    .map((x) => x.replace(/\s+/g, ' ').trim())
    .filter(Boolean);

/** Text cells: lines trimmed, runs of spaces collapsed, blank lines dropped. */
const tidy = (s: string): string =>
  s
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');

/** Lens legal statuses that say the right or application is gone (ACTIVE, PENDING, PATENTED, UNKNOWN do not). */
const ENDED_STATUS = /^(EXPIRED|INACTIVE|DISCONTINUED|CEASED|LAPSED|REVOKED|WITHDRAWN|REJECTED)/;

type Row = ColumnRow<Col>;

interface RowContext {
  readonly file: string;
  readonly keepText: boolean;
  readonly header: Header;
  readonly notes: Rejection[];
  readonly unknownTypes: Map<string, number>;
}

/** One data row to a record, or the reason it cannot be one. */
function rowToRecord(row: Row, ctx: RowContext): PatentRecord | Rejection {
  const { header } = ctx;
  const { get, at } = row;
  if (row.cells.length !== header.names.length)
    return at(undefined, `row has ${row.cells.length} cells but the header has ${header.names.length}`);
  const appRaw = get('appNumber');
  const type = typeKey(get('docType'));
  const kind = get('kind').toUpperCase();
  const role = docRole(type, kind, applicationKind(appRaw));
  if (!KNOWN_TYPES.includes(type))
    ctx.unknownTypes.set(get('docType'), (ctx.unknownTypes.get(get('docType')) ?? 0) + 1);
  if (role === 'design')
    return at(
      header.index.has('docType') ? 'docType' : 'kind',
      `${get('docType') || `kind ${kind}`}: a design, not a patent or utility model`,
    );
  if (!appRaw) return at('appNumber', 'empty application number');
  const pubNumber = get('pubNumber').replace(/\s+/g, ' ');
  if (!pubNumber) return at('pubNumber', 'empty publication number');
  if (!get('appDate')) return at('appDate', 'no application date');
  const d = dates(get('pubDate'), get('appDate'), Number(get('pubYear')) || undefined, header.layout);
  if (!d.app) return at('appDate', `${JSON.stringify(get('appDate'))} is not a date`);
  if (!d.pub) return at('pubDate', `${JSON.stringify(get('pubDate'))} is not a date`);
  if (d.pub < d.app) return at('pubDate', `published ${d.pub}, before its filing date ${d.app}`);
  const applicants = list(get('applicants'));
  if (applicants.length === 0) return at('applicants', 'no applicant');

  ctx.notes.push(...rowNotes(row, role, header.names));
  const text = (c: Col): string | undefined => (ctx.keepText ? tidy(get(c)) || undefined : undefined);
  const grant = role === 'grant';
  return {
    applicationNumber: normaliseApplicationNumber(appRaw),
    publicationNumber: role === 'application' ? pubNumber : undefined,
    filingDate: d.app,
    applicants,
    inventors: header.index.has('inventors') ? list(get('inventors')) : undefined,
    // Without spaces, so that "H01M 10/0525" and "H01M10/0525" are one code when records merge.
    ipc: [...new Set(list(get('ipcr')).map((c) => c.replace(/\s+/g, '')))],
    registrationDate: grant ? d.pub : undefined,
    registrationNumber: grant ? pubNumber : undefined,
    kind: applicationKind(appRaw) === 'U' || type === 'limited patent' ? 'utility' : 'patent',
    title: text('title'),
    abstract: text('abstract'),
    claimsText: text('claims'),
    sources: [{ file: ctx.file, line: row.line }],
  };
}

/** What a kept row says beyond its record: a re-publication, an ended legal status, undecodable bytes. */
function rowNotes(row: Row, role: DocRole, names: readonly string[]): Rejection[] {
  const notes: Rejection[] = [];
  const status = row.get('legalStatus');
  if (role === 'republication')
    notes.push(
      row.at(
        'docType',
        `${row.get('docType')}: re-publishes an application granted or published on another document: kept without a publication or registration number`,
      ),
    );
  if (ENDED_STATUS.test(status.toUpperCase()))
    notes.push(
      row.at(
        'legalStatus',
        `Legal Status ${status}: no longer in force, but the export gives no date: lapse date left unknown`,
      ),
    );
  const undecodable = undecodableNote(row, names);
  if (undecodable) notes.push(undecodable);
  return notes;
}

function fileNotes(ctx: RowContext): Rejection[] {
  const { file, header } = ctx;
  const out: Rejection[] = [];
  const name = (c: Col): string => header.names[header.index.get(c) ?? -1] ?? COLUMNS[c][0];
  if (header.layout === '2015')
    out.push({
      file,
      line: 1,
      field: name('pubDate'),
      reason:
        'Lens 2015 layout: dates are DD/MM/YY; a publication date takes its century from Publication Year, a filing date is the latest century not after the publication',
    });
  if (header.index.has('claims'))
    out.push({
      file,
      line: 1,
      field: name('claims'),
      reason: 'claims text kept; the claim count is not derived from it (Lens exports have no claim count)',
    });
  for (const [type, n] of ctx.unknownTypes)
    out.push({
      file,
      line: 1,
      field: name('docType'),
      reason: `document type ${JSON.stringify(type)} (${n} row(s)) not recognised: documents read by their kind code`,
    });
  return out;
}

const FORMAT: HeaderFormat<Col, Header, RowContext> = {
  format: 'lens',
  label: 'Lens',
  readHeader,
  context: (header, notes, opts) => ({
    file: opts.file,
    keepText: opts.keepText !== false,
    header,
    notes,
    unknownTypes: new Map(),
  }),
  toRecord: rowToRecord,
  missingColumns: missingColumnsRejection,
  finish: (ctx) => ({
    lacks: [...FIELD_COLUMNS.filter(([, c]) => !ctx.header.index.has(c)).map(([f]) => f), ...NEVER],
    notes: fileNotes(ctx),
  }),
};

export const importLens: PatentImporter = (chunks, opts) => importByHeader(chunks, opts, FORMAT);

/**
 * The USPTO Patent Public Search ("ppubs") JSON: the documents its search API returns, one per US grant
 * (type USPAT, kind A before 2001, B1/B2 since) or pre-grant publication (type US-PGPUB, kind A1/A2/A9).
 * One record per document; a grant and the publication of the same application share the application key
 * and are merged later (merge.ts), as J-PlatPat's 公開 and 登録 rows are.
 *
 * Mapping decisions (the sample is ../shared/data/uspto/ppubs-doc-31.json):
 * - Application key: "US" + 2-digit series code + 6-digit serial ("09/089931" → "US09089931"). ppubs writes
 *   the grant's and the publication's number alike ("17/848319"), PatentsView writes "17/848319" or the series
 *   apart; all give one key (normaliseApplicationNumber with usApplicationKey, as Lens's "US 201213657122 A"
 *   does). The "US" prefix keeps US serials apart from other offices'.
 * - Grant: registrationNumber = the patent number as USPTO writes it ("11557320", PatentsView's patent_id),
 *   registrationDate = datePublished (the issue date), registeredClaims = numberOfClaims. A grant does not
 *   carry the application's claim count as published: numberOfClaims stands in for `claims` unless the file
 *   holds the application's publication with its own count (then merging fills it without a conflict).
 * - Publication: publicationNumber = the publication number ("20230008865"), claims = numberOfClaims when
 *   given (ppubs often leaves it null on publications: the count is then unknown, not zero).
 * - Applicants: assigneeName (the owner of record); else applicantName (pre-grant publications name the
 *   applicant there, often with no assignee); else the inventors, because a US application without assignee
 *   or applicant is filed and owned by its inventors (an individual filing). Each such case is noted.
 * - Inventors: inventorsName is a list of "Last; First" names: the ';' separates the name's parts, not
 *   inventors, and becomes "First Last" (patents.csv uses ';' between list items).
 * - IPC: ipcCode, then the current IPC (curIntlPatentClassificationPrimary, ipcCodeFlattened,
 *   curIntlPatentClassificationSecondary), as lists or ';'-joined strings, version dates dropped, written
 *   "G06F 17/60". Only when the document has no IPC at all does the inventive CPC stand in (noted).
 * - Out of scope, rejected with the reason: design, plant and reissue patents, defensive publications,
 *   statutory invention registrations and reexamination certificates (US_OUT_OF_SCOPE).
 * - Registration is known from the grants in the same file: a publication without its grant in the export is
 *   taken as not (yet) granted, as with any search export. A file with no grant at all lacks registrations.
 * - US applications have no examination request and ppubs carries no maintenance-fee lapse: both are lacked.
 * - Expiry: filing date + 20 years + the patent term adjustment (termOfExtension, days) when the grant gives
 *   one; terminal disclaimers and continuations' earlier parent dates are not in the document and not applied.
 */
import { parseInteger } from '../../parse';
import { addYears, parseDate } from '../../text/dates';
import {
  ImportCancelled,
  type ImportOptions,
  type ImportResult,
  type OptionalRecordField,
  type PatentImporter,
  type PatentRecord,
  type Rejection,
  applicationKey,
} from '../record';

// ----- US helpers, shared with the PatentsView importer -----

export type UsOutOfScope = 'design' | 'plant' | 'reissue' | 'defensive' | 'reexamination';

/** Why each kind of US document that is not a utility patent or its application is left out. */
export const US_OUT_OF_SCOPE: Readonly<Record<UsOutOfScope, string>> = {
  design: 'a design patent: the method counts patents (and utility models); designs (意匠) are outside Block 2',
  plant:
    'a plant patent: Japan protects plant varieties outside the patent system (種苗法), so the method does not count them',
  reissue: 'a reissue re-grants an earlier patent: counting it would count the same invention twice',
  defensive: 'a defensive publication or statutory invention registration: it grants no patent right',
  reexamination: 'a reexamination certificate amends an existing patent: it is not an application of its own',
};

/** The category a US document number's prefix implies (D123456 design, PP…, RE…, T…, H…), if any. */
export function usCategoryFromNumber(number: string): UsOutOfScope | 'utility' | undefined {
  const n = number.normalize('NFKC').trim().toUpperCase();
  if (/^\d+$/.test(n)) return 'utility';
  if (/^D\d/.test(n)) return 'design';
  if (/^PP\d/.test(n)) return 'plant';
  if (/^RE\d/.test(n)) return 'reissue';
  if (/^[TH]\d/.test(n)) return 'defensive';
  return undefined;
}

/** Moved to appNumbers.ts (every importer keys through normaliseApplicationNumber); exported here as before. */
export { usApplicationKey } from '../appNumbers';

const IPC_CODE = /^([A-H])\s*(\d{2})\s*([A-Z])(?:\s*(\d{1,4})\s*\/\s*(\d{1,6}))?(?![\d/])/;

/**
 * An IPC (or CPC) symbol in the spec's form "G06F 17/60": from "G06F17/60", "G06F 17/60 20060101" (version
 * date dropped), "G11B005/596" (zero-padded group). A bare subclass stays "H01L". undefined when the text
 * is not such a symbol (CPC's Y section included: it has no IPC counterpart).
 */
export function formatIpc(raw: string): string | undefined {
  const m = IPC_CODE.exec(raw.normalize('NFKC').trim().toUpperCase());
  if (!m) return undefined;
  const subclass = `${m[1]}${m[2]}${m[3]}`;
  if (m[4] === undefined) return subclass;
  return `${subclass} ${Number(m[4])}/${m[5].padStart(2, '0')}`;
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  bull: '•',
  middot: '·',
  deg: '°',
  plusmn: '±',
  times: '×',
  divide: '÷',
  micro: 'µ',
  le: '≤',
  ge: '≥',
  ne: '≠',
  asymp: '≈',
  infin: '∞',
  sect: '§',
  para: '¶',
  copy: '©',
  reg: '®',
  trade: '™',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  sup2: '²',
  sup3: '³',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  theta: 'θ',
  lambda: 'λ',
  mu: 'μ',
  pi: 'π',
  sigma: 'σ',
  tau: 'τ',
  phi: 'φ',
  omega: 'ω',
  Delta: 'Δ',
  Omega: 'Ω',
};

function decodeEntity(whole: string, body: string): string {
  if (body[0] !== '#') return ENTITIES[body] ?? ENTITIES[body.toLowerCase()] ?? whole;
  const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  const usable = Number.isInteger(cp) && cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
  return usable ? String.fromCodePoint(cp) : whole;
}

/**
 * ppubs's HTML fragments (abstractHtml, claimsHtml) as plain text, by string processing alone (the core has
 * no DOM, and parsing untrusted markup into one is what we must not do): line-breaking tags become line
 * breaks, every other tag goes ("<b>1</b>. A method" → "1. A method"), entities are decoded after the tags
 * are gone (so "&lt;b&gt;" stays visible text), and blank runs and lines collapse.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\s*(?:br|p|\/p|div|\/div|li|\/li|tr|\/tr|\/h\d)\b[^<>]*>/gi, '\n')
    .replace(/<\/?[A-Za-z][^<>]*>/g, '')
    .replace(/&(#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/g, decodeEntity)
    .split(/\r\n|\n|\r/)
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** "Henley; Francois J." → "Francois J. Henley"; a name without the separator is kept as written. */
export function westernName(name: string): string {
  const parts = name.split(';').map((p) => p.trim());
  if (parts.length !== 2) return name.trim();
  return [parts[1], parts[0]].filter(Boolean).join(' ');
}

// ----- reading the JSON -----

type Doc = Readonly<Record<string, unknown>>;

/** Past this many characters a JSON export cannot be held as one string: split the export instead. */
const MAX_JSON_CHARS = 256 * 1024 * 1024;
const DOC_ARRAY_KEYS = ['docs', 'patents', 'documents', 'results'] as const;

const isDoc = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON cannot be parsed incrementally with JSON.parse: the chunks are collected (ppubs exports are small). */
async function collect(
  chunks: AsyncIterable<string> | Iterable<string>,
  opts: ImportOptions,
): Promise<string | undefined> {
  const parts: string[] = [];
  let consumed = 0;
  for await (const chunk of chunks as AsyncIterable<string>) {
    if (opts.cancel?.cancelled) throw new ImportCancelled(opts.file);
    consumed += chunk.length;
    if (consumed > MAX_JSON_CHARS) return undefined;
    parts.push(chunk);
    opts.onProgress?.(consumed);
  }
  return parts.join('');
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

/** The parsed JSON, or the one rejection that names where the syntax breaks. */
function parseJson(text: string, file: string): { value: unknown } | { rejection: Rejection } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // V8 names the character position ("… in JSON at position 16"); the end of input has none.
    const m = /position (\d+)/.exec(message);
    const position = m ? Number(m[1]) : text.length;
    const { line, column } = lineAndColumn(text, position);
    return {
      rejection: {
        file,
        line,
        reason: `not valid JSON at line ${line}, column ${column} (character ${position}): ${message}; no document read`,
      },
    };
  }
}

/** The documents: a top-level array, or the array under docs/patents/documents/results (or response.docs). */
function documentsOf(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (!isDoc(value)) return undefined;
  for (const k of DOC_ARRAY_KEYS) {
    const v = value[k];
    if (Array.isArray(v)) return v;
  }
  const response = value.response;
  if (isDoc(response) && Array.isArray(response.docs)) return response.docs;
  // A single document exported on its own.
  if ('guid' in value || 'applicationNumber' in value) return [value];
  return undefined;
}

function scalarText(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '';
}

/** A field as one trimmed string: strings and numbers as such, a list by its first item (ppubs wraps
 * applicationFilingDate and kindCode in one-item lists), null as ''. */
function textOf(d: Doc, key: string): string {
  const v = d[key];
  return scalarText(Array.isArray(v) ? v[0] : v);
}

/** A field as a list of non-empty strings; a joined string is split at `sep` when one is given. */
function listOf(d: Doc, key: string, sep?: RegExp): string[] {
  const v = d[key];
  const items = Array.isArray(v) ? v : [v];
  return items
    .filter((x): x is string => typeof x === 'string')
    .flatMap((x) => (sep ? x.split(sep) : [x]))
    .map((x) => x.trim())
    .filter(Boolean);
}

type DocClass = 'grant' | 'publication' | { readonly outOfScope: UsOutOfScope } | { readonly unknown: string };

const KIND_CATEGORY: readonly [RegExp, UsOutOfScope][] = [
  [/^S\d?$/, 'design'],
  [/^P\d?$/, 'plant'],
  [/^E\d?$/, 'reissue'],
  [/^(?:I\d|H\d?)$/, 'defensive'],
  [/^C\d$/, 'reexamination'],
];

/** Grant or publication from the kind code, then the document number, then ppubs's type. */
function classify(d: Doc): DocClass {
  const kind = textOf(d, 'kindCode').toUpperCase();
  const type = textOf(d, 'type').toUpperCase();
  const category = usCategoryFromNumber(textOf(d, 'publicationReferenceDocumentNumber'));
  const byKind = KIND_CATEGORY.find(([re]) => re.test(kind))?.[1];
  const outOfScope = byKind ?? (category !== 'utility' ? category : undefined);
  if (outOfScope) return { outOfScope };
  if (kind === 'B1' || kind === 'B2') return 'grant';
  if (/^A[129]$/.test(kind) || type === 'US-PGPUB') return 'publication';
  // Kind A without a digit is a grant of before 2001 (pre-grant publications began in 2001 as A1).
  if (kind === 'A' || type === 'USPAT' || type === 'USOCR') return 'grant';
  return { unknown: `kind ${kind || '(none)'}, type ${type || '(none)'}` };
}

/** IPC from every field that carries it, in order of authority, formatted and without repeats. */
function ipcOf(d: Doc): { codes: string[]; fromCpc: boolean } {
  const sep = /[;,]/;
  const raw = [
    ...listOf(d, 'ipcCode', sep),
    ...listOf(d, 'curIntlPatentClassificationPrimary', sep),
    ...listOf(d, 'ipcCodeFlattened', sep),
    ...listOf(d, 'curIntlPatentClassificationSecondary', sep),
  ];
  const ipc = unique(raw.map((c) => formatIpc(c) ?? c));
  if (ipc.length > 0) return { codes: ipc, fromCpc: false };
  const cpc = [...listOf(d, 'cpcInventive', sep), ...listOf(d, 'cpcInventiveFlattened', sep)];
  return { codes: unique(cpc.map(formatIpc).filter((c): c is string => c !== undefined)), fromCpc: true };
}

const unique = (xs: readonly string[]): string[] => [...new Set(xs)];

function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

interface DocContext {
  readonly file: string;
  readonly keepText: boolean;
  readonly notes: Rejection[];
}

type DocResult = { record: PatentRecord; isGrant: boolean } | { rejection: Rejection };

/** A date field: undefined when empty, null when present but not a date. */
function dateOf(d: Doc, key: string): string | undefined | null {
  const raw = textOf(d, key);
  return raw === '' ? undefined : parseDate(raw);
}

function applicantsOf(d: Doc, ctx: DocContext, line: number, inventors: readonly string[]): string[] {
  const assignees = listOf(d, 'assigneeName');
  if (assignees.length > 0) return assignees;
  const applicants = listOf(d, 'applicantName');
  if (applicants.length > 0) return applicants;
  if (inventors.length > 0) {
    ctx.notes.push({
      file: ctx.file,
      line,
      field: 'assigneeName',
      reason: 'no assignee or applicant: the inventors are taken as the applicants (an individual US filing)',
    });
  }
  return [...inventors];
}

function keyOf(d: Doc, ctx: DocContext, line: number): string | undefined {
  const raw = textOf(d, 'applicationNumber') || textOf(d, 'applicationSeriesAndNumber');
  if (!raw) return undefined;
  const { key, recognised } = applicationKey(raw, { office: 'US', seriesCode: textOf(d, 'applicationSeriesCode') });
  if (!recognised) {
    ctx.notes.push({
      file: ctx.file,
      line,
      field: 'applicationNumber',
      reason: `${JSON.stringify(raw)} is not a series/serial number: kept as written, so it merges only with the same spelling`,
    });
  }
  return key;
}

/** A document's problem: the JSON field at fault and why. */
interface Problem {
  readonly field: string;
  readonly reason: string;
}

const isProblem = (x: unknown): x is Problem => typeof x === 'object' && x !== null && 'reason' in x;

/** Filing and issue dates: a filing date is required, and a grant needs its issue date, not before the filing. */
function datesOf(d: Doc, isGrant: boolean): { filingDate: string; published?: string } | Problem {
  const notADate = (field: string): Problem => ({ field, reason: `${JSON.stringify(textOf(d, field))} is not a date` });
  const filingDate = dateOf(d, 'applicationFilingDate');
  if (filingDate === undefined) return { field: 'applicationFilingDate', reason: 'no filing date' };
  if (filingDate === null) return notADate('applicationFilingDate');
  const published = dateOf(d, 'datePublished');
  if (published === null) return notADate('datePublished');
  if (isGrant && !published) return { field: 'datePublished', reason: 'a grant without its issue date' };
  if (isGrant && published && published < filingDate)
    return { field: 'datePublished', reason: `issue date ${published} is before the filing date ${filingDate}` };
  return { filingDate, published };
}

function claimsOf(d: Doc): number | undefined | Problem {
  const raw = textOf(d, 'numberOfClaims');
  if (raw === '') return undefined;
  const n = parseInteger(raw);
  return n === null || n < 0 ? { field: 'numberOfClaims', reason: `${JSON.stringify(raw)} is not a claim count` } : n;
}

/** The kind check, the key, the dates and the claim count: what a document must pass to become a record. */
function checkDoc(
  d: Doc,
  line: number,
  ctx: DocContext,
): { isGrant: boolean; key: string; filingDate: string; published?: string; claims?: number } | Problem {
  const cls = classify(d);
  if (typeof cls !== 'string') {
    if ('outOfScope' in cls) return { field: 'kindCode', reason: US_OUT_OF_SCOPE[cls.outOfScope] };
    return { field: 'kindCode', reason: `${cls.unknown}: not a US grant or pre-grant publication` };
  }
  const key = keyOf(d, ctx, line);
  if (!key) {
    const why = textOf(d, 'type') === 'USOCR' ? ' (OCR-scanned grants of before 1976 carry none)' : '';
    return { field: 'applicationNumber', reason: `no application number${why}: the record has no key` };
  }
  const isGrant = cls === 'grant';
  const dates = datesOf(d, isGrant);
  if (isProblem(dates)) return dates;
  const claims = claimsOf(d);
  if (isProblem(claims)) return claims;
  return { isGrant, key, ...dates, claims };
}

function readDoc(d: Doc, line: number, ctx: DocContext): DocResult {
  const checked = checkDoc(d, line, ctx);
  if (isProblem(checked)) return { rejection: { file: ctx.file, line, ...checked } };
  const { isGrant, key, filingDate, published, claims } = checked;
  const inventors = listOf(d, 'inventorsName').map(westernName);
  const applicants = applicantsOf(d, ctx, line, inventors);
  if (applicants.length === 0) {
    return { rejection: { file: ctx.file, line, field: 'assigneeName', reason: 'no assignee, applicant or inventor' } };
  }
  const ipc = ipcOf(d);
  if (ipc.fromCpc && ipc.codes.length > 0) {
    ctx.notes.push({ file: ctx.file, line, field: 'cpcInventive', reason: 'no IPC: the inventive CPC stands in' });
  }
  const html = (field: string): string | undefined => {
    const raw = textOf(d, field);
    return ctx.keepText && raw ? htmlToText(raw) || undefined : undefined;
  };
  const number = textOf(d, 'publicationReferenceDocumentNumber') || undefined;
  const extension = parseInteger(textOf(d, 'termOfExtension'));
  const record: PatentRecord = {
    applicationNumber: key,
    filingDate,
    applicants,
    // null inventorsName: the document does not say (unknown), which is not "no inventors".
    inventors: d.inventorsName === null || d.inventorsName === undefined ? undefined : inventors,
    ipc: ipc.codes,
    kind: 'patent',
    ...(isGrant
      ? { registrationNumber: number, registrationDate: published, registeredClaims: claims }
      : { publicationNumber: number, claims }),
    expiryDate: isGrant && extension ? addDays(addYears(filingDate, 20), extension) : undefined,
    title: html('inventionTitle'),
    abstract: html('abstractHtml'),
    claimsText: html('claimsHtml'),
    sources: [{ file: ctx.file, line }],
  };
  return { record, isGrant };
}

const ALWAYS_LACKS: readonly OptionalRecordField[] = ['examRequestDate', 'lapseDate'];
const REGISTRATION: readonly OptionalRecordField[] = ['registrationDate', 'registrationNumber', 'registeredClaims'];

/** Grants stand in their granted claim count for the application's, unless the file has the published one. */
function withClaimStandIns(
  read: readonly { record: PatentRecord; isGrant: boolean }[],
  file: string,
  notes: Rejection[],
): PatentRecord[] {
  const published = new Set(
    read.filter((r) => !r.isGrant && r.record.claims !== undefined).map((r) => r.record.applicationNumber),
  );
  let standIns = 0;
  let first = 0;
  const out = read.map(({ record, isGrant }) => {
    if (!isGrant || record.registeredClaims === undefined || published.has(record.applicationNumber)) return record;
    standIns += 1;
    first ||= record.sources[0].line;
    return { ...record, claims: record.registeredClaims };
  });
  if (standIns > 0) {
    notes.push({
      file,
      line: first,
      field: 'numberOfClaims',
      reason: `${standIns} grants: a grant does not give the application's claim count as filed; the granted count stands in`,
    });
  }
  return out;
}

export const importUsptoPpubs: PatentImporter = async (chunks, opts: ImportOptions): Promise<ImportResult> => {
  const file = opts.file;
  const empty = { format: 'uspto-ppubs' as const, file, rowsRead: 0, records: [], lacks: ALWAYS_LACKS, notes: [] };
  const text = await collect(chunks, opts);
  if (text === undefined) {
    const reason = `longer than ${MAX_JSON_CHARS} characters: too large to read as one JSON document; split the export`;
    return { ...empty, rejected: [{ file, line: 1, reason }] };
  }
  const parsed = parseJson(text.replace(/^\uFEFF/, ''), file);
  if ('rejection' in parsed) return { ...empty, rejected: [parsed.rejection] };
  const docs = documentsOf(parsed.value);
  if (!docs) {
    const reason = `no documents: expected an array, or an object with a ${DOC_ARRAY_KEYS.join('/')} array`;
    return { ...empty, rejected: [{ file, line: 1, reason }] };
  }
  const ctx: DocContext = { file, keepText: opts.keepText !== false, notes: [] };
  const read: { record: PatentRecord; isGrant: boolean }[] = [];
  const rejected: Rejection[] = [];
  const seen = new Map<string, number>();
  docs.forEach((d, i) => {
    const line = i + 1;
    const guid = isDoc(d) ? textOf(d, 'guid') : '';
    const first = guid ? seen.get(guid) : undefined;
    if (!isDoc(d)) rejected.push({ file, line, reason: 'not a JSON object: not a document' });
    else if (first !== undefined)
      rejected.push({ file, line, field: 'guid', reason: `${guid} repeats document ${first}: ignored` });
    else {
      if (guid) seen.set(guid, line);
      const r = readDoc(d, line, ctx);
      if ('rejection' in r) rejected.push(r.rejection);
      else read.push(r);
    }
  });
  const records = withClaimStandIns(read, file, ctx.notes);
  const lacks = read.some((r) => r.isGrant) ? ALWAYS_LACKS : [...ALWAYS_LACKS, ...REGISTRATION];
  return { format: 'uspto-ppubs', file, rowsRead: docs.length, records, rejected, lacks, notes: ctx.notes };
};

/**
 * PatentsView's bulk tables of granted US patents, joined on patent_id into one record per patent:
 * g_patent (required), g_application (required: application number and filing date), g_assignee_disambiguated
 * (required: the applicants), g_inventor_disambiguated, g_ipc_at_issue and/or g_cpc_current (optional).
 * Each file's table is recognised from its header, never its name, and columns are found by name, because
 * the layout changes between releases (the pre-2022 patent.tsv, application.tsv, ipcr.tsv and cpc_current.tsv
 * layouts are read too). Recent releases quote every cell ("…"); older ones do not quote at all, and a quote
 * inside a title is then an ordinary character: the quoting is detected per file from its first two lines
 * (or set with `quotes`).
 *
 * Mapping decisions:
 * - One record per utility patent: registrationNumber = patent_id, registrationDate = patent_date,
 *   registeredClaims = num_claims. PatentsView has no claim count of the application as filed: num_claims
 *   stands in for `claims` too (noted once).
 * - PatentsView's "utility" is a US utility patent (特許), not a Japanese utility model: kind 'patent'.
 *   Design, plant and reissue patents, defensive publications and statutory invention registrations are
 *   rejected with the reason (US_OUT_OF_SCOPE, as for ppubs); withdrawn patents are rejected too.
 * - Application key as for ppubs ("US" + series + serial, normaliseApplicationNumber), from application_id
 *   with series_code; filing date from filing_date.
 * - Applicants: the assignees by assignee_sequence, an organisation by its name, an individual as "First
 *   Last". A patent with no assignee row is owned by its inventors (US individual filings), who then stand as
 *   applicants (noted). Inventors by inventor_sequence, "First Last".
 * - IPC: from g_ipc_at_issue, assembled as "G06F 17/60" from section, class, subclass, main group and
 *   subgroup, in ipc_sequence order. For a patent with no IPC row the CPC (g_cpc_current) stands in, its
 *   Y-section tagging codes left out (they have no IPC counterpart); counted in a note.
 * - The tables hold granted patents only: applications never granted are absent (noted), so statistics over
 *   these records are statistics of granted patents. No examination request (the US has none) and no lapse.
 *
 * Memory: each table is streamed row by row and folded at once into one compact accumulator per patent (a
 * Map keyed by patent_id holding dates, the claim count and the name and code lists, with no raw rows), so
 * no table is ever held whole and the peak is about the size of the records produced, not of the input
 * (g_inventor alone is several GB); each accumulator is dropped as its record is built. Measured without
 * texts: about 1 KB per patent with two assignees, three inventors and two IPC codes (200,000 patents: 215 MB
 * live), most of it the records themselves. The trade-off: every patent of g_patent is held until the side
 * tables have been read, so filter g_patent to the companies' patents before joining the whole bulk file
 * (8 million patents), and pass keepText: false to leave titles and abstracts out. Rejections and notes past
 * a thousand of one kind per file are counted in one line, not listed.
 */
import { appendAll } from '../../appendAll';
import { type CsvRecord, parseCsv } from '../../csv';
import { normaliseHeader, parseInteger } from '../../parse';
import { parseDate } from '../../text/dates';
import { forEachCsvRecord } from '../chunks';
import {
  ImportCancelled,
  type ImportOptions,
  type ImportResult,
  type OptionalRecordField,
  type PatentRecord,
  type Rejection,
  applicationKey,
} from '../record';
import { US_OUT_OF_SCOPE, type UsOutOfScope, formatIpc, usCategoryFromNumber } from './uspto';

export type PatentsViewTable = 'patent' | 'application' | 'assignee' | 'inventor' | 'ipc' | 'cpc';

export interface PatentsViewFile {
  readonly name: string;
  readonly chunks: AsyncIterable<string> | Iterable<string>;
}

export type PatentsViewOptions = Omit<ImportOptions, 'file'> & {
  /** The result's file name; default: the g_patent file's name ("patentsview" when there is none). */
  readonly file?: string;
  /** Quoted cells: true for recent releases, false for older unquoted ones; default: detected per file. */
  readonly quotes?: boolean;
};

/** Accepted names of each column, current name first, then older releases' names. */
const COLUMNS = {
  patent: {
    id: ['patent_id', 'id', 'number', 'patent_number'],
    type: ['patent_type', 'type'],
    date: ['patent_date', 'date', 'grant_date'],
    title: ['patent_title', 'title'],
    abstract: ['patent_abstract', 'abstract'],
    claims: ['num_claims'],
    withdrawn: ['withdrawn'],
  },
  application: {
    patent: ['patent_id'],
    number: ['application_id', 'number', 'application_number'],
    date: ['filing_date', 'date'],
    series: ['series_code'],
  },
  assignee: {
    patent: ['patent_id'],
    seq: ['assignee_sequence', 'sequence'],
    org: ['disambig_assignee_organization', 'assignee_organization', 'organization'],
    first: ['disambig_assignee_individual_name_first', 'assignee_individual_name_first', 'name_first'],
    last: ['disambig_assignee_individual_name_last', 'assignee_individual_name_last', 'name_last'],
  },
  inventor: {
    patent: ['patent_id'],
    seq: ['inventor_sequence', 'sequence'],
    first: ['disambig_inventor_name_first', 'inventor_name_first', 'name_first'],
    last: ['disambig_inventor_name_last', 'inventor_name_last', 'name_last'],
  },
  ipc: {
    patent: ['patent_id'],
    seq: ['ipc_sequence', 'sequence'],
    section: ['section'],
    cls: ['ipc_class'],
    subclass: ['subclass'],
    group: ['main_group'],
    subgroup: ['subgroup'],
  },
  cpc: {
    patent: ['patent_id'],
    seq: ['cpc_sequence', 'sequence'],
    section: ['cpc_section', 'section_id'],
    cls: ['cpc_class', 'subsection_id'],
    subclass: ['cpc_subclass', 'group_id'],
    group: ['cpc_group', 'subgroup_id'],
  },
} as const satisfies Record<PatentsViewTable, Record<string, readonly string[]>>;

/** Columns without which a table cannot be joined: one of each group's logical columns must be present. */
const REQUIRED: Readonly<Record<PatentsViewTable, readonly (readonly string[])[]>> = {
  patent: [['id'], ['date']],
  application: [['patent'], ['number'], ['date']],
  assignee: [['patent'], ['org', 'first', 'last']],
  inventor: [['patent'], ['first', 'last']],
  ipc: [['patent'], ['section'], ['cls'], ['subclass']],
  cpc: [['patent'], ['group', 'subclass']],
};

const TABLE_ORDER: readonly PatentsViewTable[] = ['patent', 'application', 'assignee', 'inventor', 'ipc', 'cpc'];

/** A header name as written, quotes and case aside. */
const cleanHeader = (h: string): string => normaliseHeader(h.replace(/^"|"$/g, ''));

/** Which PatentsView table a header row belongs to, from its column names; undefined when none. */
export function sniffPatentsViewTable(header: readonly string[]): PatentsViewTable | undefined {
  const h = new Set(header.map(cleanHeader));
  const any = (...names: string[]): boolean => names.some((n) => h.has(n));
  if (h.has('patent_id')) {
    if (any('cpc_section', 'cpc_group', 'subgroup_id')) return 'cpc';
    if (any('ipc_class', 'main_group')) return 'ipc';
    if (any('inventor_sequence', 'inventor_id', 'disambig_inventor_name_first')) return 'inventor';
    if (any('assignee_sequence', 'assignee_id', 'disambig_assignee_organization')) return 'assignee';
    if (any('application_id', 'filing_date', 'series_code')) return 'application';
  }
  if (any('patent_id', 'id', 'number') && any('num_claims', 'patent_date', 'patent_type')) return 'patent';
  return undefined;
}

// ----- reporting, capped per kind so that a million unjoined rows do not become a million objects -----

const DETAILED_PER_KIND = 1000;

class CappedList {
  private readonly counts = new Map<string, { n: number; first: Rejection }>();
  constructor(readonly out: Rejection[]) {}

  add(kind: string, r: Rejection): void {
    const key = `${r.file}\u0000${kind}`;
    const c = this.counts.get(key);
    if (c) c.n += 1;
    else this.counts.set(key, { n: 1, first: r });
    if ((c?.n ?? 1) <= DETAILED_PER_KIND) this.out.push(r);
  }

  /** One summary line per kind that overflowed: nothing is dropped silently. */
  flush(): void {
    for (const [key, { n, first }] of this.counts) {
      if (n <= DETAILED_PER_KIND) continue;
      const kind = key.slice(key.indexOf('\u0000') + 1);
      this.out.push({
        ...first,
        reason: `${n - DETAILED_PER_KIND} more rows not listed, like line ${first.line}: ${kind}`,
      });
    }
  }
}

/** Column index of each logical column of the table, by the first of its names present in the header. */
function columnIndex(table: PatentsViewTable, header: readonly string[]): Map<string, number> {
  const at = new Map(header.map((h, i) => [cleanHeader(h), i] as const));
  const out = new Map<string, number>();
  for (const [logical, names] of Object.entries(COLUMNS[table]) as [string, readonly string[]][]) {
    const i = names.map((n) => at.get(n)).find((x) => x !== undefined);
    if (i !== undefined) out.set(logical, i);
  }
  return out;
}

function missingColumns(table: PatentsViewTable, cols: ReadonlyMap<string, number>): string[] {
  const names: Readonly<Record<string, readonly string[]>> = COLUMNS[table];
  return REQUIRED[table].filter((g) => !g.some((l) => cols.has(l))).map((g) => g.map((l) => names[l][0]).join(' or '));
}

// ----- opening a file: quoting and table from its head, then streaming the rest -----

interface OpenedFile {
  readonly name: string;
  readonly table: PatentsViewTable | undefined;
  readonly header: readonly string[];
  /** Index of each logical column found (see COLUMNS). */
  readonly cols: ReadonlyMap<string, number>;
  /** Required columns of the table that the header lacks: the file cannot be joined. */
  readonly missing: readonly string[];
  readonly quoted: boolean;
  /** Every chunk of the file, the head already read included. */
  readonly chunks: AsyncIterable<string>;
  close(): void;
}

/** Enough of a file to see its header and the start of its first data row. */
const HEAD_CHARS = 64 * 1024;

/** Whether the text holds the first character of a line after a line break: all the quote detection needs. */
const nextLineStarted = (s: string): boolean => /[\r\n][^\r\n]/.test(s);

function iteratorOf(chunks: AsyncIterable<string> | Iterable<string>): AsyncIterator<string> | Iterator<string> {
  const asyncIt = (chunks as AsyncIterable<string>)[Symbol.asyncIterator];
  return asyncIt ? asyncIt.call(chunks) : (chunks as Iterable<string>)[Symbol.iterator]();
}

async function* replay(head: string, rest: AsyncIterator<string> | Iterator<string>, done: boolean) {
  yield head;
  if (done) return;
  for (;;) {
    const r = await rest.next();
    if (r.done) return;
    yield r.value;
  }
}

/**
 * Reads a file's first lines to find its quoting and table. Recent releases quote the header and every
 * cell; an unquoted file never starts a line with a quote (the first column is an id), so a quote at the
 * start of the header or of the first data row decides.
 */
async function openFile(
  f: PatentsViewFile,
  quotes: boolean | undefined,
  opts: PatentsViewOptions,
): Promise<OpenedFile> {
  const it = iteratorOf(f.chunks);
  let head = '';
  let done = false;
  let started = false;
  while (!done && !started && head.length < HEAD_CHARS) {
    if (opts.cancel?.cancelled) throw new ImportCancelled(f.name);
    const r = await it.next();
    if (r.done) done = true;
    else {
      // Only the new text (and the character before it) is searched: tiny chunks stay linear.
      started = nextLineStarted(head.slice(-1) + r.value);
      head += r.value;
    }
  }
  const [first = '', ...rest] = head.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const second = rest.find((l) => l !== '') ?? '';
  const quoted = quotes ?? (first.startsWith('"') || second.startsWith('"'));
  let header: readonly string[] = [];
  try {
    header = parseCsv(first, f.name, { separator: '\t', quotes: quoted })[0]?.cells ?? [];
  } catch {
    // A header that is not even valid TSV is recognised as no table, and reported as such.
  }
  const table = sniffPatentsViewTable(header);
  const cols = table ? columnIndex(table, header) : new Map<string, number>();
  return {
    name: f.name,
    table,
    header,
    cols,
    missing: table ? missingColumns(table, cols) : [],
    quoted,
    chunks: replay(head, it, done),
    // A stream's return() may reject (it is being destroyed): nothing to report for a file already done with.
    close: () => void Promise.resolve(it.return?.()).catch(() => undefined),
  };
}

// ----- the join -----

/** What is kept per patent until the join ends: only what the record needs. */
interface Accumulator {
  /** The g_patent file and line of the patent (one string shared by all the file's patents). */
  readonly file: string;
  readonly line: number;
  readonly date: string;
  readonly claims?: number;
  readonly title?: string;
  readonly abstract?: string;
  key?: string;
  filingDate?: string;
  /** filing_date as written when it is not a date. */
  badFilingDate?: string;
  appFile?: string;
  appLine?: number;
  /** Lists indexed by the table's sequence number, so that rows in any order come out in sequence order. */
  assignees?: string[];
  inventors?: string[];
  ipc?: string[];
  cpc?: string[];
}

type Getter = (logical: string) => string;

interface JoinState {
  readonly opts: PatentsViewOptions;
  readonly keepText: boolean;
  readonly patents: Map<string, Accumulator>;
  /** Patents rejected from g_patent: their side rows are skipped with them (counted, not reported one by one). */
  readonly excluded: Set<string>;
  readonly skippedWithExcluded: Map<string, number>;
  readonly rejected: CappedList;
  readonly notes: CappedList;
  readonly tables: Set<PatentsViewTable>;
  /** Whether a g_patent file had an abstract column (recent releases moved abstracts to their own table). */
  patentAbstracts: boolean;
  rowsRead: number;
  consumed: number;
}

const TRUE_FLAGS = new Set(['1', 'true', 't', 'y', 'yes']);

const PATENT_TYPES: Readonly<Record<string, UsOutOfScope | 'utility'>> = {
  utility: 'utility',
  design: 'design',
  plant: 'plant',
  reissue: 'reissue',
  'defensive publication': 'defensive',
  'statutory invention registration': 'defensive',
};

const joinName = (first: string, last: string): string => [first, last].filter(Boolean).join(' ');

/** Places a value at its sequence number (0-based in PatentsView), or after the others when it has none. */
function placeAt(list: string[] | undefined, seqRaw: string, value: string): string[] {
  const out = list ?? [];
  const seq = parseInteger(seqRaw);
  if (seq !== null && seq >= 0 && seq < 10_000 && out[seq] === undefined) out[seq] = value;
  else out.push(value);
  return out;
}

/** The dense list of a sequence-indexed one (holes of missing sequence numbers closed up). */
const dense = (list: readonly string[] | undefined): string[] => (list ?? []).filter((x) => x !== undefined);

function onPatentRow(s: JoinState, file: string, line: number, get: Getter): void {
  const reject = (kind: string, field: string, reason = kind): void =>
    s.rejected.add(kind, { file, line, field, reason });
  const id = get('id');
  if (!id) return reject('empty patent_id', 'patent_id');
  if (s.patents.has(id) || s.excluded.has(id))
    return reject('repeated patent_id', 'patent_id', `${id} appears twice: repeat ignored`);
  const exclude = (kind: string, field: string, reason: string): void => {
    s.excluded.add(id);
    reject(kind, field, reason);
  };
  if (TRUE_FLAGS.has(get('withdrawn').toLowerCase()))
    return exclude('withdrawn', 'withdrawn', `${id} was withdrawn from issue: it never took effect`);
  const typeRaw = get('type').toLowerCase();
  const category = typeRaw ? PATENT_TYPES[typeRaw] : usCategoryFromNumber(id);
  if (category === undefined)
    return exclude(
      'unknown patent type',
      'patent_type',
      `${id}: patent type ${JSON.stringify(typeRaw)} is not a known one`,
    );
  if (category !== 'utility') return exclude(category, 'patent_type', `${id}: ${US_OUT_OF_SCOPE[category]}`);
  const date = parseDate(get('date'));
  if (!date) return exclude('bad patent_date', 'patent_date', `${id}: ${JSON.stringify(get('date'))} is not a date`);
  const claimsRaw = get('claims');
  const claims = claimsRaw === '' ? undefined : parseInteger(claimsRaw);
  if (claims === null || (claims !== undefined && claims < 0))
    return exclude('bad num_claims', 'num_claims', `${id}: ${JSON.stringify(claimsRaw)} is not a claim count`);
  s.patents.set(id, {
    file,
    line,
    date,
    claims,
    title: s.keepText ? get('title') || undefined : undefined,
    abstract: s.keepText ? get('abstract') || undefined : undefined,
  });
}

function onApplicationRow(s: JoinState, a: Accumulator, file: string, line: number, get: Getter): void {
  if (a.appLine !== undefined) {
    const reason = `a second application row for the patent (the first, ${a.appFile} line ${a.appLine}, is kept)`;
    return s.rejected.add('second application row', { file, line, field: 'patent_id', reason });
  }
  const number = get('number');
  if (number) {
    const { key, recognised } = applicationKey(number, { office: 'US', seriesCode: get('series') });
    a.key = key;
    if (!recognised) {
      s.notes.add('application number not in series/serial form', {
        file,
        line,
        field: 'application_id',
        reason: `${JSON.stringify(number)} is not a series/serial number: kept as written`,
      });
    }
  }
  const raw = get('date');
  const date = raw ? parseDate(raw) : undefined;
  // A bad date is reported once, with the patent it leaves without a filing date (buildRecord).
  if (date === null) a.badFilingDate = raw;
  else a.filingDate = date;
  a.appFile = file;
  a.appLine = line;
}

function onNameRow(
  s: JoinState,
  table: 'assignee' | 'inventor',
  a: Accumulator,
  file: string,
  line: number,
  get: Getter,
): void {
  const org = table === 'assignee' ? get('org') : '';
  const name = org || joinName(get('first'), get('last'));
  if (!name) {
    const field = table === 'assignee' ? 'disambig_assignee_organization' : 'disambig_inventor_name_last';
    return s.rejected.add(`no ${table} name`, { file, line, field, reason: `no ${table} name` });
  }
  if (table === 'assignee') a.assignees = placeAt(a.assignees, get('seq'), name);
  else a.inventors = placeAt(a.inventors, get('seq'), name);
}

/** An IPC code from its parts (g_ipc_at_issue), or a CPC code, whole or in parts (g_cpc_current). */
function classificationOf(table: 'ipc' | 'cpc', get: Getter): string | undefined {
  if (table === 'ipc') {
    const cls = get('cls');
    const group = get('group');
    const sub = get('subgroup');
    const subclass = `${get('section')}${/^\d$/.test(cls) ? `0${cls}` : cls}${get('subclass')}`;
    return formatIpc(group ? `${subclass} ${group}/${sub || '00'}` : subclass);
  }
  // g_cpc_current writes the whole symbol in cpc_group ("H04L63/0428"); keep to the subclass when it does not.
  return formatIpc(get('group')) ?? formatIpc(get('subclass')) ?? formatIpc(`${get('cls')}${get('subclass')}`);
}

function onClassRow(s: JoinState, table: 'ipc' | 'cpc', a: Accumulator, file: string, line: number, get: Getter): void {
  const code = classificationOf(table, get);
  if (code === undefined) {
    // CPC's Y section (tagging) has no IPC counterpart: left out by design, not an error.
    if (table === 'cpc' && /^Y/i.test(get('group') || get('section'))) return;
    const reason = `no ${table.toUpperCase()} code can be assembled from this row`;
    return s.rejected.add(`bad ${table} code`, { file, line, reason });
  }
  if (table === 'ipc') a.ipc = placeAt(a.ipc, get('seq'), code);
  else a.cpc = placeAt(a.cpc, get('seq'), code);
}

function onSideRow(s: JoinState, table: PatentsViewTable, file: string, line: number, get: Getter): void {
  const id = get('patent');
  const a = s.patents.get(id);
  if (!a) {
    if (s.excluded.has(id)) {
      s.skippedWithExcluded.set(file, (s.skippedWithExcluded.get(file) ?? 0) + 1);
      return;
    }
    const reason = `patent ${JSON.stringify(id)} is not in g_patent: row not joined`;
    return s.rejected.add('patent_id not in g_patent', { file, line, field: 'patent_id', reason });
  }
  if (table === 'application') onApplicationRow(s, a, file, line, get);
  else if (table === 'assignee' || table === 'inventor') onNameRow(s, table, a, file, line, get);
  else if (table === 'ipc' || table === 'cpc') onClassRow(s, table, a, file, line, get);
}

async function readTable(s: JoinState, f: OpenedFile, table: PatentsViewTable): Promise<void> {
  const cols = f.cols;
  s.tables.add(table);
  if (table === 'patent' && cols.has('abstract')) s.patentAbstracts = true;
  let header = true;
  const onRecord = (r: CsvRecord): void => {
    if (header) {
      header = false;
      return;
    }
    s.rowsRead += 1;
    if (r.cells.length !== f.header.length) {
      const reason = `row has ${r.cells.length} cells but the header has ${f.header.length}`;
      return s.rejected.add('wrong cell count', { file: f.name, line: r.line, reason });
    }
    const get: Getter = (logical) => {
      const i = cols.get(logical);
      const v = i === undefined ? '' : (r.cells[i] ?? '').trim();
      // Database dumps of some releases write an absent value as the text NULL.
      return v === 'NULL' ? '' : v;
    };
    if (table === 'patent') onPatentRow(s, f.name, r.line, get);
    else onSideRow(s, table, f.name, r.line, get);
  };
  const base = s.consumed;
  const fileOpts: ImportOptions = {
    ...s.opts,
    file: f.name,
    onProgress: (n) => {
      s.consumed = base + n;
      s.opts.onProgress?.(s.consumed);
    },
  };
  const problems = await forEachCsvRecord(f.chunks, fileOpts, { separator: '\t', quotes: f.quoted }, onRecord);
  appendAll(s.rejected.out, problems);
}

// ----- building the records -----

interface JoinProblem {
  readonly kind: string;
  readonly field: string;
  readonly reason: string;
}

/** The patent's application as joined, or why it cannot become a record (its application row missing or unusable). */
function applicationOf(a: Accumulator): { key: string; filingDate: string; file: string; line: number } | JoinProblem {
  const where = `${a.appFile} line ${a.appLine}`;
  if (a.appLine === undefined) {
    const reason = 'no g_application row: no application number or filing date';
    return { kind: 'no application row', field: 'patent_id', reason };
  }
  if (!a.key)
    return { kind: 'no application number', field: 'application_id', reason: `no application number (${where})` };
  if (a.badFilingDate !== undefined) {
    const reason = `filing date ${JSON.stringify(a.badFilingDate)} is not a date (${where})`;
    return { kind: 'bad filing date', field: 'filing_date', reason };
  }
  if (!a.filingDate) return { kind: 'no filing date', field: 'filing_date', reason: `no filing date (${where})` };
  if (a.date < a.filingDate) {
    const reason = `issue date ${a.date} is before the filing date ${a.filingDate}`;
    return { kind: 'issued before filing', field: 'patent_date', reason };
  }
  return { key: a.key, filingDate: a.filingDate, file: a.appFile ?? a.file, line: a.appLine };
}

/** The assignees, or for a patent without any, its inventors (noted); undefined inventors: no table. */
function applicantsFor(s: JoinState, id: string, a: Accumulator, inventors?: readonly string[]): string[] {
  const assignees = dense(a.assignees);
  if (assignees.length > 0 || !inventors || inventors.length === 0) return assignees;
  const reason = `${id}: no assignee: the inventors, who own an unassigned US patent, are taken as the applicants`;
  s.notes.add('inventors as applicants', { file: a.file, line: a.line, field: 'patent_id', reason });
  return [...inventors];
}

/** The IPC codes, or for a patent without an IPC row, its CPC codes (noted). */
function codesFor(s: JoinState, id: string, a: Accumulator): string[] {
  const ipc = dense(a.ipc);
  if (ipc.length > 0) return [...new Set(ipc)];
  const cpc = dense(a.cpc);
  if (cpc.length > 0) {
    const reason = `${id}: no IPC row: the CPC stands in`;
    s.notes.add('CPC for IPC', { file: a.file, line: a.line, field: 'patent_id', reason });
  }
  return [...new Set(cpc)];
}

function buildRecord(s: JoinState, id: string, a: Accumulator): PatentRecord | undefined {
  const reject = (kind: string, field: string, reason: string): undefined => {
    s.rejected.add(kind, { file: a.file, line: a.line, field, reason: `${id}: ${reason}` });
    return undefined;
  };
  const app = applicationOf(a);
  if ('reason' in app) return reject(app.kind, app.field, app.reason);
  const inventors = s.tables.has('inventor') ? dense(a.inventors) : undefined;
  const applicants = applicantsFor(s, id, a, inventors);
  if (applicants.length === 0) return reject('no applicant', 'patent_id', 'no assignee and no inventor: no applicant');
  return {
    applicationNumber: app.key,
    filingDate: app.filingDate,
    applicants,
    inventors,
    ipc: codesFor(s, id, a),
    claims: a.claims,
    registrationDate: a.date,
    registrationNumber: id,
    registeredClaims: a.claims,
    kind: 'patent',
    title: a.title,
    abstract: a.abstract,
    sources: [
      { file: a.file, line: a.line },
      { file: app.file, line: app.line },
    ],
  };
}

function lacksOf(tables: ReadonlySet<PatentsViewTable>, abstracts: boolean): OptionalRecordField[] {
  const lacks: OptionalRecordField[] = ['publicationNumber', 'examRequestDate', 'lapseDate', 'claimsText'];
  if (!tables.has('inventor')) lacks.push('inventors');
  if (!tables.has('ipc') && !tables.has('cpc')) lacks.push('ipc');
  if (!abstracts) lacks.push('abstract');
  return lacks;
}

function generalNotes(s: JoinState, patentFile: string): void {
  const at = { file: patentFile, line: 1 };
  s.notes.out.push(
    { ...at, reason: 'PatentsView lists granted patents only: applications never granted are not in these records' },
    {
      ...at,
      field: 'num_claims',
      reason: 'PatentsView has no claim count of the application as filed: the granted count (num_claims) stands in',
    },
  );
  for (const [file, n] of s.skippedWithExcluded) {
    s.notes.out.push({
      file,
      line: 1,
      reason: `${n} rows belong to patents rejected from g_patent: skipped with them`,
    });
  }
}

/** The required tables that no usable file provides, as one rejection each (nothing joins without them). */
function missingTables(usable: readonly OpenedFile[], file: string): Rejection[] {
  const need: [PatentsViewTable, string][] = [
    ['patent', 'g_patent (patent ids, grant dates, claim counts)'],
    ['application', 'g_application (application numbers and filing dates)'],
    ['assignee', 'g_assignee_disambiguated (the applicants)'],
  ];
  return need
    .filter(([t]) => !usable.some((f) => f.table === t))
    .map(([, what]) => ({ file, line: 1, reason: `no ${what} among the files: nothing joined` }));
}

/** Files that are no table, or a table without its required columns: one rejection each, not read. */
function unusable(f: OpenedFile): Rejection | undefined {
  if (f.table === undefined) {
    const reason = `header not recognised as a PatentsView table (${f.header.slice(0, 6).join(', ')}…): file not read`;
    return { file: f.name, line: 1, reason };
  }
  if (f.missing.length === 0) return undefined;
  const reason = `${f.table} table without column(s) ${f.missing.join(', ')}: file not read`;
  return { file: f.name, line: 1, field: f.missing.join(', '), reason };
}

function newState(opts: PatentsViewOptions, rejected: Rejection[], notes: Rejection[]): JoinState {
  return {
    opts,
    keepText: opts.keepText !== false,
    patents: new Map(),
    excluded: new Set(),
    skippedWithExcluded: new Map(),
    rejected: new CappedList(rejected),
    notes: new CappedList(notes),
    tables: new Set(),
    patentAbstracts: false,
    rowsRead: 0,
    consumed: 0,
  };
}

/**
 * Joins PatentsView tables given in any order and under any names into one record per granted utility
 * patent. Each file is streamed once; see the file comment for the mapping and the memory it takes.
 */
export async function importPatentsView(
  files: readonly PatentsViewFile[],
  opts: PatentsViewOptions = {},
): Promise<ImportResult> {
  const opened: OpenedFile[] = [];
  try {
    for (const f of files) opened.push(await openFile(f, opts.quotes, opts));
    const rejected: Rejection[] = [];
    const notes: Rejection[] = [];
    const usable = opened.filter((f) => {
      const problem = unusable(f);
      if (problem) rejected.push(problem);
      return !problem;
    });
    const file = opts.file ?? usable.find((f) => f.table === 'patent')?.name ?? 'patentsview';
    const missing = missingTables(usable, file);
    if (missing.length > 0) {
      rejected.push(...missing);
      return {
        format: 'patentsview',
        file,
        rowsRead: 0,
        records: [],
        rejected,
        notes,
        lacks: lacksOf(new Set(), false),
      };
    }
    const s = newState(opts, rejected, notes);
    // g_patent first, whatever the files' order: a side row can only be judged once every patent id is known.
    for (const table of TABLE_ORDER) {
      for (const f of usable.filter((x) => x.table === table)) await readTable(s, f, table);
    }
    const records: PatentRecord[] = [];
    for (const [id, a] of s.patents) {
      const r = buildRecord(s, id, a);
      if (r) records.push(r);
      s.patents.delete(id); // the accumulator is spent: free it while the records grow
    }
    generalNotes(s, usable.find((f) => f.table === 'patent')?.name ?? file);
    s.rejected.flush();
    s.notes.flush();
    const lacks = lacksOf(s.tables, s.patentAbstracts);
    return { format: 'patentsview', file, rowsRead: s.rowsRead, records, rejected, notes, lacks };
  } finally {
    // Files left unread (unusable, or after a cancel) are closed, so that their streams do not stay open.
    for (const f of opened) f.close();
  }
}

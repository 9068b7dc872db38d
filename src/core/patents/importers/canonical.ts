/**
 * The canonical patents.csv of ../shared/spec/inputs.md: one row per application, `;`-separated lists,
 * ISO dates. Being our own contract it is read strictly: a duplicate application number, a date that is not
 * YYYY-MM-DD, a registration before the filing, a negative claim count — each row is rejected with its
 * line and column, and the rest of the file is kept. application_number may be written in any form
 * normaliseApplicationNumber knows (特願2021-100093, JP2021-100093, US 13/657,122 …): two spellings of one
 * application are a duplicate; kind = utility puts a bare "JP2002-002636" in the utility-model series (JPU…).
 */
import { normaliseHeader, parseInteger } from '../../parse';
import { parseDate } from '../../text/dates';
import { forEachCsvRecord } from '../chunks';
import {
  type ImportOptions,
  type ImportResult,
  type PatentImporter,
  type PatentRecord,
  type Rejection,
  normaliseApplicationNumber,
} from '../record';

/** The columns of patents.csv in the order of ../shared/spec/inputs.md (writers use this order). */
export const CANONICAL_COLUMNS = [
  'application_number',
  'publication_number',
  'filing_date',
  'applicants',
  'inventors',
  'ipc',
  'claims',
  'exam_request_date',
  'registration_date',
  'registration_number',
  'registered_claims',
  'lapse_date',
  'expiry_date',
  'kind',
  'title',
  'abstract',
  'claims_text',
] as const;

const REQUIRED = ['application_number', 'filing_date', 'applicants'] as const;
const OPTIONAL = CANONICAL_COLUMNS.filter((c) => !(REQUIRED as readonly string[]).includes(c));

export function sniffCanonical(headerLine: string): boolean {
  const cols = headerLine.split(',').map(normaliseHeader);
  return REQUIRED.every((c) => cols.includes(c));
}

const list = (s: string): string[] =>
  s
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean);

export const importCanonical: PatentImporter = async (chunks, opts: ImportOptions): Promise<ImportResult> => {
  const file = opts.file;
  const keepText = opts.keepText ?? true;
  const records: PatentRecord[] = [];
  const rejected: Rejection[] = [];
  const notes: Rejection[] = [];
  let index: Map<string, number> | undefined;
  let unusable = false;
  let rowsRead = 0;
  const seen = new Map<string, number>();

  const onRecord = (r: { line: number; cells: readonly string[] }): void => {
    if (!index) {
      index = new Map(r.cells.map((c, i) => [normaliseHeader(c), i]));
      const missing = REQUIRED.filter((c) => !index?.has(c));
      if (missing.length) {
        unusable = true;
        rejected.push({
          file,
          line: r.line,
          field: missing.join(', '),
          reason: `required column(s) missing: ${missing.join(', ')} (expected ${REQUIRED.join(', ')})`,
        });
      }
      for (const c of index.keys()) {
        if (!(REQUIRED as readonly string[]).includes(c) && !(OPTIONAL as readonly string[]).includes(c)) {
          notes.push({ file, line: r.line, field: c, reason: 'unknown column: ignored' });
        }
      }
      return;
    }
    if (unusable) return;
    rowsRead += 1;
    const get = (c: string): string => {
      const i = index?.get(c);
      return i === undefined ? '' : (r.cells[i] ?? '').trim();
    };
    const reject = (field: string, reason: string): void => {
      rejected.push({ file, line: r.line, field, reason });
    };
    if (r.cells.length !== index.size)
      return reject('', `row has ${r.cells.length} cells but the header has ${index.size}`);
    const appRaw = get('application_number');
    if (!appRaw) return reject('application_number', 'empty application number');
    const kindRaw = get('kind').toLowerCase();
    // The kind tells a bare "JP2002-002636" of a utility model (JPU…) from the patent application of that number.
    const applicationNumber = normaliseApplicationNumber(appRaw, {
      kind: kindRaw === 'utility' ? 'utility' : 'patent',
    });
    const first = seen.get(applicationNumber);
    if (first !== undefined)
      return reject('application_number', `${appRaw} already appears on line ${first}: duplicate rejected`);
    const filingDate = parseDate(get('filing_date'));
    if (!filingDate) return reject('filing_date', `${JSON.stringify(get('filing_date'))} is not a date`);
    const applicants = list(get('applicants'));
    if (applicants.length === 0) return reject('applicants', 'no applicant');
    const dates: Record<string, string | undefined> = {};
    for (const c of ['exam_request_date', 'registration_date', 'lapse_date', 'expiry_date']) {
      const raw = get(c);
      if (!raw) continue;
      const d = parseDate(raw);
      if (!d) return reject(c, `${JSON.stringify(raw)} is not a date`);
      if (d < filingDate) return reject(c, `${c.replace(/_/g, ' ')} ${d} is before the filing date ${filingDate}`);
      dates[c] = d;
    }
    if (dates.lapse_date && dates.registration_date && dates.lapse_date < dates.registration_date) {
      return reject(
        'lapse_date',
        `lapse date ${dates.lapse_date} is before the registration date ${dates.registration_date}`,
      );
    }
    const counts: Record<string, number | undefined> = {};
    for (const c of ['claims', 'registered_claims']) {
      const raw = get(c);
      if (!raw) continue;
      const n = parseInteger(raw);
      if (n === null || n < 0) return reject(c, `${JSON.stringify(raw)} is not a claim count`);
      counts[c] = n;
    }
    if (kindRaw && kindRaw !== 'patent' && kindRaw !== 'utility')
      return reject('kind', `${JSON.stringify(kindRaw)} is not patent or utility`);
    seen.set(applicationNumber, r.line);
    records.push({
      applicationNumber,
      publicationNumber: get('publication_number') || undefined,
      filingDate,
      applicants,
      inventors: index.has('inventors') ? list(get('inventors')) : undefined,
      ipc: list(get('ipc')),
      claims: counts.claims,
      examRequestDate: dates.exam_request_date,
      registrationDate: dates.registration_date,
      registrationNumber: get('registration_number') || undefined,
      registeredClaims: counts.registered_claims,
      lapseDate: dates.lapse_date,
      expiryDate: dates.expiry_date,
      kind: kindRaw === 'utility' ? 'utility' : 'patent',
      title: keepText ? get('title') || undefined : undefined,
      abstract: keepText ? get('abstract') || undefined : undefined,
      claimsText: keepText ? get('claims_text') || undefined : undefined,
      sources: [{ file, line: r.line }],
    });
  };

  rejected.push(...(await forEachCsvRecord(chunks, opts, {}, onRecord)));
  if (!index) rejected.push({ file, line: 1, reason: 'the file is empty: a header row is required' });
  const lacks = index
    ? (
        [
          ['inventors', 'inventors'],
          ['claims', 'claims'],
          ['exam_request_date', 'examRequestDate'],
          ['registration_date', 'registrationDate'],
          ['lapse_date', 'lapseDate'],
        ] as const
      )
        .filter(([col]) => !index?.has(col))
        .map(([, f]) => f)
    : [];
  return { format: 'canonical', file, rowsRead, records, rejected, lacks, notes };
};

/**
 * The Patents sheet: the consolidated records of the industry's companies as an Excel table, for audit.
 * Every imported text is written as a text value, never as a formula, whatever it starts with.
 */
import type { Consolidation } from '../patents/names';
import type { PatentRecord } from '../patents/record';
import { type Sheet, a1, newSheet, setCell } from './model';

export const PATENTS = 'Patents';

const COLUMNS: readonly {
  key: string;
  width: number;
  get: (r: PatentRecord, names: Consolidation) => string | number | undefined;
}[] = [
  { key: 'application_number', width: 18, get: (r) => r.applicationNumber },
  { key: 'publication_number', width: 18, get: (r) => r.publicationNumber },
  { key: 'filing_date', width: 12, get: (r) => r.filingDate },
  { key: 'applicants', width: 36, get: (r) => r.applicants.join('; ') },
  {
    key: 'consolidated_applicants',
    width: 30,
    get: (r, n) => [...new Set(r.applicants.map((a) => n.nameOf(a)))].join('; '),
  },
  { key: 'inventors', width: 30, get: (r) => r.inventors?.join('; ') },
  { key: 'ipc', width: 24, get: (r) => r.ipc.join('; ') },
  { key: 'claims', width: 8, get: (r) => r.claims },
  { key: 'exam_request_date', width: 12, get: (r) => r.examRequestDate },
  { key: 'registration_date', width: 12, get: (r) => r.registrationDate },
  { key: 'registration_number', width: 14, get: (r) => r.registrationNumber },
  { key: 'registered_claims', width: 8, get: (r) => r.registeredClaims },
  { key: 'lapse_date', width: 12, get: (r) => r.lapseDate },
  { key: 'expiry_date', width: 12, get: (r) => r.expiryDate },
  { key: 'kind', width: 8, get: (r) => r.kind },
  { key: 'title', width: 40, get: (r) => r.title },
  { key: 'sources', width: 30, get: (r) => r.sources.map((s) => `${s.file}:${s.line}`).join('; ') },
];

export function buildPatentsSheet(records: readonly PatentRecord[], names: Consolidation): Sheet {
  const sheet = newSheet(PATENTS);
  sheet.tabColor = 'FF7030A0';
  COLUMNS.forEach((c, i) => {
    setCell(sheet, 1, i + 1, { value: c.key, style: 'headerLeft' });
    sheet.columnWidths.set(i + 1, c.width);
  });
  const sorted = [...records].sort(
    (a, b) => a.filingDate.localeCompare(b.filingDate) || a.applicationNumber.localeCompare(b.applicationNumber),
  );
  sorted.forEach((r, k) => {
    COLUMNS.forEach((c, i) => {
      const v = c.get(r, names);
      // Blank rather than absent keeps the table's rows rectangular.
      setCell(sheet, 2 + k, i + 1, { value: v ?? '', style: 'text' });
    });
  });
  sheet.freeze = { rows: 1, columns: 1 };
  if (sorted.length > 0)
    sheet.tables.push({ name: 'PatentRecords', range: `A1:${a1(1 + sorted.length, COLUMNS.length)}` });
  return sheet;
}

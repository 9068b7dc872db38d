/**
 * Block 3's corpus over records that are views of a RecordStore (the byte import) equals the corpus over the same
 * rows read as plain records (the text import): aggregatePortfolio reads a store's filing days and IPC bytes
 * directly, and must count exactly what it counts from the records' fields — on a generated corpus, and on rows
 * whose IPC cells take every form the byte reader must leave to the text (full-width, lower case, spaced, blank
 * items, codes with no subclass).
 */
import { importCanonical, importCanonicalBytes } from '../src/core/patents/importers/canonical';
import type { Consolidation } from '../src/core/patents/names';
import type { PatentRecord } from '../src/core/patents/record';
import { StoredRecord } from '../src/core/patents/recordStore';
import { aggregatePortfolio, type PortfolioCorpus } from '../src/core/portfolio/aggregate';
import { generatePatents } from '../scripts/generate-patents';

const asWritten: Consolidation = { nameOf: (raw) => raw.trim(), merged: new Map() };

/** Everything the corpus holds, in plain arrays. */
function contents(c: PortfolioCorpus) {
  return {
    measure: c.measure,
    years: c.years,
    warnings: c.warnings,
    applicants: c.applicants,
    subclasses: c.subclasses,
    pairs: Array.from({ length: c.pairCount }, (_, p) => [
      c.pairApplicant[p],
      c.pairSubclass[p],
      ...c.amounts.subarray(4 * p, 4 * p + 4),
    ]),
    applicantTotals: [...c.applicantTotals],
    corpusTotals: [...c.corpusTotals],
    applications: c.applications,
    withoutSubclass: c.withoutSubclass,
  };
}

async function both(csv: string): Promise<[PatentRecord[], PatentRecord[]]> {
  const plain = (await importCanonical([csv], { file: 'p.csv', keepText: false })).records;
  const views = (await importCanonicalBytes([new TextEncoder().encode(csv)], { file: 'p.csv', keepText: false }))
    .records;
  expect(views.every((r) => r instanceof StoredRecord)).toBe(true);
  expect(plain.some((r) => r instanceof StoredRecord)).toBe(false);
  return [plain, views];
}

test('the same corpus from store views as from plain records, generated corpus', async () => {
  const csv = [...generatePatents({ seed: 29, applications: 6000, fromYear: 2012, toYear: 2023 })].join('\n') + '\n';
  const [plain, views] = await both(csv);
  for (const cutoff of ['2023-12-31', '2020-03-15']) {
    const a = contents(aggregatePortfolio(plain, asWritten, { cutoff }));
    const b = contents(aggregatePortfolio(views, asWritten, { cutoff }));
    expect(b).toEqual(a);
    expect(a.pairs.length).toBeGreaterThan(1000);
  }
});

test('IPC cells of every form counted alike from bytes and from text', async () => {
  const header =
    'application_number,publication_number,filing_date,applicants,inventors,ipc,claims,exam_request_date,registration_date,registration_number,registered_claims,lapse_date,expiry_date,kind';
  const ipcCells = [
    'G06F 17/60;H04L 9/32',
    'g06f 17/60; h04l9/32',
    '"  G06F 17/60 ;;  ; H04L"',
    'Ｇ０６Ｆ　１７／６０;H04L 9/32',
    'G06F\u300017/60',
    '\u3000G06F 17/60;B01D',
    'G06;XYZW 1/00;1234',
    'G06F;G06F 3/00;g06f',
    'A61K 31/00',
    'G06E\u0301 1/00',
    '',
  ];
  const rows = ipcCells.map(
    (ipc, i) =>
      `JP2019-${String(i + 1).padStart(6, '0')},,2019-0${1 + (i % 9)}-10,株式会社Ａ${i % 3},,${ipc},${3 + i},,,,,,,patent`,
  );
  const [plain, views] = await both([header, ...rows].join('\n') + '\n');
  const a = contents(aggregatePortfolio(plain, asWritten, { cutoff: '2023-12-31', lastYear: 2020 }));
  const b = contents(aggregatePortfolio(views, asWritten, { cutoff: '2023-12-31', lastYear: 2020 }));
  expect(b).toEqual(a);
  // Counted by hand: G06F, H04L, B01D and A61K (the full-width code is G06F after NFKC); the rows with no subclass
  // are 'G06;XYZW 1/00;1234', 'G06E' + a combining acute (NFKC composes É: no subclass) and the empty cell.
  expect([...a.subclasses].sort()).toEqual(['A61K', 'B01D', 'G06F', 'H04L']);
  expect(a.withoutSubclass).toBe(3);
  expect(a.applications).toBe(11);
});

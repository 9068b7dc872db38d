/**
 * Block 2 over records that are views of a RecordStore (the byte import) equals Block 2 over the same rows
 * read as plain records (the text import): aggregatePatents reads a store's columns directly (days, list ids,
 * inventor ids), and must count exactly what it counts from the records' fields. Every statistic of every
 * company and year is compared, on a generated corpus with joint applications, utility models, lapses, expiries
 * and rows after the cut-off.
 */
import { buildUniverse } from '../src/core/universe';
import type { CompanyYear } from '../src/core/inputs';
import { importCanonical, importCanonicalBytes } from '../src/core/patents/importers/canonical';
import { applicantCounts, consolidate } from '../src/core/patents/names';
import { StoredRecord } from '../src/core/patents/recordStore';
import { STAT_FIELDS, type StatField } from '../src/core/patents/statFields';
import { DEFAULT_BASE_YEARS, aggregatePatents } from '../src/core/patents/stats';
import type { PatentRecord } from '../src/core/patents/record';
import { generatePatents } from '../scripts/generate-patents';

test('every statistic the same from store views as from plain records', async () => {
  const csv = [...generatePatents({ seed: 23, applications: 4000, fromYear: 2004, toYear: 2023 })].join('\n') + '\n';
  const plain = (await importCanonical([csv], { file: 'p.csv', keepText: false })).records;
  const views = (await importCanonicalBytes([new TextEncoder().encode(csv)], { file: 'p.csv', keepText: false }))
    .records;
  // A store whose import did not number its inventors (ImportOptions.indexInventors false): Block 2 numbers them.
  const unindexed = (
    await importCanonicalBytes([new TextEncoder().encode(csv)], {
      file: 'p.csv',
      keepText: false,
      indexInventors: false,
    })
  ).records;
  expect(views.every((r) => r instanceof StoredRecord && r.store.inventorIndex !== undefined)).toBe(true);
  expect(unindexed.every((r) => r instanceof StoredRecord && r.store.inventorIndex === undefined)).toBe(true);
  expect(plain.some((r) => r instanceof StoredRecord)).toBe(false);
  // Applicant counts (consolidation's input) alike, in the same first-met order.
  expect([...applicantCounts(views)]).toEqual([...applicantCounts(plain)]);
  const names = consolidate(
    plain.flatMap((r) => r.applicants),
    [],
  );
  // The 30 largest applicants, fiscal years ending in March (so fiscal and calendar years differ).
  const counts = new Map<string, number>();
  for (const r of plain)
    for (const a of new Set(r.applicants.map(names.nameOf))) counts.set(a, (counts.get(a) ?? 0) + 1);
  const companies = [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30)
    .map(([c]) => c);
  const rows: CompanyYear[] = companies.flatMap((company) =>
    Array.from({ length: 12 }, (_, k) => ({
      company,
      industry: 'x',
      fiscalYear: 2010 + k,
      fyEnd: `${2011 + k}-03-31`,
      values: {},
      file: 'f.csv',
      line: 0,
    })),
  );
  const universe = buildUniverse(rows, []);
  const params = { cutoff: '2020-06-30', ...DEFAULT_BASE_YEARS };
  const stats = (records: readonly PatentRecord[]) => aggregatePatents(records, names, universe, params);
  const [a, b, u] = [stats(plain), stats(views), stats(unindexed)];
  let compared = 0;
  for (const c of companies) {
    for (let y = 2010; y <= 2021; y += 1) {
      for (const { id: f } of STAT_FIELDS) {
        expect([c, y, f, b.value(c, y, f)]).toEqual([c, y, f, a.value(c, y, f)]);
        expect([c, y, f, u.value(c, y, f)]).toEqual([c, y, f, a.value(c, y, f)]);
        compared += 1;
      }
    }
    expect(b.recordsOf(c).map((r) => r.applicationNumber)).toEqual(a.recordsOf(c).map((r) => r.applicationNumber));
    expect(b.coApplicants(c, [2012, 2013])).toEqual(a.coApplicants(c, [2012, 2013]));
  }
  expect(compared).toBeGreaterThan(30 * 12 * 20);
  // The comparison is not vacuous: the companies have inventors, requests and registrations counted.
  const some = (f: StatField): boolean =>
    companies.some((c) =>
      [2012, 2014, 2016].some((y) => {
        const v = a.value(c, y, f);
        return typeof v === 'number' && v > 0;
      }),
    );
  const fields: StatField[] = ['inventors', 'exam_requests', 'registrations', 'valid_patents', 'joint_apps'];
  expect(fields.filter((f) => !some(f))).toEqual([]);
});

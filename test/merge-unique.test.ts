/**
 * The shortcuts of a large canonical import: mergeRecords of one file whose importer rejected its duplicates
 * (no lookups), the shared applicant lists, and parseInteger's plain-digit path — each against the general path.
 */
import { importCanonical } from '../src/core/patents/importers/canonical';
import { mergeRecords } from '../src/core/patents/merge';
import { parseInteger } from '../src/core/parse';

const CSV = [
  'application_number,filing_date,applicants,ipc,claims',
  'JP2020-000001,2020-01-10,北斗電機株式会社;南風工業株式会社,H01M 10/05,5',
  'JP2020-000002,2020-02-10,北斗電機株式会社;南風工業株式会社,,12',
  '特願2020-000001,2020-01-10,北斗電機株式会社,,3', // the first application again, spelt otherwise: rejected
  'JP2020-000003,2020-03-10, 南風工業株式会社 ,G06F 17/60;H04L 9/32,007',
].join('\n');

test('one canonical file: the shortcut gives what the general merge gives', async () => {
  const imported = await importCanonical([CSV], { file: 'p.csv' });
  expect(imported.uniqueApplications).toBe(true);
  expect(imported.rejected.map((r) => r.line)).toEqual([4]);
  const fast = mergeRecords([imported]);
  const general = mergeRecords([{ ...imported, uniqueApplications: false }]);
  expect(fast).toEqual(general);
  expect(fast.records.map((r) => r.applicationNumber)).toEqual(['JP2020000001', 'JP2020000002', 'JP2020000003']);
  // The file has no inventors, exam-request, registration or lapse columns: unknown on every record.
  for (const r of fast.records) {
    expect(r.unknown).toEqual(['inventors', 'examRequestDate', 'registrationDate', 'lapseDate']);
  }
  // Rows 2 and 3 write the same applicants cell: the same names, trimmed, in order.
  expect(fast.records[0].applicants).toEqual(['北斗電機株式会社', '南風工業株式会社']);
  expect(fast.records[1].applicants).toEqual(fast.records[0].applicants);
  expect(fast.records[2].applicants).toEqual(['南風工業株式会社']);
  expect(fast.records.map((r) => r.claims)).toEqual([5, 12, 7]);
});

test('parseInteger: plain digits, and everything else as before', () => {
  expect(parseInteger('0')).toBe(0);
  expect(parseInteger('007')).toBe(7);
  expect(parseInteger('123456789')).toBe(123456789);
  expect(parseInteger('1234567890')).toBe(1234567890); // 10 digits: the general path
  expect(parseInteger('１２')).toBe(12); // full-width, NFKC
  expect(parseInteger(' 12 ')).toBe(12);
  expect(parseInteger('-3')).toBe(-3);
  expect(parseInteger('1.5')).toBeNull();
  expect(parseInteger('12a')).toBeNull();
  expect(parseInteger('')).toBeNull();
});

test("keepText 'title': the title kept, the abstract and claims text not", async () => {
  const csv = [
    'application_number,filing_date,applicants,title,abstract,claims_text',
    'JP2020-000001,2020-01-10,北斗電機株式会社,蓄電装置,【課題】長い要約,請求項1',
  ].join('\n');
  const [r] = (await importCanonical([csv], { file: 'p.csv', keepText: 'title' })).records;
  expect([r.title, r.abstract, r.claimsText]).toEqual(['蓄電装置', undefined, undefined]);
  const [all] = (await importCanonical([csv], { file: 'p.csv' })).records;
  expect([all.title, all.abstract, all.claimsText]).toEqual(['蓄電装置', '【課題】長い要約', '請求項1']);
});

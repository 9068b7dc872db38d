/**
 * A canonical file imported in two parts (one per thread, src/cli/canonicalFile.ts): the first part, the
 * second given the header, its records passed as their store's columns and flat arrays (recordColumns.ts), then joined — the same
 * ImportResult as importCanonicalBytes over the whole file, or undefined where that cannot be vouched for.
 */
import { plainRecords } from './helpers/plainRecords';
import {
  type CanonicalPart,
  importCanonicalBytes,
  importCanonicalPart,
  joinCanonicalParts,
  shiftOf,
} from '../src/core/patents/importers/canonical';
import { decodePartRecords, decodeRecords, encodePartRecords, encodeRecords } from '../src/core/patents/recordColumns';
import type { ImportResult } from '../src/core/patents/record';
import { generatePatents } from '../scripts/generate-patents';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const chunks = (b: Uint8Array, size = 4099): Uint8Array[] => {
  const out: Uint8Array[] = [];
  for (let i = 0; i < b.length; i += size) out.push(b.subarray(i, i + size));
  return out;
};

/** Cuts the file just after the LF that ends line `line` (1-based) and imports the two parts. */
async function inParts(text: string, line: number, keepText = false): Promise<ImportResult | undefined> {
  const bytes = utf8(text);
  let at = 0;
  for (let n = 0; n < line; n += 1) at = bytes.indexOf(0x0a, at) + 1;
  const header = bytes.slice(0, bytes.indexOf(0x0a) + 1);
  const opts = { file: 'p.csv', keepText };
  const first = await importCanonicalPart(chunks(bytes.subarray(0, at)), opts, { last: false });
  const raw = await importCanonicalPart(chunks(bytes.subarray(at)), opts, { header, last: true });
  // As the worker sends it: the store's columns and the other records as columns, without the Map of numbers.
  const sent = structuredClone(encodePartRecords(raw.records, 'p.csv').records);
  const second: CanonicalPart = { ...raw, records: decodePartRecords(sent, 'p.csv', shiftOf(first)) };
  return joinCanonicalParts('p.csv', first, second);
}

const whole = (text: string, keepText = false): Promise<ImportResult> =>
  importCanonicalBytes(chunks(utf8(text)), { file: 'p.csv', keepText });

const HEADER =
  'application_number,publication_number,filing_date,applicants,inventors,ipc,claims,exam_request_date,registration_date,registration_number,registered_claims,lapse_date,expiry_date,kind,title,abstract,claims_text';

test('a generated corpus cut anywhere: the same import as in one piece, with and without the text', async () => {
  const csv = [...generatePatents({ seed: 11, applications: 600, fromYear: 2004, toYear: 2023, withText: true })]
    .join('\n')
    .concat('\n');
  for (const keepText of [false, true]) {
    const expected = await whole(csv, keepText);
    expect(expected.records.length).toBe(600);
    for (const line of [1, 2, 300, 600])
      expect(plainRecords(await inParts(csv, line, keepText))).toEqual(plainRecords(expected));
  }
});

// Line 2 is a record; 3 a bad date; 4–5 one record whose title holds a line break; 6 is blank; 7 has a stray
// quote (the reader's rejection); 8 and 9 are records; 10 repeats 9's application in another spelling;
// 11 has too few cells; 12 is a record without a line end.
const ROWS = [
  HEADER,
  'JP2010-000001,,2010-04-01,Alpha,,,1,,,,,,,patent,,,',
  'JP2010-000002,,2010-13-01,Alpha,,,3,,,,,,,patent,,,',
  'JP2010-000003,,2010-04-01,Beta,,,2,,,,,,,patent,"two',
  'lines",,',
  '',
  'JP2010-000004,,2010-02-01,Alpha,,,1,,,,,,,utility,"x"y,,',
  'JP2010-000009,,2010-02-01,Gamma,,,1,,,,,,,patent,,,',
  'JP2010-000005,,2010-02-01,Alpha,,,1,,,,,,,patent,,,',
  '特願2010-000005,,2010-03-01,Alpha,,,1,,,,,,,patent,,,',
  'JP2010-000006,too,few',
  'JP2010-000007,,2010-02-01,Delta,,,4,,,,,,,patent,,,',
].join('\n');

test('rejections and line numbers across the cut, a duplicate within the second part citing its line', async () => {
  const expected = await whole(ROWS);
  // Hand-read: bad date line 3; line 10 duplicates line 9; too few cells line 11; the stray quote of line 7
  // comes last (the reader's). Records: lines 2, 4 (its title's line break takes line 5), 8, 9, 12.
  expect(expected.rejected.map((r) => [r.line, r.field ?? ''])).toEqual([
    [3, 'filing_date'],
    [10, 'application_number'],
    [11, ''],
    [7, ''],
  ]);
  expect(expected.rejected[1].reason).toBe('特願2010-000005 already appears on line 9: duplicate rejected');
  expect(expected.records.map((r) => r.sources[0].line)).toEqual([2, 4, 8, 9, 12]);
  // Cuts after the header, after line 3, after the blank line 6, after line 8 (the duplicate pair in part two).
  for (const line of [1, 3, 6, 7, 8]) expect(plainRecords(await inParts(ROWS, line))).toEqual(plainRecords(expected));
});

test('a cut inside quotes, or a duplicate across the cut: undefined (read in one piece)', async () => {
  // After line 4 the title's quotes are still open: the first part does not end between records.
  expect(await inParts(ROWS, 4)).toBeUndefined();
  // After line 9 the duplicate on line 10 cites a line of the first part.
  expect(await inParts(ROWS, 9)).toBeUndefined();
  // A rejected row of part two whose number part one has: the reason would change (duplicate first).
  const lateBadDate = [
    HEADER,
    'JP2010-000001,,2010-04-01,A,,,1,,,,,,,patent,,,',
    'JP2010-000001,,x,A,,,1,,,,,,,patent,,,',
  ];
  expect(await inParts(lateBadDate.join('\n'), 2)).toBeUndefined();
  // A header without the required columns: the one-piece import says so once.
  expect(await inParts(['a,b', '1,2', '3,4'].join('\n'), 2)).toBeUndefined();
});

test('encodeRecords refuses records it cannot carry', () => {
  expect(() =>
    encodeRecords(
      [{ applicationNumber: 'JP1', filingDate: '2020-01-01', applicants: [], ipc: [], kind: 'patent', sources: [] }],
      'p.csv',
    ),
  ).toThrow(/not a record of one canonical row/);
});

test('records survive the columns: dates by their digits, other text as written, lists, undefined fields', () => {
  const records = [
    {
      applicationNumber: 'JP2004000001',
      publicationNumber: 'JP2005-000001A',
      filingDate: '2004-01-05',
      applicants: ['北斗電機株式会社', '南風工業株式会社'],
      inventors: [],
      ipc: ['H01M 10/05'],
      claims: 0,
      examRequestDate: '1800-12-31',
      registrationDate: '9999-01-01',
      registeredClaims: 2147483647,
      lapseDate: 'not a date',
      kind: 'utility' as const,
      title: 'タイトル',
      sources: [{ file: 'p.csv', line: 7 }],
    },
    {
      applicationNumber: 'X',
      filingDate: '2020-02-29',
      applicants: [],
      ipc: [],
      kind: 'patent' as const,
      sources: [{ file: 'p.csv', line: 9 }],
    },
  ];
  const back = decodeRecords(encodeRecords(records, 'p.csv'), 'p.csv', 10);
  expect(back).toEqual(records.map((r) => ({ ...r, sources: [{ file: 'p.csv', line: r.sources[0].line + 10 }] })));
  expect(() => encodeRecords([{ ...records[1], claims: 2 ** 31 }], 'p.csv')).toThrow(/does not fit/);
});

/**
 * The byte path (CsvByteStream, importCanonicalBytes) against the text path (CsvStream, importCanonical): the
 * same records, cells, line numbers, rejections and notes, whatever the chunking (chunks cut inside three-byte
 * characters, inside CRLF, inside quotes), on rows that take the byte path and rows it hands to the CsvStream.
 */
import { CsvStream } from '../src/core/csv';
import { CsvByteStream } from '../src/core/csvBytes';
import { importCanonical, importCanonicalBytes } from '../src/core/patents/importers/canonical';
import { ImportCancelled } from '../src/core/patents/record';
import { StoredRecord } from '../src/core/patents/recordStore';
import { generatePatents } from '../scripts/generate-patents';
import { plainRecords } from './helpers/plainRecords';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function byteChunks(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

type Row = { line: number; cells: string[] };

function viaText(text: string): { rows: Row[]; error?: string; oversized: unknown; malformed: unknown } {
  const s = new CsvStream('t.csv', { lenient: true });
  const rows: Row[] = s.push(text).map((r) => ({ line: r.line, cells: [...r.cells] }));
  let error: string | undefined;
  try {
    rows.push(...s.end().map((r) => ({ line: r.line, cells: [...r.cells] })));
  } catch (e) {
    error = (e as Error).message;
  }
  return { rows, error, oversized: s.oversized, malformed: s.malformed };
}

function viaBytes(text: string, size: number, decodeFirst = Infinity, locateFirst = Infinity) {
  const s = new CsvByteStream('t.csv');
  s.decodeFirst = decodeFirst;
  s.locateFirst = locateFirst;
  const rows: Row[] = [];
  const on = (line: number, cells: { length: number; text(i: number): string }): void => {
    const out: string[] = [];
    for (let i = 0; i < cells.length; i += 1) out.push(cells.text(i));
    rows.push({ line, cells: out });
  };
  let error: string | undefined;
  for (const c of byteChunks(utf8(text), size)) s.push(c, on);
  try {
    s.end(on);
  } catch (e) {
    error = (e as Error).message;
  }
  return { rows, error, oversized: s.oversized, malformed: s.malformed };
}

const CASES: Record<string, string> = {
  'BOM, CRLF, quotes with commas, doubled quotes and line breaks, a lone CR, blank lines':
    '\uFEFFid,text,n\r\n1,"a, b",2\r\n2,"multi\r\nline ""quoted""",3\n3,plain,4\r4,"",5\n\n5,last,6',
  'Japanese text, a quote inside an unquoted cell, an empty quoted line, no final line end':
    'a,b,c\n特願2004-1,"株式会社、""東""",説明 "引用" 文\n""\n\n2,日本語,テキスト\r\n3,,',
  'text after a closing quote (row skipped), then a good row': 'a,b\n1,"x"y,z\n2,"ok"\n3,fine\n',
  'a quote never closed': 'a,b\n1,ok\n2,"never closed\n3,4\n',
  'cells of uneven count, trailing comma, a CR at the very end': 'a,b,c\n1,2\n1,2,3,4\n,,\nx,y,\r',
};

describe('CsvByteStream gives what CsvStream gives', () => {
  for (const [name, text] of Object.entries(CASES)) {
    test(name, () => {
      const expected = viaText(text);
      for (const size of [1, 2, 3, 4, 5, 7, 11, 64, 1 << 20]) {
        for (const first of [Infinity, 0, 1, 2]) expect(viaBytes(text, size, first)).toEqual(expected);
        // Rows whose rest is only counted, its cells found when asked for.
        for (const [first, locate] of [
          [Infinity, 1],
          [0, 1],
          [1, 2],
          [2, 1],
        ])
          expect(viaBytes(text, size, first, locate)).toEqual(expected);
      }
    });
  }

  test('a record over the limit is rejected at the same line, in characters, and reading goes on', () => {
    // 1,000,000 three-byte characters: 3 MB, but under the 2,000,000-character limit, so it is a record.
    const wide = '本'.repeat(1_000_000);
    const over = 'x'.repeat(2_000_001);
    const text = `id,text\n1,${wide}\n2,"${over}\nstill the broken record"\n3,after\n`;
    const expected = viaText(text);
    expect(expected.rows.map((r) => r.cells[0])).toEqual(['id', '1', 'still the broken record"', '3']);
    expect(expected.oversized).toEqual([{ line: 3, chars: 2_000_001 }]);
    expect(viaBytes(text, 1 << 20)).toEqual(expected);
    expect(viaBytes(text, 65_536, 1)).toEqual(expected);
  });
});

const HEADER =
  'application_number,publication_number,filing_date,applicants,inventors,ipc,claims,exam_request_date,' +
  'registration_date,registration_number,registered_claims,lapse_date,expiry_date,kind,title,abstract,claims_text';

describe('importCanonicalBytes gives what importCanonical gives', () => {
  const text = [
    HEADER,
    'JP2010-000001,,2010-04-01,"Alpha Co., Ltd.;ベータ株式会社",山田 太郎,G06F 17/60,5,2011-01-01,2013-05-01,JP1B2,4,,,patent,題名,"要約, ""引用""",',
    'JP2010-000001,,2010-04-01,Alpha,,,,,,,,,,patent,dup,,',
    'JP2010-000002,,2010/04/01,Alpha,,,3,,,,,,,patent,"two\nlines",,',
    'JP2010-000003,,2010-13-01,Alpha,,,3,,,,,,,patent,,,',
    'JP2010-000004,,2010-02-01,Alpha,,,-1,,,,,,,patent,,,',
    'JP2010-000005,,2010-02-01,,,,1,,,,,,,patent,,,',
    'JP2010-000006,,2010-02-01,Alpha,,,1,2009-01-01,,,,,,patent,,,',
    'JP2010-000007,,2010-02-01,Alpha,,,1,,,,,,,design,,,',
    'JP2010-000008,too,few',
    'JP2010-000009,,2010-02-01,Alpha,,,1,,,,,,,utility,"x"y,,',
    '\r\nJP2010-000010,,2010-02-29,Alpha,,,1,,,,,,,patent,,,\r',
    'JP2012-000011,,2012-02-29,Alpha,,,1,,,,,,,patent,,,',
  ].join('\n');

  for (const keepText of [true, 'title', false] as const) {
    test(`every error and record the same, keepText ${keepText}`, async () => {
      const expected = await importCanonical([text], { file: 'p.csv', keepText });
      // Each kind of rejection once: duplicate (3), bad date (6), claims (7), no applicant (8), request before
      // filing (9), kind (10), cell count (11), 29 Feb 2010 (line 14: after line 12's CRLF and blank line 13);
      // the stray quote of line 12 comes last, from the CSV reader. Line 4's quoted line break takes line 5.
      expect(expected.rejected.map((r) => [r.line, r.field ?? ''])).toEqual([
        [3, 'application_number'],
        [6, 'filing_date'],
        [7, 'claims'],
        [8, 'applicants'],
        [9, 'exam_request_date'],
        [10, 'kind'],
        [11, ''],
        [14, 'filing_date'],
        [12, ''],
      ]);
      expect(expected.records.map((r) => r.sources[0].line)).toEqual([2, 4, 15]);
      for (const size of [1, 3, 17, 1 << 20]) {
        const got = await importCanonicalBytes(byteChunks(utf8(text), size), { file: 'p.csv', keepText });
        expect(plainRecords(got)).toEqual(expected);
      }
    });
  }

  test('rows that look like the fast row but differ in one detail: each read as the text path reads it', async () => {
    // Each row is plain but for one thing that only the general row (from text) knows how to read or reject.
    const rows = [
      HEADER,
      'JP2010-000001,JP2011-000001A,2010-04-01,Alpha,山田 太郎;　鈴木 花子　; ;,G06F 17/60; H01M 4/00 ,5,,,,,,,patent,t,a,c',
      'JPU2010-000002,,2010-04-01,Alpha,,,1,,,,,,,patent,,,',
      'JPU2010000002,,2010-04-01,Alpha,,,1,,,,,,,utility,,,',
      'JP2010-000002,,2010-04-01,Alpha,,,1,,,,,,,utility,,,',
      'JP2010000003,,2010-04-01,Alpha,,,1,,,,,,,Patent,,,',
      'JP1899-000004,,2010-04-01,Alpha,,,1,,,,,,,patent,,,',
      'JP2010-000005,,2010-04-01 ,Alpha,,,1,,,,,,,patent,,,',
      'JP2010-000006,,2010-04-01,"Alpha ""A""",,,1,,,,,,,patent,,,',
      'JP2010-000007,,2010-04-01,;;,,,1,,,,,,,patent,,,',
      'JP2010-000008,,2010-04-01,Alpha,,,０９,,,,,,,patent,,,',
      'JP2010-000009,,2010-04-01,Alpha,,,1234567890,,,,,,,patent,,,',
      'JP2010-000010,, 2010-04-01,Alpha,,,1,2010-03-31,,,,,,patent,,,',
      'JP2010-000011,,2010-04-01,Alpha,,,1,,2012-01-01,,,2011-12-31,,patent,,,',
      'JP2010-000012,,2010-04-01,Alpha,,,1,,2012-01-01, JP1B2 ,3,2012-01-01,2030-04-01,patent,,,',
      'JP2010-000001,,2010-04-01,Alpha,,,1,,,,,,,patent,,,',
      'JP2010-000013,,2012-02-29,"Beta, Inc.",,"G06F 1/00;""H01M""",1,,,,,,,,"q ""t""",,',
      'JP2010-000014,,2010-04-01,Alpha,,,,,,,,,,,,,',
    ].join('\n');
    for (const keepText of [true, 'title', false] as const) {
      const expected = await importCanonical([rows], { file: 'p.csv', keepText });
      for (const size of [5, 1 << 20]) {
        const got = await importCanonicalBytes(byteChunks(utf8(rows), size), { file: 'p.csv', keepText });
        expect(plainRecords(got)).toEqual(expected);
      }
    }
    const got = await importCanonicalBytes([utf8(rows)], { file: 'p.csv', keepText: true });
    // The plain rows were the fast row's: their records are views of the store.
    const stored = got.records.filter((r) => r instanceof StoredRecord).map((r) => r.sources[0].line);
    expect(stored).toEqual([2, 3, 15, 18]);
  });

  test('a generated corpus of 2,000 applications with titles and abstracts', async () => {
    const lines = [...generatePatents({ seed: 7, applications: 2000, fromYear: 2004, toYear: 2023, withText: true })];
    const csv = lines.join('\n') + '\n';
    for (const keepText of [true, 'title', false] as const) {
      const expected = await importCanonical([csv], { file: 'g.csv', keepText });
      expect(expected.records.length).toBe(2000);
      const got = await importCanonicalBytes(byteChunks(utf8(csv), 4099), { file: 'g.csv', keepText });
      expect(plainRecords(got)).toEqual(expected);
      // Generated rows are plain (JP and JPU numbers, ISO dates, quoted English names): all the fast row's.
      expect(got.records.every((r) => r instanceof StoredRecord)).toBe(true);
    }
  });

  test('progress in bytes up to the whole file, and cancel between chunks', async () => {
    const bytes = utf8([HEADER, 'JP2010-000001,,2010-04-01,Alpha,,,1,,,,,,,patent,,,'].join('\n'));
    const seen: number[] = [];
    await importCanonicalBytes(byteChunks(bytes, 10), { file: 'p.csv', onProgress: (n) => seen.push(n) });
    expect(seen[seen.length - 1]).toBe(bytes.length);
    expect(seen.every((n, i) => i === 0 || n > seen[i - 1])).toBe(true);
    const token = { cancelled: false };
    function* chunks() {
      yield bytes.subarray(0, 10);
      token.cancelled = true;
      yield bytes.subarray(10);
    }
    await expect(importCanonicalBytes(chunks(), { file: 'p.csv', cancel: token })).rejects.toBeInstanceOf(
      ImportCancelled,
    );
  });
});

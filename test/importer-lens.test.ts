/**
 * The Lens.org importer on the real 2015-layout export ../shared/data/lens/pizza_lens_1000_raw.csv (values
 * picked by hand from the file, line named next to each; the file's "#" column is its line − 1) and on
 * fixtures (test/fixtures/patents/lens-*.csv):
 *   lens-current.csv          the current layout (37 columns, as Lens exports them today), 11 synthetic rows of
 *                             one family: a US application and its grant, an EP application and its grant, a
 *                             JP application (DISCONTINUED), a CN utility model (Limited Patent), a US design,
 *                             a PCT application, a KR grant (EXPIRED) with a multi-line quoted abstract, a row
 *                             filed on 2019-02-30, an EP B2 "Amended Patent"; CRLF line ends
 *   lens-2015-centuries.csv   the 2015 layout, CR-only: a 1925 grant filed in 1923 (two-digit years that the
 *                             usual 19xx/20xx pivot would put in the 2020s), a KR Y1 without applicant, a KR Y1
 *                             utility model, a 31/02/77 publication date, a design right
 *   lens-missing-column.csv   the 2015 layout without its Applicants column
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { importLens, sniffLens } from '../src/core/patents/importers/lens';
import { mergeRecords } from '../src/core/patents/merge';
import { ImportCancelled, type ImportResult, type PatentRecord } from '../src/core/patents/record';
import { decodeBytes } from '../src/core/text/decode';
import { FIXTURES } from './helpers/evaluate';

const REAL = join(__dirname, '..', '..', 'shared', 'data', 'lens', 'pizza_lens_1000_raw.csv');
const HAVE_DATA = existsSync(REAL);
if (!HAVE_DATA) {
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED: ${REAL} is absent: the tests on the real Lens export do not run`);
}
const withData = HAVE_DATA ? describe : describe.skip;
const FIX = join(FIXTURES, 'patents');
const read = (name: string): string => readFileSync(join(FIX, name), 'utf8');

function* chunked(text: string, size: number): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

const importText = (text: string, file: string, size = 4096, keepText = true): Promise<ImportResult> =>
  importLens(chunked(text, size), { file, keepText });

function atLine(r: ImportResult, line: number): PatentRecord {
  const rec = r.records.find((x) => x.sources[0].line === line);
  if (!rec) throw new Error(`${r.file}: no record from line ${line}`);
  return rec;
}

const countBy = (xs: readonly string[]): Record<string, number> =>
  xs.reduce<Record<string, number>>((m, x) => ({ ...m, [x]: (m[x] ?? 0) + 1 }), {});

withData('the real Lens export (2015 layout, pizza, 1,000 records)', () => {
  let text = '';
  let r: ImportResult;
  beforeAll(async () => {
    // Through the project's decoder, as the CLI reads it: the file is UTF-8 but for a few mangled names.
    const decoded = decodeBytes(readFileSync(REAL));
    expect(decoded.encoding).toBe('utf-8');
    text = decoded.text;
    r = await importText(text, 'pizza_lens_1000_raw.csv');
  });

  test('1,000 rows read: 855 records, 145 rejected with their reasons', () => {
    expect(r.format).toBe('lens');
    expect(r.rowsRead).toBe(1000);
    expect(r.records).toHaveLength(855);
    expect(countBy(r.rejected.map((x) => `${x.field}: ${x.reason}`))).toEqual({
      'Type: Design right: a design, not a patent or utility model': 84,
      'Type: unknown: a design, not a patent or utility model': 4, // CA industrial designs, application "… F"
      'Application Date: no application date': 6, // old CA grants
      'Applicants: no applicant': 51, // 50 KR documents and the US reissue RE33508
    });
  });

  test('CR-only line ends: every record sits on line "#" + 1', () => {
    const hash = new Map(
      text
        .split('\r')
        .slice(1)
        .map((l, i): [number, string] => [i + 2, l.split(',')[0]]),
    );
    expect(r.records.every((x) => hash.get(x.sources[0].line) === String(x.sources[0].line - 1))).toBe(true);
  });

  test('chunk size does not change the result (4,096 and 333 characters, whole file)', async () => {
    const whole = await importLens([text], { file: 'pizza_lens_1000_raw.csv' });
    expect(r).toEqual(whole);
    expect(await importText(text, 'pizza_lens_1000_raw.csv', 333)).toEqual(whole);
  });

  test('line 2 (# 1): US 2013/0101709 A1, an application', () => {
    expect(atLine(r, 2)).toEqual({
      applicationNumber: 'US13657122', // US 201213657122 A: series 13, serial 657122
      publicationNumber: 'US 2013/0101709 A1',
      filingDate: '2012-10-22',
      applicants: ['PIZZA HUT INC'],
      inventors: ['RADER JEFF'],
      ipc: ['A23L1/00', 'G01N5/00'],
      kind: 'patent',
      title: 'METHOD AND SYSTEM FOR ASSEMBLING A PIZZA',
      sources: [{ file: 'pizza_lens_1000_raw.csv', line: 2 }],
    });
  });

  test('line 4 (# 3): US 3982033 A, a 1976 grant filed in 1971: registration number and date', () => {
    expect(atLine(r, 4)).toMatchObject({
      applicationNumber: 'US05174394', // US 17439471 A: serial 174394 filed in '71, series 05
      filingDate: '1971-08-24',
      registrationNumber: 'US 3982033 A',
      registrationDate: '1976-09-21',
      applicants: ['FAIRMONT FOODS CO'],
      ipc: ['A21C9/04', 'A21D13/00', 'A23G3/02', 'A23G3/20'],
    });
    expect(atLine(r, 4).publicationNumber).toBeUndefined();
  });

  test('application keys: US as series + serial, JP as year + serial; PCT and dummy numbers as written', () => {
    // Lens writes US series 13 on as year + series + serial, older ones as serial + two-digit filing year.
    expect(atLine(r, 111).applicationNumber).toBe('US11001162'); // US 116204 A, filed 2004-12-01: 11/001,162
    expect(atLine(r, 208).applicationNumber).toBe('US08008717'); // US 871793 A, filed 1993-01-22: 08/008,717
    expect(atLine(r, 584).applicationNumber).toBe('US12932296'); // US 93229611 A, filed 2011-02-22: 12/932,296
    // JP: year + serial since 2000; before, serial + two-digit year (特願昭55-058474, 特願平11-004675).
    expect(atLine(r, 624).applicationNumber).toBe('JP2012219861');
    expect(atLine(r, 227).applicationNumber).toBe('JP1980058474');
    expect(atLine(r, 970).applicationNumber).toBe('JP1999004675');
    const shape = (k: string): string => k.replace(/\d/g, '9');
    const keys = r.records.map((x) => x.applicationNumber);
    expect(countBy(keys.filter((k) => k.startsWith('US')).map(shape))).toEqual({
      US99999999: 374,
      'US9999/9999999W': 9, // PCT applications ("US 2007/0016552 W")
      US9999999W: 3,
      US9999999DA: 8, // old grants' dummy application numbers ("US 3428103D A")
    });
    expect(countBy(keys.filter((k) => k.startsWith('JP')).map(shape))).toEqual({ JP9999999999: 46 });
  });

  test('line 5 (# 4): nine inventors split on ";;"', () => {
    expect(atLine(r, 5).inventors).toHaveLength(9);
    expect(atLine(r, 5).inventors?.[8]).toBe('JAAX SUSAN L');
  });

  test('line 6 (# 5): US D533981 S1 is a design right, rejected', () => {
    expect(r.rejected).toContainEqual({
      file: 'pizza_lens_1000_raw.csv',
      line: 6,
      field: 'Type',
      reason: 'Design right: a design, not a patent or utility model',
    });
  });

  test('line 180 (# 179): KR 200174584 Y1, type "unknown": a registered utility model, filed 1999', () => {
    expect(atLine(r, 180)).toMatchObject({
      applicationNumber: 'KR19990022294U',
      filingDate: '1999-10-16',
      registrationNumber: 'KR 200174584 Y1',
      registrationDate: '2000-03-15',
      kind: 'utility',
      applicants: ['HANKUK PACKAGE CO LTD', 'KOREA PIZZA HUT CO LTD'],
    });
  });

  test('line 638 (# 637): CN 202448152 U, a Limited Patent: a utility model registration', () => {
    expect(atLine(r, 638)).toMatchObject({
      applicationNumber: 'CN201120567554U',
      registrationNumber: 'CN 202448152 U',
      registrationDate: '2012-09-26',
      kind: 'utility',
    });
  });

  test('registrations: the 316 granted and limited patents that were not rejected, plus 29 by kind code', () => {
    // Granted Patent 284 − 6 without application date, Limited Patent 32; type "unknown": 7 IN B, 22 KR Y1.
    const reg = r.records.filter((x) => x.registrationNumber !== undefined);
    expect(reg).toHaveLength(339);
    expect(reg.every((x) => x.registrationDate !== undefined && x.publicationNumber === undefined)).toBe(true);
    expect(r.records.filter((x) => x.kind === 'utility')).toHaveLength(63);
  });

  test('notes: the two-digit years, and the 11 rows with undecodable characters (line 308: a Korean name)', () => {
    expect(r.notes[r.notes.length - 1]).toMatchObject({ line: 1, field: 'Publication Date' });
    const garbled = r.notes.filter((n) => n.reason.startsWith('undecodable'));
    expect(garbled).toHaveLength(11);
    expect(garbled[0]).toMatchObject({ line: 308, field: 'Applicants' });
  });

  test('lacks: no abstract and no claims text in this layout, and nothing Lens never exports', () => {
    expect([...r.lacks].sort()).toEqual(
      ['abstract', 'claims', 'claimsText', 'examRequestDate', 'expiryDate', 'lapseDate', 'registeredClaims'].sort(),
    );
  });
});

describe('Lens current layout (fixture)', () => {
  let r: ImportResult;
  beforeAll(async () => {
    r = await importText(read('lens-current.csv'), 'lens-current.csv', 97);
  });

  test('11 rows: 9 records; the design and the impossible date rejected at their lines', () => {
    expect(r.rowsRead).toBe(11);
    expect(r.records.map((x) => x.sources[0].line)).toEqual([2, 3, 4, 5, 6, 7, 9, 10, 14]);
    expect(r.rejected).toEqual([
      {
        file: 'lens-current.csv',
        line: 8,
        field: 'Document Type',
        reason: 'Design Right: a design, not a patent or utility model',
      },
      { file: 'lens-current.csv', line: 13, field: 'Application Date', reason: '"2019-02-30" is not a date' },
    ]);
  });

  test('an application and its grant are two records that merge into one', () => {
    expect(atLine(r, 2)).toMatchObject({ publicationNumber: 'US 2019/0123456 A1', filingDate: '2018-09-20' });
    expect(atLine(r, 2).registrationNumber).toBeUndefined();
    expect(atLine(r, 3)).toMatchObject({ registrationNumber: 'US 10987654 B2', registrationDate: '2021-04-27' });
    expect(atLine(r, 3).publicationNumber).toBeUndefined();
    const merged = mergeRecords([r]);
    expect(merged.records).toHaveLength(7);
    expect(merged.conflicts).toEqual([]);
    expect(merged.records.find((x) => x.applicationNumber === 'US16123456')).toMatchObject({
      publicationNumber: 'US 2019/0123456 A1',
      registrationNumber: 'US 10987654 B2',
      registrationDate: '2021-04-27',
      filingDate: '2018-09-20',
      sources: [
        { file: 'lens-current.csv', line: 2 },
        { file: 'lens-current.csv', line: 3 },
      ],
    });
  });

  test('"JP 2018174321 A" has the key of 特願2018-174321; other offices as written without spaces', () => {
    expect(atLine(r, 6).applicationNumber).toBe('JP2018174321');
    expect(atLine(r, 4).applicationNumber).toBe('EP18195123A');
  });

  test('IPC codes written with a space ("H01M 10/0525") are the same codes', () => {
    expect(atLine(r, 5).ipc).toEqual(['H01M10/0525', 'H01M4/131']);
  });

  test('a Limited Patent with a "… U" application is a registered utility model', () => {
    expect(atLine(r, 7)).toMatchObject({
      applicationNumber: 'CN201920456789U',
      kind: 'utility',
      registrationNumber: 'CN 210123456 U',
      registrationDate: '2020-03-03',
    });
  });

  test('a quoted abstract with line breaks, quotes and commas; later line numbers still right', () => {
    expect(atLine(r, 10).abstract).toBe(
      'A separator for a secondary battery is provided.\nThe separator includes a porous substrate and a "heat-resistant" coating layer, formed on one side.',
    );
    expect(atLine(r, 10).applicants).toEqual(['KITANO ELECTRIC CO LTD', 'HANBIT MATERIALS CO LTD']);
  });

  test('Legal Status and Amended Patent give notes, not dates or numbers', () => {
    expect(r.notes.map((n) => [n.line, n.field])).toEqual([
      [6, 'Legal Status'],
      [10, 'Legal Status'],
      [14, 'Document Type'],
    ]);
    expect(r.notes[1].reason).toBe(
      'Legal Status EXPIRED: no longer in force, but the export gives no date: lapse date left unknown',
    );
    const amended = atLine(r, 14);
    expect([amended.publicationNumber, amended.registrationNumber, amended.lapseDate]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  test('lacks: claims and dates Lens never exports, and claims text (no Claims column)', () => {
    expect([...r.lacks].sort()).toEqual(
      ['claims', 'claimsText', 'examRequestDate', 'expiryDate', 'lapseDate', 'registeredClaims'].sort(),
    );
  });

  test('keepText: false drops the texts', async () => {
    const lean = await importText(read('lens-current.csv'), 'lens-current.csv', 4096, false);
    expect(lean.records.some((x) => x.title || x.abstract || x.claimsText)).toBe(false);
    expect(lean.records).toHaveLength(9);
  });

  test('a Claims column is kept as text and never counted; API-style types and a dated header are read', async () => {
    const text = [
      'Lens ID,Jurisdiction,Kind,Display Key,Publication Date (YYYY-MM-DD),Application Number,Application Date (YYYY-MM-DD),Applicants,Document Type,IPCR Classifications,Claims',
      '101-264-855-072-91X,EP,B1,EP 3456789 B1,2022-06-01,EP 18195123 A,2018-09-18,KITANO ELECTRIC CO LTD,GRANTED_PATENT,H01M10/0525,"1. An electrode comprising a binder.\n2. The electrode of claim 1."',
    ].join('\n');
    const c = await importText(text, 'claims.csv');
    expect(c.rejected).toEqual([]);
    expect(c.records[0]).toMatchObject({
      registrationNumber: 'EP 3456789 B1',
      registrationDate: '2022-06-01',
      claimsText: '1. An electrode comprising a binder.\n2. The electrode of claim 1.',
    });
    expect(c.records[0].claims).toBeUndefined();
    expect(c.lacks).toContain('claims');
    expect(c.lacks).not.toContain('claimsText');
    expect(c.notes.map((n) => n.reason)).toContain(
      'claims text kept; the claim count is not derived from it (Lens exports have no claim count)',
    );
  });

  test('a truncated file (cut inside a quoted abstract): that row rejected at its line, the rows before kept', async () => {
    const full = read('lens-current.csv');
    const cut = full.slice(0, full.indexOf('The separator includes'));
    const t = await importText(cut, 'cut.csv', 50);
    expect(t.records).toHaveLength(7);
    expect(t.rejected.map((x) => [x.line, x.reason])).toEqual([
      [8, 'Design Right: a design, not a patent or utility model'],
      [10, 'a quoted cell is not closed before the end of the file (truncated file?)'],
    ]);
    expect(t.rowsRead).toBe(9);
  });
});

describe('Lens 2015 layout and bad input (fixtures)', () => {
  test('two-digit years: centuries from Publication Year; filing never after publication', async () => {
    const r = await importText(read('lens-2015-centuries.csv'), 'lens-2015-centuries.csv', 64);
    expect(r.records.map((x) => [x.sources[0].line, x.filingDate, x.registrationDate ?? x.publicationNumber])).toEqual([
      [2, '1923-11-03', '1925-05-12'], // 03/11/23 and 12/05/25 with Publication Year 1925
      [3, '2012-10-22', 'US 2013/0101709 A1'],
      [5, '2010-09-21', '2012-04-05'],
    ]);
    expect(r.records[2]).toMatchObject({ kind: 'utility', registrationNumber: 'KR 200459876 Y1' });
    expect(r.rejected.map((x) => [x.line, x.field, x.reason])).toEqual([
      [4, 'Applicants', 'no applicant'],
      [6, 'Publication Date', '"31/02/77" is not a date'],
      [7, 'Type', 'Design right: a design, not a patent or utility model'],
    ]);
  });

  test('a missing required column: one rejection on line 1 naming it and what is expected, no records', async () => {
    const r = await importText(read('lens-missing-column.csv'), 'lens-missing-column.csv');
    expect(r.records).toEqual([]);
    expect(r.rowsRead).toBe(0);
    expect(r.notes).toEqual([]);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ line: 1, field: 'Applicants' });
    expect(r.rejected[0].reason).toMatch(/^not a usable Lens export: required column\(s\) missing: Applicants /);
    expect(r.rejected[0].reason).toContain(
      'required: Application Number, Application Date, Applicants, Publication Number or Display Key, Publication Date',
    );
    expect(r.rejected[0].reason).toContain('2 data row(s) not read');
  });

  test('a 5 MB single line is rejected at its line; the rows around it are kept', async () => {
    const lines = read('lens-2015-centuries.csv').split('\r');
    const big = lines[2].replace('METHOD AND SYSTEM FOR ASSEMBLING A PIZZA', 'x'.repeat(5_000_000));
    const r = await importText([lines[0], lines[1], big, lines[4], ''].join('\r'), 'big.csv', 65536);
    expect(r.records.map((x) => x.sources[0].line)).toEqual([2, 4]);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ file: 'big.csv', line: 3 });
    expect(r.rejected[0].reason).toMatch(/^record longer than 2000000 characters/);
  });

  test('cancel after the first chunk → ImportCancelled; progress counts increase to the whole text', async () => {
    const text = read('lens-current.csv');
    const token = { cancelled: false };
    async function* chunks(): AsyncGenerator<string> {
      yield text.slice(0, 1000);
      token.cancelled = true;
      yield text.slice(1000);
    }
    await expect(importLens(chunks(), { file: 'c.csv', cancel: token })).rejects.toBeInstanceOf(ImportCancelled);
    const seen: number[] = [];
    await importLens(chunked(text, 500), { file: 'c.csv', onProgress: (n) => seen.push(n) });
    expect(seen.every((n, i) => i === 0 || n > seen[i - 1])).toBe(true);
    expect(seen[seen.length - 1]).toBe(text.length);
  });

  test('sniffLens: both layouts, not J-PlatPat or canonical headers', () => {
    expect(sniffLens(read('lens-current.csv').split('\r\n')[0])).toBe(true);
    expect(sniffLens(read('lens-2015-centuries.csv').split('\r')[0])).toBe(true);
    expect(sniffLens('"文献番号","出願番号","出願日","出願人/権利者","FI"')).toBe(false);
    expect(sniffLens('application_number,filing_date,applicants')).toBe(false);
  });
});

/**
 * One key per application across sources and spellings (normaliseApplicationNumber, appNumbers.ts): every
 * spelling J-PlatPat, Lens, ppubs, PatentsView and hand-written patents.csv files use, and the merge of one
 * application imported from two or three of them. The merge inputs are made-up rows in the real layouts: the
 * J-PlatPat and Lens headers are read from the fixtures (test/fixtures/patents/), which carry the exports' own.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { usApplicationKey as usApplicationKeyFromUspto } from '../src/core/patents/importers/uspto';
import { importCanonical } from '../src/core/patents/importers/canonical';
import { importJplatpat } from '../src/core/patents/importers/jplatpat';
import { importLens } from '../src/core/patents/importers/lens';
import { importUsptoPpubs } from '../src/core/patents/importers/uspto';
import { jpApplicationKey, usApplicationKey, usSeriesOf } from '../src/core/patents/appNumbers';
import { mergeRecords } from '../src/core/patents/merge';
import { applicationKey, normaliseApplicationNumber as key } from '../src/core/patents/record';
import { FIXTURES } from './helpers/evaluate';

const FIX = join(FIXTURES, 'patents');

describe('Japanese applications: "JP" + year + 6-digit serial', () => {
  test.each([
    ['特願2018-174321', 'J-PlatPat'],
    ['特願2018－１７４３２１', 'full-width digits and hyphen'],
    ['特願２０１８－１７４３２１', 'all full-width'],
    ['特願2018-174321号', 'with 号'],
    ['JP 2018174321 A', 'Lens (year + serial, kind A)'],
    ['JP2018-174321', 'by hand'],
    ['JP2018174321', 'the key itself'],
    ['jp 2018-174321', 'lower case, a space'],
    ['ＪＰ２０１８ー１７４３２１', 'full-width, ー for the hyphen'],
  ])('%s (%s) → JP2018174321', (raw) => {
    expect(key(raw)).toBe('JP2018174321');
  });

  test.each([
    ['特願平11-123456', 'JP1999123456'], // 平成 H n = 1988 + n
    ['特願H11-123456', 'JP1999123456'],
    ['JPH11-123456', 'JP1999123456'],
    ['特願平成11年-123456', 'JP1999123456'],
    ['特願平元-000123', 'JP1989000123'], // 元年 = the first year
    ['特願平01-4675', 'JP1989004675'], // a short serial is padded to 6 digits
    ['特願昭55-058474', 'JP1980058474'], // 昭和 S n = 1925 + n
    ['特願S55-58474', 'JP1980058474'],
    ['特願昭64-000001', 'JP1989000001'], // 昭和 64 = 1989 (its first week)
    ['特願令和3-012345', 'JP2021012345'], // 令和 R n = 2018 + n
    ['特願R3-12345', 'JP2021012345'],
  ])('era year %s → %s', (raw, expected) => {
    expect(key(raw)).toBe(expected);
  });

  test("Lens's numbers of before 2000: serial + the year's last two digits, the same keys as the era forms", () => {
    expect(key('JP 5847480 A')).toBe(key('特願昭55-058474')); // pizza_lens_1000_raw.csv line 227, filed 1980-05-01
    expect(key('JP 467599 A')).toBe(key('特願平11-004675')); // line 970, filed 1999-01-11
    expect(key('JP 34670095 A')).toBe('JP1995346700');
  });

  test('an era year past the era, or a serial over 6 digits, is not a Japanese number: kept as written', () => {
    expect(applicationKey('特願平32-000001')).toEqual({ key: '特願平32-000001', recognised: false });
    expect(applicationKey('特願昭65-000001')).toEqual({ key: '特願昭65-000001', recognised: false });
    expect(applicationKey('JP2018-1743210')).toEqual({ key: 'JP2018-1743210', recognised: false });
    // A publication or a registration is not an application number (特開 / "JP2018-174321A"): left alone.
    expect(key('特開2018-174321')).toBe('特開2018-174321');
    expect(key('JP2018-174321A')).toBe('JP2018-174321A');
  });

  test('the plain forms JP2018-174321 / JP2018174321 (read without NFKC) and their near misses', () => {
    expect(key('JP2018-174321', { kind: 'utility' })).toBe('JPU2018174321');
    expect(key('JP2018174321', { kind: 'utility' })).toBe('JPU2018174321');
    expect(key('JP1999-000001')).toBe('JP1999000001');
    // Not a year of 19xx/20xx, a letter in the serial, a slash for the hyphen: not the plain form.
    expect(applicationKey('JP1818-174321')).toEqual({ key: 'JP1818-174321', recognised: false });
    expect(applicationKey('JP2018-17432X')).toEqual({ key: 'JP2018-17432X', recognised: false });
    expect(key('JP2018/174321')).toBe('JP2018/174321');
    // The US office hint: never a Japanese number.
    expect(key('JP2018-174321', { office: 'US' })).toBe('USJP2018-174321');
  });
});

describe('Japanese utility models: "JPU" + year + serial, apart from patents', () => {
  test.each([
    ['実願2002-002636', 'J-PlatPat'],
    ['実願２００２－００２６３６', 'full-width'],
    ['JP 2002002636 U', 'Lens (kind U)'],
    ['JPU2002-002636', 'the generator, by hand'],
    ['JPU2002002636', 'the key itself'],
  ])('%s (%s) → JPU2002002636', (raw) => {
    expect(key(raw)).toBe('JPU2002002636');
  });

  test('never the key of the patent application of the same number', () => {
    expect(key('実願2002-002636')).not.toBe(key('特願2002-002636'));
    expect(key('特願2002-002636')).toBe('JP2002002636');
    expect(key('実願平11-000123')).toBe('JPU1999000123');
    expect(key('JP 5847480 U')).toBe('JPU1980058474');
  });

  test("a bare JP number takes the record's kind (patents.csv's kind column); 特願/実願/Lens's letter win", () => {
    expect(key('JP2002-002636', { kind: 'utility' })).toBe('JPU2002002636');
    expect(key('JP2002-002636', { kind: 'patent' })).toBe('JP2002002636');
    expect(key('特願2002-002636', { kind: 'utility' })).toBe('JP2002002636');
    expect(key('実願2002-002636', { kind: 'patent' })).toBe('JPU2002002636');
    expect(key('JP 2002002636 A', { kind: 'utility' })).toBe('JP2002002636');
    expect(jpApplicationKey('JP2002-002636', true)).toBe('JPU2002002636');
  });
});

describe('US applications: "US" + 2-digit series + 6-digit serial', () => {
  test.each([
    ['US 201213657122 A', 'Lens: year + series + serial, kind A'],
    ['US 13/657,122', 'by hand'],
    ['13/657,122', 'series/serial without the office'],
    ['13/657122', 'ppubs'],
    ['US13657122', 'the key itself'],
    ['US 13657122', 'series and serial run together'],
    ['ＵＳ　１３／６５７，１２２', 'full-width'],
  ])('%s (%s) → US13657122', (raw) => {
    expect(key(raw)).toBe('US13657122');
    expect(key(raw, { office: 'US' })).toBe('US13657122');
  });

  test('ppubs and PatentsView numbers with the office hinted: year-prefixed, or the series code apart', () => {
    expect(key('2012/13657122', { office: 'US' })).toBe('US13657122');
    expect(key('657122', { office: 'US', seriesCode: '13' })).toBe('US13657122');
    expect(key('089931', { office: 'US', seriesCode: '9' })).toBe('US09089931');
  });

  test("Lens's older numbers are serial + the filing year's last two digits, not series + serial", () => {
    // pizza_lens_1000_raw.csv line 4: US 3982033 A, application "US 17439471 A" filed 1971-08-24: 05/174,394.
    expect(key('US 17439471 A')).toBe('US05174394');
    expect(key('US 17439471 A')).toBe(key('05/174394'));
    expect(key('US 17439471 A')).not.toBe(key('17/439471')); // a 2021 application of series 17
    expect(key('US 71257510 A')).toBe('US12712575'); // filed 2010-02-25
    expect(key('US 116204 A')).toBe('US11001162'); // filed 2004-12-01, the first days of series 11
    expect(key('US 92142304 A')).toBe('US10921423'); // filed 2004-08-17, late in series 10
    expect(key('US 93229611 A')).toBe('US12932296'); // filed 2011-02-22, after series 13 began
    expect(key('US 25873939 A')).toBe('US02258739'); // filed 1939
  });

  test('the series of a serial filed in a year: one series, or the old one from 500,000 up', () => {
    expect(usSeriesOf(174394, 1971)).toBe(5);
    expect(usSeriesOf(954799, 1992)).toBe(7);
    expect(usSeriesOf(8717, 1993)).toBe(8);
    expect(usSeriesOf(979826, 1997)).toBe(8);
    expect(usSeriesOf(2153, 1997)).toBe(9);
    expect(usSeriesOf(1162, 2004)).toBe(11);
    expect(usSeriesOf(921423, 2004)).toBe(10);
    expect(usSeriesOf(123456, 1923)).toBeUndefined(); // before the table
    expect(usSeriesOf(123456, 2014)).toBeUndefined(); // Lens writes these with their series
  });

  test('unknown forms kept as written, with "US" in front when the office is hinted; the note says so', () => {
    expect(applicationKey('US 67312823 A')).toEqual({ key: 'US67312823A', recognised: false }); // 1923
    expect(applicationKey('US 3428103D A')).toEqual({ key: 'US3428103DA', recognised: false }); // dummy number
    expect(applicationKey('US 2007/0016552 W')).toEqual({ key: 'US2007/0016552W', recognised: false }); // PCT
    expect(applicationKey('PCT/US2020/012345', { office: 'US' })).toEqual({
      key: 'USPCT/US2020/012345',
      recognised: false,
    });
    expect(applicationKey('848319', { office: 'US' })).toEqual({ key: 'US848319', recognised: false });
  });

  test('a bare 8-digit number names no office: not taken for a US one', () => {
    expect(key('13657122')).toBe('13657122');
    expect(key('13657122', { office: 'US' })).toBe('US13657122');
  });

  test('usApplicationKey moved to appNumbers.ts and is still exported from uspto.ts', () => {
    expect(usApplicationKeyFromUspto).toBe(usApplicationKey);
    expect(usApplicationKey('US 201213657122 A')).toBe('US13657122');
    expect(usApplicationKey('2012/13657122')).toBe('US13657122');
    expect(usApplicationKey('US 201129406308 F')).toBe('US29406308'); // a design application's own series
  });
});

describe('other offices and unknown forms: NFKC, no spaces, upper case', () => {
  test.each([
    ['EP 18195123 A', 'EP18195123A'],
    ['ＥＰ１８１９５１２３', 'EP18195123'],
    ['KR 10-2014-0001234', 'KR10-2014-0001234'],
    ['CN 201920456789 U', 'CN201920456789U'],
    ['PCT/JP2018/034567', 'PCT/JP2018/034567'],
    ['a1', 'A1'],
  ])('%s → %s', (raw, expected) => {
    expect(applicationKey(raw)).toEqual({ key: expected, recognised: false });
  });

  test('never throws, never empty for non-empty input, and a key is its own key', () => {
    const odd = ['', ' ', '\u3000', '-', '特願', '実願', 'JP', 'JPU', 'US', '特願-', 'JP 1 A', 'JP 12 U', 'US A', '💡'];
    let seed = 2003396346;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const alphabet = [...'0123456789０１２AUFPSHRJ /-－ー,号年元平昭令特願実US '];
    const fuzz = Array.from({ length: 3000 }, () =>
      Array.from({ length: 1 + rand(16) }, () => alphabet[rand(alphabet.length)]).join(''),
    );
    for (const raw of [...odd, ...fuzz.map((f, i) => (i % 3 === 0 ? `JP${f}` : i % 3 === 1 ? `US${f}` : f))]) {
      const k = key(raw);
      if (raw !== '') expect(k).not.toBe('');
      expect(key(k)).toBe(k);
    }
  });
});

/** A CSV row in the order of `header`, each cell quoted; columns not given are empty. */
function csvRow(header: readonly string[], cells: Readonly<Record<string, string>>): string {
  return header.map((h) => `"${(cells[h] ?? '').replace(/"/g, '""')}"`).join(',');
}

/** A fixture's header row: its column names (no name holds a comma or a quote). */
function headerOf(file: string): string[] {
  const first = readFileSync(join(FIX, file), 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)[0];
  return first.split(',').map((c) => c.replace(/^"(.*)"$/, '$1'));
}

describe('one application from several sources merges into one record', () => {
  test('特願2021-100093 from J-PlatPat, Lens ("JP 2021100093 A") and patents.csv ("JP2021-100093")', async () => {
    const jHeader = headerOf('jplatpat-truncated.csv');
    const jplatpat = await importJplatpat(
      [
        `${jHeader.map((h) => `"${h}"`).join(',')}\n${csvRow(jHeader, {
          文献番号: '特開2022-191708',
          出願番号: '特願2021-100093',
          出願日: '2021/06/16',
          発明の名称: '二酸化炭素回収装置',
          '出願人/権利者': '株式会社アンレット',
          FI: 'B01D53/14,200,C01B32/50',
          公開番号: '特開2022-191708',
        })}\n`,
      ],
      { file: 'jplatpat.csv' },
    );
    const lHeader = headerOf('lens-current.csv');
    const lens = await importLens(
      [
        `${lHeader.join(',')}\n${csvRow(lHeader, {
          '#': '1',
          Jurisdiction: 'JP',
          Kind: 'B2',
          'Display Key': 'JP 7334992 B2',
          'Publication Date': '2023-07-31',
          'Publication Year': '2023',
          'Application Number': 'JP 2021100093 A',
          'Application Date': '2021-06-16',
          Applicants: 'ANLET CO LTD',
          Inventors: 'KITANO TARO',
          'Document Type': 'Granted Patent',
          'IPCR Classifications': 'B01D53/14;;C01B32/50',
        })}\n`,
      ],
      { file: 'lens.csv' },
    );
    const canonical = await importCanonical(
      [
        'application_number,filing_date,applicants,claims,exam_request_date,kind\n' +
          'JP2021-100093,2021-06-16,株式会社アンレット,5,2021-06-16,patent\n',
      ],
      { file: 'patents.csv' },
    );
    for (const r of [jplatpat, lens, canonical]) {
      expect(r.rejected).toEqual([]);
      expect(r.records.map((x) => x.applicationNumber)).toEqual(['JP2021100093']);
    }
    const m = mergeRecords([jplatpat, lens, canonical]);
    expect(m.conflicts).toEqual([]);
    expect(m.records).toHaveLength(1);
    expect(m.records[0]).toMatchObject({
      applicationNumber: 'JP2021100093',
      filingDate: '2021-06-16',
      publicationNumber: '特開2022-191708', // J-PlatPat
      registrationNumber: 'JP 7334992 B2', // Lens
      registrationDate: '2023-07-31',
      inventors: ['KITANO TARO'],
      claims: 5, // patents.csv
      examRequestDate: '2021-06-16',
      sources: [
        { file: 'jplatpat.csv', line: 2 },
        { file: 'lens.csv', line: 2 },
        { file: 'patents.csv', line: 2 },
      ],
    });
  });

  test('実願2002-002636 from J-PlatPat and "JP 2002002636 U" from Lens merge; 特願2002-002636 stays apart', async () => {
    const jHeader = headerOf('jplatpat-truncated.csv');
    const row = (app: string, doc: string, reg: string): string =>
      csvRow(jHeader, {
        文献番号: doc,
        出願番号: app,
        出願日: '2002/05/08',
        '出願人/権利者': '三共技研工業株式会社',
        FI: 'B01D53/34',
        登録番号: reg,
      });
    const jplatpat = await importJplatpat(
      [
        [
          jHeader.map((h) => `"${h}"`).join(','),
          row('実願2002-002636', '実登3091064', '実登3091064'),
          row('特願2002-002636', '特開2003-000001', ''),
        ].join('\n'),
      ],
      { file: 'jplatpat.csv' },
    );
    const lHeader = headerOf('lens-current.csv');
    const lens = await importLens(
      [
        `${lHeader.join(',')}\n${csvRow(lHeader, {
          '#': '1',
          Jurisdiction: 'JP',
          Kind: 'U',
          'Display Key': 'JP 3091064 U',
          'Publication Date': '2003-01-17',
          'Application Number': 'JP 2002002636 U',
          'Application Date': '2002-05-08',
          Applicants: 'SANKYO GIKEN KOGYO KK',
          'Document Type': 'Limited Patent',
        })}\n`,
      ],
      { file: 'lens.csv' },
    );
    const m = mergeRecords([jplatpat, lens]);
    expect(m.records.map((r) => [r.applicationNumber, r.kind, r.sources.length])).toEqual([
      ['JPU2002002636', 'utility', 2],
      ['JP2002002636', 'patent', 1],
    ]);
  });

  test('13/657,122 from Lens ("US 201213657122 A", 2015 layout) and ppubs ("13/657122") is one record', async () => {
    const lHeader = headerOf('lens-2015-centuries.csv');
    const lens = await importLens(
      [
        `${lHeader.join(',')}\r${csvRow(lHeader, {
          '#': '1',
          Jurisdiction: 'US',
          Kind: 'A1',
          'Publication Number': 'US 2013/0101709 A1',
          'Publication Date': '25/04/13',
          'Publication Year': '2013',
          'Application Number': 'US 201213657122 A',
          'Application Date': '22/10/12',
          Applicants: 'PIZZA HUT INC',
          Inventors: 'RADER JEFF',
          Type: 'Patent Application',
          'IPCR Classifications': 'A23L1/00',
        })}\r`,
      ],
      { file: 'lens.csv' },
    );
    const ppubs = await importUsptoPpubs(
      [
        JSON.stringify([
          {
            guid: 'US-9999001-B2',
            type: 'USPAT',
            kindCode: ['B2'],
            publicationReferenceDocumentNumber: '9999001',
            applicationNumber: '13/657122',
            applicationFilingDate: ['2012-10-22T00:00:00Z'],
            datePublished: '2018-06-12T00:00:00Z',
            numberOfClaims: '12',
            assigneeName: ['Pizza Hut, LLC'],
            inventorsName: ['Rader; Jeff'],
            ipcCodeFlattened: 'A23L1/00',
          },
        ]),
      ],
      { file: 'ppubs.json' },
    );
    expect(lens.records.map((x) => x.applicationNumber)).toEqual(['US13657122']);
    expect(ppubs.records.map((x) => x.applicationNumber)).toEqual(['US13657122']);
    const m = mergeRecords([lens, ppubs]);
    expect(m.conflicts).toEqual([]);
    expect(m.records).toHaveLength(1);
    expect(m.records[0]).toMatchObject({
      applicationNumber: 'US13657122',
      filingDate: '2012-10-22',
      publicationNumber: 'US 2013/0101709 A1',
      registrationNumber: '9999001',
      registrationDate: '2018-06-12',
      registeredClaims: 12,
      sources: [
        { file: 'lens.csv', line: 2 },
        { file: 'ppubs.json', line: 1 },
      ],
    });
  });

  test('the same application in two spellings of one patents.csv is a duplicate', async () => {
    const r = await importCanonical(
      ['application_number,filing_date,applicants\n特願2021-100093,2021-06-16,A\nJP2021-100093,2021-06-16,A\n'],
      { file: 'patents.csv' },
    );
    expect(r.records).toHaveLength(1);
    expect(r.rejected).toEqual([
      {
        file: 'patents.csv',
        line: 3,
        field: 'application_number',
        reason: 'JP2021-100093 already appears on line 2: duplicate rejected',
      },
    ]);
  });
});

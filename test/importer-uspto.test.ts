/**
 * The USPTO Patent Public Search (ppubs) importer, on the real sample ../shared/data/uspto/ppubs-doc-31.json
 * (read in place) and on small hand-made documents.
 *
 * The sample: 31 documents, an array. Documents 1–11 are grants (type USPAT: kind A for document 1, of 2000,
 * B1/B2 since), 12–21 pre-grant publications (US-PGPUB, A1), 22–31 OCR-scanned old documents (USOCR):
 * 2 defensive publications (I4), a plant patent (P), a reissue (E) and 6 grants without an application number.
 *
 * Values picked by hand from the JSON (document = 1-based index in the array):
 *  - document 1, guid US-6103599-A: applicationNumber "09/089931", applicationFilingDate
 *    ["1998-06-03T00:00:00Z"], numberOfClaims "28", assigneeName ["Silicon Genesis Corporation"],
 *    curIntlPatentClassificationPrimary null, ipcCodeFlattened "H01L21/70" (first IPC).
 *  - document 4, guid US-11554716-B1: "17/714585", ["2022-04-06T00:00:00Z"], numberOfClaims "20",
 *    assigneeName ["Toyota Research Institute, Inc.", "Toyota Jidosha Kabushiki Kaisha"],
 *    curIntlPatentClassificationPrimary ["B60Q3/283 20170101"].
 *  - document 13, guid US-20230009372-A1 (a publication): "17/828585", ["2022-05-31T00:00:00Z"], numberOfClaims
 *    null, assigneeName null, applicantName ["Dignity Health", "Arizona Board of Regents on Behalf of Arizona
 *    State University"], curIntlPatentClassificationPrimary ["A61B5/11 20060101"].
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import {
  formatIpc,
  htmlToText,
  importUsptoPpubs,
  usApplicationKey,
  westernName,
} from '../src/core/patents/importers/uspto';
import { mergeRecords } from '../src/core/patents/merge';
import { ImportCancelled, type ImportResult, ipcSubclass } from '../src/core/patents/record';

const SAMPLE = join(__dirname, '..', '..', 'shared', 'data', 'uspto', 'ppubs-doc-31.json');
const HAVE_SAMPLE = existsSync(SAMPLE);
if (!HAVE_SAMPLE) {
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED: ${SAMPLE} is absent (a clone without ../shared): the ppubs real-data tests are skipped`);
}
const withSample = HAVE_SAMPLE ? test : test.skip;

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

async function* slowly(parts: readonly string[]): AsyncGenerator<string> {
  for (const p of parts) yield await Promise.resolve(p);
}

const read = (json: unknown, file = 'docs.json'): Promise<ImportResult> =>
  importUsptoPpubs([JSON.stringify(json, null, 2)], { file });

/** A minimal grant in ppubs's shape; fields overridden per test. */
function grant(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    guid: 'US-11000001-B2',
    type: 'USPAT',
    kindCode: ['B2'],
    publicationReferenceDocumentNumber: '11000001',
    applicationNumber: '17/123456',
    applicationFilingDate: ['2020-04-01T00:00:00Z'],
    datePublished: '2022-06-07T00:00:00Z',
    numberOfClaims: '18',
    assigneeName: ['Kitano Electric Co., Ltd.'],
    applicantName: ['Kitano Electric Co., Ltd.'],
    inventorsName: ['Sato; Haruka', 'Kitano; Taro'],
    ipcCodeFlattened: 'H01L21/762;H01L21/02',
    inventionTitle: 'Wafer bonding',
    abstractHtml: 'A method of bonding.',
    claimsHtml: '<b>1</b>. A method.<br /><b>2</b>. The method of claim 1.',
    ...over,
  };
}

function publication(over: Record<string, unknown> = {}): Record<string, unknown> {
  return grant({
    guid: 'US-20210000001-A1',
    type: 'US-PGPUB',
    kindCode: ['A1'],
    publicationReferenceDocumentNumber: '20210000001',
    datePublished: '2021-10-07T00:00:00Z',
    numberOfClaims: null,
    assigneeName: null,
    ...over,
  });
}

describe('the real ppubs sample', () => {
  let result: ImportResult;
  beforeAll(async () => {
    if (HAVE_SAMPLE)
      result = await importUsptoPpubs(chunks(readFileSync(SAMPLE, 'utf8'), 65_536), { file: 'ppubs-doc-31.json' });
  });

  withSample('31 documents: 11 grants and 10 publications become records, 10 old documents are rejected', () => {
    expect(result.format).toBe('uspto-ppubs');
    expect(result.rowsRead).toBe(31);
    expect(result.records).toHaveLength(21);
    expect(result.records.filter((r) => r.registrationNumber !== undefined)).toHaveLength(11);
    expect(result.records.filter((r) => r.publicationNumber !== undefined)).toHaveLength(10);
    expect(result.rejected).toHaveLength(10);
    const byField = (f: string) => result.rejected.filter((r) => r.field === f).map((r) => r.line);
    expect(byField('applicationNumber')).toEqual([23, 26, 28, 29, 30, 31]);
    expect(byField('kindCode')).toEqual([22, 24, 25, 27]);
    expect(result.rejected.find((r) => r.line === 24)?.reason).toMatch(/plant patent/);
    expect(result.rejected.find((r) => r.line === 25)?.reason).toMatch(/reissue/);
    expect(result.rejected.find((r) => r.line === 22)?.reason).toMatch(/defensive publication/);
    expect(result.lacks).toEqual(['examRequestDate', 'lapseDate']);
  });

  withSample('document 1 (US-6103599-A, a grant of 2000 with kind A), checked by hand', () => {
    const r = result.records.find((x) => x.sources[0].line === 1);
    expect(r).toMatchObject({
      applicationNumber: 'US09089931',
      filingDate: '1998-06-03',
      registrationNumber: '6103599',
      registrationDate: '2000-08-15',
      registeredClaims: 28,
      claims: 28, // the granted count stands in: the file has no publication of this application
      kind: 'patent',
    });
    expect(r?.applicants[0]).toBe('Silicon Genesis Corporation');
    expect(r?.ipc[0]).toBe('H01L 21/70');
    expect(r?.inventors).toEqual(['Francois J. Henley', 'Nathan Cheung']);
    expect(
      r?.claimsText?.startsWith('1. A method for fabricating a substrate, said method comprising steps of:\n'),
    ).toBe(true);
  });

  withSample('document 4 (US-11554716-B1), checked by hand', () => {
    const r = result.records.find((x) => x.sources[0].line === 4);
    expect(r).toMatchObject({ applicationNumber: 'US17714585', filingDate: '2022-04-06', registeredClaims: 20 });
    expect(r?.applicants).toEqual(['Toyota Research Institute, Inc.', 'Toyota Jidosha Kabushiki Kaisha']);
    expect(r?.ipc[0]).toBe('B60Q 3/283');
    expect(r?.ipc.map(ipcSubclass)).toEqual(['B60Q', 'B62D', 'B62D', 'B60Q']);
  });

  withSample('document 13 (US-20230009372-A1, a publication), checked by hand', () => {
    const r = result.records.find((x) => x.sources[0].line === 13);
    expect(r).toMatchObject({
      applicationNumber: 'US17828585',
      filingDate: '2022-05-31',
      publicationNumber: '20230009372',
    });
    expect(r?.claims).toBeUndefined(); // numberOfClaims is null: unknown, not zero
    expect(r?.registrationDate).toBeUndefined();
    expect(r?.applicants[0]).toBe('Dignity Health'); // no assignee: the applicant named on the publication
    expect(r?.ipc[0]).toBe('A61B 5/11');
  });

  withSample('no HTML is left in any text, and every IPC code has a subclass', () => {
    for (const r of result.records) {
      for (const t of [r.title, r.abstract, r.claimsText]) expect(t ?? '').not.toMatch(/<\/?[a-z][^>]*>/i);
      for (const c of r.ipc) expect(ipcSubclass(c)).toBeDefined();
    }
  });

  withSample('the chunking does not change the result', async () => {
    const text = readFileSync(SAMPLE, 'utf8');
    const small = await importUsptoPpubs(slowly(chunks(text, 7_777)), { file: 'ppubs-doc-31.json' });
    expect(small).toEqual(result);
  });
});

describe('broken inputs', () => {
  test('malformed JSON is one rejection naming the file, the line and the column', async () => {
    const text =
      '[\n  {\n    "guid": "US-11000001-B2",\n    "applicationNumber": "17/123456"\n    "kindCode": ["B2"]\n  }\n]\n';
    const r = await importUsptoPpubs(chunks(text, 5), { file: 'broken.json' });
    expect(r.records).toEqual([]);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ file: 'broken.json', line: 5 });
    expect(r.rejected[0].reason).toMatch(/^not valid JSON at line 5, column 5 \(character \d+\)/);
  });

  test('a truncated file is rejected at its end', async () => {
    const r = await importUsptoPpubs(['[{"guid": "US-1-B1",\n"applicationNumber": '], { file: 'cut.json' });
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0].line).toBe(2);
    expect(r.rejected[0].reason).toMatch(/not valid JSON at line 2/);
  });

  test('JSON that holds no documents is one rejection', async () => {
    const r = await read({ error: 'rate limited' }, 'error.json');
    expect(r.rejected).toEqual([{ file: 'error.json', line: 1, reason: expect.stringMatching(/^no documents/) }]);
  });

  test('a document without its filing date, or with a date that is not one, is rejected naming the field', async () => {
    const r = await read([
      grant(),
      grant({ guid: 'US-11000002-B2', applicationFilingDate: null }),
      grant({ guid: 'US-11000003-B2', applicationFilingDate: ['2020-02-30T00:00:00Z'] }),
      grant({ guid: 'US-11000004-B2', datePublished: 'next Tuesday' }),
      grant({ guid: 'US-11000005-B2', applicationNumber: null }),
      grant({ guid: 'US-11000006-B2', numberOfClaims: 'many' }),
      grant(), // the same guid again
    ]);
    expect(r.records).toHaveLength(1);
    expect(r.rejected.map((x) => [x.line, x.field])).toEqual([
      [2, 'applicationFilingDate'],
      [3, 'applicationFilingDate'],
      [4, 'datePublished'],
      [5, 'applicationNumber'],
      [6, 'numberOfClaims'],
      [7, 'guid'],
    ]);
    expect(r.rejected[0].reason).toBe('no filing date');
    expect(r.rejected[1].reason).toBe('"2020-02-30T00:00:00Z" is not a date');
  });

  test('design patents and unknown kinds are rejected with the reason', async () => {
    const r = await read([
      grant({ guid: 'US-D950001-S', kindCode: ['S1'], publicationReferenceDocumentNumber: 'D950001' }),
      grant({ guid: 'US-X-Q9', kindCode: ['Q9'], type: 'OTHER' }),
    ]);
    expect(r.records).toEqual([]);
    expect(r.rejected[0].reason).toMatch(/design patent/);
    expect(r.rejected[1].reason).toBe('kind Q9, type OTHER: not a US grant or pre-grant publication');
  });

  test('cancelling stops the import', async () => {
    await expect(importUsptoPpubs(['[', ']'], { file: 'x.json', cancel: { cancelled: true } })).rejects.toThrow(
      ImportCancelled,
    );
  });
});

describe('mapping', () => {
  test('a publication and its grant share the application key and merge into one record', async () => {
    const r = await read({
      docs: [
        publication({ applicationNumber: '17/123,456', numberOfClaims: '25' }),
        grant({ applicationNumber: '17123456' }),
      ],
    });
    expect(r.records.map((x) => x.applicationNumber)).toEqual(['US17123456', 'US17123456']);
    // The file has the publication's own claim count, so the grant does not stand in for it.
    expect(r.records[1].claims).toBeUndefined();
    expect(r.notes).toEqual([]);
    const m = mergeRecords([r]);
    expect(m.conflicts).toEqual([]);
    expect(m.records).toHaveLength(1);
    expect(m.records[0]).toMatchObject({
      publicationNumber: '20210000001',
      registrationNumber: '11000001',
      registrationDate: '2022-06-07',
      claims: 25,
      registeredClaims: 18,
    });
  });

  test('without assignee or applicant the inventors are the applicants, and that is noted', async () => {
    const r = await read([grant({ assigneeName: null, applicantName: null, inventorsName: ['Rossi; Maria'] })]);
    expect(r.records[0].applicants).toEqual(['Maria Rossi']);
    expect(r.notes.map((n) => n.field)).toContain('assigneeName');
  });

  test('IPC from lists or joined strings, version dates dropped; the CPC only when there is no IPC', async () => {
    const r = await read([
      grant({
        ipcCode: 'G06F 17/60; H04L 9/32',
        curIntlPatentClassificationPrimary: ['G06F17/60 20060101'],
        ipcCodeFlattened: 'G06F17/60;G06Q10/06',
      }),
      grant({
        guid: 'US-11000009-B1',
        ipcCodeFlattened: null,
        cpcInventive: ['G05D1/0246 20200101', 'Y02T10/72 20130101'],
      }),
    ]);
    expect(r.records[0].ipc).toEqual(['G06F 17/60', 'H04L 9/32', 'G06Q 10/06']);
    expect(r.records[1].ipc).toEqual(['G05D 1/0246']);
    expect(r.notes.some((n) => n.line === 2 && n.field === 'cpcInventive')).toBe(true);
  });

  test('only grants carry registration; a file of publications alone lacks it', async () => {
    const r = await read([publication()]);
    expect(r.lacks).toEqual(
      expect.arrayContaining(['registrationDate', 'registrationNumber', 'registeredClaims', 'examRequestDate']),
    );
  });

  test('the patent term adjustment extends the expiry', async () => {
    const r = await read([grant({ termOfExtension: '100' })]);
    expect(r.records[0].expiryDate).toBe('2040-07-10'); // 2040-04-01 + 100 days
  });

  test('keepText: false leaves the texts out', async () => {
    const r = await importUsptoPpubs([JSON.stringify([grant()])], { file: 'd.json', keepText: false });
    expect(r.records[0]).toMatchObject({ title: undefined, abstract: undefined, claimsText: undefined });
  });
});

describe('helpers', () => {
  test('HTML to text: tags out, line breaks kept, entities decoded after the tags', () => {
    expect(htmlToText('<b>1</b>. A method &amp; a device.  <br /> <b>2</b>. The method of claim&nbsp;1.')).toBe(
      '1. A method & a device.\n2. The method of claim 1.',
    );
    expect(htmlToText('H<sub>2</sub>O at 25&#176;C, &#x3bc;m, &lt;b&gt; stays text, &bogus; stays')).toBe(
      'H2O at 25°C, μm, <b> stays text, &bogus; stays',
    );
    expect(htmlToText('a < b and c > d<claim-text/>')).toBe('a < b and c > d');
  });

  test('IPC symbols in the spec form', () => {
    expect(formatIpc('G06F17/60')).toBe('G06F 17/60');
    expect(formatIpc('H04N21/24 20110101')).toBe('H04N 21/24');
    expect(formatIpc('G11B005/596')).toBe('G11B 5/596');
    expect(formatIpc('h01l')).toBe('H01L');
    expect(formatIpc('A01B 1/0')).toBe('A01B 1/00');
    expect(formatIpc('Y02T10/72')).toBeUndefined();
    expect(formatIpc('426/231')).toBeUndefined();
  });

  test('US application keys', () => {
    expect(usApplicationKey('09/089931')).toBe('US09089931');
    expect(usApplicationKey('US 17/848,319')).toBe('US17848319');
    expect(usApplicationKey('17848319')).toBe('US17848319');
    expect(usApplicationKey('848319', '17')).toBe('US17848319');
    expect(usApplicationKey('2012/13657122')).toBe('US13657122');
    expect(usApplicationKey('848319')).toBeUndefined();
    expect(usApplicationKey('PCT/US2020/012345')).toBeUndefined();
  });

  test('inventor names "Last; First" → "First Last"', () => {
    expect(westernName('Henley; Francois J.')).toBe('Francois J. Henley');
    expect(westernName('EVERALL JR PALMER B')).toBe('EVERALL JR PALMER B');
    expect(westernName('Cher;')).toBe('Cher');
  });
});

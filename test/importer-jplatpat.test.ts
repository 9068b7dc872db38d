/**
 * The J-PlatPat importer on the five real CO2-capture exports in ../shared/data/jplatpat-co2-capture (values
 * picked by hand from the files, file and line named next to each) and on fixtures in the real layout
 * (test/fixtures/patents/jplatpat-*.csv, made from real rows):
 *   jplatpat-truncated.csv       header + 3 rows of …20200101-20221231.csv, the third cut inside its 要約
 *   jplatpat-missing-column.csv  2 rows of the same file without the 出願日 column
 *   jplatpat-edge.csv            header variants (出願人・権利者, ＦＩ, 発明・考案の名称) and an unknown column メモ;
 *                                rows with an era date, a full-width date, a bad date (2021/02/30), no applicant,
 *                                a 実登 row and a 特許 消滅 row whose FI got a facet token ZAB
 *   jplatpat-sjis.csv            3 real rows converted once with `iconv -f UTF-8 -t CP932` (CRLF, no BOM)
 */
import { existsSync, readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { cleanAbstract, fiMainCodes, importJplatpat, sniffJplatpat } from '../src/core/patents/importers/jplatpat';
import { ImportCancelled, ipcSubclass, type ImportResult, type PatentRecord } from '../src/core/patents/record';
import { decodeBytes, detectEncoding } from '../src/core/text/decode';
import { FIXTURES } from './helpers/evaluate';

const DATA = join(__dirname, '..', '..', 'shared', 'data', 'jplatpat-co2-capture');
const HAVE_DATA = existsSync(DATA);
if (!HAVE_DATA) {
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED: ${DATA} is absent: the tests on the real J-PlatPat exports do not run`);
}
const withData = HAVE_DATA ? describe : describe.skip;
const FIX = join(FIXTURES, 'patents');

/** Text in chunks of `size` characters, as a stream would deliver it. */
function* chunked(text: string, size: number): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

const importText = (text: string, file: string, size = 4096, keepText = true): Promise<ImportResult> =>
  importJplatpat(chunked(text, size), { file, keepText });

/** The record of an application by its key: 特願2021-100093 is JP2021100093, 実願2002-002636 JPU2002002636. */
function recordOf(r: ImportResult, applicationNumber: string): PatentRecord {
  const rec = r.records.find((x) => x.applicationNumber === applicationNumber);
  if (!rec) throw new Error(`${r.file}: no record ${applicationNumber}`);
  return rec;
}

const subclasses = (rec: PatentRecord): string[] => [...new Set(rec.ipc.map((c) => ipcSubclass(c)))].sort() as string[];
const withoutSources = (recs: readonly PatentRecord[]): object[] => recs.map(({ sources: _s, ...rest }) => rest);

withData('the five real J-PlatPat exports', () => {
  const ROWS: Record<string, number> = {
    'co2-capture-20010101-20071231.csv': 423,
    'co2-capture-20080101-20111231.csv': 488,
    'co2-capture-20120101-20141231.csv': 416,
    'co2-capture-20150101-20191231.csv': 479,
    'co2-capture-20200101-20221231.csv': 270,
  };
  const text = new Map<string, string>();
  const res = new Map<string, ImportResult>();
  const result = (f: string): ImportResult => res.get(f) as ImportResult;
  const all = (): PatentRecord[] => [...res.values()].flatMap((r) => r.records);
  const allNotes = (): string[] => [...res.values()].flatMap((r) => r.notes.map((n) => n.reason));

  beforeAll(async () => {
    for (const f of readdirSync(DATA).filter((n) => n.endsWith('.csv'))) {
      text.set(f, readFileSync(join(DATA, f), 'utf8'));
      res.set(f, await importText(text.get(f) as string, f));
    }
  });

  test('rows read per file, 2,076 in all, every row a record and nothing rejected', () => {
    expect(Object.fromEntries([...res].map(([f, r]) => [f, r.rowsRead]))).toEqual(ROWS);
    expect([...res.values()].reduce((n, r) => n + r.rowsRead, 0)).toBe(2076);
    for (const r of res.values()) {
      expect(r.rejected).toEqual([]);
      expect(r.records).toHaveLength(r.rowsRead);
      expect(r.format).toBe('jplatpat');
    }
  });

  test('chunk size does not change the result (4,096 and 1,000 characters, 64 K, whole file)', async () => {
    for (const [f, t] of text) {
      const whole = await importJplatpat([t], { file: f });
      expect(result(f)).toEqual(whole);
      expect(await importText(t, f, 1000)).toEqual(whole);
      expect(await importText(t, f, 65536)).toEqual(whole);
    }
  });

  test('特開2022-191708 (…20200101-20221231.csv, line 2): number, date, applicant, FI subclasses, registration', () => {
    const r = recordOf(result('co2-capture-20200101-20221231.csv'), 'JP2021100093');
    expect(r).toMatchObject({
      publicationNumber: '特開2022-191708',
      filingDate: '2021-06-16',
      applicants: ['株式会社アンレット'],
      ipc: ['B01D53/14', 'B01D53/18', 'C01B32/50', 'C01D7/07', 'F24F8/15'],
      registrationNumber: '特許7334992',
      kind: 'patent',
      title: '二酸化炭素回収装置',
      sources: [{ file: 'co2-capture-20200101-20221231.csv', line: 2 }],
    });
    expect(subclasses(r)).toEqual(['B01D', 'C01B', 'C01D', 'F24F']);
    // "(57)【要約】      （修正有）" dropped; "二酸化炭<BR>素" is one word again; paragraphs kept.
    const lines = (r.abstract ?? '').split('\n');
    expect(lines[0]).toBe(
      '【課題】簡単な構成で効率的に空気中の微量の二酸化炭素を回収する二酸化炭素回収装置を提供する。',
    );
    expect(lines[1]).toMatch(/^【解決手段】ルーツブロワ１２を稼働すると、二酸化炭素回収タンク１１の中の空気が/);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('【選択図】図１');
  });

  test('実登3091064 (…20010101-20071231.csv, line 1440): a utility model, registered, never published', () => {
    const r = recordOf(result('co2-capture-20010101-20071231.csv'), 'JPU2002002636');
    expect(r).toMatchObject({
      filingDate: '2002-05-08',
      applicants: ['三共技研工業株式会社'],
      registrationNumber: '実登3091064',
      kind: 'utility',
      sources: [{ file: 'co2-capture-20010101-20071231.csv', line: 1440 }],
    });
    expect(r.publicationNumber).toBeUndefined();
    // "B01D53/18@G,B01D53/34,133,F01N3/02,311@E,F01N3/04@D,…,F01N3/037@E": subdivisions and facets dropped.
    expect(r.ipc).toEqual([
      'B01D53/18',
      'B01D53/34',
      'F01N3/02',
      'F01N3/04',
      'B01D53/60',
      'B01D53/75',
      'B01D53/78',
      'B01D53/92',
      'F01N3/037',
    ]);
  });

  test('再表2007/114130 (…20010101-20071231.csv, line 70): the publication is 公開番号 WO2007/114130', () => {
    const r = recordOf(result('co2-capture-20010101-20071231.csv'), 'JP2008508548');
    expect(r).toMatchObject({
      publicationNumber: 'WO2007/114130',
      filingDate: '2007-03-28',
      applicants: ['旭化成ケミカルズ株式会社'],
      registrationNumber: '特許4284381',
    });
    expect(subclasses(r)).toEqual(['B01D', 'C01B', 'C07C', 'C07F']);
  });

  test('特開2007-325996 (…20010101-20071231.csv, line 9): two applicants joined by ","', () => {
    const r = recordOf(result('co2-capture-20010101-20071231.csv'), 'JP2006157584');
    expect(r.applicants).toEqual(['三菱重工業株式会社', '関西電力株式会社']);
    expect(r.ipc).toEqual(['B01D53/34', 'B01D53/52', 'B01D53/62', 'B01D53/78', 'B01D53/79', 'B01D53/96']);
  });

  test('特許4880098 (…20080101-20111231.csv, line 1141): a full-width comma inside a name does not split it', () => {
    const r = recordOf(result('co2-capture-20080101-20111231.csv'), 'JP2011531050');
    expect(r.applicants).toEqual(['エクスパンション\u3000エナジー，\u3000エルエルシー']);
    // A 特許 document: its publication is the 特表 of 公開番号, its registration the document itself.
    expect(r.publicationNumber).toBe('特表2012-505145');
    expect(r.registrationNumber).toBe('特許4880098');
  });

  test('totals over the 2,076 documents: kinds, numbers, FI and abstracts', () => {
    const recs = all();
    expect(recs.filter((r) => r.kind === 'utility')).toHaveLength(7);
    expect(recs.filter((r) => r.registrationNumber !== undefined)).toHaveLength(1096);
    // 8 have no publication: 7 実登 and 特許5795423 (registered before it was laid open).
    expect(recs.filter((r) => r.publicationNumber === undefined)).toHaveLength(8);
    expect(recs.every((r) => r.ipc.length > 0 && r.ipc.every((c) => ipcSubclass(c) !== undefined))).toBe(true);
    expect(new Set(recs.map((r) => r.applicationNumber)).size).toBe(2076);
    expect(recs.every((r) => /^JPU?\d{10}$/.test(r.applicationNumber))).toBe(true);
    // The 10 applications of 1999 are numbered by era year (特願平11-217962 …): the key has the Gregorian year.
    expect(recs.filter((r) => r.applicationNumber.startsWith('JP1999')).map((r) => r.applicationNumber)).toContain(
      'JP1999217962',
    );
    expect(recs.filter((r) => r.applicationNumber.startsWith('JP1999'))).toHaveLength(10);
    expect(recs.filter((r) => r.applicationNumber.startsWith('JPU')).every((r) => r.kind === 'utility')).toBe(true);
    const abstracts = recs.flatMap((r) => (r.abstract ? [r.abstract] : []));
    expect(abstracts).toHaveLength(2071); // 5 documents have an empty 要約
    expect(abstracts.some((a) => /<BR>|【要約】|\(57\)|修正有/i.test(a))).toBe(false);
  });

  test('ステージ and 審判番号 give notes, never dates', () => {
    const notes = allNotes();
    expect(notes.filter((n) => n.includes('the right has lapsed'))).toHaveLength(3);
    expect(notes.filter((n) => n.includes('refused or withdrawn'))).toHaveLength(4);
    expect(notes.filter((n) => n.includes('under appeal'))).toHaveLength(9);
    expect(notes.filter((n) => n.includes('the outcome is not in the export'))).toHaveLength(29);
    // 特開2013-147386 / 特願2012-009579 (…20120101-20141231.csv, line 743): 特許 消滅, 年金不納による特許権の消滅.
    const r = result('co2-capture-20120101-20141231.csv');
    expect(r.notes).toContainEqual({
      file: 'co2-capture-20120101-20141231.csv',
      line: 743,
      field: 'ステージ',
      reason:
        'ステージ 特許 消滅 (年金不納による特許権の消滅): the right has lapsed, but the export gives no date: lapse date left unknown',
    });
    expect(recordOf(r, 'JP2012009579').lapseDate).toBeUndefined();
    expect(all().some((x) => x.lapseDate || x.registrationDate || x.examRequestDate)).toBe(false);
  });

  test('lacks: what J-PlatPat never exports; one note on registrations without dates per file', () => {
    for (const r of res.values()) {
      expect([...r.lacks].sort()).toEqual(
        [
          'claims',
          'claimsText',
          'examRequestDate',
          'expiryDate',
          'inventors',
          'lapseDate',
          'registeredClaims',
          'registrationDate',
        ].sort(),
      );
      expect(r.notes.filter((n) => n.field === '登録番号')).toHaveLength(1);
      expect(r.notes.some((n) => n.reason === 'unknown column: ignored')).toBe(false);
    }
  });

  test('keepText: false drops the title and the abstract, and nothing else', async () => {
    const f = 'co2-capture-20200101-20221231.csv';
    const lean = await importText(text.get(f) as string, f, 4096, false);
    expect(lean.records.some((r) => r.title !== undefined || r.abstract !== undefined)).toBe(false);
    const strip = ({ title: _t, abstract: _a, ...rest }: PatentRecord): object => rest;
    expect(lean.records.map(strip)).toEqual(result(f).records.map(strip));
  });

  test('the Shift_JIS fixture gives the same records as the same rows of the UTF-8 files', async () => {
    const sjis = await importJplatpat([decodeBytes(readFileSync(join(FIX, 'jplatpat-sjis.csv'))).text], {
      file: 'jplatpat-sjis.csv',
    });
    const originals = [
      recordOf(result('co2-capture-20200101-20221231.csv'), 'JP2021100093'),
      recordOf(result('co2-capture-20200101-20221231.csv'), 'JP2022064881'),
      recordOf(result('co2-capture-20010101-20071231.csv'), 'JPU2002002636'),
    ];
    expect(withoutSources(sjis.records)).toEqual(withoutSources(originals));
  });
});

describe('J-PlatPat fixtures', () => {
  const read = (name: string): string => readFileSync(join(FIX, name), 'utf8');

  test('a truncated file (cut inside a quoted 要約): the cut row is rejected at its line, the others kept', async () => {
    const r = await importText(read('jplatpat-truncated.csv'), 'jplatpat-truncated.csv', 100);
    expect(r.records.map((x) => x.applicationNumber)).toEqual(['JP2021100093', 'JP2022064881']);
    expect(r.rejected).toEqual([
      {
        file: 'jplatpat-truncated.csv',
        line: 13,
        reason: 'a quoted cell is not closed before the end of the file (truncated file?)',
      },
    ]);
    expect(r.rowsRead).toBe(3);
  });

  test('a missing required column: one rejection on line 1 naming it and the expected columns, no records', async () => {
    const r = await importText(read('jplatpat-missing-column.csv'), 'jplatpat-missing-column.csv');
    expect(r.records).toEqual([]);
    expect(r.rowsRead).toBe(0);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ file: 'jplatpat-missing-column.csv', line: 1, field: '出願日' });
    expect(r.rejected[0].reason).toMatch(/^not a usable J-PlatPat export: required column\(s\) missing: 出願日 /);
    expect(r.rejected[0].reason).toContain('required: 出願番号, 出願日, 出願人/権利者');
    expect(r.rejected[0].reason).toContain('2 data row(s) not read');
  });

  test('header variants, era and full-width dates, a bad date, no applicant, quoted newlines, an FI facet', async () => {
    const r = await importText(read('jplatpat-edge.csv'), 'jplatpat-edge.csv', 7);
    // 出願人・権利者, ＦＩ and 発明・考案の名称 are J-PlatPat's columns; メモ is not.
    expect(r.notes).toContainEqual({
      file: 'jplatpat-edge.csv',
      line: 1,
      field: 'メモ',
      reason: 'unknown column: ignored',
    });
    expect(r.records.map((x) => [x.applicationNumber, x.filingDate, x.sources[0].line])).toEqual([
      ['JP2021100093', '2021-06-16', 2], // 令和3年6月16日
      ['JP2022064881', '2022-04-11', 7], // ２０２２／０４／１１
      ['JPU2002002636', '2002-05-08', 18],
      ['JP2012009579', '2012-01-20', 27],
    ]);
    expect(r.rejected).toEqual([
      { file: 'jplatpat-edge.csv', line: 13, field: '出願日', reason: '"2021/02/30" is not a date' },
      { file: 'jplatpat-edge.csv', line: 22, field: '出願人・権利者', reason: 'no applicant' },
    ]);
    expect(r.rowsRead).toBe(r.records.length + r.rejected.length);
    expect(r.records[0].title).toBe('二酸化炭素回収装置');
    expect(r.records[0].applicants).toEqual(['株式会社アンレット']);
    expect(r.records[3].ipc).toEqual(['B01D53/04', 'B01D53/14', 'C01B31/20', 'C01B32/50']);
    expect(r.notes.find((n) => n.field === 'FI')?.reason).toBe(
      '1 FI token(s) that are neither a classification code nor its subdivision ignored (first: "ZAB" on line 27)',
    );
    expect(r.notes.find((n) => n.line === 27 && n.field === 'ステージ')?.reason).toMatch(/the right has lapsed/);
  });

  test('Shift_JIS bytes: detectEncoding picks shift_jis and the rows read as in the UTF-8 file', async () => {
    const bytes = readFileSync(join(FIX, 'jplatpat-sjis.csv'));
    expect(bytes[0]).not.toBe(0xef); // no BOM: the bytes themselves must tell
    expect(detectEncoding(bytes).encoding).toBe('shift_jis');
    const { text, encoding } = decodeBytes(bytes);
    expect(encoding).toBe('shift_jis');
    const r = await importText(text, 'jplatpat-sjis.csv', 512);
    expect(r.rejected).toEqual([]);
    expect(r.records.map((x) => [x.applicationNumber, x.applicants[0], x.title, x.sources[0].line])).toEqual([
      ['JP2021100093', '株式会社アンレット', '二酸化炭素回収装置', 2],
      ['JP2022064881', '東ソー株式会社', '二酸化炭素分離用アミン組成物', 7],
      ['JPU2002002636', '三共技研工業株式会社', '排ガス処理装置', 13],
    ]);
    expect(r.records[0].abstract).toMatch(/^【課題】簡単な構成で効率的に空気中の微量の二酸化炭素を回収する/);
  });

  test('Shift_JIS read as UTF-8 (mojibake header): one clear rejection, no garbage records', async () => {
    const garbled = new TextDecoder('utf-8').decode(readFileSync(join(FIX, 'jplatpat-sjis.csv')));
    const r = await importText(garbled, 'jplatpat-sjis.csv');
    expect(r.records).toEqual([]);
    expect(r.notes).toEqual([]);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ line: 1, field: '出願番号, 出願日, 出願人/権利者' });
    expect(r.rejected[0].reason).toMatch(/required column\(s\) missing: 出願番号, 出願日, 出願人\/権利者/);
    expect(r.rejected[0].reason).toContain('probably not UTF-8');
  });

  test('a 5 MB single line is rejected at its line; the rows around it are kept', async () => {
    const lines = read('jplatpat-edge.csv').split('\n');
    const header = lines[0];
    const small = (n: string): string =>
      `"特開2099-00000${n}","特願2098-00000${n}","2098/01/0${n}","","t","出願人${n}","B01D53/14","要約","","","","","","","","",""`;
    const big = small('2').replace('"要約"', `"${'あ'.repeat(5_000_000)}"`);
    const text = [header, small('1'), big, small('3'), ''].join('\n');
    const r = await importText(text, 'big.csv', 65536);
    expect(r.records.map((x) => x.applicants[0])).toEqual(['出願人1', '出願人3']);
    expect(r.records[1].sources[0].line).toBe(4);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ file: 'big.csv', line: 3 });
    expect(r.rejected[0].reason).toMatch(/^record longer than 2000000 characters/);
    expect(r.rowsRead).toBe(3);
  });

  test('cancel: a token set after the first chunk stops the import with ImportCancelled', async () => {
    const text = read('jplatpat-edge.csv');
    const token = { cancelled: false };
    async function* chunks(): AsyncGenerator<string> {
      yield text.slice(0, 4096);
      token.cancelled = true;
      yield text.slice(4096);
    }
    await expect(importJplatpat(chunks(), { file: 'edge.csv', cancel: token })).rejects.toBeInstanceOf(ImportCancelled);
  });

  test('progress: onProgress is called with increasing character counts up to the whole text', async () => {
    const text = read('jplatpat-edge.csv');
    const seen: number[] = [];
    await importJplatpat(chunked(text, 1000), { file: 'edge.csv', onProgress: (n) => seen.push(n) });
    expect(seen.length).toBe(Math.ceil(text.length / 1000));
    expect(seen.every((n, i) => i === 0 || n > seen[i - 1])).toBe(true);
    expect(seen[seen.length - 1]).toBe(text.length);
  });

  test('an empty file: one rejection, no records', async () => {
    const r = await importJplatpat([''], { file: 'empty.csv' });
    expect(r.records).toEqual([]);
    expect(r.rejected).toEqual([
      { file: 'empty.csv', line: 1, reason: 'the file is empty: a J-PlatPat header row is required' },
    ]);
  });
});

describe('J-PlatPat cells', () => {
  test('FI: a token that starts with a digit is the subdivision of the code before it; @ facets dropped', () => {
    expect(fiMainCodes('B01D53/14,200,B01D53/34,135@Z,B01D53/14@C,C01B32/50')).toEqual({
      codes: ['B01D53/14', 'B01D53/34', 'C01B32/50'],
      ignored: [],
    });
    expect(fiMainCodes('Ｂ０１Ｄ５３／１４, 200 ,ZAB,B09B101:80')).toEqual({
      codes: ['B01D53/14', 'B09B101:80'],
      ignored: ['ZAB'],
    });
    expect(fiMainCodes('200,B01D53/14')).toEqual({ codes: ['B01D53/14'], ignored: ['200'] });
  });

  test('要約: header and （修正有） dropped, <BR> joined without a space, paragraphs kept', () => {
    expect(
      cleanAbstract('(57)【要約】      （修正有）\n【課題】二酸化炭<BR>素を回収する。\n\n  【選択図】なし\n'),
    ).toBe('【課題】二酸化炭素を回収する。\n【選択図】なし');
    expect(cleanAbstract('【要約】\n  10 ba<BR>r以上')).toBe('10 bar以上');
  });

  test('sniffJplatpat: the real header and its variants, not other formats', () => {
    const real =
      '\uFEFF"文献番号","出願番号","出願日","公知日","発明の名称","出願人/権利者","FI","要約","公開番号","公告番号","登録番号","審判番号","その他","ステージ","イベント詳細","文献URL"';
    expect(sniffJplatpat(real)).toBe(true);
    expect(sniffJplatpat('出願番号,出願日,出願人・権利者,ＦＩ')).toBe(true);
    expect(sniffJplatpat('"出願番号","出願日","出願人 / 権利者"')).toBe(true);
    expect(sniffJplatpat('application_number,filing_date,applicants')).toBe(false);
    expect(sniffJplatpat('#,Jurisdiction,Kind,Publication Number,Publication Date,Application Number')).toBe(false);
  });
});

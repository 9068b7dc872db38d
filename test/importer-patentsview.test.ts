/**
 * The PatentsView importer on hand-made tables in the real layouts (test/fixtures/patents/patentsview/):
 *
 *  g_patent.tsv (quoted, current layout)          line  outcome
 *   10123456 utility, 2 assignees given seq 1, 0    2   record: Kitano Electric, then Sakuragi Electric Works
 *   10234567 utility, individual assignee           3   record: "Maria Rossi"
 *   10345678 utility, no assignee, CPC only         4   record: the inventors stand as applicants; CPC for IPC
 *   10456789 withdrawn                              5   rejected
 *   D870123  design                                 6   rejected
 *   10567890 utility, no g_application row          7   rejected
 *   10678901 utility, abstract over two lines       8   record
 *   RE48012  reissue                               10   rejected
 *   10789012 utility, filing date 2019-02-30       11   rejected
 *  g_assignee_disambiguated.tsv line 7: patent 10999999, not in g_patent → rejected.
 *
 *  shuffled/g_patent.tsv: the same patents, columns in another order plus one the importer does not know.
 *  older/: patent.tsv, application.tsv and ipcr.tsv in the pre-2022 layouts, unquoted, with stray quotes
 *  in two titles (12" wafers, "Barista").
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  type PatentsViewFile,
  importPatentsView,
  sniffPatentsViewTable,
} from '../src/core/patents/importers/patentsview';
import { importUsptoPpubs } from '../src/core/patents/importers/uspto';
import { mergeRecords } from '../src/core/patents/merge';
import { ImportCancelled, type ImportResult, type PatentRecord } from '../src/core/patents/record';

const DIR = join(__dirname, 'fixtures', 'patents', 'patentsview');
const CURRENT = [
  'g_patent.tsv',
  'g_application.tsv',
  'g_assignee_disambiguated.tsv',
  'g_inventor_disambiguated.tsv',
  'g_ipc_at_issue.tsv',
  'g_cpc_current.tsv',
];

const text = (name: string): string => readFileSync(join(DIR, name), 'utf8');

function split(s: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
  return out;
}

async function* slowly(parts: readonly string[]): AsyncGenerator<string> {
  for (const p of parts) yield await Promise.resolve(p);
}

const files = (names: readonly string[], size = Infinity): PatentsViewFile[] =>
  names.map((name) => ({ name, chunks: size === Infinity ? [text(name)] : split(text(name), size) }));

const byPatent = (r: ImportResult): Map<string, PatentRecord> =>
  new Map(r.records.map((x) => [x.registrationNumber ?? '', x]));

/** A record without what differs between layouts: the source file names and the texts. */
const core = (r: PatentRecord) => ({
  ...r,
  sources: r.sources.map((s) => s.line),
  title: undefined,
  abstract: undefined,
});

describe('the current layout', () => {
  let result: ImportResult;
  beforeAll(async () => {
    // Side tables before g_patent: the join reads g_patent first whatever the order.
    result = await importPatentsView(files([...CURRENT].reverse()));
  });

  test('one record per granted utility patent, joined on patent_id', () => {
    expect(result.format).toBe('patentsview');
    expect(result.file).toBe('g_patent.tsv');
    expect(result.rowsRead).toBe(46); // 9 + 8 + 9 + 11 + 6 + 3 data rows
    expect([...byPatent(result).keys()].sort()).toEqual(['10123456', '10234567', '10345678', '10678901']);
    const p = byPatent(result).get('10123456');
    expect(p).toEqual({
      applicationNumber: 'US15987654',
      filingDate: '2018-05-21',
      applicants: ['Kitano Electric Co., Ltd.', 'Sakuragi Electric Works, Ltd.'],
      inventors: ['Haruka Sato', 'Taro Kitano', 'Kenji Watanabe'],
      ipc: ['H01L 21/762', 'H01L 21/02'],
      claims: 20,
      registrationDate: '2018-11-13',
      registrationNumber: '10123456',
      registeredClaims: 20,
      kind: 'patent',
      title: 'Method of bonding semiconductor wafers',
      abstract: 'A first wafer and a second wafer are bonded at a cleaved interface.',
      sources: [
        { file: 'g_patent.tsv', line: 2 },
        { file: 'g_application.tsv', line: 2 },
      ],
    });
  });

  test('individual assignees, inventors standing as applicants, the CPC for a patent without IPC', () => {
    const m = byPatent(result);
    expect(m.get('10234567')?.applicants).toEqual(['Maria Rossi']);
    expect(m.get('10234567')?.ipc).toEqual(['A47J 31/44']);
    const noAssignee = m.get('10345678');
    expect(noAssignee?.applicants).toEqual(['Ana Lima', 'Wei Chen']);
    expect(noAssignee?.inventors).toEqual(['Ana Lima', 'Wei Chen']);
    expect(noAssignee?.ipc).toEqual(['G05D 1/0246']); // Y02T 10/72 has no IPC counterpart
    const multiLine = m.get('10678901');
    expect(multiLine?.ipc).toEqual(['G06F 17/60', 'H04L 9/32']);
    expect(multiLine?.abstract).toBe('Ledger entries are matched to invoices.\nA "trust score" ranks each match.');
    expect(multiLine?.sources).toEqual([
      { file: 'g_patent.tsv', line: 8 },
      { file: 'g_application.tsv', line: 7 },
    ]);
  });

  test('rejections name the file, the line and the reason', () => {
    const rows = result.rejected.map((r) => [r.file, r.line, r.field]);
    expect(rows).toEqual([
      ['g_patent.tsv', 5, 'withdrawn'],
      ['g_patent.tsv', 6, 'patent_type'],
      ['g_patent.tsv', 10, 'patent_type'],
      ['g_assignee_disambiguated.tsv', 7, 'patent_id'],
      ['g_patent.tsv', 7, 'patent_id'],
      ['g_patent.tsv', 11, 'filing_date'],
    ]);
    const reasons = result.rejected.map((r) => r.reason);
    expect(reasons[0]).toBe('10456789 was withdrawn from issue: it never took effect');
    expect(reasons[1]).toMatch(/^D870123: a design patent/);
    expect(reasons[2]).toMatch(/^RE48012: a reissue/);
    expect(reasons[3]).toBe('patent "10999999" is not in g_patent: row not joined');
    expect(reasons[4]).toBe('10567890: no g_application row: no application number or filing date');
    expect(reasons[5]).toBe('10789012: filing date "2019-02-30" is not a date (g_application.tsv line 9)');
  });

  test('notes: the stand-ins, and the side rows of rejected patents counted', () => {
    const notes = result.notes.map((n) => `${n.file}:${n.line} ${n.reason}`);
    expect(notes).toEqual([
      'g_patent.tsv:4 10345678: no assignee: the inventors, who own an unassigned US patent, are taken as the applicants',
      'g_patent.tsv:4 10345678: no IPC row: the CPC stands in',
      'g_patent.tsv:1 PatentsView lists granted patents only: applications never granted are not in these records',
      'g_patent.tsv:1 PatentsView has no claim count of the application as filed: the granted count (num_claims) stands in',
      'g_application.tsv:1 3 rows belong to patents rejected from g_patent: skipped with them',
      'g_assignee_disambiguated.tsv:1 2 rows belong to patents rejected from g_patent: skipped with them',
      'g_inventor_disambiguated.tsv:1 1 rows belong to patents rejected from g_patent: skipped with them',
    ]);
    expect(result.lacks).toEqual(['publicationNumber', 'examRequestDate', 'lapseDate', 'claimsText']);
  });

  test('7-character chunks, async or not, give the same result as whole files', async () => {
    const tiny = await importPatentsView(files([...CURRENT].reverse(), 7));
    expect(tiny).toEqual(result);
    const asyncFiles = [...CURRENT].reverse().map((name) => ({ name, chunks: slowly(split(text(name), 7)) }));
    expect(await importPatentsView(asyncFiles)).toEqual(result);
  });

  test('columns are found by name: shuffled columns and an unknown one give the same records', async () => {
    const shuffled = await importPatentsView(files(['shuffled/g_patent.tsv', ...CURRENT.slice(1)]));
    expect(shuffled.records.map(core)).toEqual(result.records.map(core));
    expect(shuffled.records.map((r) => r.abstract)).toEqual(result.records.map((r) => r.abstract));
    expect(shuffled.rejected.map((r) => [r.line, r.reason])).toEqual(result.rejected.map((r) => [r.line, r.reason]));
  });

  test('progress is reported across the files, and keepText: false leaves the texts out', async () => {
    const seen: number[] = [];
    const r = await importPatentsView(files(CURRENT, 100), { keepText: false, onProgress: (n) => seen.push(n) });
    const total = CURRENT.reduce((t, n) => t + text(n).length, 0);
    expect(seen[seen.length - 1]).toBe(total);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(r.records.every((x) => x.title === undefined && x.abstract === undefined)).toBe(true);
  });
});

describe('the pre-2022 layout, unquoted', () => {
  test('the same records from patent.tsv, application.tsv and ipcr.tsv; stray quotes are plain text', async () => {
    const current = await importPatentsView(files(CURRENT));
    const older = await importPatentsView(
      files([
        'older/patent.tsv',
        'older/application.tsv',
        'older/ipcr.tsv',
        'g_assignee_disambiguated.tsv',
        'g_inventor_disambiguated.tsv',
        'g_cpc_current.tsv',
      ]),
    );
    expect(older.file).toBe('older/patent.tsv');
    // patent.tsv has no multi-line abstract, so lines after it are one lower.
    const lines = (r: ImportResult) => r.records.map((x) => ({ ...core(x), sources: undefined }));
    expect(lines(older)).toEqual(lines(current));
    const m = byPatent(older);
    expect(m.get('10123456')?.title).toBe('Method of bonding 12" semiconductor wafers');
    expect(m.get('10234567')?.title).toBe('"Barista" portable espresso press');
    expect(older.rejected.map((r) => r.reason)).toEqual([
      '10456789 was withdrawn from issue: it never took effect',
      expect.stringMatching(/^D870123: a design patent/),
      expect.stringMatching(/^RE48012: a reissue/),
      'patent "10999999" is not in g_patent: row not joined',
      '10567890: no g_application row: no application number or filing date',
      '10789012: filing date "2019-02-30" is not a date (older/application.tsv line 9)',
    ]);
  });

  test('the pre-2022 cpc_current.tsv layout gives the same CPC stand-in', async () => {
    const legacyCpc = [
      'uuid\tpatent_id\tsection_id\tsubsection_id\tgroup_id\tsubgroup_id\tcategory\tsequence',
      'c1\t10345678\tY\tY02\tY02T\tY02T10/72\tadditional\t1',
      'c2\t10345678\tG\tG05\tG05D\tG05D1/0246\tinventive\t0',
      '',
    ].join('\n');
    const r = await importPatentsView([
      ...files(CURRENT.slice(0, 4)),
      { name: 'cpc_current.tsv', chunks: [legacyCpc] },
    ]);
    expect(byPatent(r).get('10345678')?.ipc).toEqual(['G05D 1/0246']);
    expect(r.rejected.filter((x) => x.file === 'cpc_current.tsv')).toEqual([]);
  });

  test('quoting forced on an unquoted file: the stray quote swallows the row, and it is reported', async () => {
    const r = await importPatentsView(files(['older/patent.tsv', ...CURRENT.slice(1)]), { quotes: true });
    expect(r.rejected.some((x) => x.file === 'older/patent.tsv' && /after a closing quote/.test(x.reason))).toBe(true);
  });
});

describe('tables and columns', () => {
  test('each table is recognised from its header, not its name', () => {
    const header = (name: string) => text(name).split('\n')[0].split('\t');
    expect(CURRENT.map((n) => sniffPatentsViewTable(header(n)))).toEqual([
      'patent',
      'application',
      'assignee',
      'inventor',
      'ipc',
      'cpc',
    ]);
    expect(
      ['older/patent.tsv', 'older/application.tsv', 'older/ipcr.tsv'].map((n) => sniffPatentsViewTable(header(n))),
    ).toEqual(['patent', 'application', 'ipc']);
    expect(sniffPatentsViewTable(['uuid', 'patent_id', 'section_id', 'subsection_id', 'group_id', 'subgroup_id'])).toBe(
      'cpc',
    );
    expect(sniffPatentsViewTable(['company', 'industry', 'fiscal_year'])).toBeUndefined();
    expect(sniffPatentsViewTable(['patent_id', 'citation_patent_id', 'citation_date'])).toBeUndefined();
  });

  test('renamed files are read by their headers', async () => {
    const renamed = CURRENT.map((name, i) => ({ name: `part-${i}.txt`, chunks: [text(name)] }));
    const r = await importPatentsView(renamed, { file: 'patentsview-2024' });
    expect(r.file).toBe('patentsview-2024');
    expect(r.records).toHaveLength(4);
    expect(r.records[0].sources[0].file).toBe('part-0.txt');
  });

  test('a missing required table is one rejection and nothing is joined', async () => {
    const r = await importPatentsView(files(['g_patent.tsv', 'g_assignee_disambiguated.tsv']));
    expect(r.records).toEqual([]);
    expect(r.rejected).toEqual([
      { file: 'g_patent.tsv', line: 1, reason: expect.stringMatching(/^no g_application .* nothing joined$/) },
    ]);
  });

  test('a file that is no PatentsView table, and a table without a required column, are reported and not read', async () => {
    const noFiling = text('g_application.tsv').replace('"filing_date"', '"filed_on"');
    const r = await importPatentsView([
      ...files(['g_patent.tsv', 'g_assignee_disambiguated.tsv']),
      { name: 'notes.tsv', chunks: ['company\tindustry\nKitano\telectrical\n'] },
      { name: 'app.tsv', chunks: [noFiling] },
    ]);
    expect(r.rejected.slice(0, 2)).toEqual([
      { file: 'notes.tsv', line: 1, reason: expect.stringMatching(/^header not recognised as a PatentsView table/) },
      {
        file: 'app.tsv',
        line: 1,
        field: 'filing_date',
        reason: 'application table without column(s) filing_date: file not read',
      },
    ]);
    expect(r.records).toEqual([]);
  });

  test('rows of unknown patents past a thousand are counted in one line, not listed', async () => {
    const extra = Array.from(
      { length: 1005 },
      (_, i) => `"2${String(i).padStart(7, '0')}"\t"0"\t"x"\t""\t""\t"Ghost Co."\t"2"\t""`,
    );
    const assignees = `${text('g_assignee_disambiguated.tsv')}${extra.join('\n')}\n`;
    const r = await importPatentsView([
      ...files(['g_patent.tsv', 'g_application.tsv']),
      { name: 'g_assignee_disambiguated.tsv', chunks: [assignees] },
    ]);
    const unjoined = r.rejected.filter((x) => x.file === 'g_assignee_disambiguated.tsv');
    expect(unjoined).toHaveLength(1001);
    expect(unjoined[1000].reason).toBe('6 more rows not listed, like line 7: patent_id not in g_patent');
  });

  test('cancelling stops the import', async () => {
    await expect(importPatentsView(files(CURRENT, 50), { cancel: { cancelled: true } })).rejects.toThrow(
      ImportCancelled,
    );
  });

  test('a PatentsView patent and the ppubs publication of its application merge by application number', async () => {
    const pv = await importPatentsView(files(CURRENT));
    const ppubs = await importUsptoPpubs(
      [
        JSON.stringify([
          {
            guid: 'US-20180300001-A1',
            type: 'US-PGPUB',
            kindCode: ['A1'],
            publicationReferenceDocumentNumber: '20180300001',
            applicationNumber: '15/987,654',
            applicationFilingDate: ['2018-05-21T00:00:00Z'],
            applicantName: ['Kitano Electric Co., Ltd.'],
            inventorsName: ['Sato; Haruka'],
            ipcCodeFlattened: 'H01L21/762',
          },
        ]),
      ],
      { file: 'ppubs.json' },
    );
    const m = mergeRecords([pv, ppubs]);
    expect(m.conflicts).toEqual([]);
    const merged = m.records.find((r) => r.applicationNumber === 'US15987654');
    expect(merged).toMatchObject({ publicationNumber: '20180300001', registrationNumber: '10123456' });
    expect(merged?.sources.map((s) => s.file)).toEqual(['g_patent.tsv', 'g_application.tsv', 'ppubs.json']);
  });
});

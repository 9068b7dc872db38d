/**
 * The task pane's Office.js renderer against a recording Excel double (test/helpers/fakeExcel.ts) and the
 * Office global from office-addin-mock: how many syncs a build takes, how large each request is, that text
 * stays text, and that building again rewrites the sheets in place.
 */
import { readFileSync } from 'fs';
import { OfficeMockObject } from 'office-addin-mock';
import { importCanonical } from '../src/core/patents/importers/canonical';
import type { Consolidation } from '../src/core/patents/names';
import type { PatentRecord } from '../src/core/patents/record';
import { buildPatentsSheet } from '../src/core/workbook/patentsSheet';
import { newSheet, setCell, type WorkbookModel } from '../src/core/workbook/model';
import { renderWorkbook } from '../src/taskpane/renderOffice';
import { evaluationNaming, formulaRenamer, qualifiedSheetName } from '../src/taskpane/sheetNaming';
import { DEFAULT_PARAMETERS, Session } from '../src/taskpane/session';
import { createFakeExcel, type FakeExcel } from './helpers/fakeExcel';
import { SAMPLES } from './helpers/evaluate';

// office-addin-mock reads only the OfficeApp names from office-addin-manifest, whose dependencies ship as ES
// modules jest does not load; the names are given here.
jest.mock(require.resolve('office-addin-manifest', { paths: [require.resolve('office-addin-mock')] }), () => ({
  OfficeApp: {
    Excel: 'excel',
    OneNote: 'onenote',
    Outlook: 'outlook',
    PowerPoint: 'powerpoint',
    Project: 'project',
    Word: 'word',
  },
}));

type Run = (cb: (ctx: Excel.RequestContext) => Promise<unknown>) => Promise<unknown>;

function fakeHost(opts: Parameters<typeof createFakeExcel>[0] = {}): { run: Run; fake: FakeExcel } {
  const { Excel, fake } = createFakeExcel(opts);
  // The Office global as office-addin-mock models it: the renderer's callers ask it for requirement sets.
  (globalThis as unknown as { Office: unknown }).Office = new OfficeMockObject({
    context: { displayLanguage: 'ja-JP', requirements: { isSetSupported: () => true } },
  });
  return { run: (Excel as { run: Run }).run, fake };
}

const text = (f: string): { name: string; text: string } => ({
  name: f,
  text: readFileSync(`${SAMPLES}/${f}`, 'utf8'),
});

/** financials.csv with only the fiscal years from `from` on. */
function financialsFrom(from: number): { name: string; text: string } {
  const lines = text('financials.csv').text.trimEnd().split('\n');
  const fy = lines[0].split(',').indexOf('fiscal_year');
  return {
    name: 'financials.csv',
    text: [lines[0], ...lines.slice(1).filter((l) => Number(l.split(',')[fy]) >= from)].join('\n') + '\n',
  };
}

async function sampleSession(withPatents: boolean, from = 0): Promise<Session> {
  const s = new Session();
  s.setFinancials(from ? financialsFrom(from) : text('financials.csv'));
  s.setMarket(text('market.csv'));
  if (withPatents) {
    const p = text('patents.csv');
    s.addPatents(await importCanonical([p.text], { file: p.name, keepText: true }));
    s.setAliases(text('aliases.csv'));
  }
  return s;
}

describe('sheet naming', () => {
  test('company sheets by company, industry sheets by industry, within 31 characters', () => {
    expect(qualifiedSheetName('Evaluation', 'Kitano Electric')).toBe('Evaluation (Kitano Electric)');
    // "Evaluation (" is 12 characters, ")" one, "~" and a 4-character tag five: 31 − 18 = 13 of the name.
    const long = qualifiedSheetName('Evaluation', 'Amane Household Chemicals Holdings');
    expect(long.length).toBeLessThanOrEqual(31);
    expect(long.startsWith('Evaluation (Amane Househo~')).toBe(true);
    expect(qualifiedSheetName('Evaluation', 'Amane Household Chemicals Holdings')).toBe(long);
    expect(qualifiedSheetName('Evaluation', 'Amane Household Chemicals Group')).not.toBe(long);
    expect(qualifiedSheetName('Inputs', 'a/b:c')).toBe('Inputs (a_b_c)');
  });

  test('formulas follow the renaming, quoted where the new name needs it', () => {
    const ev = newSheet('Evaluation');
    ev.scope = 'company';
    const model: WorkbookModel = {
      sheets: [ev, newSheet('Inputs'), newSheet('Industry')],
      mode: 'portable',
      title: '',
    };
    const rename = formulaRenamer(model, evaluationNaming('Kitano Electric', 'electrical'));
    expect(rename('Inputs!E5/Industry!$C$9+MyInputs!A1')).toBe(
      "'Inputs (electrical)'!E5/'Industry (electrical)'!$C$9+MyInputs!A1",
    );
  });
});

describe('renderWorkbook', () => {
  test('the number of syncs does not depend on the number of years', async () => {
    const syncsFor = async (from: number): Promise<{ syncs: number; years: number }> => {
      const s = await sampleSession(false, from);
      const ev = s.evaluate('Kitano Electric', DEFAULT_PARAMETERS);
      const { run, fake } = fakeHost();
      const report = (await run((ctx) => renderWorkbook(ctx, ev.workbook.model))) as { syncs: number };
      expect(fake.syncBytes.length).toBe(report.syncs);
      // Every batch suspended calculation and screen updating; the last one calculates.
      expect(fake.calls.suspendCalc).toBe(report.syncs - 1);
      expect(fake.calls.suspendScreen).toBe(report.syncs - 1);
      expect(fake.calls.calculate).toBe(1);
      return { syncs: report.syncs, years: ev.workbook.evaluation.colOfYear.size };
    };
    const eight = await syncsFor(0);
    const four = await syncsFor(2020);
    expect(eight.years).toBe(8); // FY2016–FY2023
    expect(four.years).toBe(4); // FY2020–FY2023
    expect(four.syncs).toBe(eight.syncs);
    // discover, prepare, cells and layout, calculate: a new workbook takes four.
    expect(eight.syncs).toBe(4);
  });

  test('a 100,000-row Patents table goes in chunks, each request under 5 MB', async () => {
    const records: PatentRecord[] = [];
    for (let i = 0; i < 100_000; i += 1) {
      const y = 2004 + (i % 20);
      records.push({
        applicationNumber: `JP${y}${String(i).padStart(6, '0')}`,
        publicationNumber: `JP${y + 1}-${String(i).padStart(6, '0')}A`,
        filingDate: `${y}-0${1 + (i % 9)}-1${i % 10}`,
        applicants: ['北野電機株式会社', 'KITANO ELECTRIC CORPORATION'],
        inventors: ['松尾 理恵', '加藤 蓮'],
        ipc: ['H01L 21/02', 'G06F 17/60'],
        claims: 1 + (i % 20),
        registrationDate: i % 3 ? `${y + 4}-05-01` : undefined,
        kind: 'patent',
        title: `高感度容器本体を備えた半導体装置及びその製造方法 第${i}号`,
        sources: [{ file: 'patents.csv', line: i + 2 }],
      });
    }
    const names: Consolidation = { nameOf: () => 'Kitano Electric', merged: new Map() };
    const sheet = buildPatentsSheet(records, names);
    const model: WorkbookModel = { sheets: [sheet], mode: 'portable', title: 'big' };
    const { run, fake } = fakeHost({ storeCells: false });
    const report = (await run((ctx) => renderWorkbook(ctx, model))) as { syncs: number; batches: number[] };
    const total = fake.syncBytes.reduce((a, b) => a + b, 0);
    // 100,001 rows × 17 columns of text with its "@" format: well over one request's worth.
    expect(total).toBeGreaterThan(5 * 1024 * 1024 * 4);
    expect(Math.max(...fake.syncBytes)).toBeLessThan(5 * 1024 * 1024);
    // The renderer's own estimate is close to what the double measured (within 10 %).
    const estimate = report.batches.reduce((a, b) => a + b, 0);
    expect(Math.abs(estimate - total) / total).toBeLessThan(0.1);
    expect(report.syncs).toBeGreaterThan(5);
    const ws = fake.sheets.get('Patents');
    expect(ws?.tables).toEqual([{ name: 'PatentRecords', address: 'A1:Q100001', style: 'TableStyleLight9' }]);
    expect(ws?.frozen).toEqual({ rows: 1, columns: 1 });
  }, 60_000);

  test('text that looks like a formula, a date or a number stays text; formulas stay formulas', async () => {
    const sheet = newSheet('Audit');
    const texts = ['=HYPERLINK("http://x","y")', '+81 3 1234', '-abc', '@home', '2004-01-05', '00123', 'TRUE'];
    texts.forEach((t, i) => setCell(sheet, i + 1, 1, { value: t, style: 'text' }));
    setCell(sheet, 1, 2, { value: 42, style: 'count' });
    setCell(sheet, 2, 2, { formula: 'B1*2', result: 84, style: 'count' });
    const { run, fake } = fakeHost();
    await run((ctx) => renderWorkbook(ctx, { sheets: [sheet], mode: 'portable', title: '' }));
    const cells = fake.sheets.get('Audit')?.cells;
    texts.forEach((t, i) => expect(cells?.get(`A${i + 1}`)).toEqual({ value: t, numberFormat: '@' }));
    expect(cells?.get('B1')).toEqual({ value: 42, numberFormat: '#,##0' });
    expect(cells?.get('B2')).toEqual({ formula: '=B1*2', numberFormat: '#,##0' });

    // The double is strict: the same strings written without the Text format are taken as Excel takes them.
    const { run: run2, fake: fake2 } = fakeHost();
    await run2(async (ctx) => {
      const ws = ctx.workbook.worksheets.add('Raw');
      ws.getRange('A1:A7').formulas = texts.map((t) => [t]);
      await ctx.sync();
    });
    const raw = fake2.sheets.get('Raw')?.cells;
    expect(raw?.get('A1')?.formula).toBe('=HYPERLINK("http://x","y")');
    expect(raw?.get('A3')?.formula).toBe('-abc');
    // 2004-01-05: 2000-01-01 is serial 36,526; + 366 + 3 × 365 = 37,987 for 2004-01-01; + 4 days.
    expect(raw?.get('A5')?.value).toBe(37991);
    expect(raw?.get('A6')?.value).toBe(123);
  });

  test('building again rewrites in place; another company gets its own Evaluation sheet', async () => {
    const s = await sampleSession(true);
    const params = { ...DEFAULT_PARAMETERS };
    const kitano = s.evaluate('Kitano Electric', params);
    const { run, fake } = fakeHost();
    const naming = evaluationNaming('Kitano Electric', 'electrical');
    const first = (await run((ctx) => renderWorkbook(ctx, kitano.workbook.model, { naming }))) as { sheets: string[] };
    expect(first.sheets).toEqual([
      'Evaluation (Kitano Electric)',
      'Industry (electrical)',
      'Portfolio (Kitano Electric)',
      'Statistics (electrical)',
      'Patents (electrical)',
      'Inputs (electrical)',
    ]);
    const snapshot = (): string => JSON.stringify(fake.snapshot());
    const once = snapshot();
    const ev = fake.sheets.get('Evaluation (Kitano Electric)');
    const groupedOnce = ev?.rowLevels.size ?? 0;
    expect(groupedOnce).toBeGreaterThan(0);
    expect(ev?.charts.map((c) => c.name)).toEqual(kitano.workbook.model.sheets[0].charts?.map((c) => c.name));

    await run((ctx) => renderWorkbook(ctx, kitano.workbook.model, { naming }));
    expect([...fake.sheets.keys()]).toEqual(first.sheets);
    // Same cells, tables, charts, freeze panes, conditional formats; row groups not nested.
    expect(snapshot()).toBe(once);
    expect([...(ev?.rowLevels.values() ?? [])].every((l) => l === 1)).toBe(true);

    const other = s.evaluate('Aoyama Electronics', params);
    await run((ctx) =>
      renderWorkbook(ctx, other.workbook.model, { naming: evaluationNaming('Aoyama Electronics', 'electrical') }),
    );
    // The Portfolio sheet lays out the company's own subclasses, so each company gets its own.
    expect([...fake.sheets.keys()]).toEqual([
      ...first.sheets,
      'Evaluation (Aoyama Electronics)',
      'Portfolio (Aoyama Electronics)',
    ]);
    const aoyama = fake.sheets.get('Evaluation (Aoyama Electronics)');
    const refs = [...(aoyama?.cells.values() ?? [])].map((c) => c.formula ?? '').filter((f) => f.includes('!'));
    expect(refs.length).toBeGreaterThan(100);
    expect(refs.every((f) => !/(^|[^'A-Za-z])(Inputs|Industry|Statistics)!/.test(f))).toBe(true);
    expect(refs.some((f) => f.includes("'Industry (electrical)'!"))).toBe(true);
    expect(refs.some((f) => f.includes("'Portfolio (Aoyama Electronics)'!"))).toBe(true);
    expect(refs.some((f) => f.includes('Kitano'))).toBe(false);
    expect(fake.sheets.get('Patents (electrical)')?.tables.map((t) => t.name)).toEqual(['PatentRecords_electrical']);
  }, 60_000);
});

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
import { newSheet, setCell, type Sheet, type WorkbookModel } from '../src/core/workbook/model';
import { documentKeywords } from '../src/core/text-mining/keywords';
import { renderWorkbook } from '../src/taskpane/renderOffice';
import { evaluationNaming, formulaRenamer, qualifiedSheetName } from '../src/taskpane/sheetNaming';
import { DEFAULT_PARAMETERS, Session, type KeywordExtractor } from '../src/taskpane/session';
import { createFakeExcel, type FakeExcel } from './helpers/fakeExcel';
import { FIXTURES, SAMPLES } from './helpers/evaluate';
import { KEYWORD_PATENTS } from './helpers/keywordCorpus';

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

describe('Block 3 charts (figures 15–18) and the Parameters step', () => {
  /** The value the model holds at `addr` of `sheet` (a formula's computed result). */
  const valueAt = (sheet: Sheet, addr: string): unknown => {
    const m = /^([A-Z]+)(\d+)$/.exec(addr) as RegExpExecArray;
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const cell = sheet.cells.get(Number(m[2]))?.get(col);
    return cell && 'formula' in cell && cell.formula !== undefined ? cell.result : cell?.value;
  };
  /** The values of a one-column range such as "D25:D26". */
  const columnValues = (sheet: Sheet, range: string): unknown[] => {
    const [a, b] = range.split(':');
    const col = a.replace(/\d+/, '');
    const out: unknown[] = [];
    for (let r = Number(a.replace(/\D+/, '')); r <= Number(b.replace(/\D+/, '')); r += 1)
      out.push(valueAt(sheet, `${col}${r}`));
    return out;
  };

  test('PKA, PSI and PDI charts over the section rows; thresholds and k from the pane reach the keyword side', async () => {
    const s = new Session();
    s.setFinancials({ name: 'financials-small.csv', text: readFileSync(`${FIXTURES}/financials-small.csv`, 'utf8') });
    s.setMarket({ name: 'market-small.csv', text: readFileSync(`${FIXTURES}/market-small.csv`, 'utf8') });
    s.addPatents(await importCanonical([KEYWORD_PATENTS], { file: 'patents.csv', keepText: true }));
    const extract: KeywordExtractor = async (texts) => ({
      keywords: texts.map((t) => documentKeywords(t, undefined)),
    });
    // Lift ≥ 2 instead of the default 5 (the CLI's --pka-min-lift 2): pump and laser, both lift 2.5.
    const params = { ...DEFAULT_PARAMETERS, cutoff: '2022-12-31', pkaMinLift: 2 };
    const ev = s.evaluate('Alpha Denki', params, await s.keywordSide(params, extract));
    expect(ev.json.indicators.KEYWORD_COUNT.latest).toBe(2);
    expect(ev.json.parameters.pka_thresholds).toEqual({ min_own_rate: 5, min_lift: 2, min_own_documents: 3 });
    const { run, fake } = fakeHost();
    const naming = evaluationNaming('Alpha Denki', ev.json.industry);
    await run((ctx) => renderWorkbook(ctx, ev.workbook.model, { naming }));
    const model = ev.workbook.model.sheets[0];
    const ws = fake.sheets.get('Evaluation (Alpha Denki)');
    const charts = ws?.charts ?? [];
    expect(charts.map((c) => c.name).slice(-4)).toEqual(['IPB_Fig18', 'IPB_Fig17', 'IPB_Fig15', 'IPB_Fig16']);
    const chart = (name: string) => charts.find((c) => c.name === name) as (typeof charts)[number];
    // The row of a section table's title (column A starts with its ID); its data starts two rows below.
    const titleRow = (id: string): number =>
      Number(
        [...(ws?.cells.entries() ?? [])]
          .find(([a, c]) => /^A\d+$/.test(a) && String(c.value ?? '').startsWith(`${id}  `))?.[0]
          .slice(1),
      );

    // 図17: keywords ranked 1, 2 on the PKA rows; own rate 4/4 = 100 % and 3/4 = 75 %, corpus rate 4/10 and 3/10.
    const pka = titleRow('PKA') + 2;
    const f17 = chart('IPB_Fig17');
    expect(f17.type).toBe('BarClustered');
    expect(f17.by).toBe('Columns');
    expect(f17.categoriesReversed).toBe(true);
    expect(f17.series.map((x) => [x.values, x.xValues])).toEqual([
      [`D${pka}:D${pka + 1}`, `B${pka}:B${pka + 1}`],
      [`E${pka}:E${pka + 1}`, `B${pka}:B${pka + 1}`],
    ]);
    expect(columnValues(model, `B${pka}:B${pka + 1}`)).toEqual(['pump', 'laser']);
    expect(columnValues(model, `D${pka}:D${pka + 1}`)).toEqual([100, 75]);
    expect(columnValues(model, `E${pka}:E${pka + 1}`)).toEqual([40, 30]);
    // The cells are lookups on the Keywords sheet, so the chart follows the threshold cells.
    expect(ws?.cells.get(`D${pka}`)?.formula).toContain("'Keywords (Alpha Denki)'!");

    // 図15: 2019 has A2 typical and A1 exceptional of 2 (50 % each); 2020 neither (A3, A4 at 75 %, inside the bounds).
    const psi = titleRow('PSI') + 2;
    const f15 = chart('IPB_Fig15');
    expect(f15.type).toBe('ColumnClustered');
    expect(f15.series.map((x) => [x.values, x.xValues, x.chartType, x.axisGroup])).toEqual([
      [`C${psi}:C${psi + 1}`, `A${psi}:A${psi + 1}`, undefined, undefined],
      [`D${psi}:D${psi + 1}`, `A${psi}:A${psi + 1}`, undefined, undefined],
      [`E${psi}:E${psi + 1}`, `A${psi}:A${psi + 1}`, 'LineMarkers', 'Secondary'],
      [`F${psi}:F${psi + 1}`, `A${psi}:A${psi + 1}`, 'LineMarkers', 'Secondary'],
    ]);
    expect(columnValues(model, `A${psi}:A${psi + 1}`)).toEqual([2019, 2020]);
    expect(f15.series.map((x) => columnValues(model, x.values as string))).toEqual([
      [1, 0],
      [1, 0],
      [50, 0],
      [50, 0],
    ]);

    // 図16: of Alpha's 4 applications A4 is high (PSI_ALL 40 > 39.16), A1 low (26.667 < 28.51), 2 other.
    const comp = titleRow('PSI_COMPOSITION') + 2;
    const f16 = chart('IPB_Fig16');
    expect([f16.type, f16.by, f16.percentLabels]).toEqual(['Pie', 'Columns', true]);
    expect(f16.series.map((x) => [x.values, x.xValues])).toEqual([[`C${comp}:C${comp + 2}`, `A${comp}:A${comp + 2}`]]);
    expect(columnValues(model, `C${comp}:C${comp + 2}`)).toEqual([25, 25, 50]);

    // 図18: top subclasses by claims. 2019: F04B alone (A1, A2: 100 %); 2020: F04B (A3) and H02K (A4), 5 claims
    // each, 50 % each (ties by code). One series a year over its rows of PORTFOLIO, ranks across.
    const pf = titleRow('PORTFOLIO') + 2;
    const f18 = chart('IPB_Fig18');
    const window = f18.series.map((x) => x.name);
    expect(window).toEqual(['2019', '2020']);
    expect(f18.series.map((x) => [x.values, x.xValues])).toEqual([
      [`F${pf}:F${pf}`, `B${pf + 1}:B${pf + 2}`],
      [`F${pf + 1}:F${pf + 2}`, `B${pf + 1}:B${pf + 2}`],
    ]);
    expect(f18.series.map((x) => columnValues(model, x.values as string))).toEqual([[100], [50, 50]]);
    expect(columnValues(model, `C${pf}:C${pf + 2}`)).toEqual(['F04B', 'F04B', 'H02K']);

    // No chart covers another: each starts below the one before it in the same column of charts.
    const top = (a: string): number => Number(a.replace(/\D+/, ''));
    const sorted = [...charts].sort((a, b) => top(a.from as string) - top(b.from as string));
    sorted.slice(1).forEach((c, i) => expect(top(c.from as string)).toBeGreaterThan(top(sorted[i].to as string)));

    // k = 2 (the CLI's --psi-sd 2): bounds mean ± 2·SD take in every application, nothing typical or exceptional.
    const wide = { ...params, psiSd: 2 };
    const ev2 = s.evaluate('Alpha Denki', wide, await s.keywordSide(wide, extract));
    expect(ev2.json.parameters.psi_sd_multiple).toBe(2);
    expect((ev2.json.tables.PSI as { composition?: unknown } | undefined)?.composition).toEqual(
      expect.objectContaining({ high: 0, low: 0, other: 4 }),
    );
  });

  test('base_year_rnd from the pane: empty is the first FY every peer covers; a year moves the cumulative R&D', async () => {
    const s = await sampleSession(true);
    const byDefault = s.evaluate('Kitano Electric', DEFAULT_PARAMETERS);
    // The sample's electrical companies all cover FY2016–FY2023.
    expect(byDefault.json.parameters.base_year_rnd).toBe(2016);
    const later = s.evaluate('Kitano Electric', { ...DEFAULT_PARAMETERS, baseYearRnd: 2018 });
    expect(later.json.parameters.base_year_rnd).toBe(2018);
    // APP_PRODUCTIVITY_3 of FY n cumulates R&D from the base FY to FY n−1: from 2018, FY2018 has no year to cumulate.
    const ap3 = (e: typeof later): Record<string, unknown> =>
      e.json.indicators.APP_PRODUCTIVITY_3 as unknown as Record<string, unknown>;
    expect(typeof ap3(byDefault)['2018']).toBe('number');
    expect(ap3(later)['2018']).toBeNull();
    expect(typeof ap3(later)['2019']).toBe('number');
    // FY2019 over 2018's R&D alone is larger than over 2016–2018's.
    expect(ap3(later)['2019'] as number).toBeGreaterThan(ap3(byDefault)['2019'] as number);
  });
});

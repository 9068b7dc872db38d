/**
 * Block 3's layout: row heights for wrapped headers and titles (in the model, drawn by both renderers), long
 * subclass titles shortened on Evaluation (whole in the note and on Portfolio), and the claims' number format
 * (whole numbers unless a joint application's claims were divided into fractions).
 */
import { mkdtempSync, writeFileSync } from 'fs';
import ExcelJS from 'exceljs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../src/cli/main';
import { toExcelJs } from '../src/cli/renderXlsx';
import { clipToLines, wrappedLines } from '../src/core/workbook/rowFit';
import { newSheet, setCell, type Sheet } from '../src/core/workbook/model';
import { renderWorkbook } from '../src/taskpane/renderOffice';
import { createFakeExcel } from './helpers/fakeExcel';
import { FIXTURES } from './helpers/evaluate';

describe('wrapped text estimates', () => {
  test('lines of a column: explicit breaks, word wrap, CJK at two units a character', () => {
    // "出願年\nYear": two explicit lines, each far inside 12 characters.
    expect(wrappedLines('出願年\nYear', 12)).toBe(2);
    // "DYNAMO-" 6 capitals × 1.1 + 1 = 7.6, "ELECTRIC " 8 × 1.1 + 1 = 9.8, "MACHINES" 8 × 1.1 = 8.8: 26.2 in all.
    // Width 27 leaves room for 25.5 (1.5 of padding): "MACHINES" goes to a second line; width 28 (26.5) holds all.
    expect(wrappedLines('DYNAMO-ELECTRIC MACHINES', 27)).toBe(2);
    expect(wrappedLines('DYNAMO-ELECTRIC MACHINES', 28)).toBe(1);
    // Room 12 − 1.5 = 10.5. "サブクラス内シェア " is 9 × 2 + 1 = 19: one full line and 8.5 over; "%" makes 9.5.
    expect(wrappedLines('サブクラス内シェア %', 12)).toBe(2);
  });

  test('clipping to lines cuts at a word and adds an ellipsis', () => {
    // Each "ABCD " is 4 × 1.1 + 1 = 5.4 wide; room 14 − 1.5 = 12.5 holds two a line (10.8; three are 16.2).
    // Ten words are five lines; on two go "ABCD ABCD" and "ABCD ABCD…" ("ABCD…" is 4.4 + 1 = 5.4 too).
    const text = Array.from({ length: 10 }, () => 'ABCD').join(' ');
    expect(wrappedLines(text, 14)).toBe(5);
    expect(clipToLines(text, 14, 2)).toBe('ABCD ABCD ABCD ABCD…');
    expect(clipToLines('ABCD ABCD', 14, 2)).toBe('ABCD ABCD');
  });
});

const PATENTS = [
  'application_number,filing_date,applicants,ipc,claims',
  'P1,2017-03-01,Alpha Denki,H01M 4/00,10',
  'P2,2017-04-01,Beta Seiki,B01D 53/14,5',
  'P3,2017-05-01,Gamma Kogyo,G06F 17/00,3',
  'P4,2018-02-01,Alpha Denki,H01M 8/00,10',
  'P5,2018-03-01,Alpha Denki;Beta Seiki,B01D 53/62,JOINT',
  'P6,2018-06-01,Gamma Kogyo,H01M 10/00;G06F 1/00,4',
  'P7,2019-01-10,ALPHA DENKI,H01M 4/00;H01M 8/04,20',
  'P8,2019-02-01,Beta Seiki,B01D 53/14,8',
  'P9,2019-03-01,Gamma Kogyo,G06F 3/00,2',
  'P10,2020-04-01,Alpha Denki,H01M 4/00;C01B 32/50,12',
  'P11,2020-05-01,Beta Seiki,B01D 53/14,4',
  'P12,2020-06-01,Gamma Kogyo,G06F 3/00,6',
].join('\n');

/** The workbook of Alpha Denki, with P5's claims (shared by two applicants) set to `jointClaims`. */
async function workbook(jointClaims: number): Promise<ExcelJS.Workbook> {
  const dir = mkdtempSync(join(tmpdir(), 'ipb-layout-'));
  writeFileSync(join(dir, 'patents.csv'), `${PATENTS.replace('JOINT', String(jointClaims))}\n`);
  const out = join(dir, 'a.xlsx');
  const code = await main(
    [
      'evaluate',
      ...['--financials', `${FIXTURES}/financials-small.csv`, '--market', `${FIXTURES}/market-small.csv`],
      ...['--company', 'Alpha Denki', '--patents', join(dir, 'patents.csv'), '--cutoff', '2022-12-31'],
      ...['--out', out, '--quiet'],
    ],
    { out: () => undefined, err: () => undefined },
  );
  expect(code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  return wb;
}

function rowStarting(ws: ExcelJS.Worksheet, prefix: string): number {
  for (let r = 1; r <= ws.rowCount; r += 1) if (String(ws.getCell(r, 1).value ?? '').startsWith(prefix)) return r;
  throw new Error(`no row starting ${prefix}`);
}

describe('the PORTFOLIO table and the Portfolio sheet in the file', () => {
  test('claims are whole numbers when every joint application divides evenly', async () => {
    // P5's 6 claims over two applicants: 3 each, so every amount of the corpus is whole.
    const wb = await workbook(6);
    const ev = wb.getWorksheet('Evaluation') as ExcelJS.Worksheet;
    const top = rowStarting(ev, 'PORTFOLIO');
    // The header is two lines (Japanese, English) at least: 2 × 15 + 3 points.
    expect(ev.getRow(top + 1).height).toBeGreaterThanOrEqual(33);
    expect(ev.getCell(top + 1, 5).alignment?.wrapText).toBe(true);
    expect(ev.getCell(top + 2, 5).numFmt).toBe('#,##0');
    const pf = wb.getWorksheet('Portfolio') as ExcelJS.Worksheet;
    const market = rowStarting(pf, '市場 Market') + 1;
    expect(pf.getCell(market + 1, 3).numFmt).toBe('#,##0');
    // Shares are fractions shown as percentages: the value is still the fraction HHI squares.
    expect(pf.getCell(market + 1, 8).numFmt).toBe('0.0%;[Red]-0.0%');
    expect(pf.getRow(market).height).toBeGreaterThan(15);
  });

  test('claims take one decimal when a joint application divides them into halves', async () => {
    // P5's 7 claims over two applicants: 3.5 each.
    const wb = await workbook(7);
    const ev = wb.getWorksheet('Evaluation') as ExcelJS.Worksheet;
    const top = rowStarting(ev, 'PORTFOLIO');
    expect(ev.getCell(top + 2, 5).numFmt).toBe('#,##0.0');
    // The company's 2018 B01D amount is 3.5 on the Portfolio sheet, written with that format.
    const pf = wb.getWorksheet('Portfolio') as ExcelJS.Worksheet;
    const market = rowStarting(pf, '市場 Market') + 1;
    let col2018 = 0;
    for (let c = 3; c <= 6; c += 1) if (String(pf.getCell(market, c).value) === '2018') col2018 = c;
    expect(col2018).toBeGreaterThan(0);
    let found = false;
    for (let r = market + 1; r <= pf.rowCount; r += 1) {
      if (pf.getCell(r, 1).value === 'B01D' && pf.getCell(r, 2).value === 'Alpha Denki') {
        expect(pf.getCell(r, col2018).value).toBe(3.5);
        expect(pf.getCell(r, col2018).numFmt).toBe('#,##0.0');
        found = true;
      }
    }
    expect(found).toBe(true);
  });
});

describe('row heights and top alignment are drawn by both renderers', () => {
  function sample(): Sheet {
    const sheet = newSheet('Layout');
    sheet.columnWidths.set(2, 14);
    const long = Array.from({ length: 10 }, () => 'ABCD').join(' ');
    setCell(sheet, 1, 1, { value: '年\nYear', style: 'header' });
    setCell(sheet, 2, 1, { value: 2019, style: 'centerTop' });
    setCell(sheet, 2, 2, { value: long, style: 'titleTop' });
    sheet.rowHeights = new Map([
      [1, 33],
      [2, 78],
    ]);
    return sheet;
  }

  test('ExcelJS', () => {
    const ws = toExcelJs({ sheets: [sample()], mode: 'portable', title: '' }).getWorksheet('Layout');
    expect(ws?.getRow(1).height).toBe(33);
    expect(ws?.getRow(2).height).toBe(78);
    expect(ws?.getCell('B2').alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(ws?.getCell('A2').alignment).toMatchObject({ horizontal: 'center', vertical: 'top' });
    expect(ws?.getCell('A1').alignment).toMatchObject({ wrapText: true, vertical: 'middle' });
  });

  test('Office.js', async () => {
    const { Excel, fake } = createFakeExcel();
    type Run = (cb: (ctx: Excel.RequestContext) => Promise<unknown>) => Promise<unknown>;
    const sheet = sample();
    await (Excel as { run: Run }).run((ctx) => renderWorkbook(ctx, { sheets: [sheet], mode: 'portable', title: '' }));
    const formats = fake.sheets.get('Layout')?.formats ?? [];
    const heightOf = (row: number): unknown =>
      formats.find((f) => f.address === `${row}:${row}` && 'rowHeight' in f.props)?.props.rowHeight;
    expect(heightOf(1)).toBe(33);
    expect(heightOf(2)).toBe(78);
    const vertical = (addr: string): unknown =>
      formats.find((f) => f.address.split(',').includes(addr) && 'verticalAlignment' in f.props)?.props
        .verticalAlignment;
    expect(vertical('B2')).toBe('Top');
    expect(vertical('A2')).toBe('Top');
    expect(vertical('A1')).toBe('Center');
  });
});

/**
 * The portable workbook recalculated by LibreOffice gives the core's values: an engine nobody here wrote
 * checks every formula. The workbook is written WITHOUT cached values, so every number LibreOffice
 * reports is one it calculated.
 */
import { existsSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { writeXlsx } from '../src/cli/renderXlsx';
import type { WorkbookModel } from '../src/core/workbook/model';
import { importCanonical } from '../src/core/patents/importers/canonical';
import { buildPatentSide, evaluateCompany, evaluateUniverse, loadInputs } from '../src/core/pipeline';
import { buildKeywordSide, DEFAULT_KEYWORD_PARAMETERS } from '../src/core/text-mining/evaluation';
import { documentKeywords } from '../src/core/text-mining/keywords';
import { PORTFOLIO_PATENTS } from './helpers/cliSmall';
import { evaluateFiles, FIXTURES, SAMPLES } from './helpers/evaluate';
import { KEYWORD_PATENTS } from './helpers/keywordCorpus';
import { convertWithLibreOffice, libreOfficeAvailable } from './helpers/libreoffice';
import { close, readFormulaCells } from './helpers/workbookCells';

const run = libreOfficeAvailable() ? describe : describe.skip;

interface Mismatch {
  cell: string;
  formula: string;
  core: unknown;
  libreoffice: unknown;
}

async function compareWithLibreOffice(
  model: WorkbookModel,
): Promise<{ checked: number; mismatches: Mismatch[]; numbers: number; errors: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'ipb-recalc-'));
  const file = join(dir, 'book.xlsx');
  await writeXlsx(model, file, { cachedValues: false });
  const recalculated = await readFormulaCells(convertWithLibreOffice(file));
  const mismatches: Mismatch[] = [];
  let checked = 0;
  let numbers = 0;
  let errors = 0;
  for (const sheet of model.sheets) {
    for (const [r, cols] of sheet.cells) {
      for (const [c, cell] of cols) {
        if (cell.formula === undefined) continue;
        checked += 1;
        const key = `${sheet.name}!${colName(c)}${r}`;
        const lo = recalculated.get(key)?.value;
        const core = cell.result;
        let ok: boolean;
        if (typeof core === 'number') {
          numbers += 1;
          ok = typeof lo === 'number' && close(core, lo);
        } else if (typeof core === 'object' && core !== null) {
          errors += 1;
          ok = typeof lo === 'object' && lo !== null && 'error' in lo;
        } else {
          // An empty text result ("" of IFERROR) may be read back as no value.
          ok = core === lo || (core === '' && (lo === null || lo === undefined));
        }
        if (!ok) mismatches.push({ cell: key, formula: cell.formula, core, libreoffice: lo });
      }
    }
  }
  return { checked, mismatches, numbers, errors };
}

/** The fixture universe with a small canonical patents file (the hand-built set of block2.test.ts, abridged). */
async function evaluateWithPatents(): Promise<{ model: WorkbookModel }> {
  const csv = [
    'application_number,filing_date,applicants,inventors,ipc,claims,exam_request_date,registration_date,registered_claims,lapse_date',
    'A1,2019-05-10,Alpha Denki,山田太郎;佐藤花子,H01L 21/00,10,2020-02-01,2021-01-15,8,2022-03-31',
    'A2,2019-08-01,Alpha Denki;Beta Seiki,Xavier Li,H01L 21/00,6,2021-06-01,2022-02-01,6,',
    'A3,2020-01-20,ALPHA DENKI,山田 太郎;鈴木一郎,G06F 17/60,12,,,,',
    'A4,2020-03-03,Beta Seiki,田中,G06F 17/60,4,2020-03-03,2020-12-01,4,',
    'A5,2021-07-07,Alpha Denki;Gamma Kogyo,Chen Wei,H04N 5/00,9,2022-01-10,,,',
    'A6,2002-01-10,Gamma Kogyo,古川,H01L 21/00,5,2003-01-01,2004-06-01,5,',
    'A7,2021-02-01,"=HYPERLINK(""http://x"")",+inventor,H01L 21/00,7,,,,',
  ].join('\n');
  const loaded = loadInputs({
    financials: { name: 'financials-small.csv', text: readFileSync(`${FIXTURES}/financials-small.csv`, 'utf8') },
    market: { name: 'market-small.csv', text: readFileSync(`${FIXTURES}/market-small.csv`, 'utf8') },
  });
  const universe = loaded.universe as NonNullable<typeof loaded.universe>;
  const side = buildPatentSide([await importCanonical([csv], { file: 'patents.csv' })], universe, {
    cutoff: '2022-12-31',
  });
  const ev = evaluateCompany(evaluateUniverse(universe, side), 'Alpha Denki', {
    mode: 'portable',
    moneyLabel: 'JPY million',
    files: { financials: 'financials-small.csv', market: 'market-small.csv' },
    patents: side,
  });
  return { model: ev.workbook.model };
}

/**
 * Block 3 on the hand-worked corpus of portfolio.test.ts (Alpha KK → Alpha Denki, Beta KK → Beta Seiki,
 * Gamma KK → Gamma Kogyo), in both formula modes' native form: every Portfolio cell and the Block 3
 * section must recompute, PCPI included (all three have claims in 2017–2020).
 */
async function evaluateWithPortfolio(): Promise<{ model: WorkbookModel; pdi: unknown; pcpi: unknown }> {
  const csv = PORTFOLIO_PATENTS;
  const loaded = loadInputs({
    financials: { name: 'financials-small.csv', text: readFileSync(`${FIXTURES}/financials-small.csv`, 'utf8') },
    market: { name: 'market-small.csv', text: readFileSync(`${FIXTURES}/market-small.csv`, 'utf8') },
  });
  const universe = loaded.universe as NonNullable<typeof loaded.universe>;
  const side = buildPatentSide([await importCanonical([csv], { file: 'patents.csv' })], universe, {
    cutoff: '2022-12-31',
    ipcTitles: new Map([['H01M', 'Batteries']]),
  });
  const ev = evaluateCompany(evaluateUniverse(universe, side), 'Alpha Denki', {
    mode: 'portable',
    moneyLabel: 'JPY million',
    files: { financials: 'financials-small.csv', market: 'market-small.csv' },
    patents: side,
  });
  return { model: ev.workbook.model, pdi: ev.json.indicators.PDI.latest, pcpi: ev.json.indicators.PCPI.latest };
}

/**
 * Block 3's keywords and similarity on the hand-worked English corpus of cli-keywords.test.ts (lift ≥ 2, so two
 * keywords are in the region and a third candidate is not): the Keywords sheet's rates, lifts, scores, region and
 * ranks, the PSI sheet's moments, bounds and COUNTIFS, and the Evaluation section's lookups.
 */
async function evaluateWithKeywords(): Promise<{ model: WorkbookModel }> {
  const loaded = loadInputs({
    financials: { name: 'financials-small.csv', text: readFileSync(`${FIXTURES}/financials-small.csv`, 'utf8') },
    market: { name: 'market-small.csv', text: readFileSync(`${FIXTURES}/market-small.csv`, 'utf8') },
  });
  const universe = loaded.universe as NonNullable<typeof loaded.universe>;
  const side = buildPatentSide([await importCanonical([KEYWORD_PATENTS], { file: 'patents.csv' })], universe, {
    cutoff: '2022-12-31',
  });
  const records = side.merge.records;
  const keywords = buildKeywordSide(
    records,
    side.names.nameOf,
    records.map((r) => documentKeywords(r, undefined)),
    { ...DEFAULT_KEYWORD_PARAMETERS, pka: { minOwnRate: 5, minLift: 2, minOwnDocuments: 3 } },
  );
  const ev = evaluateCompany(evaluateUniverse(universe, side), 'Alpha Denki', {
    mode: 'portable',
    moneyLabel: 'JPY million',
    files: { financials: 'financials-small.csv', market: 'market-small.csv' },
    patents: side,
    keywords,
  });
  return { model: ev.workbook.model };
}

function colName(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

run('LibreOffice recalculates the portable workbook to the core values (1e-9 relative)', () => {
  test('hand-built fixture: three electrical companies with a loss year, a missing share price and gaps', async () => {
    const ev = evaluateFiles(`${FIXTURES}/financials-small.csv`, `${FIXTURES}/market-small.csv`, 'Alpha Denki');
    const r = await compareWithLibreOffice(ev.workbook.model);
    expect(r.mismatches.slice(0, 10)).toEqual([]);
    expect(r.numbers).toBeGreaterThan(1000);
    expect(r.errors).toBeGreaterThan(10);
  });

  test('with patent records: the Statistics and Patents sheets feed Block 2 and PE', async () => {
    const { model } = await evaluateWithPatents();
    expect(model.sheets.map((s) => s.name)).toContain('Statistics');
    // The cumulative R&D of APP_PRODUCTIVITY_3/_4 (SUM over Inputs cells) is among the cells compared.
    const cumulative = model.sheets
      .flatMap((s) => [...s.cells.values()].flatMap((m) => [...m.values()]))
      .filter((c) => c.formula?.includes('SUM(Inputs!') && typeof c.result === 'number');
    expect(cumulative.length).toBeGreaterThanOrEqual(4);
    const r = await compareWithLibreOffice(model);
    expect(r.mismatches.slice(0, 10)).toEqual([]);
    expect(r.numbers).toBeGreaterThan(2000);
  });

  test('Block 3: the Portfolio sheet and the Evaluation section recompute (HHI, PDI, PCPI, AVG_PCPI, types)', async () => {
    const { model, pdi, pcpi } = await evaluateWithPortfolio();
    expect(typeof pdi).toBe('number');
    expect(typeof pcpi).toBe('number');
    const portfolio = model.sheets.find((s) => s.name === 'Portfolio');
    const formulas = [...(portfolio?.cells.values() ?? [])].flatMap((m) => [...m.values()]).filter((c) => c.formula);
    expect(formulas.length).toBeGreaterThan(60);
    const r = await compareWithLibreOffice(model);
    expect(r.mismatches.slice(0, 10)).toEqual([]);
  });

  test('Block 3 text: the Keywords and PSI sheets and the Evaluation section recompute (KEYWORD_COUNT, PSI)', async () => {
    const { model } = await evaluateWithKeywords();
    const formulasOf = (name: string) =>
      [...(model.sheets.find((s) => s.name === name)?.cells.values() ?? [])]
        .flatMap((m) => [...m.values()])
        .filter((c) => c.formula);
    // Keywords: 2 candidates × 6 formulas; PSI: moments, bounds, 2 years × 8, totals, composition.
    expect(formulasOf('Keywords').length).toBe(12);
    expect(formulasOf('PSI').length).toBeGreaterThan(30);
    const evaluation = formulasOf('Evaluation');
    expect(evaluation.some((c) => c.formula?.includes('COUNTIFS(Keywords!'))).toBe(true);
    const r = await compareWithLibreOffice(model);
    expect(r.mismatches.slice(0, 10)).toEqual([]);
  });

  const sample = `${SAMPLES}/financials.csv`;
  (existsSync(sample) ? test : test.skip)('the committed sample universe, Kitano Electric', async () => {
    const ev = evaluateFiles(sample, `${SAMPLES}/market.csv`, 'Kitano Electric');
    const r = await compareWithLibreOffice(ev.workbook.model);
    expect(r.mismatches.slice(0, 10)).toEqual([]);
    expect(r.numbers).toBeGreaterThan(3000);
  });
});

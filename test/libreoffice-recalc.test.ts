/**
 * The portable workbook recalculated by LibreOffice gives the core's values: an engine nobody here wrote
 * checks every formula. The workbook is written WITHOUT cached values, so every number LibreOffice
 * reports is one it calculated.
 */
import { existsSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { writeXlsx } from '../src/cli/renderXlsx';
import type { WorkbookModel } from '../src/core/workbook/model';
import { evaluateFiles, FIXTURES, SAMPLES } from './helpers/evaluate';
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
          ok = core === lo;
        }
        if (!ok) mismatches.push({ cell: key, formula: cell.formula, core, libreoffice: lo });
      }
    }
  }
  return { checked, mismatches, numbers, errors };
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

  const sample = `${SAMPLES}/financials.csv`;
  (existsSync(sample) ? test : test.skip)('the committed sample universe, Kitano Electric', async () => {
    const ev = evaluateFiles(sample, `${SAMPLES}/market.csv`, 'Kitano Electric');
    const r = await compareWithLibreOffice(ev.workbook.model);
    expect(r.mismatches.slice(0, 10)).toEqual([]);
    expect(r.numbers).toBeGreaterThan(3000);
  });
});

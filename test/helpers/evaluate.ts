/** Test helpers: run the pipeline on files, as the CLI does, without touching the disk for outputs. */
import { readFileSync } from 'fs';
import { basename } from 'path';
import { evaluateCompany, evaluateUniverse, loadInputs, type CompanyEvaluation } from '../../src/core/pipeline';
import type { UniverseResults } from '../../src/core/engine';
import type { FormulaMode } from '../../src/core/workbook/model';

export function loadFiles(financials: string, market: string): UniverseResults {
  const loaded = loadInputs({
    financials: { name: basename(financials), text: readFileSync(financials, 'utf8') },
    market: { name: basename(market), text: readFileSync(market, 'utf8') },
  });
  if (!loaded.universe) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  return evaluateUniverse(loaded.universe);
}

export function evaluateFiles(
  financials: string,
  market: string,
  company: string,
  mode: FormulaMode = 'portable',
): CompanyEvaluation {
  return evaluateCompany(loadFiles(financials, market), company, {
    mode,
    moneyLabel: 'JPY million',
    files: { financials: basename(financials), market: basename(market) },
  });
}

export const FIXTURES = `${__dirname}/../fixtures`;
export const SAMPLES = `${__dirname}/../../samples`;

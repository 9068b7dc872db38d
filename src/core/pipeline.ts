/**
 * The whole evaluation from input texts to a workbook model and the JSON, with every input issue.
 * Pure: the CLI reads the files and writes the results; the task pane will do the same in Excel.
 */
import { blockedByField, previousYearWarnings } from './coverage';
import { evaluateUniverse, type UniverseResults } from './engine';
import { readFinancials, readMarket } from './inputs';
import type { InputIssue } from './issues';
import { buildJson, type EvaluationJson } from './report';
import { summarise } from './summary';
import { buildUniverse, DEFAULT_MONEY_UNIT, type Universe } from './universe';
import { buildWorkbook, type BuiltWorkbook } from './workbook/build';
import type { FormulaMode } from './workbook/model';

export interface LoadedInputs {
  readonly universe?: Universe;
  readonly issues: InputIssue[];
}

export interface InputTexts {
  readonly financials: { name: string; text: string };
  readonly market: { name: string; text: string };
  readonly moneyUnit?: number;
}

/** Reads and validates the inputs; `universe` is absent when an error makes the inputs unusable. */
export function loadInputs(t: InputTexts): LoadedInputs {
  const fin = readFinancials(t.financials.text, t.financials.name, blockedByField);
  const mkt = readMarket(t.market.text, t.market.name);
  const issues = [...fin.issues, ...mkt.issues];
  if (issues.some((i) => i.severity === 'error')) return { issues };
  return { universe: buildUniverse(fin.rows, mkt.rows, t.moneyUnit ?? DEFAULT_MONEY_UNIT), issues };
}

export interface CompanyEvaluation {
  readonly json: EvaluationJson;
  readonly workbook: BuiltWorkbook;
  readonly warnings: InputIssue[];
}

export interface EvaluateOptions {
  readonly mode: FormulaMode;
  readonly moneyLabel: string;
  readonly files: { financials: string; market: string };
}

export function evaluateCompany(results: UniverseResults, company: string, opts: EvaluateOptions): CompanyEvaluation {
  const summary = summarise(results, company);
  const workbook = buildWorkbook(results, summary, opts);
  const json = buildJson(summary, {
    money_unit: results.universe.moneyUnit,
    money_label: opts.moneyLabel,
    formula_mode: opts.mode,
  });
  const warnings = previousYearWarnings(results.universe, new Set([summary.company.industry]));
  return { json, workbook, warnings };
}

export { evaluateUniverse };

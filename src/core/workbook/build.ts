/** Builds the whole evaluation workbook model for one company. */
import { CATALOG, type IndicatorDef } from '../catalog';
import type { UniverseResults } from '../engine';
import type { CompanySummary } from '../summary';
import { buildEvaluationSheet, type EvaluationLayout } from './evaluationSheet';
import { buildIndustrySheet, type IndustryLayout } from './industrySheet';
import { buildInputsSheet, type InputsLayout } from './inputsSheet';
import type { FormulaMode, WorkbookModel } from './model';

export interface BuildOptions {
  readonly mode: FormulaMode;
  /** How money is labelled on the sheet, e.g. "JPY million". */
  readonly moneyLabel: string;
  readonly files: { financials: string; market: string };
  readonly indicators?: readonly IndicatorDef[];
}

export interface BuiltWorkbook {
  readonly model: WorkbookModel;
  readonly evaluation: EvaluationLayout;
  readonly industry: IndustryLayout;
  readonly inputs: InputsLayout;
}

export function buildWorkbook(results: UniverseResults, summary: CompanySummary, opts: BuildOptions): BuiltWorkbook {
  const indicators = opts.indicators ?? CATALOG;
  const inputs = buildInputsSheet(results.universe, summary.company.industry, opts.files);
  const industry = buildIndustrySheet(results, summary, inputs, indicators, opts.mode);
  const evaluation = buildEvaluationSheet(summary, inputs, industry, indicators, opts.mode, opts.moneyLabel);
  return {
    model: {
      sheets: [evaluation.sheet, industry.sheet, inputs.sheet],
      mode: opts.mode,
      title: `IPB evaluation — ${summary.company.name}`,
    },
    evaluation,
    industry,
    inputs,
  };
}

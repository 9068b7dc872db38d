/** Builds the whole evaluation workbook model for one company. */
import { CATALOG, type IndicatorDef } from '../catalog';
import type { UniverseResults } from '../engine';
import type { CompanySummary } from '../summary';
import { block3Charts } from './block3Charts';
import { evaluationCharts, evaluationHighlights } from './evaluationCharts';
import { buildEvaluationSheet, type EvaluationLayout } from './evaluationSheet';
import { buildIndustrySheet, type IndustryLayout } from './industrySheet';
import { buildInputsSheet, type InputsLayout } from './inputsSheet';
import { type FormulaMode, type WorkbookModel, extent } from './model';
import type { Consolidation } from '../patents/names';
import type { PatentRecord } from '../patents/record';
import type { PatentStats } from '../patents/stats';
import { buildPatentsSheet } from './patentsSheet';
import { buildStatisticsSheet, type StatisticsLayout } from './statisticsSheet';
import type { CompanyPortfolio, PortfolioResults } from '../portfolio/indicators';
import { buildPortfolioSheet } from './portfolioSheet';
import { writePortfolioSection, type PortfolioSectionLayout } from './portfolioSection';
import type { CompanyKeywords } from '../text-mining/evaluation';
import { buildKeywordsSheet } from './keywordsSheet';
import { buildPsiSheet } from './psiSheet';
import { writeKeywordSection, type KeywordSectionLayout } from './keywordSection';

/** The records of the industry's companies, each once. */
function industryRecords(stats: PatentStats, companies: readonly string[]): PatentRecord[] {
  const set = new Set<PatentRecord>();
  for (const c of companies) for (const r of stats.recordsOf(c)) set.add(r);
  return [...set];
}

/** The patent side of the evaluation, when patent records are loaded. */
export interface PatentInputs {
  readonly stats: PatentStats;
  readonly names: Consolidation;
}

export interface BuildOptions {
  readonly mode: FormulaMode;
  /** How money is labelled on the sheet, e.g. "JPY million". */
  readonly moneyLabel: string;
  readonly files: { financials: string; market: string };
  readonly indicators?: readonly IndicatorDef[];
  readonly patents?: PatentInputs;
  /** Block 3, when patent records are loaded. */
  readonly portfolio?: PortfolioInputs;
  /** Block 3's keywords and similarity, when the records carry abstract or claims text. */
  readonly keywords?: KeywordInputs;
}

export interface KeywordInputs {
  readonly company: CompanyKeywords;
  readonly segmenter?: string;
}

export interface PortfolioInputs {
  readonly results: PortfolioResults;
  readonly company: CompanyPortfolio;
  readonly titles: ReadonlyMap<string, string>;
  readonly cutoff: string;
}

export interface BuiltWorkbook {
  readonly model: WorkbookModel;
  readonly evaluation: EvaluationLayout;
  readonly industry: IndustryLayout;
  readonly inputs: InputsLayout;
  readonly portfolio?: PortfolioSectionLayout;
  readonly keywords?: KeywordSectionLayout;
}

export function buildWorkbook(results: UniverseResults, summary: CompanySummary, opts: BuildOptions): BuiltWorkbook {
  const indicators = opts.indicators ?? CATALOG;
  const inputs = buildInputsSheet(results.universe, summary.company.industry, opts.files);
  const statistics = opts.patents
    ? buildStatisticsSheet(results.universe, summary.company.industry, opts.patents.stats)
    : undefined;
  const industry = buildIndustrySheet(results, summary, inputs, statistics?.ref, indicators, opts.mode);
  const evaluation = buildEvaluationSheet(
    summary,
    inputs,
    statistics?.ref,
    industry,
    indicators,
    opts.mode,
    opts.moneyLabel,
  );
  // One Evaluation sheet per company; the other sheets are the industry's (the default scope).
  evaluation.sheet.scope = 'company';
  evaluation.sheet.charts = evaluationCharts(evaluation, indicators);
  evaluation.sheet.conditionalFormats = evaluationHighlights(evaluation, extent(evaluation.sheet).rows);
  const pf = opts.portfolio;
  const portfolioLayout = pf ? buildPortfolioSheet(pf.results, pf.company, pf.titles, opts.mode, pf.cutoff) : undefined;
  // The Portfolio sheet lays out the market of the company's own subclasses, so it is the company's too.
  if (portfolioLayout) portfolioLayout.sheet.scope = 'company';
  const portfolioSection =
    pf && portfolioLayout
      ? writePortfolioSection(
          evaluation.sheet,
          extent(evaluation.sheet).rows + 2,
          pf.results,
          pf.company,
          portfolioLayout,
          opts.mode,
          evaluation.forecastCol,
        )
      : undefined;
  // The Keywords and PSI sheets hold the company's documents and applications: the company's, like Portfolio.
  const kw = opts.keywords;
  const keywordsLayout = kw ? buildKeywordsSheet(kw.company, kw.segmenter) : undefined;
  const psiLayout = kw ? buildPsiSheet(kw.company) : undefined;
  if (keywordsLayout) keywordsLayout.sheet.scope = 'company';
  if (psiLayout) psiLayout.sheet.scope = 'company';
  const keywordSection =
    kw && keywordsLayout && psiLayout
      ? writeKeywordSection(
          evaluation.sheet,
          portfolioSection?.nextRow ?? extent(evaluation.sheet).rows + 2,
          kw.company,
          keywordsLayout,
          psiLayout,
          evaluation.forecastCol,
        )
      : undefined;
  // Figures 15–18 go below figures 7–14 in the same column of charts when the columns agree.
  const charts = evaluation.sheet.charts;
  const free = charts.length ? charts[charts.length - 1].to.row + 2 : evaluation.headerRow;
  charts.push(...block3Charts(portfolioSection, keywordSection, evaluation.forecastCol, free));
  const patentSheets = opts.patents
    ? [
        (statistics as StatisticsLayout).sheet,
        buildPatentsSheet(industryRecords(opts.patents.stats, summary.industry.companies), opts.patents.names),
      ]
    : [];
  return {
    model: {
      sheets: [
        evaluation.sheet,
        industry.sheet,
        ...(portfolioLayout ? [portfolioLayout.sheet] : []),
        ...(keywordsLayout ? [keywordsLayout.sheet] : []),
        ...(psiLayout ? [psiLayout.sheet] : []),
        ...patentSheets,
        inputs.sheet,
      ],
      mode: opts.mode,
      title: `IPB evaluation — ${summary.company.name}`,
    },
    evaluation,
    industry,
    inputs,
    portfolio: portfolioSection,
    keywords: keywordSection,
  };
}

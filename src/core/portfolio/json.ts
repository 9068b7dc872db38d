/**
 * Block 3 in the evaluator's JSON: PDI, PCPI, AVG_PCPI and their types (text) in `indicators` keyed `latest`,
 * tables.PORTFOLIO.
 */
import { BLOCK3_INDICATORS } from '../catalog/block3';
import type { EvaluationJson } from '../report';
import { isNoValue, toJson, type NoValue, type Value } from '../values';
import type { CompanyPortfolio, PortfolioResults } from './indicators';

const textOrNull = (v: string | NoValue): string | null => (typeof v === 'string' ? v : null);

export function portfolioJson(json: EvaluationJson, r: PortfolioResults, cp: CompanyPortfolio): void {
  const values: Record<string, { value: Value; type: string | NoValue }> = {
    PDI: { value: cp.pdi, type: cp.pdiType },
    PCPI: { value: cp.pcpi, type: cp.pcpiType },
    AVG_PCPI: { value: cp.avgPcpi, type: cp.avgPcpiType },
  };
  for (const { id, type } of BLOCK3_INDICATORS) {
    const v = values[id];
    json.indicators[id] = { latest: toJson(v.value) };
    json.indicators[type] = { latest: textOrNull(v.type) };
    if (isNoValue(v.type)) json.no_value[type] = { latest: `${v.type.error} ${v.type.message}` };
    if (isNoValue(v.value)) json.no_value[id] = { latest: `${v.value.error} ${v.value.message}` };
  }
  json.parameters.portfolio_years = r.window;
  json.parameters.portfolio_measure = r.corpus.measure;
  json.parameters.portfolio_tier_cuts = r.tierCuts;
  json.tables.PORTFOLIO = cp.entries.map((e) => ({
    year: e.year,
    rank: e.rank,
    subclass: e.subclass,
    title: e.title ?? null,
    [r.corpus.measure]: e.amount,
    share: e.share,
    trend: e.arrow,
    subclass_share: e.subclassShare,
    subclass_rank: e.subclassRank,
    hhi: toJson(e.hhi),
    state: textOrNull(e.state),
  }));
}

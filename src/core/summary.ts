/**
 * One company's evaluation: its indicator series, year-on-year ratios, star ranks against its industry
 * and next-period arrows. Built from the universe results; the JSON and the workbook read it.
 */
import { CATALOG, type IndicatorDef } from './catalog';
import { YOY } from './catalog/generic';
import type { UniverseResults } from './engine';
import { evaluate } from './expr';
import {
  type Arrow,
  PERIODS,
  type Star,
  distribution,
  forecast,
  periodMean,
  starRank,
  type Distribution,
} from './rank';
import type { Company, Industry } from './universe';
import { type NoValue, type Value, noValue } from './values';

export interface StarDetail {
  readonly rank: Star | NoValue;
  /** The company's 3-period mean and the industry's distribution of 3-period means. */
  readonly mean: Value;
  readonly industry: Distribution;
}

export interface CompanySummary {
  readonly company: Company;
  readonly industry: Industry;
  readonly years: readonly number[];
  /** The latest PERIODS fiscal years: the star rank's and the forecast's window. */
  readonly window: readonly number[];
  readonly indicators: ReadonlyMap<string, ReadonlyMap<number, Value>>;
  readonly yoy: ReadonlyMap<string, ReadonlyMap<number, Value>>;
  readonly star: ReadonlyMap<string, StarDetail>;
  readonly forecast: ReadonlyMap<string, Arrow | NoValue>;
}

export function yoyOf(current: Value, previous: Value): Value {
  return evaluate(YOY.body, {
    leaf: () => {
      throw new Error('YOY reads no data');
    },
    arg: (name) => (name === 'current' ? current : previous),
  });
}

export function summarise(
  results: UniverseResults,
  companyName: string,
  indicators: readonly IndicatorDef[] = CATALOG,
): CompanySummary {
  const company = results.universe.companies.get(companyName);
  if (!company) throw new Error(`company "${companyName}" is not in the financials`);
  const industry = results.universe.industries.get(company.industry);
  if (!industry) throw new Error(`industry "${company.industry}" is not in the universe`);
  const years = company.years;
  const last = years[years.length - 1];
  const window = Array.from({ length: PERIODS }, (_, i) => last - (PERIODS - 1) + i);
  const at = (id: string, c: string, y: number): Value => results.value(id, c, y);

  const series = new Map<string, Map<number, Value>>();
  const yoy = new Map<string, Map<number, Value>>();
  const star = new Map<string, StarDetail>();
  const arrows = new Map<string, Arrow | NoValue>();
  for (const def of indicators) {
    series.set(def.id, new Map(years.map((y) => [y, at(def.id, company.name, y)])));
    if (def.yoy) {
      yoy.set(
        def.id,
        new Map(years.map((y) => [y, yoyOf(at(def.id, company.name, y), at(def.id, company.name, y - 1))])),
      );
    }
    if (def.star) {
      const mean = periodMean(window.map((y) => at(def.id, company.name, y)));
      const dist = distribution(industry.companies.map((c) => periodMean(window.map((y) => at(def.id, c, y)))));
      star.set(def.id, { rank: starRank(mean, dist), mean, industry: dist });
    }
    if (def.forecast) {
      const latest = window.map((y) => at(def.id, company.name, y));
      const pbr = def.forecast.pbrGuard ? window.map((y) => at('PBR', company.name, y)) : undefined;
      arrows.set(
        def.id,
        years.length < PERIODS
          ? noValue('#N/A', `fewer than ${PERIODS} fiscal years`)
          : forecast(latest, def.forecast.band, pbr),
      );
    }
  }
  return { company, industry, years, window, indicators: series, yoy, star, forecast: arrows };
}

/**
 * Evaluates every catalog indicator for every company and fiscal year of the universe, in dependency
 * order, with the industry averages the excess-earnings group needs. The workbook's formulas compute the
 * same thing cell by cell; this is where the cached values and the JSON come from.
 */
import { EVALUATION_ORDER, AVERAGED_IDS, type IndicatorDef } from './catalog';
import { cumulativeFinancial } from './cumulative';
import { evaluate, type Leaf } from './expr';
import { financialField, marketField } from './fields';
import type { StatField } from './patents/statFields';
import type { Company, Universe } from './universe';
import { type Value, noValue } from './values';

export type YearValues = ReadonlyMap<number, Value>;

export interface UniverseResults {
  readonly universe: Universe;
  value(id: string, company: string, year: number): Value;
  series(id: string, company: string): YearValues;
  industryAverage(id: string, industry: string, year: number): Value;
}

/** Statistics leaves are read from here (the patent statistics); without it they have no value. */
export interface StatSource {
  value(company: string, year: number, field: StatField): Value;
}

export function evaluateUniverse(
  universe: Universe,
  indicators: readonly IndicatorDef[] = EVALUATION_ORDER,
  stats?: StatSource,
): UniverseResults {
  const values = new Map<string, Map<string, Map<number, Value>>>();
  const averages = new Map<string, Map<string, Map<number, Value>>>();

  const valueOf = (id: string, company: string, year: number): Value => {
    const v = values.get(id)?.get(company)?.get(year);
    if (v !== undefined) return v;
    return noValue('#N/A', `${id} of ${company} for FY${year} is outside the evaluated years`);
  };
  const averageOf = (id: string, industry: string, year: number): Value =>
    averages.get(id)?.get(industry)?.get(year) ?? noValue('#N/A', `no industry average of ${id} for FY${year}`);

  const leafResolver =
    (c: Company, year: number) =>
    (leaf: Leaf): Value => {
      switch (leaf.kind) {
        case 'fin': {
          const y = year - leaf.lag;
          const row = c.rows.get(y);
          if (!row) return noValue('#N/A', `${c.name} has no FY${y} row in the financials`);
          const v = row.values[leaf.field];
          if (v === undefined) {
            return noValue(
              '#N/A',
              `${c.name} FY${y}: ${financialField(leaf.field).en} (${leaf.field}) is not known (${row.file} row ${row.line})`,
            );
          }
          return v;
        }
        case 'cumfin':
          return cumulativeFinancial(universe, c, leaf.field, leaf.lag, leaf.base, year);
        case 'mkt': {
          const m = universe.market.get(year);
          if (!m) return noValue('#N/A', `the market inputs have no FY${year} row`);
          const v = m.values[leaf.field];
          if (v === undefined)
            return noValue('#N/A', `FY${year}: ${marketField(leaf.field).en} (${leaf.field}) is not known`);
          return v;
        }
        case 'stat':
          return stats
            ? stats.value(c.name, year - leaf.lag, leaf.field)
            : noValue('#N/A', `no patent records are loaded (${leaf.field})`);
        case 'ind':
          return valueOf(leaf.id, c.name, year - leaf.lag);
        case 'indavg':
          return averageOf(leaf.id, c.industry, year);
        case 'param':
          return universe.moneyUnit;
      }
    };

  for (const def of indicators) {
    const byCompany = new Map<string, Map<number, Value>>();
    values.set(def.id, byCompany);
    for (const c of universe.companies.values()) {
      const industry = universe.industries.get(c.industry);
      const byYear = new Map<number, Value>();
      byCompany.set(c.name, byYear);
      for (const year of industry?.years ?? c.years) {
        const leaf = leafResolver(c, year);
        const args = new Map(def.params.map((p) => [p.name, evaluate(p.source, { leaf, arg: missingArg })]));
        byYear.set(
          year,
          evaluate(def.body, {
            leaf,
            arg: (name) => args.get(name) ?? missingArg(name),
          }),
        );
      }
    }
    if (AVERAGED_IDS.has(def.id)) averages.set(def.id, industryAverages(universe, byCompany));
  }

  return {
    universe,
    value: valueOf,
    series: (id, company) => values.get(id)?.get(company) ?? new Map(),
    industryAverage: averageOf,
  };
}

function missingArg(name: string): never {
  throw new Error(`catalog error: argument ${name} is not a parameter`);
}

/** Simple mean over the companies of the industry that have a value that year (Excel: AGGREGATE(1,6,…)). */
function industryAverages(
  universe: Universe,
  byCompany: Map<string, Map<number, Value>>,
): Map<string, Map<number, Value>> {
  const out = new Map<string, Map<number, Value>>();
  for (const ind of universe.industries.values()) {
    const byYear = new Map<number, Value>();
    for (const year of ind.years) {
      const xs = ind.companies
        .map((c) => byCompany.get(c)?.get(year))
        .filter((v): v is number => typeof v === 'number');
      byYear.set(
        year,
        xs.length === 0
          ? noValue('#DIV/0!', `no company of industry ${ind.name} has a value for FY${year}`)
          : xs.reduce((s, v) => s + v, 0) / xs.length,
      );
    }
    out.set(ind.name, byYear);
  }
  return out;
}

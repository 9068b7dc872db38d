/**
 * Cumulative financial sums (APP_PRODUCTIVITY_3/_4: claims over cumulative R&D). A sum "from the first year
 * of the data" would depend on how many years the financials happen to cover and differ between peers, so
 * the first year is a parameter: set by the user, or by default the first fiscal year that every company of
 * the industry covers — one start for all peers, so that star ranks compare like with like.
 */
import type { CumulativeBase, Lag } from './expr';
import { financialField, type FinField } from './fields';
import type { Company, Universe } from './universe';
import { type Value, finite, noValue } from './values';

/** The base fiscal year of `base` for an industry: the user's, else the latest first year among its companies. */
export function cumulativeBaseYear(universe: Universe, industry: string, base: CumulativeBase): number | undefined {
  const set = universe.cumulativeBases[base];
  if (set !== undefined) return set;
  const firsts = (universe.industries.get(industry)?.companies ?? []).flatMap((name) => {
    const years = universe.companies.get(name)?.years ?? [];
    return years.length ? [years[0]] : [];
  });
  return firsts.length ? Math.max(...firsts) : undefined;
}

/** Σ field over FY base … FY year−lag; no value, naming the fiscal year, when any of them is unknown. */
export function cumulativeFinancial(
  universe: Universe,
  company: Company,
  field: FinField,
  lag: Lag,
  base: CumulativeBase,
  year: number,
): Value {
  const from = cumulativeBaseYear(universe, company.industry, base);
  const to = year - lag;
  const what = `${financialField(field).en} (${field})`;
  if (from === undefined) return noValue('#N/A', `${company.name}: the industry has no fiscal years for ${base}`);
  if (to < from) {
    return noValue(
      '#N/A',
      `${company.name}: cumulative ${what} from the base FY${from} (${base}) to FY${to} covers no fiscal year`,
    );
  }
  let total = 0;
  for (let y = from; y <= to; y += 1) {
    const row = company.rows.get(y);
    if (!row) {
      return noValue(
        '#N/A',
        `${company.name} has no FY${y} row in the financials: cumulative ${what} from FY${from} (${base}) to FY${to} needs it`,
      );
    }
    const v = row.values[field];
    if (v === undefined) {
      return noValue(
        '#N/A',
        `${company.name} FY${y}: ${what} is not known (${row.file} row ${row.line}): cumulative ${what} from FY${from} (${base}) to FY${to} needs it`,
      );
    }
    total += v;
  }
  return finite(total, `cumulative ${what}`);
}

/** The loaded universe: companies, their fiscal-year rows, industries and market years, indexed once. */
import type { CumulativeBase } from './expr';
import type { CompanyYear, MarketYear } from './inputs';

export interface Company {
  readonly name: string;
  readonly industry: string;
  readonly rows: ReadonlyMap<number, CompanyYear>;
  /** Contiguous fiscal years from its first to its last row (a gap year is kept, with no row). */
  readonly years: readonly number[];
}

export interface Industry {
  readonly name: string;
  /** Companies sorted by name. */
  readonly companies: readonly string[];
  /** Contiguous fiscal years covering every company of the industry. */
  readonly years: readonly number[];
}

export interface Universe {
  readonly companies: ReadonlyMap<string, Company>;
  readonly industries: ReadonlyMap<string, Industry>;
  readonly market: ReadonlyMap<number, MarketYear>;
  /** The money unit of financials.csv in the currency's base unit (1,000,000 for JPY million). */
  readonly moneyUnit: number;
  /** Base fiscal years of cumulative financial sums set by the user; unset ones default per industry (cumulative.ts). */
  readonly cumulativeBases: Readonly<Partial<Record<CumulativeBase, number>>>;
}

export const DEFAULT_MONEY_UNIT = 1_000_000;

export function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let y = from; y <= to; y += 1) out.push(y);
  return out;
}

export function buildUniverse(
  rows: readonly CompanyYear[],
  market: readonly MarketYear[],
  moneyUnit: number = DEFAULT_MONEY_UNIT,
  cumulativeBases: Readonly<Partial<Record<CumulativeBase, number>>> = {},
): Universe {
  const byCompany = new Map<string, CompanyYear[]>();
  for (const r of rows) {
    const list = byCompany.get(r.company) ?? [];
    list.push(r);
    byCompany.set(r.company, list);
  }
  const companies = new Map<string, Company>();
  for (const [name, list] of [...byCompany].sort(([a], [b]) => a.localeCompare(b))) {
    const ys = list.map((r) => r.fiscalYear);
    companies.set(name, {
      name,
      industry: list[0].industry,
      rows: new Map(list.map((r) => [r.fiscalYear, r])),
      years: range(Math.min(...ys), Math.max(...ys)),
    });
  }
  const industries = new Map<string, Industry>();
  for (const c of companies.values()) {
    const prev = industries.get(c.industry);
    const names = [...(prev?.companies ?? []), c.name];
    const ys = [...(prev?.years ?? []), ...c.years];
    industries.set(c.industry, {
      name: c.industry,
      companies: names,
      years: range(Math.min(...ys), Math.max(...ys)),
    });
  }
  return {
    companies,
    industries,
    market: new Map(market.map((m) => [m.fiscalYear, m])),
    moneyUnit,
    cumulativeBases,
  };
}

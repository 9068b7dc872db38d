/** What each input feeds, so that a missing input or a missing previous year names what it blocks. */
import { CATALOG, type IndicatorDef } from './catalog';
import { leavesOf, type Leaf } from './expr';
import type { FinField } from './fields';
import type { InputIssue } from './issues';
import type { Universe } from './universe';

function directLeaves(d: IndicatorDef): Leaf[] {
  return d.params.flatMap((p) => leavesOf(p.source));
}

/** Indicators that read a leaf matching `pred`, directly or through other indicators (catalog order). */
export function indicatorsReading(pred: (leaf: Leaf) => boolean, catalog: readonly IndicatorDef[] = CATALOG): string[] {
  const hit = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of catalog) {
      if (hit.has(d.id)) continue;
      const reads = directLeaves(d).some((l) => pred(l) || (l.kind === 'ind' && hit.has(l.id)));
      if (reads) {
        hit.add(d.id);
        grew = true;
      }
    }
  }
  return catalog.filter((d) => hit.has(d.id)).map((d) => d.id);
}

export const blockedByField = (field: FinField): string[] =>
  indicatorsReading((l) => (l.kind === 'fin' || l.kind === 'cumfin') && l.field === field);

/** Indicators that need the previous fiscal year (opening balances, growth, previous-year values). */
export const NEEDS_PREVIOUS_YEAR: readonly string[] = indicatorsReading(
  (l) => (l.kind === 'fin' || l.kind === 'cumfin' || l.kind === 'ind') && l.lag > 0,
);

/** One warning per company-year whose previous fiscal year is missing, for the given industries. */
export function previousYearWarnings(universe: Universe, industries: ReadonlySet<string>): InputIssue[] {
  const out: InputIssue[] = [];
  for (const c of universe.companies.values()) {
    if (!industries.has(c.industry)) continue;
    for (const [year, row] of [...c.rows].sort(([a], [b]) => a - b)) {
      if (c.rows.has(year - 1)) continue;
      out.push({
        severity: 'warning',
        file: row.file,
        line: row.line,
        column: 'fiscal_year',
        message: `${c.name} has no FY${year - 1} row, so for FY${year} the ${NEEDS_PREVIOUS_YEAR.length} indicators that need the previous year (${NEEDS_PREVIOUS_YEAR.slice(0, 4).join(', ')}, …) are not computed`,
      });
    }
  }
  return out;
}

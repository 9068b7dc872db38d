/**
 * The indicator catalog: the one source of truth for IDs, names, units, parameters and computations.
 * Custom functions, sheet rows, docs and JSON keys are all derived from CATALOG.
 */
import { leavesOf } from '../expr';
import { BLOCK1, BLOCK1_GROUPS } from './block1';
import { BLOCK2, BLOCK2_GROUPS, PE, PE_GROUP } from './block2';
import type { GroupDef, IndicatorDef } from './types';

export * from './types';

export const GROUPS: readonly GroupDef[] = [...BLOCK1_GROUPS, PE_GROUP, ...BLOCK2_GROUPS];
export const CATALOG: readonly IndicatorDef[] = [...BLOCK1, ...PE, ...BLOCK2];

const BY_ID = new Map(CATALOG.map((d) => [d.id, d]));
if (BY_ID.size !== CATALOG.length) throw new Error('duplicate indicator ID in the catalog');

export function indicatorById(id: string): IndicatorDef {
  const d = BY_ID.get(id);
  if (!d) throw new Error(`unknown indicator ${id}`);
  return d;
}

export function hasIndicator(id: string): boolean {
  return BY_ID.has(id);
}

export function groupById(id: string): GroupDef {
  const g = GROUPS.find((x) => x.id === id);
  if (!g) throw new Error(`unknown group ${id}`);
  return g;
}

/** IDs this indicator reads: other indicators (any lag) and industry averages. */
export function dependencies(d: IndicatorDef): { indicators: string[]; industryAverages: string[] } {
  const indicators = new Set<string>();
  const industryAverages = new Set<string>();
  for (const prm of d.params) {
    for (const leaf of leavesOf(prm.source)) {
      if (leaf.kind === 'ind') indicators.add(leaf.id);
      if (leaf.kind === 'indavg') industryAverages.add(leaf.id);
    }
  }
  return { indicators: [...indicators], industryAverages: [...industryAverages] };
}

/** Catalog order such that every indicator comes after everything it reads (industry averages included). */
export const EVALUATION_ORDER: readonly IndicatorDef[] = (() => {
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: IndicatorDef[] = [];
  const visit = (d: IndicatorDef): void => {
    if (done.has(d.id)) return;
    if (visiting.has(d.id)) throw new Error(`dependency cycle through ${d.id}`);
    visiting.add(d.id);
    const deps = dependencies(d);
    for (const id of [...deps.indicators, ...deps.industryAverages]) visit(indicatorById(id));
    visiting.delete(d.id);
    done.add(d.id);
    out.push(d);
  };
  CATALOG.forEach(visit);
  return out;
})();

/** Indicators that need patent records (they read patent statistics, directly or through another indicator). */
export const PATENT_IDS: ReadonlySet<string> = (() => {
  const hit = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of CATALOG) {
      if (hit.has(d.id)) continue;
      const leaves = d.params.flatMap((p) => leavesOf(p.source));
      if (leaves.some((l) => l.kind === 'stat' || (l.kind === 'ind' && hit.has(l.id)))) {
        hit.add(d.id);
        grew = true;
      }
    }
  }
  return hit;
})();

/** The indicators the inputs allow: Block 1 always; PE and Block 2 when patent records are loaded. */
export function catalogFor(withPatents: boolean): readonly IndicatorDef[] {
  return withPatents ? CATALOG : CATALOG.filter((d) => !PATENT_IDS.has(d.id));
}

/** Indicators whose industry average is read by another indicator (the D group's yardsticks). */
export const AVERAGED_IDS: ReadonlySet<string> = new Set(CATALOG.flatMap((d) => dependencies(d).industryAverages));

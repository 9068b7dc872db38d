/**
 * Excel formulas derived from the catalog: an indicator cell in either mode, the YoY ratio, the star rank
 * and the forecast. Each native formula mirrors the core function it stands for (rank.ts, expr.ts).
 */
import type { IndicatorDef, ParamDef } from '../catalog';
import { YOY } from '../catalog/generic';
import { type Leaf, atom, numberLiteral, print, type Printed } from '../expr';
import { PBR_MAX, PBR_MIN, STAR_CUTS, STAR_TOLERANCE, STARS } from '../rank';
import type { FormulaMode } from './model';

/** Custom-function namespace from the manifest. */
export const NAMESPACE = 'IPB';

export type LeafRefs = (leaf: Leaf) => string;

function quote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** The formula of one indicator cell: `IPB.ID(args…)` or the body with its arguments inlined. */
export function indicatorFormula(def: IndicatorDef, refs: LeafRefs, mode: FormulaMode): string {
  const leafEnv = {
    leaf: refs,
    arg: (name: string): Printed => {
      throw new Error(`${def.id}: a param source refers to argument ${name}`);
    },
  };
  const args = new Map(def.params.map((p) => [p.name, print(p.source, leafEnv)]));
  if (mode === 'ipb') {
    // A cumulative argument is passed as the range of its cells; the custom function sums it.
    const ipbArg = (p: ParamDef): string | undefined =>
      p.source.kind === 'cumfin' ? refs(p.source) : args.get(p.name)?.text;
    return `${NAMESPACE}.${def.id}(${def.params.map(ipbArg).join(',')})`;
  }
  return print(def.body, {
    leaf: refs,
    arg: (name) => {
      const a = args.get(name);
      if (!a) throw new Error(`${def.id}: unknown argument ${name}`);
      return a;
    },
  }).text;
}

export function yoyFormula(current: string, previous: string, mode: FormulaMode): string {
  if (mode === 'ipb') return `${NAMESPACE}.${YOY.name}(${current},${previous})`;
  const values: Record<string, Printed> = { current: atom(current), previous: atom(previous) };
  return print(YOY.body, {
    leaf: () => {
      throw new Error('YOY reads no data');
    },
    arg: (name) => values[name],
  }).text;
}

/**
 * Star rank: `mean` = the company's 3-period mean expression, `peers` = the range of the industry's
 * 3-period means, `industryMean`/`industrySd` = cells holding their AGGREGATE mean and population SD.
 */
export function starFormula(
  mean: string,
  peers: string,
  industryMean: string,
  industrySd: string,
  mode: FormulaMode,
): string {
  if (mode === 'ipb') return `${NAMESPACE}.STARRANK(${mean},${peers})`;
  const z = `(${mean}-${industryMean})/${industrySd}`;
  const [c0, c1, c2] = STAR_CUTS.map((c) => numberLiteral(c - STAR_TOLERANCE));
  return (
    `IF(AND(${industryMean}<=${industrySd}*${numberLiteral(STAR_TOLERANCE)},${mean}<=0),${quote(STARS[0])},` +
    `IF(${z}<${c0},${quote(STARS[0])},IF(${z}<${c1},${quote(STARS[1])},IF(${z}<${c2},${quote(STARS[2])},${quote(STARS[3])}))))`
  );
}

/** Forecast arrow over a range of 3 cells (oldest to latest), with PBR's abnormal-value rule if `pbr` is given. */
export function forecastFormula(range: string, latest: string, band: number, mode: FormulaMode, pbr?: string): string {
  if (mode === 'ipb') return `${NAMESPACE}.FORECAST(${range},${band}${pbr ? `,${pbr}` : ''})`;
  const dev = `(${latest}-AVERAGE(${range}))/ABS(AVERAGE(${range}))`;
  const arrow = `IF(${dev}>${band},"↑",IF(${dev}<-${band},"↓","→"))`;
  return pbr ? `IF(OR(MAX(${pbr})>=${PBR_MAX},MIN(${pbr})<${PBR_MIN}),NA(),${arrow})` : arrow;
}

/** Mean of the values that exist (errors ignored), as the industry average and the star's yardstick. */
export const aggregateMean = (range: string): string => `AGGREGATE(1,6,${range})`;
/** Population standard deviation of the values that exist. */
export const aggregateSd = (range: string): string => `AGGREGATE(8,6,${range})`;

/**
 * The custom functions through the entry points Excel calls: the exported functions of
 * src/functions/functions.ts and the functions.json that custom-functions-metadata generates from it.
 */
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import { readFileSync } from 'fs';
import { join } from 'path';
import { CATALOG } from '../src/core/catalog';
import { BLOCK3_FUNCTIONS } from '../src/core/catalog/block3';
import * as IPB from '../src/functions/functions';
import { functionsSource } from '../scripts/gen-functions';

type Fn = (...args: unknown[]) => unknown[][];
const fn = (name: string): Fn => (IPB as unknown as Record<string, Fn>)[name];
const err = (x: unknown): { code: string; message?: string } => x as { code: string; message?: string };
const cell = (m: unknown[][]): unknown => m[0][0];

describe('functions.json', () => {
  let meta: {
    functions: {
      id: string;
      name: string;
      parameters: { name: string; dimensionality?: string; optional?: boolean }[];
    }[];
  };
  beforeAll(async () => {
    const r = await generateCustomFunctionsMetadata(join(__dirname, '..', 'src', 'functions', 'functions.ts'));
    expect(r.errors).toEqual([]);
    meta = JSON.parse(r.metadataJson);
  });

  test('functions.ts is exactly what the generator writes from the catalog', () => {
    expect(readFileSync(join(__dirname, '..', 'src', 'functions', 'functions.ts'), 'utf8')).toBe(functionsSource());
  });

  test('lists every Block 1 ID with its parameters in catalog order, plus STARRANK, FORECAST and YOY', () => {
    const byId = new Map(meta.functions.map((f) => [f.id, f]));
    for (const d of CATALOG) {
      const f = byId.get(d.id);
      expect(f?.name).toBe(d.id);
      expect(f?.parameters.map((p) => p.name)).toEqual(d.params.map((p) => p.name));
      expect(f?.parameters.every((p) => p.dimensionality === 'matrix')).toBe(true);
    }
    for (const id of ['EOIA', 'ROIA', 'EXEOIA', 'TFP', 'MVA', 'PBR', 'IAEE', 'EX_ROA_DELTA', 'INVEST_TREND'])
      expect(byId.has(id)).toBe(true);
    expect(byId.get('STARRANK')?.parameters.map((p) => p.name)).toEqual(['value', 'peers']);
    expect(byId.get('FORECAST')?.parameters.map((p) => [p.name, p.optional ?? false])).toEqual([
      ['values', false],
      ['band', true],
      ['pbr', true],
    ]);
    expect(byId.get('YOY')?.parameters.map((p) => p.name)).toEqual(['current', 'previous']);
    for (const d of BLOCK3_FUNCTIONS)
      expect(byId.get(d.id)?.parameters.map((p) => p.name)).toEqual(d.params.map((p) => p.name));
    expect(meta.functions).toHaveLength(CATALOG.length + BLOCK3_FUNCTIONS.length + 3);
  });
});

describe('calls as Excel makes them', () => {
  test('EOIA from numbers: (GBP + royalty) − [avg financial assets × m + avg PPE × f]', () => {
    // gbp 170, royalty 10, fin assets 400 → 450, PPE 500 → 540, m 1.475%, f 0.95%
    const v = cell(fn('EOIA')([[170]], [[10]], [[400]], [[450]], [[500]], [[540]], [[0.01475]], [[0.0095]]));
    expect(v).toBeCloseTo(180 - (425 * 0.01475 + 520 * 0.0095), 12);
  });

  test('a range per argument spills a range of results, 1×1 arguments broadcast', () => {
    const out = fn('GBP')([[100, 120, -10]], [[50, 60, 25]]);
    expect(out).toEqual([[150, 180, 15]]);
    const pct = fn('COST_RATIO')([[600], [650]], [[1000]]);
    expect(pct).toEqual([[60], [65]]);
  });

  test('ranges of unequal size give #VALUE! naming both arguments', () => {
    const e = err(cell(fn('GBP')([[1, 2, 3]], [[1, 2]])));
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(/rnd is 1×2 but oi is 1×3/);
  });

  test('text gives #VALUE!, a blank #N/A, an error value is passed on', () => {
    const t = err(cell(fn('SALES')([['1,000 yen']])));
    expect(t.code).toBe('#VALUE!');
    expect(t.message).toMatch(/value is text/);
    const b = err(cell(fn('NOP')([[null]], [[5]])));
    expect(b.code).toBe('#N/A');
    expect(b.message).toMatch(/oi is empty/);
    const blankString = err(cell(fn('NOP')([['']], [[5]])));
    expect(blankString.code).toBe('#N/A');
    const passed = err(cell(fn('NOP')([[new CustomFunctions.Error(CustomFunctions.ErrorCode.divisionByZero)]], [[5]])));
    expect(passed.code).toBe('#DIV/0!');
    const bool = err(cell(fn('SALES')([[true]])));
    expect(bool.code).toBe('#VALUE!');
  });

  test('a zero denominator gives #DIV/0!, never Infinity or NaN', () => {
    expect(err(cell(fn('PBR')([[1000]], [[0]]))).code).toBe('#DIV/0!');
    expect(err(cell(fn('CAPEX_EFFICIENCY')([[100]], [[0]], [[0]]))).code).toBe('#DIV/0!');
    expect(err(cell(fn('LABOR_SHARE')([[10]], [[0]]))).code).toBe('#DIV/0!');
    const huge = err(cell(fn('MARKET_CAP')([[1e200]], [[1e200]], [[1e-200]])));
    expect(huge.code).toBe('#NUM!');
  });

  test('INVEST_TREND is not computed over a previous CAPEX + R&D of 0 or less', () => {
    const e = err(cell(fn('INVEST_TREND')([[100]], [[50]], [[-60]], [[40]])));
    expect(e.code).toBe('#N/A');
    expect(e.message).toMatch(/0 or less/);
    expect(cell(fn('INVEST_TREND')([[100]], [[50]], [[60]], [[40]]))).toBeCloseTo(1.5, 12);
  });

  test('YOY is current/previous × 100 and not computed over a base ≤ 0', () => {
    expect(cell(fn('YOY')([[110]], [[100]]))).toBeCloseTo(110, 12);
    expect(err(cell(fn('YOY')([[110]], [[0]]))).code).toBe('#N/A');
    expect(err(cell(fn('YOY')([[110]], [[-5]]))).code).toBe('#N/A');
  });

  test('STARRANK: z cuts at -1, 0, 1 with the population SD; industry mean ≤ 0 rule; errors in peers ignored', () => {
    // peers 1..5: mean 3, population SD √2 ≈ 1.414; z(4.5) = 1.06 → ★★★, z(3) = 0 → ★★☆, z(2) = -0.71 → ★☆☆, z(1) = -1.41 → ☆☆☆
    const peers = [
      [1],
      [2],
      [3],
      [4],
      [5],
      [new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable)],
      [null],
    ];
    expect(fn('STARRANK')([[4.5], [3], [2], [1]], peers)).toEqual([['★★★'], ['★★☆'], ['★☆☆'], ['☆☆☆']]);
    // industry mean -1 (values -3, -1, 1): a company at -0.5 (z = 0.31) gets ☆☆☆ because its value is ≤ 0
    expect(cell(fn('STARRANK')([[-0.5]], [[-3, -1, 1]]))).toBe('☆☆☆');
    expect(cell(fn('STARRANK')([[1]], [[-3, -1, 1]]))).toBe('★★★');
    // two companies: z is exactly ±1 (rounding aside): the upper one reaches ★★★, the lower one is -1 ≤ z < 0
    expect(fn('STARRANK')([[0.3], [0.1]], [[0.1, 0.3]])).toEqual([['★★★'], ['★☆☆']]);
    expect(err(cell(fn('STARRANK')([[2]], [[2, 2, 2]]))).code).toBe('#DIV/0!');
    expect(err(cell(fn('STARRANK')([['n/a']], [[1, 2]]))).code).toBe('#VALUE!');
  });

  test('FORECAST: ±5% band by default, ±50% when asked, PBR outside [0.4, 20) and missing values give no forecast', () => {
    // MA of 100, 100, 112 = 104; (112-104)/104 = 7.7% → ↑
    expect(cell(fn('FORECAST')([[100, 100, 112]]))).toBe('↑');
    expect(cell(fn('FORECAST')([[100, 100, 112]], 0.5))).toBe('→');
    // (88-96)/96 = -8.3% → ↓; negative MA uses |MA|: (-12 - -10.67)/10.67 = -12.5% → ↓
    expect(cell(fn('FORECAST')([[100, 100, 88]]))).toBe('↓');
    expect(cell(fn('FORECAST')([[-10, -10, -12]]))).toBe('↓');
    expect(cell(fn('FORECAST')([[1.2], [1.25], [1.22]], 0.05, [[1.2], [1.25], [1.22]]))).toBe('→');
    const pbrHigh = err(cell(fn('FORECAST')([[18, 19, 21]], 0.05, [[18, 19, 21]])));
    expect(pbrHigh.code).toBe('#N/A');
    expect(pbrHigh.message).toMatch(/PBR outside/);
    expect(err(cell(fn('FORECAST')([[0.5, 0.45, 0.39]], 0.05, [[0.5, 0.45, 0.39]]))).code).toBe('#N/A');
    expect(err(cell(fn('FORECAST')([[1, null, 3]]))).code).toBe('#N/A');
    expect(err(cell(fn('FORECAST')([[1, 2]]))).code).toBe('#VALUE!');
    expect(err(cell(fn('FORECAST')([[-1, 0, 1]]))).code).toBe('#DIV/0!');
  });
});

/**
 * How the benchmarks compare two sides (scripts/bench.ts, scripts/bench-portfolio.ts): they take turns, one
 * untimed round (each side reads the freshly written corpus once: the first read met a colder page cache than
 * the next) and then a few timed, and each side's median run is reported (one run of a second or two on this
 * shared machine is off by 5–10% now and then).
 */

export interface TimedRun {
  readonly seconds: number;
  readonly peakMB: number;
}

/** The run of median time (the lower middle of an even number), with the highest peak memory of all the runs. */
export function medianRun<T extends TimedRun>(runs: readonly T[]): T {
  if (runs.length === 0) throw new Error('medianRun: no runs');
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  return { ...sorted[Math.floor((sorted.length - 1) / 2)], peakMB: Math.max(...runs.map((r) => r.peakMB)) };
}

/**
 * Rounds 0 … rounds, each side once a round, `a` first; round 0 untimed. Gives each side's timed runs, in turn,
 * after `check` has seen every round's pair (the untimed included).
 */
export function takeTurns<A extends TimedRun, B extends TimedRun>(
  rounds: number,
  a: (round: number) => A,
  b: (round: number) => B,
  check: (a: A, b: B, round: number) => void,
): { readonly a: A[]; readonly b: B[] } {
  const out: { a: A[]; b: B[] } = { a: [], b: [] };
  for (let round = 0; round <= rounds; round += 1) {
    const x = a(round);
    const y = b(round);
    check(x, y, round);
    if (round === 0) continue;
    out.a.push(x);
    out.b.push(y);
  }
  return out;
}

/** "0.21, 0.22, 0.23" */
export const secondsList = (runs: readonly TimedRun[]): string => runs.map((r) => r.seconds.toFixed(2)).join(', ');

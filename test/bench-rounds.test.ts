/**
 * The benchmarks' protocol (scripts/benchRounds.ts): the sides take turns, round 0 untimed but checked, and each
 * side is reported by its median run with the highest peak memory of its timed runs.
 */
import { medianRun, takeTurns } from '../scripts/benchRounds';

test('turns: a before b each round, round 0 checked but not kept', () => {
  const calls: string[] = [];
  const checked: number[] = [];
  const runs = takeTurns(
    3,
    (round) => (calls.push(`a${round}`), { seconds: 10 + round, peakMB: 1 }),
    (round) => (calls.push(`b${round}`), { seconds: 20 + round, peakMB: 2 }),
    (a, b, round) => {
      expect([a.seconds, b.seconds]).toEqual([10 + round, 20 + round]);
      checked.push(round);
    },
  );
  expect(calls).toEqual(['a0', 'b0', 'a1', 'b1', 'a2', 'b2', 'a3', 'b3']);
  expect(checked).toEqual([0, 1, 2, 3]);
  expect(runs.a.map((r) => r.seconds)).toEqual([11, 12, 13]);
  expect(runs.b.map((r) => r.seconds)).toEqual([21, 22, 23]);
});

test('the median run, with the highest peak of all', () => {
  const run = (seconds: number, peakMB: number, tag: string) => ({ seconds, peakMB, tag });
  expect(medianRun([run(3.1, 400, 'a'), run(2.8, 480, 'b'), run(2.9, 450, 'c')])).toEqual(run(2.9, 480, 'c'));
  // An even number: the lower middle.
  expect(medianRun([run(4, 1, 'a'), run(1, 2, 'b'), run(3, 3, 'c'), run(2, 4, 'd')])).toEqual(run(2, 4, 'd'));
  expect(() => medianRun([])).toThrow('no runs');
});

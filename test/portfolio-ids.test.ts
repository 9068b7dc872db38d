/**
 * The numbering behind Block 3's aggregation: subclass ids read from a code's char codes must agree with
 * ipcSubclass, pairs must keep the index they were first given, applicant ids must be consolidated and distinct,
 * and the cut-off must still cut inside its own year.
 */
import type { PatentRecord } from '../src/core/patents/record';
import { ipcSubclass } from '../src/core/patents/record';
import { aggregatePortfolio } from '../src/core/portfolio/aggregate';
import { ApplicantIds } from '../src/core/portfolio/applicantIds';
import { PairTable } from '../src/core/portfolio/pairTable';
import { SubclassIds } from '../src/core/portfolio/subclassIds';

describe('subclass ids', () => {
  test('every spelling of one subclass gets its id; codes without a subclass get -1', () => {
    const ids = new SubclassIds();
    // First met: G06F → 0, H01M → 1.
    expect(ids.of('G06F 17/60')).toBe(0);
    expect(ids.of('H01M 4/00')).toBe(1);
    expect(ids.of('g06f17/60')).toBe(0); // lower case
    expect(ids.of('Ｇ０６Ｆ　１７／６０')).toBe(0); // full width (NFKC)
    expect(ids.of('G 06 F 17/60')).toBe(0); // spaces inside
    expect(ids.of('G06F')).toBe(0); // the subclass alone
    expect(ids.of('X99Z 1/00')).toBe(-1); // no section X
    expect(ids.of('G06')).toBe(-1);
    // F + combining dot above is Ḟ after NFKC: no subclass letter, although the first 4 characters read G06F.
    expect(ids.of('G06F\u0307 17/60')).toBe(-1);
    expect(ids.codes).toEqual(['G06F', 'H01M']);
  });

  test('agrees with ipcSubclass on every code', () => {
    const codes = [
      'A01B 1/00',
      'a01b1/00',
      'Ｈ０１Ｍ',
      'h01m 10/0525',
      'B60Q1/00',
      'I01B',
      'A1B',
      'A01b\u0301',
      ' A01B',
      'A01B\t1',
    ];
    const ids = new SubclassIds();
    for (const code of codes) {
      const id = ids.of(code);
      const sc = ipcSubclass(code);
      expect(id < 0 ? undefined : ids.codes[id]).toBe(sc);
    }
  });
});

describe('pair table', () => {
  test('a pair keeps the index it was first given, through the table growing', () => {
    const t = new PairTable(4);
    // 3000 applicants × 3 subclasses = 9000 pairs: more than the 1024 first slots, so arrays and hash grow.
    const first: number[] = [];
    const expected: number[] = [];
    for (let a = 0; a < 3000; a += 1)
      for (let j = 0; j < 3; j += 1) {
        first.push(t.indexOf(a, j));
        expected.push(a * 3 + j);
      }
    expect(first).toEqual(expected);
    expect(t.count).toBe(9000);
    // Met again, in another order: the same indices, nothing added.
    const again: number[] = [];
    for (let j = 2; j >= 0; j -= 1) for (let a = 2999; a >= 0; a -= 1) again[a * 3 + j] = t.indexOf(a, j);
    expect(again).toEqual(expected);
    expect(t.count).toBe(9000);
    expect([t.applicant[7], t.subclass[7]]).toEqual([2, 1]); // 7 = 2 × 3 + 1
    expect(t.amounts.length).toBeGreaterThanOrEqual(9000 * 4);
  });
});

describe('applicant ids', () => {
  test('consolidated names, distinct within a list, numbered in the order first met', () => {
    const ids = new ApplicantIds({ nameOf: (raw) => raw.trim().toUpperCase(), merged: new Map() });
    const read = (list: string[]): number[] => Array.from(ids.last.subarray(0, ids.of(list)));
    expect(read(['Alpha', 'Beta'])).toEqual([0, 1]);
    // "alpha " is Alpha once consolidated: counted once.
    expect(read(['Gamma', 'alpha ', 'Alpha'])).toEqual([2, 0]);
    const shared = ['Beta', 'Delta'];
    expect(read(shared)).toEqual([1, 3]);
    expect(read(shared)).toEqual([1, 3]); // the same list again (records share one per applicant cell)
    expect(read([])).toEqual([]);
    expect(ids.names).toEqual(['ALPHA', 'BETA', 'GAMMA', 'DELTA']);
    expect(ids.ids.get('GAMMA')).toBe(2);
  });
});

describe('the cut-off inside the window', () => {
  const rec = (applicationNumber: string, filingDate: string, claims: number): PatentRecord => ({
    applicationNumber,
    filingDate,
    applicants: ['Kilo'],
    ipc: ['H01M 4/00'],
    claims,
    kind: 'patent',
    sources: [],
  });

  test('an application filed after the cut-off in the cut-off year is not counted', () => {
    const records = [
      rec('U1', '2017-05-01', 1),
      rec('U2', '2020-06-30', 2), // on the cut-off: counted
      rec('U3', '2020-07-01', 4), // after it: not counted
    ];
    const corpus = aggregatePortfolio(
      records,
      { nameOf: (r) => r, merged: new Map() },
      {
        cutoff: '2020-06-30',
        lastYear: 2020,
      },
    );
    // Span 2017–2020: 2017 has 1 claim, 2020 only U2's 2.
    expect(corpus.applications).toBe(2);
    expect(Array.from(corpus.corpusTotals)).toEqual([1, 0, 0, 2]);
  });
});

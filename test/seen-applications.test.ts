import { SeenApplications } from '../src/core/patents/seenApplications';

describe('SeenApplications: the duplicate check of the canonical import', () => {
  /** Kept records as the importer keeps them: key i on line lines[i]. */
  function kept(entries: [string, number][]) {
    const records: { applicationNumber: string; line: number }[] = [];
    const seen = new SeenApplications((i) => records[i]);
    const add = (key: string, line: number): void => {
      seen.add(key, line);
      records.push({ applicationNumber: key, line });
    };
    for (const [k, l] of entries) add(k, l);
    return { seen, add };
  }

  it('finds plain JP keys and their lines, and tells patents, utility models and years apart', () => {
    const { seen, add } = kept([
      ['JP2004000001', 2],
      ['JPU2004000001', 3],
      ['JP2005000001', 5],
      ['EP18195123A', 6],
      ['JP1999999999', 7],
    ]);
    expect(seen.lineOf('JP2004000001')).toBe(2);
    expect(seen.lineOf('JPU2004000001')).toBe(3);
    expect(seen.lineOf('JP2005000001')).toBe(5);
    expect(seen.lineOf('EP18195123A')).toBe(6);
    expect(seen.lineOf('JP1999999999')).toBe(7);
    // Neighbours of kept keys are not kept: next serial, the other series, the serial's bit in the next word.
    for (const k of ['JP2004000002', 'JPU2005000001', 'JP2004000000', 'JP2004000033', 'JP2006000001', 'JP2004'])
      expect(seen.has(k)).toBe(false);
    // Kept after a duplicate was looked up: the lines are still found (the index catches up).
    add('JP2004000033', 9);
    expect(seen.lineOf('JP2004000033')).toBe(9);
    expect(seen.lineOf('JP2004000001')).toBe(2);
  });

  it('keeps keys outside the bitmaps (other forms, years outside 1800–2199) in a map', () => {
    const { seen } = kept([
      ['JP2200000001', 2],
      ['JP1799000001', 3],
      ['JPX004000001', 4],
      ['US13657122', 5],
    ]);
    expect(seen.lineOf('JP2200000001')).toBe(2);
    expect(seen.lineOf('JP1799000001')).toBe(3);
    expect(seen.lineOf('JPX004000001')).toBe(4);
    expect(seen.lineOf('US13657122')).toBe(5);
    expect(seen.has('JP2199000001')).toBe(false);
  });
});

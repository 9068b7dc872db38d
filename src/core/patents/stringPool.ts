/**
 * Strings kept from a large import, stored lean. A cell cut out of a decoded row is, in V8, a slice that keeps
 * the whole row's text alive for as long as the cell is kept; and applicant names, IPC codes, inventors and
 * dates repeat across a million rows. The pool keeps one detached copy of each distinct string and hands that
 * copy out every time.
 */

/** Shorter strings are copied anyway when cut out of another (V8's minimum slice length). */
const MIN_SLICE = 13;

/** s as a string that shares no memory with the text it was cut from. */
export function detached(s: string): string {
  // Prefixing forces a new flat string; the slice of it then refers to that copy, not to the original row.
  return s.length < MIN_SLICE ? s : (' ' + s).slice(1);
}

/** Dates of years FIRST_YEAR … FIRST_YEAR + YEARS − 1 are pooled in an array indexed by the date. */
const FIRST_YEAR = 1800;
const YEARS = 401;

export class StringPool {
  private readonly strings = new Map<string, string>();
  private readonly lists = new Map<string, readonly string[]>();
  // Filled up front: an array written at scattered indexes would fall back to a slow dictionary.
  private readonly dates: (string | undefined)[] = new Array<string | undefined>(YEARS * 13 * 32).fill(undefined);

  /** The pool's copy of s (s itself, detached, the first time). */
  intern(s: string): string {
    const hit = this.strings.get(s);
    if (hit !== undefined) return hit;
    const own = detached(s);
    this.strings.set(own, own);
    return own;
  }

  /** The pool's copy of an ISO date (YYYY-MM-DD): found by its digits, which is quicker than hashing it. */
  isoDate(iso: string): string {
    const at = (i: number): number => iso.charCodeAt(i) - 48;
    const year = at(0) * 1000 + at(1) * 100 + at(2) * 10 + at(3) - FIRST_YEAR;
    if (iso.length !== 10 || !(year >= 0 && year < YEARS)) return this.intern(iso);
    const slot = (year * 13 + at(5) * 10 + at(6)) * 32 + at(8) * 10 + at(9);
    const hit = this.dates[slot];
    if (hit !== undefined) return hit;
    const own = detached(iso);
    this.dates[slot] = own;
    return own;
  }

  /**
   * list(s) shared by every cell that reads s: for cells that repeat whole (the applicants of a company's
   * filings), one lookup of the cell instead of one per item, and one array for all their records.
   */
  sharedList(s: string): readonly string[] {
    const hit = this.lists.get(s);
    if (hit !== undefined) return hit;
    const items = this.list(s);
    this.lists.set(detached(s), items);
    return items;
  }

  /**
   * The non-empty, trimmed items of a `;`-separated list, interned — or only detached, for items that seldom
   * repeat (IPC codes down to the group), where a lookup would cost more than it saves.
   */
  list(s: string, intern = true): string[] {
    if (s === '') return [];
    const keep = (t: string): string => (intern ? this.intern(t) : detached(t));
    if (s.indexOf(';') < 0) {
      const t = s.trim();
      return t === '' ? [] : [keep(t)];
    }
    const out: string[] = [];
    for (const part of s.split(';')) {
      const t = part.trim();
      if (t !== '') out.push(keep(t));
    }
    return out;
  }
}

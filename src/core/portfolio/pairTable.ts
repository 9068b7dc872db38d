/**
 * The applicant × subclass pairs of the portfolio corpus, numbered in the order first met, with 4 year slots
 * each. Looked up through an open-addressing hash of (applicant, subclass) over the pair arrays themselves: at
 * a million applications a Map<number, number> of pair keys cost most of the aggregation.
 */
const EMPTY = -1;

export class PairTable {
  count = 0;
  applicant = new Int32Array(1024);
  subclass = new Int32Array(1024);
  /** `width` slots per pair. */
  amounts: Float64Array;
  /** Pair index per slot, EMPTY when free; at most half full. */
  private slots = new Int32Array(2048).fill(EMPTY);
  private mask = 2047;

  constructor(width: number) {
    this.amounts = new Float64Array(1024 * width);
  }

  /** The pair of applicant a and subclass j, added (amounts 0) when new. */
  indexOf(a: number, j: number): number {
    const { slots, mask, applicant, subclass } = this;
    let s = slot(a, j) & mask;
    for (;;) {
      const p = slots[s];
      if (p === EMPTY) break;
      if (applicant[p] === a && subclass[p] === j) return p;
      s = (s + 1) & mask;
    }
    const p = this.count;
    if (p === applicant.length) this.grow();
    this.count = p + 1;
    this.applicant[p] = a;
    this.subclass[p] = j;
    if (this.count * 2 > this.slots.length) this.rehash();
    else this.slots[s] = p;
    return p;
  }

  private grow(): void {
    const capacity = this.applicant.length * 2;
    const pa = new Int32Array(capacity);
    pa.set(this.applicant);
    this.applicant = pa;
    const ps = new Int32Array(capacity);
    ps.set(this.subclass);
    this.subclass = ps;
    const am = new Float64Array(this.amounts.length * 2);
    am.set(this.amounts);
    this.amounts = am;
  }

  /** Doubles the slots and re-enters every pair (the newest included). */
  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    for (let p = 0; p < this.count; p += 1) {
      let s = slot(this.applicant[p], this.subclass[p]) & mask;
      while (slots[s] !== EMPTY) s = (s + 1) & mask;
      slots[s] = p;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

function slot(a: number, j: number): number {
  const h = Math.imul(a, 0x9e3779b1) ^ Math.imul(j + 1, 0x85ebca6b);
  return h ^ (h >>> 15);
}

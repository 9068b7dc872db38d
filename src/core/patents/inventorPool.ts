/**
 * The distinct inventor names of a RecordStore, numbered 0, 1, 2 … as first met, found by their bytes. Block 2
 * asks for a couple of million names, most seen before, and the cost of each is mostly memory: so a probe reads
 * one slot that holds the hash, the id and where the name's bytes are, then those bytes (BytePool reads four
 * arrays). A name that trims to nothing keeps its id but is marked blank in its slot, so that the caller can
 * pass over it without reading the name. The caller hashes the bytes, in the same pass that finds the name's
 * ends.
 */

/** Ints per slot: [hash, code, from, to]; code 0 empty, id + 1 for a name, −(id + 1) for a blank name. */
const SLOT = 4;

export class InventorPool {
  private table = new Int32Array(SLOT << 12);
  /**
   * The names' bytes, copied (table from/to): a few hundred kilobytes that stay in the cache, where the names'
   * first occurrences in the store's arena lie scattered over a hundred megabytes.
   */
  private arena = new Uint8Array(1 << 16);
  private used = 0;
  /** The slot where the key of the last find() that missed belongs. */
  private free = 0;
  /** The number of distinct names; ids are 0 … size − 1. */
  size = 0;

  /** The code (see SLOT) of bytes[s, e), hashed by the caller to the Int32 h; 0 when new, to be insert()ed next. */
  find(bytes: Uint8Array, s: number, e: number, h: number): number {
    const table = this.table;
    const mask = table.length / SLOT - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = SLOT * slot;
      const code = table[at + 1];
      if (code === 0) {
        this.free = slot;
        return 0;
      }
      if (table[at] !== h) continue;
      const a = table[at + 2];
      if (table[at + 3] - a !== e - s) continue;
      const arena = this.arena;
      let i = 0;
      while (i < e - s && arena[a + i] === bytes[s + i]) i += 1;
      if (i === e - s) return code;
    }
  }

  /** Adds bytes[s, e), hashed h, which find() has just missed; its code. */
  insert(bytes: Uint8Array, s: number, e: number, h: number, blank: boolean): number {
    const id = this.size;
    const n = e - s;
    if (this.used + n > this.arena.length) {
      const arena = new Uint8Array(Math.max(2 * this.arena.length, this.used + n));
      arena.set(this.arena.subarray(0, this.used));
      this.arena = arena;
    }
    this.arena.set(bytes.subarray(s, e), this.used);
    const code = blank ? -(id + 1) : id + 1;
    const at = SLOT * this.free;
    this.table[at] = h;
    this.table[at + 1] = code;
    this.table[at + 2] = this.used;
    this.table[at + 3] = this.used + n;
    this.used += n;
    this.size += 1;
    // Kept under half full, so that a probe ends soon.
    if (this.size * 2 * SLOT > this.table.length) this.rehash();
    return code;
  }

  private rehash(): void {
    const old = this.table;
    const table = new Int32Array(2 * old.length);
    const mask = table.length / SLOT - 1;
    for (let j = 0; j < old.length; j += SLOT) {
      if (old[j + 1] === 0) continue;
      let slot = old[j] & mask;
      while (table[SLOT * slot + 1] !== 0) slot = (slot + 1) & mask;
      table.set(old.subarray(j, j + SLOT), SLOT * slot);
    }
    this.table = table;
  }
}

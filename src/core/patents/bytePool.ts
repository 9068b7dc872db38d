/**
 * Distinct byte strings numbered 0, 1, 2 … as they are first seen: a cell of a large file found by its bytes,
 * hashed and compared in place, so that an applicant or inventor cell that repeats a million times is decoded
 * once. Open addressing over an Int32Array; the keys' bytes are copied into one growing arena.
 */

const EMPTY = -1;

export class BytePool {
  private slots = new Int32Array(1 << 12).fill(EMPTY);
  private hashes = new Int32Array(1 << 10);
  private from = new Int32Array(1 << 10);
  private to = new Int32Array(1 << 10);
  private arena = new Uint8Array(1 << 16);
  private used = 0;
  /** The number of distinct keys; ids are 0 … size − 1. */
  size = 0;

  /** The id of buf[s, e), adding it when new; `added` tells which. */
  id(buf: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5;
    for (let i = s; i < e; i += 1) h = Math.imul(h ^ buf[i], 0x01000193);
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot];
      if (id === EMPTY) return this.add(buf, s, e, h, slot);
      if (this.hashes[id] === h && this.same(id, buf, s, e)) {
        this.added = false;
        return id;
      }
    }
  }

  /** Whether the last id() call added its key. */
  added = false;

  private same(id: number, buf: Uint8Array, s: number, e: number): boolean {
    const a = this.from[id];
    if (this.to[id] - a !== e - s) return false;
    const arena = this.arena;
    for (let i = 0; i < e - s; i += 1) if (arena[a + i] !== buf[s + i]) return false;
    return true;
  }

  private add(buf: Uint8Array, s: number, e: number, h: number, slot: number): number {
    const id = this.size;
    if (id === this.hashes.length) {
      const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.hashes = grow(this.hashes);
      this.from = grow(this.from);
      this.to = grow(this.to);
    }
    const n = e - s;
    if (this.used + n > this.arena.length) {
      const b = new Uint8Array(Math.max(this.arena.length * 2, this.used + n));
      b.set(this.arena.subarray(0, this.used));
      this.arena = b;
    }
    this.arena.set(buf.subarray(s, e), this.used);
    this.hashes[id] = h;
    this.from[id] = this.used;
    this.to[id] = this.used + n;
    this.used += n;
    this.slots[slot] = id;
    this.size += 1;
    this.added = true;
    // Kept under half full, so that a probe ends soon.
    if (this.size * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    for (let id = 0; id < this.size; id += 1) {
      let slot = this.hashes[id] & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    this.slots = slots;
  }
}

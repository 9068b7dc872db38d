import { BytePool } from '../src/core/patents/bytePool';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('BytePool', () => {
  it('numbers distinct byte strings as first seen, wherever and in whatever buffer they are found', () => {
    const pool = new BytePool();
    // Lengths 0–9 and keys that share their first four or eight bytes, or differ only in the tail byte.
    const keys = [
      '',
      'a',
      'ab',
      'abc',
      'abcd',
      'abcde',
      'abcdefgh',
      'abcdefgi',
      'abcdefghi',
      'bbcd',
      '株式会社',
      '株式会社ＳＵＢＡＲＵ',
    ];
    const ids = keys.map((k) => {
      const id = pool.id(utf8(k), 0, utf8(k).length);
      expect(pool.added).toBe(true);
      return id;
    });
    expect(ids).toEqual(keys.map((_, i) => i));
    // The same keys again, now inside a larger buffer at an odd offset, seen through a view with a byteOffset.
    const text = utf8(`,x${keys.join('|')}|`);
    const outer = new Uint8Array(text.length + 3);
    outer.set(text, 3);
    const view = outer.subarray(3);
    let at = 2;
    keys.forEach((k, i) => {
      const n = utf8(k).length;
      expect(pool.id(view, at, at + n)).toBe(i);
      expect(pool.added).toBe(false);
      at += n + 1;
    });
    expect(pool.size).toBe(keys.length);
  });

  it('keeps every key apart through many rehashes', () => {
    const pool = new BytePool();
    const n = 50_000;
    for (let i = 0; i < n; i += 1) expect(pool.id(utf8(`発明者${i}`), 0, utf8(`発明者${i}`).length)).toBe(i);
    for (let i = n - 1; i >= 0; i -= 7) {
      expect(pool.id(utf8(`発明者${i}`), 0, utf8(`発明者${i}`).length)).toBe(i);
      expect(pool.added).toBe(false);
    }
    expect(pool.size).toBe(n);
  });
});

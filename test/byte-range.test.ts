/**
 * byteRange reads a file's bytes [start, end) in 1 MB chunks into one reused buffer: what a reader copies of
 * each chunk before asking for the next is exactly the file's bytes, whatever the range.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { byteRange } from '../src/cli/readFile';

const dir = mkdtempSync(join(tmpdir(), 'ipb-range-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('chunks of one reused buffer add up to the range', async () => {
  const size = 2.5 * (1 << 20) + 17;
  const bytes = new Uint8Array(size);
  // Pseudo-random (an LCG's high bits): no period that a chunk's length could hide a misplaced byte in.
  let x = 12345;
  for (let i = 0; i < size; i += 1) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  const file = join(dir, 'bytes.bin');
  writeFileSync(file, bytes);
  for (const [start, end] of [
    [0, size],
    [5, 1 << 20],
    [(1 << 20) - 3, size - 1],
    [100, 100],
  ]) {
    const copies: Uint8Array[] = [];
    const progress: number[] = [];
    for await (const chunk of byteRange(file, start, end, (n) => progress.push(n)))
      copies.push(Uint8Array.prototype.slice.call(chunk));
    const got = new Uint8Array(copies.reduce((n, c) => n + c.length, 0));
    copies.reduce((at, c) => (got.set(c, at), at + c.length), 0);
    // Compared as a count of differing bytes: a diff of megabytes would take jest minutes to print.
    const want = bytes.subarray(start, end);
    expect(got.length).toBe(want.length);
    expect(got.filter((b, i) => b !== want[i]).length).toBe(0);
    expect(progress[progress.length - 1] ?? 0).toBe(end - start);
  }
});

test('a file shorter than the range asked for is an error, not a quiet end', async () => {
  const file = join(dir, 'short.bin');
  writeFileSync(file, new Uint8Array(1000));
  const read = async (): Promise<number> => {
    let n = 0;
    for await (const chunk of byteRange(file, 0, 5000)) n += chunk.length;
    return n;
  };
  await expect(read()).rejects.toThrow('ended at byte 1000, before byte 5000');
});

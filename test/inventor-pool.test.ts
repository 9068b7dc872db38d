/**
 * A store's inventor ids: equal ids for equal bytes, distinct for distinct bytes (also when every name hashes
 * alike, so that only the byte comparison tells them apart), blank names passed over, and the pool still right
 * after it has grown many times.
 */
import { InventorPool } from '../src/core/patents/inventorPool';
import { RecordStore } from '../src/core/patents/recordStore';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function storeOf(cells: readonly string[]): RecordStore {
  const store = new RecordStore({ file: 'f.csv', inventors: true, title: false, texts: false });
  for (const cell of cells) {
    store.begin();
    const empty = new Uint8Array(0);
    store.segment(0, empty, 0, 0);
    store.segment(1, empty, 0, 0);
    store.segment(2, empty, 0, 0);
    const b = utf8(cell);
    store.segment(3, b, 0, b.length);
    store.end();
  }
  return store;
}

test('inventor ids of a store: first-met order, repeats alike, blanks and empty items passed over', () => {
  // '山田 太郎' is id 0, '佐藤 花子' id 1, ' ' (blank, trimmed to '') id 2 but never handed out, '山田 太' id 3.
  const store = storeOf(['山田 太郎;佐藤 花子', '佐藤 花子;; ;山田 太郎', '', '山田 太;山田 太郎;']);
  const ids: number[] = [];
  const all = [0, 1, 2, 3].map((i) => {
    store.inventorIds(i, ids);
    return [...ids];
  });
  expect(all).toEqual([[0, 1], [1, 0], [], [3, 0]]);
  expect([0, 1, 3].map((id) => store.inventorName(id))).toEqual(['山田 太郎', '佐藤 花子', '山田 太']);
  expect(store.inventorsOf(3)).toEqual(['山田 太', '山田 太郎']);
});

test('the pool tells names apart by their bytes when all hash alike, and after growing', () => {
  const pool = new InventorPool();
  const names = Array.from({ length: 5000 }, (_, k) => utf8(`n${k}`));
  // Every name with the same hash (7): each lookup probes past all the names added before it.
  const sameHash = (b: Uint8Array): number => {
    const code = pool.find(b, 0, b.length, 7);
    return code !== 0 ? code : pool.insert(b, 0, b.length, 7, false);
  };
  const first = names.slice(0, 300).map(sameHash);
  expect(first).toEqual(first.map((_, k) => k + 1));
  expect(names.slice(0, 300).map(sameHash)).toEqual(first);
  // The rest with distinct hashes, past several rehashes; then every name again finds its own code.
  const hashed = (b: Uint8Array, k: number): number => {
    const code = pool.find(b, 0, b.length, Math.imul(k, 0x9e3779b1));
    return code !== 0 ? code : pool.insert(b, 0, b.length, Math.imul(k, 0x9e3779b1), k % 1000 === 999);
  };
  const rest = names.slice(300).map((b, j) => hashed(b, j + 300));
  expect(rest).toEqual(rest.map((_, j) => (j % 1000 === 699 ? -(j + 301) : j + 301)));
  expect(names.slice(300).map((b, j) => hashed(b, j + 300))).toEqual(rest);
  expect(names.slice(0, 300).map(sameHash)).toEqual(first);
  expect(pool.size).toBe(5000);
});

test('an indexed store gives the same ids and names, also after crossing to another thread', () => {
  const cells = [
    '山田 太郎;佐藤 花子',
    '佐藤 花子;; ;山田 太郎',
    '',
    '山田 太;山田 太郎;',
    'Ｊｏｈｎ　Ｓｍｉｔｈ;佐藤 花子',
  ];
  const idsOf = (store: RecordStore): number[][] =>
    cells.map((_, i) => {
      const ids: number[] = [];
      store.inventorIds(i, ids);
      return ids;
    });
  const lazy = idsOf(storeOf(cells));
  const indexed = storeOf(cells);
  expect(indexed.inventorIndex).toBeUndefined();
  indexed.indexInventors();
  const index = indexed.inventorIndex;
  if (index === undefined) throw new Error('not indexed');
  expect(Array.from(index.start)).toEqual([0, 2, 4, 4, 6, 8]);
  expect(idsOf(indexed)).toEqual(lazy);
  expect(indexed.inventorCount).toBe(5);
  // Indexing again changes nothing; the store is complete.
  indexed.indexInventors();
  expect(indexed.inventorIndex).toBe(index);
  expect(() => indexed.begin()).toThrow('a record added after the store was indexed');
  // The columns carry the index and its names; the copy has no pool, so it must read both from them.
  const copy = RecordStore.fromColumns(structuredClone(indexed.columns()), 0);
  expect(copy.inventorIndex).toBeDefined();
  expect(idsOf(copy)).toEqual(lazy);
  expect(cells.map((_, i) => copy.inventorsOf(i))).toEqual(cells.map((_, i) => indexed.inventorsOf(i)));
  expect(copy.inventorsOf(4)).toEqual(['Ｊｏｈｎ　Ｓｍｉｔｈ', '佐藤 花子']);
  // An unindexed store's columns carry no names: the copy numbers its inventors anew from the bytes.
  const plain = RecordStore.fromColumns(structuredClone(storeOf(cells).columns()), 0);
  expect(plain.inventorIndex).toBeUndefined();
  expect(idsOf(plain)).toEqual(lazy);
  expect([0, 1, 3, 4].map((id) => plain.inventorName(id))).toEqual([
    '山田 太郎',
    '佐藤 花子',
    '山田 太',
    'Ｊｏｈｎ　Ｓｍｉｔｈ',
  ]);
});

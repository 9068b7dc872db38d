/**
 * A store sized from the expected bytes (ImportOptions.expectedBytes: one reservation after the first chunk,
 * then growth by a quarter) holds exactly the records of a store grown by doubling, whether the estimate is
 * right, far too low or far too high.
 */
import { importCanonicalBytes } from '../src/core/patents/importers/canonical';
import { RecordStore, StoredRecord } from '../src/core/patents/recordStore';
import { generatePatents } from '../scripts/generate-patents';
import { plainRecords } from './helpers/plainRecords';

test('the same records with any expectedBytes', async () => {
  const bytes = new TextEncoder().encode(
    [...generatePatents({ seed: 31, applications: 5000, fromYear: 2010, toYear: 2023 })].join('\n') + '\n',
  );
  // 64 KB chunks: the reservation is made after the first, from the records it held.
  const chunks = Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, i) =>
    bytes.subarray(i * 65536, (i + 1) * 65536),
  );
  const capacities: number[] = [];
  const read = async (expectedBytes?: number) => {
    const r = await importCanonicalBytes(chunks, { file: 'p.csv', keepText: true, expectedBytes });
    const first = r.records[0];
    expect(first).toBeInstanceOf(StoredRecord);
    capacities.push((first as StoredRecord).store.columns().line.buffer.byteLength / 4);
    return plainRecords(r);
  };
  const grown = await read();
  expect(grown.records.length).toBeGreaterThan(4900);
  for (const expected of [bytes.length, Math.floor(bytes.length / 7), bytes.length * 5]) {
    expect(await read(expected)).toEqual(grown);
  }
  // Grown by doubling from 1024: 8192 slots; reserved for the right size: within 3% of the records (plus the
  // estimate's error); too low: grown by quarters past it; too high: five times the records.
  const n = grown.records.length;
  expect(capacities[0]).toBe(8192);
  expect(capacities[1]).toBeGreaterThanOrEqual(n);
  expect(capacities[1]).toBeLessThan(1.1 * n);
  expect(capacities[2]).toBeLessThan(1.3 * n);
  expect(capacities[3]).toBeGreaterThan(4.5 * n);
});

test('a store of 300,000 titled records crosses threads (fromColumns) whole', () => {
  // Sent back by the import worker when a large file is read on two threads with titles kept (the CLI's case);
  // appending its titles with push(...) threw "Maximum call stack size exceeded" past some 120,000.
  const store = new RecordStore({ file: 'p.csv', inventors: false, title: true, texts: false });
  const n = 300_000;
  const bytes = new TextEncoder().encode('JP2020-000001A');
  for (let i = 0; i < n; i += 1) {
    const r = store.begin();
    store.line[r] = i + 2;
    store.segment(0, bytes, 0, bytes.length);
    store.titles.push(`発明 ${i}`);
    store.end();
  }
  const copy = RecordStore.fromColumns(store.columns(), 10);
  expect(copy.size).toBe(n);
  expect(copy.record(n - 1).title).toBe(`発明 ${n - 1}`);
  expect(copy.record(n - 1).sources).toEqual([{ file: 'p.csv', line: n + 11 }]);
});

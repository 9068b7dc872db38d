/**
 * The canonical import on two threads as the CLI runs it (src/cli/canonicalFile.ts): a real worker reads the
 * second half and sends its records back as the store's transferred columns; the result equals the one-thread
 * import record for record, rejection for rejection. The worker runs compiled JavaScript, so it and what it
 * imports are compiled into test-output/ first.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { importCanonicalFile, importThreads } from '../src/cli/canonicalFile';
import { StoredRecord } from '../src/core/patents/recordStore';
import { generatePatents } from '../scripts/generate-patents';
import { plainRecords } from './helpers/plainRecords';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'test-output', 'import-worker');
const WORKER = join(OUT, 'src', 'cli', 'importWorker.js');
let dir: string;

beforeAll(() => {
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
      join(ROOT, 'src', 'cli', 'importWorker.ts'),
      ...['--outDir', OUT, '--rootDir', ROOT, '--module', 'commonjs', '--target', 'ES2022'],
      ...['--esModuleInterop', '--skipLibCheck', '--strict', '--types', 'node'],
    ],
    { stdio: 'inherit' },
  );
  dir = mkdtempSync(join(tmpdir(), 'ipb-threads-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('two threads give the one-thread import: records (views and general rows), lines and rejections', async () => {
  const lines = [...generatePatents({ seed: 5, applications: 3000, fromYear: 2004, toYear: 2023, withText: true })];
  // Rows for the general row in the second half (lines[i] is line i + 1): a slash date (kept), a duplicate of a
  // second-half number (one of the first half would make the parts unjoinable: canonical-parts.test.ts), a claim
  // count that is not one.
  lines[2400] = lines[2400].replace(/^(JPU?\d{4}-\d{6},[^,]*,)(\d{4})-(\d{2})-(\d{2})/, '$1$2/$3/$4');
  lines.splice(2500, 0, lines[2450]);
  lines[2600] = lines[2600].replace(/^([^,]*,[^,]*,[^,]*,("[^"]*"|[^,]*),[^,]*,[^,]*,)\d+/, '$1x');
  const file = join(dir, 'p.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  const one = await importCanonicalFile(file, { file: 'p.csv', keepText: 'title', threads: 1 });
  const two = await importCanonicalFile(file, {
    file: 'p.csv',
    keepText: 'title',
    threads: 2,
    minParallelRows: 0,
    workerFile: WORKER,
  });
  expect(one.rejected.map((r) => [r.line, r.field])).toEqual([
    [2501, 'application_number'],
    [2601, 'claims'],
  ]);
  expect(plainRecords(two)).toEqual(plainRecords(one));
  // The number of rows decides, as the file's first megabyte puts it (about 3000 here).
  const opts = { file: 'p.csv', keepText: 'title' as const, threads: 2, workerFile: WORKER };
  expect(importThreads(file, { ...opts, minParallelRows: 2900 })).toBe(2);
  expect(importThreads(file, { ...opts, minParallelRows: 3100 })).toBe(1);
  expect(importThreads(file, { ...opts, minParallelRows: 0, threads: 1 })).toBe(1);
  // By default a file of a few thousand rows is read on this thread alone.
  expect(importThreads(file, { file: 'p.csv', keepText: 'title', workerFile: WORKER })).toBe(1);
  // The second half's records are views of the store the worker sent (lines shifted to the file's).
  const [first, last] = [two.records[0], two.records[two.records.length - 1]];
  if (!(first instanceof StoredRecord && last instanceof StoredRecord)) throw new Error('records are not views');
  expect(last.store).not.toBe(first.store);
  // Each thread numbered its own part's inventors, and the worker's numbering came with its columns (the
  // records' inventors, compared above, are read through it).
  expect(first.store.inventorIndex).toBeDefined();
  expect(last.store.inventorIndex).toBeDefined();
  expect(last.sources[0].line).toBe(lines.length);
  expect(two.records.filter((r) => !(r instanceof StoredRecord)).map((r) => r.sources[0].line)).toEqual([2401]);
});

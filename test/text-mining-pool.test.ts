/**
 * Keywords in worker threads give exactly the keywords of one thread, in the input order. Workers run compiled
 * JavaScript, so the worker and what it imports are compiled once into test-output/ (inside the project, so that
 * node_modules resolves) before the test.
 */
import { execFileSync } from 'child_process';
import { existsSync, readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { extractKeywords } from '../src/cli/segmenters/keywordPool';
import { createLinderaSegmenter } from '../src/cli/segmenters/loadLindera';
import { importJplatpat } from '../src/core/patents/importers/jplatpat';
import { decodeBytes } from '../src/core/text/decode';
import { type DocumentTexts, documentKeywords } from '../src/core/text-mining/keywords';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'test-output', 'keyword-worker');
const DATA = join(ROOT, '..', 'shared', 'data', 'jplatpat-co2-capture');
const WORKER = join(OUT, 'src', 'cli', 'segmenters', 'keywordWorker.js');

/** Real abstracts when ../shared/data is there; otherwise sentences of claim language, English and Japanese. */
async function texts(): Promise<DocumentTexts[]> {
  if (existsSync(DATA)) {
    const out: DocumentTexts[] = [];
    for (const f of readdirSync(DATA).sort()) {
      const { text } = decodeBytes(readFileSync(join(DATA, f)));
      for (const r of (await importJplatpat([text], { file: f, keepText: true })).records) out.push(r);
    }
    return out.slice(0, 600);
  }
  return Array.from({ length: 600 }, (_, i) =>
    i % 3 === 0
      ? { abstract: `A method of capturing CO2 with absorber ${i} and a regenerator.` }
      : { abstract: `前記吸収液${i}と被処理ガスとを接触させ、二酸化炭素を回収する吸収塔。` },
  );
}

beforeAll(() => {
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
      join(ROOT, 'src', 'cli', 'segmenters', 'keywordWorker.ts'),
      ...['--outDir', OUT, '--rootDir', ROOT, '--module', 'commonjs', '--target', 'ES2020'],
      ...['--esModuleInterop', '--skipLibCheck', '--strict', '--types', 'node'],
    ],
    { stdio: 'inherit' },
  );
});

test('two workers, batches of 50: the same keywords as one thread, in order', async () => {
  const docs = await texts();
  const segmenter = createLinderaSegmenter();
  const expected = docs.map((d) => documentKeywords(d, segmenter));
  const progress: number[] = [];
  const r = await extractKeywords(docs, {
    threads: 2,
    batchSize: 50,
    workerFile: WORKER,
    minDocumentsForWorkers: 0,
    onProgress: (done) => progress.push(done),
  });
  expect(r.threads).toBe(2);
  expect(r.segmenter).toMatch(/^lindera-wasm-ipadic/);
  expect(r.keywords).toEqual(expected);
  expect(progress[progress.length - 1]).toBe(docs.length);
});

test('without the compiled worker the work is done in this thread, with the same result', async () => {
  const docs = (await texts()).slice(0, 40);
  const r = await extractKeywords(docs, { threads: 2, workerFile: join(OUT, 'absent.js'), minDocumentsForWorkers: 0 });
  expect(r.threads).toBe(1);
  const segmenter = createLinderaSegmenter();
  expect(r.keywords).toEqual(docs.map((d) => documentKeywords(d, segmenter)));
});

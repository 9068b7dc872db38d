/**
 * The Block 3 text benchmark: keywords (segmentation), the keyword corpus, PKA and PSI on N documents, with the
 * analyser alone as the floor. Standalone, or called from the main bench (runTextBench).
 *
 *   npm run build:cli && node lib/scripts/bench-text.js                       100k generated documents
 *   node lib/scripts/bench-text.js --documents 20k --source real --threads 2
 *
 * Sources: `generated` = scripts/generate-patents.ts with Japanese titles and ~300-character abstracts (seed
 * 20031126, read by importCanonical); `real` = the 2,071 J-PlatPat abstracts of ../shared/data (CO2 capture),
 * drawn in turn until N (each copy a new application of the same applicants), so that the analyser sees real
 * text: numbers, symbols, katakana loanwords, chemical formulas.
 *
 * Time is wall time from the records in hand to every result: keywords of all documents (worker threads), the
 * corpus, PSI_ALL over the corpus, and PKA and PSI for every applicant. The floor is one thread of lindera alone
 * (normalised text in, morphemes out) on 2,000 documents, in CPU seconds, times the threads; the keyword phase's
 * CPU seconds (all threads) tell the analyser's share from waiting for a busy machine's cores. On a shared machine
 * the fair figure is `projected`: the keyword phase's CPU seconds divided by the threads (the wall time on that
 * many free cores) plus the corpus and analysis times. Peak memory is the process's maximum resident set (worker
 * threads included).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { importCanonical } from '../src/core/patents/importers/canonical';
import { importJplatpat } from '../src/core/patents/importers/jplatpat';
import { consolidate } from '../src/core/patents/names';
import type { PatentRecord } from '../src/core/patents/record';
import { decodeBytes } from '../src/core/text/decode';
import { KeywordCorpus } from '../src/core/text-mining/corpus';
import { keywordDocuments } from '../src/core/text-mining/documents';
import { normaliseText } from '../src/core/text-mining/normalise';
import { characteristicKeywords } from '../src/core/text-mining/pka';
import { corpusPsiAll, patentSimilarity } from '../src/core/text-mining/psi';
import { extractKeywords } from '../src/cli/segmenters/keywordPool';
import { createLinderaSegmenter } from '../src/cli/segmenters/loadLindera';
import { generatePatents } from './generate-patents';
import { peakRssMB } from './peakRss';

const SEED = 20031126;
const FLOOR_SAMPLE = 2000;
export const REAL_DATA = path.join(__dirname, '..', '..', '..', 'shared', 'data', 'jplatpat-co2-capture');

export interface TextBenchOptions {
  readonly documents: number;
  readonly source: 'generated' | 'real';
  /** Worker threads (default: the available cores). */
  readonly threads?: number;
  /** The folder of the real J-PlatPat exports (default ../shared/data/jplatpat-co2-capture from the project). */
  readonly realData?: string;
}

export interface TextBenchResult {
  readonly documents: number;
  readonly source: 'generated' | 'real';
  readonly meanChars: number;
  readonly segmenter: string;
  readonly threads: number;
  /** One thread of the analyser alone, documents per CPU second. */
  readonly floorPerThread: number;
  /** The floor times the threads, in seconds for all documents. */
  readonly floorSeconds: number;
  readonly keywordSeconds: number;
  /** CPU seconds of all threads during the keyword phase: above the floor is overhead, a wall time above it is waiting for a core. */
  readonly keywordCpuSeconds: number;
  readonly corpusSeconds: number;
  /** PSI_ALL over the corpus, and PKA + PSI for every applicant. */
  readonly analysisSeconds: number;
  readonly totalSeconds: number;
  /** Keyword CPU seconds / threads + corpus + analysis: the total on free cores. */
  readonly projectedSeconds: number;
  /** The 1-minute load average at the end (other jobs on the machine). */
  readonly loadAverage: number;
  readonly documentsPerSecond: number;
  /** Applicants, each given PKA and PSI. */
  readonly companies: number;
  readonly keywordsPerDocument: number;
  readonly vocabulary: number;
  readonly peakMb: number;
}

const seconds = (t0: number): number => (performance.now() - t0) / 1000;

async function generatedRecords(n: number): Promise<PatentRecord[]> {
  function* chunks(): Generator<string> {
    for (const line of generatePatents({ seed: SEED, applications: n, fromYear: 2004, toYear: 2023, withText: true }))
      yield `${line}\n`;
  }
  return (await importCanonical(chunks(), { file: 'generated.csv', keepText: true })).records;
}

async function realRecords(n: number, dir: string): Promise<PatentRecord[]> {
  const base: PatentRecord[] = [];
  for (const f of fs
    .readdirSync(dir)
    .filter((x) => x.endsWith('.csv'))
    .sort()) {
    const { text } = decodeBytes(fs.readFileSync(path.join(dir, f)));
    base.push(...(await importJplatpat([text], { file: f, keepText: true })).records.filter((r) => r.abstract));
  }
  if (base.length === 0) throw new Error(`${dir}: no abstracts`);
  return Array.from({ length: n }, (_, i) => {
    const r = base[i % base.length];
    const copy = Math.floor(i / base.length);
    return copy === 0 ? r : { ...r, applicationNumber: `${r.applicationNumber}#${copy}` };
  });
}

function floorPerThread(records: readonly PatentRecord[]): { perThread: number; name: string } {
  const segmenter = createLinderaSegmenter();
  const texts = records.slice(0, FLOOR_SAMPLE).map((r) => normaliseText(r.abstract ?? ''));
  for (const t of texts.slice(0, 200)) segmenter.segment(t); // warm-up
  const c0 = process.cpuUsage();
  for (const t of texts) segmenter.segment(t);
  const c = process.cpuUsage(c0);
  return { perThread: texts.length / ((c.user + c.system) / 1e6), name: segmenter.name };
}

export async function runTextBench(opts: TextBenchOptions): Promise<TextBenchResult> {
  const records =
    opts.source === 'real'
      ? await realRecords(opts.documents, opts.realData ?? REAL_DATA)
      : await generatedRecords(opts.documents);
  const threads = opts.threads ?? os.availableParallelism();
  const floor = floorPerThread(records);
  const names = consolidate(
    records.flatMap((r) => r.applicants),
    [],
  );

  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const extraction = await extractKeywords(
    records.map((r) => ({ abstract: r.abstract, claimsText: r.claimsText })),
    { threads, minDocumentsForWorkers: 0 },
  );
  const keywordSeconds = seconds(t0);
  const cpu = process.cpuUsage(cpu0);
  const t1 = performance.now();
  const corpus = new KeywordCorpus(keywordDocuments(records, names.nameOf, extraction.keywords));
  const corpusSeconds = seconds(t1);
  const t2 = performance.now();
  corpusPsiAll(corpus);
  const companies = [...corpus.documentsOf.keys()];
  for (const c of companies) {
    characteristicKeywords(corpus, c);
    patentSimilarity(corpus, c);
  }
  const analysisSeconds = seconds(t2);
  const totalSeconds = seconds(t0);
  const chars = records.reduce((s, r) => s + (r.abstract?.length ?? 0) + (r.claimsText?.length ?? 0), 0);
  const keywords = corpus.keywordIds.reduce((s, k) => s + k.length, 0);
  return {
    documents: records.length,
    source: opts.source,
    meanChars: chars / records.length,
    segmenter: extraction.segmenter ?? floor.name,
    threads: extraction.threads,
    floorPerThread: floor.perThread,
    floorSeconds: records.length / (floor.perThread * extraction.threads),
    keywordSeconds,
    keywordCpuSeconds: (cpu.user + cpu.system) / 1e6,
    corpusSeconds,
    analysisSeconds,
    totalSeconds,
    projectedSeconds: (cpu.user + cpu.system) / 1e6 / extraction.threads + corpusSeconds + analysisSeconds,
    loadAverage: os.loadavg()[0],
    documentsPerSecond: records.length / totalSeconds,
    companies: companies.length,
    keywordsPerDocument: keywords / corpus.documents.length,
    vocabulary: corpus.vocabulary.length,
    peakMb: peakRssMB(),
  };
}

const f1 = (x: number): string => x.toFixed(1);

export function textBenchTable(results: readonly TextBenchResult[]): string {
  const lines = [
    '| source | documents | chars/doc | threads | floor docs/s/thread | floor s | keywords s (CPU s) | corpus s | PKA+PSI s | total s | projected s | load | docs/s | companies | keywords/doc | vocabulary | peak MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results)
    lines.push(
      `| ${r.source} | ${r.documents} | ${r.meanChars.toFixed(0)} | ${r.threads} | ${r.floorPerThread.toFixed(0)} | ${f1(r.floorSeconds)} | ${f1(r.keywordSeconds)} (${f1(r.keywordCpuSeconds)}) | ${f1(r.corpusSeconds)} | ${f1(r.analysisSeconds)} | ${f1(r.totalSeconds)} | ${f1(r.projectedSeconds)} | ${f1(r.loadAverage)} | ${r.documentsPerSecond.toFixed(0)} | ${r.companies} | ${f1(r.keywordsPerDocument)} | ${r.vocabulary} | ${r.peakMb.toFixed(0)} |`,
    );
  return lines.join('\n');
}

function parseCount(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([kM]?)$/.exec(s);
  if (!m) throw new Error(`not a count: ${s}`);
  return Math.round(Number(m[1]) * (m[2] === 'M' ? 1e6 : m[2] === 'k' ? 1e3 : 1));
}

async function main(argv: string[]): Promise<void> {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const result = await runTextBench({
    documents: parseCount(arg('--documents') ?? '100k'),
    source: (arg('--source') ?? 'generated') as 'generated' | 'real',
    threads: arg('--threads') ? Number(arg('--threads')) : undefined,
  });
  console.log(`${result.segmenter}; ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}`);
  console.log(textBenchTable([result]));
}

if (require.main === module)
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });

/**
 * Block 3's benchmark: HHI per subclass and PDI, PCPI, AVG_PCPI for every applicant of the seeded corpus
 * (scripts/generate-patents.ts), ours (the CLI's canonical import → aggregatePortfolio → portfolioIndicators)
 * against the same aggregations in DuckDB SQL, each in its own child process (its own peak memory, VmHWM).
 * The two must agree to 1e-9 relative on every value. Both sides read applicant names as written (trimmed):
 * name consolidation is Block 2's benchmark's business, and SQL has no nameKey.
 *
 *   npm run build:cli && node --max-old-space-size=4096 lib/scripts/bench-portfolio.js [100k] [1M]
 *   import { benchPortfolio, portfolioReport } from './bench-portfolio'   (for scripts/bench.ts)
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { importCanonicalFile } from '../src/cli/canonicalFile';
import type { Consolidation } from '../src/core/patents/names';
import { aggregatePortfolio, defaultPortfolioYear } from '../src/core/portfolio/aggregate';
import { portfolioIndicators } from '../src/core/portfolio/indicators';
import { isNoValue, type Value } from '../src/core/values';
import { generatePatents } from './generate-patents';
import { peakRssMB } from './peakRss';
import { medianRun, secondsList, takeTurns, type TimedRun } from './benchRounds';

const SEED = 2003396346;
const FROM_YEAR = 2004;
const TO_YEAR = 2023;
const CUTOFF = `${TO_YEAR}-12-31`;
const Y3 = defaultPortfolioYear(CUTOFF);
const Y0 = Y3 - 3;

/** applicant → [PDI, PCPI, AVG_PCPI] (null = no value); subclass → pooled HHI. */
interface Values {
  applicants: Record<string, (number | null)[]>;
  hhi: Record<string, number | null>;
}

interface ChildResult {
  seconds: number;
  peakMB: number;
  values: Values;
}

const json = (v: Value): number | null => (isNoValue(v) ? null : v);

async function runOurs(file: string): Promise<ChildResult> {
  const start = process.hrtime.bigint();
  // As the CLI reads a UTF-8 canonical file (src/cli/patents.ts → canonicalFile.ts), less the numbering of the
  // inventors, which only Block 2 reads.
  const imported = await importCanonicalFile(file, { file, keepText: false, indexInventors: false });
  const asWritten: Consolidation = { nameOf: (raw) => raw.trim(), merged: new Map() };
  const corpus = aggregatePortfolio(imported.records, asWritten, { cutoff: CUTOFF });
  const r = portfolioIndicators(corpus);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const values: Values = { applicants: {}, hhi: {} };
  corpus.applicants.forEach((name, a) => {
    values.applicants[name] = [json(r.pdi[a]), json(r.pcpi[a]), json(r.avgPcpi[a])];
  });
  corpus.subclasses.forEach((s, j) => (values.hhi[s] = json(r.hhiPooled(j))));
  return { seconds, peakMB: peakRssMB(), values };
}

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

function duckSql(file: string): string[] {
  return [
    `CREATE TABLE rec AS
     WITH p AS (
       SELECT filing_date::DATE AS filing_date, claims, applicants, ipc, kind
       FROM read_csv(${sqlString(file)}, header = true, all_varchar = true))
     SELECT year(filing_date) - ${Y0} AS yi, claims::DOUBLE AS claims,
       list_distinct(list_filter(list_transform(string_split(applicants, ';'), x -> trim(x)), x -> x <> '')) AS names,
       list_distinct(list_filter(list_transform(string_split(ipc, ';'),
         x -> upper(substr(replace(trim(x), ' ', ''), 1, 4))), x -> regexp_matches(x, '^[A-H][0-9]{2}[A-Z]$'))) AS subs
     FROM p
     WHERE coalesce(lower(kind), 'patent') = 'patent' AND filing_date <= DATE '${CUTOFF}'
       AND year(filing_date) BETWEEN ${Y0} AND ${Y3}`,
    `CREATE TABLE ra AS SELECT yi, claims / len(names) AS amt, unnest(names) AS applicant, subs FROM rec WHERE len(names) > 0`,
    `CREATE TABLE pairs AS SELECT applicant, sub, yi, sum(amt) AS amt
     FROM (SELECT applicant, yi, amt, unnest(subs) AS sub FROM ra) GROUP BY ALL`,
  ];
}

const RESULT_SQL = `
  WITH pw AS (SELECT applicant, sub, coalesce(sum(amt) FILTER (WHERE yi >= 1), 0) AS w FROM pairs GROUP BY ALL),
  st AS (SELECT sub, sum(w) AS wt FROM pw GROUP BY sub),
  hhi AS (SELECT sub, sum((w / wt) * (w / wt)) * 10000 AS h FROM pw JOIN st USING (sub) WHERE wt > 0 GROUP BY sub),
  base AS (SELECT applicant, sum(h * w / wt) AS b FROM pw JOIN st USING (sub) JOIN hhi USING (sub) WHERE w > 0 GROUP BY applicant),
  pdiy AS (SELECT applicant, yi, (1 - sum(amt * amt) / (sum(amt) * sum(amt))) * 100 AS p, count(*) FILTER (WHERE amt > 0) AS n
           FROM pairs WHERE yi >= 1 GROUP BY ALL HAVING sum(amt) > 0),
  pdi AS (SELECT applicant, avg(p) AS pdi, sum(n) / 3.0 AS subs FROM pdiy GROUP BY applicant),
  own AS (SELECT applicant,
            sum(amt) FILTER (WHERE yi = 0) AS t0, sum(amt) FILTER (WHERE yi = 1) AS t1,
            sum(amt) FILTER (WHERE yi = 2) AS t2, sum(amt) FILTER (WHERE yi = 3) AS t3 FROM ra GROUP BY applicant),
  corpus AS (SELECT sum(claims) FILTER (WHERE yi = 0) AS c0, sum(claims) FILTER (WHERE yi = 1) AS c1,
            sum(claims) FILTER (WHERE yi = 2) AS c2, sum(claims) FILTER (WHERE yi = 3) AS c3 FROM rec),
  pc AS (SELECT own.applicant,
           CASE WHEN t0 > 0 AND t1 > 0 AND t2 > 0 AND t3 > 0 THEN
             coalesce(b, 0) * (1 + ((t1 / t0 - 1) + (t2 / t1 - 1) + (t3 / t2 - 1)) / 3
                                 - ((c1 / c0 - 1) + (c2 / c1 - 1) + (c3 / c2 - 1)) / 3) END AS pcpi
         FROM own CROSS JOIN corpus LEFT JOIN base ON base.applicant = own.applicant)
  SELECT own.applicant, pdi.pdi, pc.pcpi, CASE WHEN pdi.subs > 0 THEN pc.pcpi / pdi.subs END
  FROM own LEFT JOIN pdi USING (applicant) LEFT JOIN pc USING (applicant)`;

async function runDuckDb(file: string): Promise<ChildResult> {
  const start = process.hrtime.bigint();
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: String(os.availableParallelism()) });
  const c = await instance.connect();
  for (const sql of duckSql(file)) await c.run(sql);
  const rows = (await c.runAndReadAll(RESULT_SQL)).getRowsJS();
  const hhi = (
    await c.runAndReadAll(`WITH pw AS (SELECT sub, applicant, coalesce(sum(amt) FILTER (WHERE yi >= 1), 0) AS w FROM pairs GROUP BY ALL),
      st AS (SELECT sub, sum(w) AS wt FROM pw GROUP BY sub)
      SELECT sub, CASE WHEN wt > 0 THEN sum((w / wt) * (w / wt)) * 10000 END FROM pw JOIN st USING (sub) GROUP BY sub, wt`)
  ).getRowsJS();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const num = (x: unknown): number | null => (x === null || x === undefined ? null : Number(x));
  const values: Values = { applicants: {}, hhi: {} };
  for (const [a, pdi, pcpi, avg] of rows) values.applicants[String(a)] = [num(pdi), num(pcpi), num(avg)];
  for (const [s, h] of hhi) values.hhi[String(s)] = num(h);
  c.closeSync();
  instance.closeSync();
  return { seconds, peakMB: peakRssMB(), values };
}

function close(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function compare(ours: Values, duck: Values): { applicants: number; subclasses: number } {
  const bad: string[] = [];
  const names = Object.keys(ours.applicants);
  if (names.length !== Object.keys(duck.applicants).length)
    bad.push(`applicants: ours ${names.length}, DuckDB ${Object.keys(duck.applicants).length}`);
  for (const n of names) {
    const d = duck.applicants[n];
    ['PDI', 'PCPI', 'AVG_PCPI'].forEach((id, i) => {
      if (!d || !close(ours.applicants[n][i], d[i]))
        bad.push(`${n} ${id}: ours ${ours.applicants[n][i]}, DuckDB ${d?.[i]}`);
    });
  }
  for (const [s, h] of Object.entries(ours.hhi))
    if (!close(h, duck.hhi[s] ?? null)) bad.push(`HHI ${s}: ours ${h}, DuckDB ${duck.hhi[s]}`);
  if (bad.length) throw new Error(`${bad.length} values differ, e.g.\n  ${bad.slice(0, 10).join('\n  ')}`);
  return { applicants: names.length, subclasses: Object.keys(ours.hhi).length };
}

function writeCorpus(file: string, applications: number): number {
  const fd = fs.openSync(file, 'w');
  let buffer: string[] = [];
  let size = 0;
  try {
    for (const line of generatePatents({ seed: SEED, applications, fromYear: FROM_YEAR, toYear: TO_YEAR })) {
      buffer.push(line);
      size += line.length;
      if (size > 1 << 20) {
        fs.writeSync(fd, buffer.join('\n') + '\n');
        buffer = [];
        size = 0;
      }
    }
    if (buffer.length) fs.writeSync(fd, buffer.join('\n') + '\n');
  } finally {
    fs.closeSync(fd);
  }
  return fs.statSync(file).size / 1e6;
}

function runChild(side: 'ours' | 'duckdb', file: string, out: string): ChildResult {
  const run = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', side, file, out], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`the ${side} run failed (exit ${run.status ?? run.signal})`);
  const r = JSON.parse(fs.readFileSync(out, 'utf8')) as ChildResult;
  fs.rmSync(out, { force: true });
  return r;
}

export interface PortfolioBenchRow {
  readonly applications: number;
  readonly mb: number;
  readonly applicants: number;
  readonly subclasses: number;
  /** Each side's median run, its peak memory the highest of its runs (scripts/benchRounds.ts). */
  readonly ours: TimedRun;
  readonly duck: TimedRun;
  /** Every timed run, in turn. */
  readonly oursRuns: readonly TimedRun[];
  readonly duckRuns: readonly TimedRun[];
}

/**
 * Generates each size, runs both sides in turns (an untimed round, then `rounds`), checks that every run agrees;
 * throws when any value differs.
 */
export function benchPortfolio(
  sizes: readonly number[],
  dir: string,
  rounds: number,
  log = (s: string) => console.log(s),
): PortfolioBenchRow[] {
  const rows: PortfolioBenchRow[] = [];
  for (const n of sizes) {
    const file = path.join(dir, `portfolio-${n}.csv`);
    const mb = writeCorpus(file, n);
    log(`portfolio ${n}: ${mb.toFixed(0)} MB corpus; ours…`);
    let same = { applicants: 0, subclasses: 0 };
    const runs = takeTurns(
      rounds,
      (round) => {
        const r = runChild('ours', file, path.join(dir, 'pf-ours.json'));
        log(`portfolio ${n} round ${round}: ours ${r.seconds.toFixed(2)} s, ${r.peakMB.toFixed(0)} MB; DuckDB…`);
        return r;
      },
      (round) => {
        const r = runChild('duckdb', file, path.join(dir, 'pf-duck.json'));
        log(`portfolio ${n} round ${round}: DuckDB ${r.seconds.toFixed(2)} s, ${r.peakMB.toFixed(0)} MB`);
        return r;
      },
      (ours, duck) => {
        same = compare(ours.values, duck.values);
      },
    );
    log(`portfolio ${n}: ${same.applicants} applicants × 3 indicators and ${same.subclasses} HHIs agree (1e-9)`);
    fs.rmSync(file, { force: true });
    const timed = (r: ChildResult): TimedRun => ({ seconds: r.seconds, peakMB: r.peakMB });
    rows.push({
      applications: n,
      mb,
      ...same,
      ours: timed(medianRun(runs.a)),
      duck: timed(medianRun(runs.b)),
      oursRuns: runs.a.map(timed),
      duckRuns: runs.b.map(timed),
    });
  }
  return rows;
}

/** A markdown section for docs/benchmarks.md. */
export function portfolioReport(rows: readonly PortfolioBenchRow[]): string {
  return [
    `## Block 3: portfolio (HHI, PDI, PCPI, AVG_PCPI for every applicant), window ${Y0 + 1}–${Y3}`,
    '',
    '| applications | CSV MB | applicants | subclasses | ours s | DuckDB s | time ratio | ours peak MB | DuckDB peak MB | memory ratio |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.applications.toLocaleString('en')} | ${r.mb.toFixed(0)} | ${r.applicants} | ${r.subclasses} | ${r.ours.seconds.toFixed(2)} | ${r.duck.seconds.toFixed(2)} | ${(r.ours.seconds / r.duck.seconds).toFixed(2)} | ${r.ours.peakMB.toFixed(0)} | ${r.duck.peakMB.toFixed(0)} | ${(r.ours.peakMB / r.duck.peakMB).toFixed(2)} |`,
    ),
    '',
    'Each side’s median of its timed runs (after an untimed round); every timed run, in turn (s): ' +
      rows
        .map(
          (r) =>
            `${r.applications.toLocaleString('en')} ours ${secondsList(r.oursRuns)}; DuckDB ${secondsList(r.duckRuns)}`,
        )
        .join('. ') +
      '.',
    '',
  ].join('\n');
}

async function child([side, file, out]: readonly string[]): Promise<void> {
  const r = side === 'ours' ? await runOurs(file) : await runDuckDb(file);
  fs.writeFileSync(out, JSON.stringify(r));
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    child(args.slice(1)).catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
  } else {
    const parse = (s: string): number => Number(s.replace(/k$/i, '000').replace(/M$/, '000000'));
    const sizes = args.length ? args.map(parse) : [100_000];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipb-bench-pf-'));
    process.stdout.write(portfolioReport(benchPortfolio(sizes, dir, 3)));
  }
}

/**
 * The patent-statistics benchmark: our streaming import and Block 2 aggregation against DuckDB on the same
 * synthetic corpus, side by side, for 10k, 100k and 1M applications. Writes docs/benchmarks.md.
 *
 *   npm run bench                        all sizes (1M takes minutes and a few GB of memory)
 *   npm run bench -- --sizes 10k,100k    fewer
 *   npm run bench -- --profile           also a CPU profile of our run at the largest size
 *   npm run bench -- --no-text           corpus without titles and abstracts
 *   npm run bench -- --rounds 5          five runs of each side, alternating (default 3)
 *
 * Each side runs in its own child process, so that its peak memory (VmHWM) is its own; the sides take turns,
 * a round untimed and then a few timed, and each side's median run is reported (scripts/benchRounds.ts). Both
 * compute, for every applicant with at least 100 patent applications and every year, the applications, their
 * claims, the joint applications (by filing year), the examination requests, the registrations (by year of the
 * event) and the valid patents at the year end; the bench fails loudly when the two disagree on any of them.
 *
 * Ours is the production path: the CLI's importCanonicalFile (two threads for a file of 250k rows or more on two
 * cores or more; keepText false) → mergeRecords → consolidate → aggregatePatents over a synthetic universe of one
 * company per heavy applicant
 * (fiscal years ending 12-31, so that fiscal and calendar years coincide and the counts compare with SQL).
 * CI never runs it.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance, PerformanceObserver } from 'perf_hooks';
import type { CompanyYear } from '../src/core/inputs';
import { mergeRecords } from '../src/core/patents/merge';
import { applicantCounts, type Consolidation, consolidateCounts } from '../src/core/patents/names';
import type { PatentRecord } from '../src/core/patents/record';
import { StoredRecord } from '../src/core/patents/recordStore';
import { ListSlots } from '../src/core/patents/listSlots';
import { civilDay } from '../src/core/patents/dayNumbers';
import { aggregatePatents, DEFAULT_BASE_YEARS, type PatentStats } from '../src/core/patents/stats';
import type { StatField } from '../src/core/patents/statFields';
import { buildUniverse } from '../src/core/universe';
import { isNoValue } from '../src/core/values';
import { importCanonicalFile, importThreads } from '../src/cli/canonicalFile';
import { openText } from '../src/cli/readFile';
import { generatePatents } from './generate-patents';
import { benchPortfolio, portfolioReport } from './bench-portfolio';
import { runTextBench, textBenchTable } from './bench-text';
import { peakRssMB } from './peakRss';
import { medianRun, secondsList, takeTurns } from './benchRounds';

const ROOT = path.join(__dirname, '..', '..');
const HEAVY = 100;
const SEED = 20031126;
const FROM_YEAR = 2004;
const TO_YEAR = 2023;
const CUTOFF = `${TO_YEAR}-12-31`;

/** The counts compared, in this order, per applicant and year. */
const COUNTS: readonly { readonly field: StatField; readonly label: string }[] = [
  { field: 'apps', label: 'applications' },
  { field: 'app_claims', label: 'claims' },
  { field: 'joint_apps', label: 'joint applications' },
  { field: 'exam_requests', label: 'examination requests' },
  { field: 'registrations', label: 'registrations' },
  { field: 'valid_patents', label: 'valid patents at the year end' },
];

/** applicant → year → the COUNTS. */
type Counts = Record<string, Record<number, number[]>>;

interface ChildResult {
  readonly seconds: number;
  /** Of which garbage collection (ours only), in all and by phase. */
  readonly gcSeconds?: number;
  readonly gcPhases?: Record<string, number>;
  readonly peakMB: number;
  readonly phases: Record<string, number>;
  readonly counts: Counts;
  readonly records: number;
  /** Threads our import used (canonicalFile.ts: two on two cores for files of 250k rows and more). */
  readonly importThreads?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Measurement helpers (used in the children)
// ---------------------------------------------------------------------------------------------------------------

class Stopwatch {
  private readonly start = process.hrtime.bigint();
  private last = this.start;
  readonly phases: Record<string, number> = {};
  /** Where each phase ends on the performance timeline (ms), to put the collector's pauses in their phase. */
  readonly ends: { name: string; at: number }[] = [];

  lap(name: string): void {
    const now = process.hrtime.bigint();
    this.phases[name] = Number(now - this.last) / 1e9;
    this.ends.push({ name, at: performance.now() });
    this.last = now;
  }

  get seconds(): number {
    return Number(process.hrtime.bigint() - this.start) / 1e9;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Ours
// ---------------------------------------------------------------------------------------------------------------

/** Consolidated applicants with at least HEAVY patent applications, counted as aggregatePatents counts them. */
function heavyApplicants(records: readonly PatentRecord[], names: Consolidation): string[] {
  // Patents by the cut-off, counted once per applicant list (importers share one among the records of an
  // applicant cell; a store's records by the list's id, from the store's columns), then per consolidated name.
  const perList = new Map<readonly string[], number>();
  const perStore = new ListSlots();
  const cutoffDay = civilDay(Number(CUTOFF.slice(0, 4)), Number(CUTOFF.slice(5, 7)), Number(CUTOFF.slice(8, 10)));
  for (const r of records) {
    if (r instanceof StoredRecord) {
      const st = r.store;
      if (st.utility[r.index] === 1 || st.filing[r.index] > cutoffDay) continue;
      perStore.of(st)[st.applicants[r.index]] += 1;
      continue;
    }
    if (r.kind !== 'patent' || r.filingDate > CUTOFF) continue;
    perList.set(r.applicants, (perList.get(r.applicants) ?? 0) + 1);
  }
  // Consolidated names as small integers, each raw name's looked up once (the bench's own memo, so that the
  // selection adds little to the time of the production path); a list's count goes once to each of its names.
  const rawIds = new Map<string, number>();
  const ids = new Map<string, number>();
  const consolidated: string[] = [];
  const counts: number[] = [];
  const lastList: number[] = [];
  let listNo = 0;
  const add = (list: readonly string[], k: number): void => {
    listNo += 1;
    for (const raw of list) {
      let id = rawIds.get(raw);
      if (id === undefined) {
        const name = names.nameOf(raw);
        id = ids.get(name);
        if (id === undefined) {
          id = consolidated.push(name) - 1;
          ids.set(name, id);
          counts.push(0);
          lastList.push(0);
        }
        rawIds.set(raw, id);
      }
      if (lastList[id] !== listNo) {
        lastList[id] = listNo;
        counts[id] += k;
      }
    }
  };
  for (const [st, n] of perStore.entries()) n.forEach((k, id) => k > 0 && add(st.applicantLists[id], k));
  for (const [list, k] of perList) add(list, k);
  return consolidated.filter((_, id) => counts[id] >= HEAVY);
}

/** One company per heavy applicant, every year FROM_YEAR–TO_YEAR, fiscal years ending 12-31, no financials. */
function syntheticUniverse(companies: readonly string[]) {
  const rows: CompanyYear[] = [];
  for (const company of companies) {
    for (let y = FROM_YEAR; y <= TO_YEAR; y += 1) {
      rows.push({ company, industry: 'bench', fiscalYear: y, fyEnd: `${y}-12-31`, values: {}, file: 'bench', line: 0 });
    }
  }
  return buildUniverse(rows, []);
}

function readOut(stats: PatentStats, companies: readonly string[]): Counts {
  const out: Counts = {};
  for (const c of companies) {
    out[c] = {};
    for (let y = FROM_YEAR; y <= TO_YEAR; y += 1) {
      out[c][y] = COUNTS.map(({ field }) => {
        const v = stats.value(c, y, field);
        if (isNoValue(v)) throw new Error(`ours: ${c} ${y} ${field}: ${v.message}`);
        return v;
      });
    }
  }
  return out;
}

/**
 * Records the garbage collector's pauses from now on; read them after an await (entries arrive
 * asynchronously), in all and by the phase (of the stopwatch) in which each pause began.
 */
function gcTimer(): (clock: Stopwatch) => { total: number; phases: Record<string, number> } {
  const pauses: { at: number; ms: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push({ at: e.startTime, ms: e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  return (clock) => {
    for (const e of observer.takeRecords()) pauses.push({ at: e.startTime, ms: e.duration });
    observer.disconnect();
    const phases: Record<string, number> = {};
    for (const p of pauses) {
      const phase = clock.ends.find((e) => p.at < e.at)?.name;
      if (phase !== undefined) phases[phase] = (phases[phase] ?? 0) + p.ms / 1000;
    }
    return { total: pauses.reduce((t, p) => t + p.ms, 0) / 1000, phases };
  };
}

async function runOurs(file: string): Promise<ChildResult> {
  // For the report, before the clock: how many threads the import below takes.
  const threads = importThreads(file, { file: path.basename(file), keepText: false });
  const gc = gcTimer();
  const clock = new Stopwatch();
  // As the CLI reads a UTF-8 canonical file (src/cli/patents.ts), with the text columns left undecoded.
  const text = openText(file);
  if (text.detected.encoding !== 'utf-8') throw new Error(`ours: ${file} is not UTF-8`);
  const imported = await importCanonicalFile(file, { file: path.basename(file), keepText: false });
  if (imported.rejected.length > 0) throw new Error(`ours: ${imported.rejected.length} rows rejected`);
  clock.lap('read, parse and import');
  const merge = mergeRecords([imported]);
  clock.lap('mergeRecords');
  const names = consolidateCounts(applicantCounts(merge.records), []);
  clock.lap('consolidate');
  const heavy = heavyApplicants(merge.records, names);
  const universe = syntheticUniverse(heavy);
  clock.lap('heavy applicants and universe');
  const stats = aggregatePatents(merge.records, names, universe, { cutoff: CUTOFF, ...DEFAULT_BASE_YEARS });
  clock.lap('aggregatePatents');
  const counts = readOut(stats, heavy);
  clock.lap('read out');
  const seconds = clock.seconds;
  await new Promise((resolve) => setImmediate(resolve));
  const pauses = gc(clock);
  return {
    seconds,
    gcSeconds: pauses.total,
    gcPhases: pauses.phases,
    peakMB: peakRssMB(),
    phases: clock.phases,
    counts,
    records: merge.records.length,
    importThreads: threads,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// DuckDB
// ---------------------------------------------------------------------------------------------------------------

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** The corpus, one row per (application, distinct applicant), patents filed by the cut-off. */
function loadSql(file: string): string {
  const columns = {
    application_number: 'VARCHAR',
    publication_number: 'VARCHAR',
    filing_date: 'DATE',
    applicants: 'VARCHAR',
    inventors: 'VARCHAR',
    ipc: 'VARCHAR',
    claims: 'INTEGER',
    exam_request_date: 'DATE',
    registration_date: 'DATE',
    registration_number: 'VARCHAR',
    registered_claims: 'INTEGER',
    lapse_date: 'DATE',
    expiry_date: 'DATE',
    kind: 'VARCHAR',
    title: 'VARCHAR',
    abstract: 'VARCHAR',
    claims_text: 'VARCHAR',
  };
  const struct = Object.entries(columns)
    .map(([k, v]) => `${sqlString(k)}: ${sqlString(v)}`)
    .join(', ');
  return `
    CREATE TABLE pa AS
    WITH p AS (
      SELECT * FROM read_csv(${sqlString(file)}, header = true, delim = ',', quote = '"', escape = '"',
        auto_detect = false, columns = {${struct}}, dateformat = '%Y-%m-%d')
      WHERE coalesce(lower(kind), 'patent') = 'patent' AND filing_date <= DATE '${CUTOFF}'
    ), named AS (
      SELECT *, list_distinct(list_filter(list_transform(string_split(applicants, ';'), x -> trim(x)), x -> x <> ''))
        AS names
      FROM p
    )
    SELECT unnest(names) AS applicant, len(names) > 1 AS joint, filing_date, claims, exam_request_date,
      registration_date, CASE WHEN lapse_date <= DATE '${CUTOFF}' THEN lapse_date END AS lapse_date,
      coalesce(expiry_date, (filing_date + INTERVAL 20 YEAR)::DATE) AS expiry
    FROM named`;
}

/**
 * Per heavy applicant and year. The stock: a patent registered in year r whose right ends (lapse or expiry) in
 * year e counts at the ends of years r … e − 1, so +1 in r and −1 in e, summed up to each year.
 */
const COUNT_SQL = `
  WITH heavy AS (SELECT applicant FROM pa GROUP BY applicant HAVING count(*) >= ${HEAVY}),
  hp AS (SELECT * FROM pa WHERE applicant IN (SELECT applicant FROM heavy)),
  grid AS (SELECT applicant, range::INTEGER AS y FROM heavy, range(${FROM_YEAR}, ${TO_YEAR + 1})),
  filed AS (
    SELECT applicant, year(filing_date) AS y, count(*) AS apps, sum(claims) AS claims,
      count(*) FILTER (WHERE joint) AS joint
    FROM hp GROUP BY ALL),
  requested AS (
    SELECT applicant, year(exam_request_date) AS y, count(*) AS n FROM hp
    WHERE exam_request_date <= DATE '${CUTOFF}' GROUP BY ALL),
  registered AS (
    SELECT applicant, year(registration_date) AS y, count(*) AS n FROM hp
    WHERE registration_date <= DATE '${CUTOFF}' GROUP BY ALL),
  stock AS (
    SELECT applicant, y, sum(d) AS d FROM (
      SELECT applicant, year(registration_date) AS y, 1 AS d FROM hp
      WHERE registration_date BETWEEN DATE '${DEFAULT_BASE_YEARS.baseYearApplications}-01-01' AND DATE '${CUTOFF}'
      UNION ALL
      SELECT applicant, greatest(year(registration_date), year(least(coalesce(lapse_date, expiry), expiry))), -1
      FROM hp
      WHERE registration_date BETWEEN DATE '${DEFAULT_BASE_YEARS.baseYearApplications}-01-01' AND DATE '${CUTOFF}'
    ) GROUP BY ALL),
  valid AS (
    SELECT g.applicant, g.y, coalesce(sum(s.d), 0) AS n
    FROM grid g LEFT JOIN stock s ON s.applicant = g.applicant AND s.y <= g.y GROUP BY ALL)
  SELECT g.applicant, g.y,
    coalesce(f.apps, 0)::BIGINT, coalesce(f.claims, 0)::BIGINT, coalesce(f.joint, 0)::BIGINT,
    coalesce(r.n, 0)::BIGINT, coalesce(t.n, 0)::BIGINT, v.n::BIGINT
  FROM grid g
  LEFT JOIN filed f USING (applicant, y)
  LEFT JOIN requested r USING (applicant, y)
  LEFT JOIN registered t USING (applicant, y)
  LEFT JOIN valid v USING (applicant, y)
  ORDER BY 1, 2`;

async function runDuckDb(file: string): Promise<ChildResult> {
  const clock = new Stopwatch();
  // Loaded here, not at the top: our child must not carry DuckDB's native library in its memory.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: String(os.availableParallelism()) });
  const connection = await instance.connect();
  clock.lap('start DuckDB');
  await connection.run(loadSql(file));
  clock.lap('read_csv and unnest');
  const reader = await connection.runAndReadAll(COUNT_SQL);
  clock.lap('count (SQL)');
  const counts: Counts = {};
  for (const [applicant, year, ...values] of reader.getRowsJS()) {
    const c = (counts[String(applicant)] ??= {});
    c[Number(year)] = values.map(Number);
  }
  const records = await connection.runAndReadAll('SELECT count(*) FROM pa');
  clock.lap('read out');
  connection.closeSync();
  instance.closeSync();
  return {
    seconds: clock.seconds,
    peakMB: peakRssMB(),
    phases: clock.phases,
    counts,
    records: Number(records.getRowsJS()[0][0]),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The parent: generate, run both children, compare, write the report
// ---------------------------------------------------------------------------------------------------------------

interface Options {
  readonly sizes: number[];
  readonly out: string;
  readonly withText: boolean;
  /** Size at which to profile our run (--profile [size]; default the largest). */
  readonly profile?: number;
  readonly keep: boolean;
  /** Block 3's portfolio against DuckDB at the same sizes (--skip-portfolio leaves it out). */
  readonly portfolio: boolean;
  /** Block 3's keywords (PKA, PSI) on this many generated Japanese abstracts; 0 with --skip-keywords. */
  readonly keywordDocuments: number;
  /** Runs of each side, taking turns (--rounds; default 3). */
  readonly rounds: number;
}

function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(s.trim());
  if (!m) throw new Error(`--sizes: ${JSON.stringify(s)} is not a size like 10k or 1M`);
  return Math.round(Number(m[1]) * (m[2].toLowerCase() === 'k' ? 1e3 : m[2].toLowerCase() === 'm' ? 1e6 : 1));
}

function parseOptions(args: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const sizes = (value('--sizes') ?? '10k,100k,1M').split(',').map(parseSize);
  const profileArg = value('--profile');
  const profileSize =
    profileArg !== undefined && !profileArg.startsWith('--') ? parseSize(profileArg) : sizes[sizes.length - 1];
  return {
    sizes,
    out: path.resolve(value('--out') ?? path.join(ROOT, 'docs', 'benchmarks.md')),
    withText: !args.includes('--no-text'),
    profile: args.includes('--profile') ? profileSize : undefined,
    keep: args.includes('--keep'),
    portfolio: !args.includes('--skip-portfolio'),
    keywordDocuments: args.includes('--skip-keywords') ? 0 : parseSize(value('--keyword-documents') ?? '100k'),
    rounds: rounds(value('--rounds') ?? '3'),
  };
}

function rounds(s: string): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--rounds: ${JSON.stringify(s)} is not a whole number of 1 or more`);
  return n;
}

const label = (n: number): string => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

/** Streams the corpus to a file in 1 MB writes: the corpus is never held whole. */
function writeCorpus(file: string, applications: number, withText: boolean): { seconds: number; mb: number } {
  const clock = new Stopwatch();
  const fd = fs.openSync(file, 'w');
  let buffer: string[] = [];
  let size = 0;
  try {
    for (const line of generatePatents({ seed: SEED, applications, fromYear: FROM_YEAR, toYear: TO_YEAR, withText })) {
      buffer.push(line);
      size += line.length;
      if (size > 1 << 20) {
        fs.writeSync(fd, buffer.join('\n') + '\n');
        buffer = [];
        size = 0;
      }
    }
    if (buffer.length > 0) fs.writeSync(fd, buffer.join('\n') + '\n');
  } finally {
    fs.closeSync(fd);
  }
  return { seconds: clock.seconds, mb: fs.statSync(file).size / 1e6 };
}

function runChild(
  side: 'ours' | 'duckdb',
  file: string,
  result: string,
  nodeFlags: readonly string[] = [],
): ChildResult {
  // The children get the parent's Node flags (npm run bench gives --max-old-space-size=4096).
  const args = [...process.execArgv, ...nodeFlags, __filename, '--child', side, file, result];
  const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.status !== 0) throw new Error(`the ${side} run failed (exit ${run.status ?? run.signal})`);
  const parsed = JSON.parse(fs.readFileSync(result, 'utf8')) as ChildResult;
  fs.rmSync(result, { force: true });
  return parsed;
}

/** Every heavy applicant, every year, every count: the two must agree exactly. */
function compare(ours: Counts, duck: Counts): { applicants: number; cells: number } {
  const a = Object.keys(ours).sort();
  const b = Object.keys(duck).sort();
  if (a.join('\n') !== b.join('\n')) {
    const onlyOurs = a.filter((x) => !(x in duck)).slice(0, 5);
    const onlyDuck = b.filter((x) => !(x in ours)).slice(0, 5);
    throw new Error(
      `heavy applicants differ: ${a.length} vs ${b.length}; only ours ${onlyOurs}; only DuckDB ${onlyDuck}`,
    );
  }
  let cells = 0;
  const mismatches: string[] = [];
  for (const applicant of a) {
    for (let y = FROM_YEAR; y <= TO_YEAR; y += 1) {
      COUNTS.forEach(({ label: what }, i) => {
        const x = ours[applicant][y]?.[i];
        const z = duck[applicant][y]?.[i];
        cells += 1;
        if (x !== z) mismatches.push(`${applicant} ${y} ${what}: ours ${x}, DuckDB ${z}`);
      });
    }
  }
  if (mismatches.length > 0) {
    throw new Error(`${mismatches.length} counts differ, e.g.\n  ${mismatches.slice(0, 10).join('\n  ')}`);
  }
  return { applicants: a.length, cells };
}

interface Row {
  readonly n: number;
  readonly mb: number;
  readonly generateSeconds: number;
  /** Each side's median run (its phases with it), with its peak memory the highest of its runs. */
  readonly ours: ChildResult;
  readonly duck: ChildResult;
  /** Every timed run, in turn. */
  readonly oursRuns: readonly ChildResult[];
  readonly duckRuns: readonly ChildResult[];
  readonly applicants: number;
  readonly cells: number;
}

function benchSize(n: number, opts: Options, dir: string): Row {
  const file = path.join(dir, `patents-${label(n)}.csv`);
  console.log(`${label(n)}: generating ${file}`);
  const gen = writeCorpus(file, n, opts.withText);
  console.log(`${label(n)}: ${gen.mb.toFixed(0)} MB in ${gen.seconds.toFixed(1)} s; ours…`);
  let same = { applicants: 0, cells: 0 };
  let reference: Counts | undefined;
  const runs = takeTurns(
    opts.rounds,
    (round) => {
      const r = runChild('ours', file, path.join(dir, 'ours.json'));
      console.log(`${label(n)} round ${round}: ours ${r.seconds.toFixed(2)} s, ${r.peakMB.toFixed(0)} MB; DuckDB…`);
      return r;
    },
    (round) => {
      const r = runChild('duckdb', file, path.join(dir, 'duckdb.json'));
      console.log(`${label(n)} round ${round}: DuckDB ${r.seconds.toFixed(2)} s, ${r.peakMB.toFixed(0)} MB`);
      return r;
    },
    // Every run of ours, the untimed too, against DuckDB's first: each must give every count.
    (ours, duck) => {
      reference ??= duck.counts;
      same = compare(ours.counts, reference);
    },
  );
  const strip = (r: ChildResult): ChildResult => ({ ...r, counts: {} });
  console.log(`${label(n)}: ${same.applicants} heavy applicants, ${same.cells} counts, all equal in every round`);
  if (!opts.keep) fs.rmSync(file, { force: true });
  return {
    n,
    mb: gen.mb,
    generateSeconds: gen.seconds,
    ours: strip(medianRun(runs.a)),
    duck: strip(medianRun(runs.b)),
    oursRuns: runs.a.map(strip),
    duckRuns: runs.b.map(strip),
    ...same,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// CPU profile summary
// ---------------------------------------------------------------------------------------------------------------

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileLine {
  readonly fn: string;
  readonly selfShare: number;
  readonly totalShare: number;
}

const frameName = (n: ProfileNode): string => {
  const where = n.callFrame.url ? `${path.basename(n.callFrame.url)}:${n.callFrame.lineNumber + 1}` : '';
  return `${n.callFrame.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
};

/** Self and inclusive time per function (a function on the stack twice counts once). */
export function summariseProfile(profile: CpuProfile): ProfileLine[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfTime = new Map<number, number>();
  profile.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfTime.values()].reduce((a, b) => a + b, 0);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const walk = (id: number, stack: ReadonlySet<string>): number => {
    const node = byId.get(id);
    if (!node) return 0;
    const name = frameName(node);
    const own = selfTime.get(id) ?? 0;
    self.set(name, (self.get(name) ?? 0) + own);
    const inner = new Set(stack).add(name);
    const sub = (node.children ?? []).reduce((t, c) => t + walk(c, inner), own);
    if (!stack.has(name)) inclusive.set(name, (inclusive.get(name) ?? 0) + sub);
    return sub;
  };
  walk(profile.nodes[0].id, new Set());
  return [...self.keys()]
    .map((fn) => ({ fn, selfShare: (self.get(fn) ?? 0) / total, totalShare: (inclusive.get(fn) ?? 0) / total }))
    .sort((a, b) => b.selfShare - a.selfShare);
}

function profileOurs(n: number, opts: Options, dir: string): ProfileLine[] {
  const file = path.join(dir, `patents-${label(n)}.csv`);
  writeCorpus(file, n, opts.withText);
  const profDir = path.join(dir, 'profile');
  console.log(`${label(n)}: profiling ours`);
  runChild('ours', file, path.join(dir, 'ours.json'), ['--cpu-prof', `--cpu-prof-dir=${profDir}`]);
  const [prof] = fs.readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'));
  const summary = summariseProfile(JSON.parse(fs.readFileSync(path.join(profDir, prof), 'utf8')) as CpuProfile);
  if (!opts.keep) fs.rmSync(file, { force: true });
  return summary;
}

// ---------------------------------------------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------------------------------------------

const s2 = (x: number): string => x.toFixed(2);
const pct = (x: number): string => `${(100 * x).toFixed(0)}%`;

function machine(load: readonly number[]): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return [
    `- ${os.availableParallelism()} cores (nproc), ${cpu}`,
    `- ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${os.type()} ${os.release()}`,
    `- Node.js ${process.version}; DuckDB via @duckdb/node-api (${duckVersion()})`,
    // The machine is shared: other processes' load makes single runs noisy, so the report says how busy it was.
    `- load average (1 min) ${load.map((l) => l.toFixed(1)).join(' at the start, ')} at the end of the run`,
  ].join('\n');
}

function duckVersion(): string {
  try {
    const pkg = require.resolve('@duckdb/node-api/package.json');
    return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
  } catch {
    return 'version unknown';
  }
}

/** Seconds per phase and size; for ours, the collector's pauses within the phase in brackets. */
function phaseTable(rows: readonly Row[], side: 'ours' | 'duck'): string {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r[side].phases)))];
  const withGc = side === 'ours';
  const unit = withGc ? 's (GC s)' : 's';
  const head = `| phase | ${rows.map((r) => `${label(r.n)} ${unit}`).join(' | ')} | share at ${label(rows[rows.length - 1].n)} |`;
  const sep = `|---|${rows.map(() => '---:').join('|')}|---:|`;
  const last = rows[rows.length - 1][side];
  const cell = (r: ChildResult, p: string): string =>
    s2(r.phases[p] ?? 0) + (withGc ? ` (${s2(r.gcPhases?.[p] ?? 0)})` : '');
  const body = names.map(
    (p) => `| ${p} | ${rows.map((r) => cell(r[side], p)).join(' | ')} | ${pct((last.phases[p] ?? 0) / last.seconds)} |`,
  );
  return [head, sep, ...body].join('\n');
}

/** What each of our phases does, to explain the measured shares. */
const PHASE_NOTES: Readonly<Record<string, string>> = {
  'read, parse and import':
    'the file read in 1 MB chunks into one reused Node Buffer (no fresh pages per chunk), parsed by ' +
    'CsvByteStream on the raw bytes (searched with the Buffer’s native indexOf): per row the cells the ' +
    'import needs are found by a byte walk, the rest of the row (title, abstract, claims text) only counted by ' +
    'its commas, never walked or decoded. The common row (a plain JP number, ISO dates, digit-only counts) goes ' +
    'straight from bytes into a RecordStore (recordStore.ts): day numbers, counts and applicant-list ids in typed ' +
    'arrays sized once from the file’s size, short texts as bytes in one arena; an applicant cell is found by ' +
    'its bytes in a hash table (hashed and compared four bytes a step) and ' +
    'decoded only the first time; the duplicate check tests a bit per plain number. Each record is a two-field ' +
    'view whose getters read the columns; any other row goes through the general row from text, with every rule ' +
    'and message. As a part ends, its thread numbers the inventors of its records (each name split and hashed in ' +
    'one pass and found in a small pool whose slot holds hash, id and bytes), which Block 2 counts by. On two ' +
    'threads the worker reads the last 47% (it starts some 100 ms late) and sends its store’s columns and ' +
    'inventor numbers back, transferred, not copied.',
  mergeRecords:
    'one canonical file, whose importer rejected its duplicates: the records as they are, no lookups (with ' +
    'several files, a Map lookup per record and copy-on-merge).',
  consolidate:
    'applicantCounts: a count per applicant list (importers share one list per applicant cell; a store’s ' +
    'records are counted by list id in a typed array, others by a Map), then per distinct list its names; ' +
    'nameKey once per distinct spelling (the legal forms it strips folded once, not per name).',
  'heavy applicants and universe':
    "the bench's own selection of the heavy applicants (counted per applicant list, a store's records by list " +
    'id); not production code.',
  aggregatePatents:
    'a first pass over the records: consolidated names looked up once per raw name and memoised per shared ' +
    'applicant list (for a store’s records, coded per list id in a typed array per store, so a record of no ' +
    'universe company touches no object; each list’s companies as small integers in one flat array), counting ' +
    'each company’s patents and their inventors; a second pass reads each kept patent’s fields once (day ' +
    'numbers straight from a store’s columns, years by arithmetic, flags, claims, the applicant count) into ' +
    'one Int32Array row per patent and company, each company’s rows side by side in record order, and its ' +
    'inventors’ keys side by side in another (each store’s inventor number mapped to a key once, folded once); ' +
    'then per company its rows read in one run into reused typed arrays, bucketed by filing year and by request ' +
    'year; per year the filing-year statistics over that bucket (distinct inventors marked per key), the ' +
    'requests of that calendar year, fiscal-year request counts from each request’s place among the fiscal ' +
    'years’ bounds, cumulative counts from tallies by year, one pass over the registrations (sums in record ' +
    'order), and the year’s values in an array by field.',
};

interface Profile {
  readonly n: number;
  readonly lines: readonly ProfileLine[];
}

function report(rows: readonly Row[], opts: Options, profile: Profile | undefined, load: number[]): string {
  const last = rows[rows.length - 1];
  const table = rows.map(
    (r) =>
      `| ${label(r.n)} | ${r.mb.toFixed(0)} | ${r.applicants} | ${s2(r.ours.seconds)} | ${s2(r.duck.seconds)} | ` +
      `${(r.ours.seconds / r.duck.seconds).toFixed(1)}× | ${r.ours.peakMB.toFixed(0)} | ${r.duck.peakMB.toFixed(0)} |`,
  );
  const [topPhase, topSeconds] = Object.entries(last.ours.phases).sort((a, b) => b[1] - a[1])[0];
  const lines = [
    '# Benchmarks: patent statistics, ours against DuckDB',
    '',
    'Written by `npm run bench` (scripts/bench.ts); not run on CI. Numbers from one run of it on this machine:',
    '',
    machine(load),
    '',
    `The corpus: \`scripts/generate-patents.ts\` (seed ${SEED}), filings ${FROM_YEAR}–${TO_YEAR}, cut-off ${CUTOFF}, ` +
      (opts.withText
        ? 'with Japanese titles and ~300-character abstracts (a real export carries them; both sides read and drop them).'
        : 'without titles and abstracts.'),
    `Both sides compute, for every applicant with at least ${HEAVY} patent applications and every year ` +
      `${FROM_YEAR}–${TO_YEAR}: ${COUNTS.map((c) => c.label).join(', ')}. The bench checks that they agree on every ` +
      'one of these counts and fails otherwise.',
    '',
    '- **Ours**: the production path — the CLI’s `importCanonicalFile` (src/cli/canonicalFile.ts: files of 250k ' +
      'rows and more on two threads when the machine has two cores; keepText false) → `mergeRecords` → `consolidate` → ' +
      '`aggregatePatents` over a synthetic universe of one company per heavy applicant (fiscal years ending 12-31). ' +
      `Import threads used: ${rows.map((r) => `${label(r.n)} ${r.ours.importThreads ?? 1}`).join(', ')}.`,
    `- **DuckDB**: \`read_csv\` with explicit types, \`string_split\` + \`unnest\` of the applicants, GROUP BY per ` +
      `applicant and year, with ${os.availableParallelism()} threads.`,
    '- Time: wall time inside each child process (process.hrtime), from the first byte read to the counts in hand; ' +
      `the two sides take turns, an untimed round and then ${opts.rounds} timed at each size, and each side's ` +
      'median run is shown (and its phases below). Memory: the child’s peak resident set (VmHWM), the highest of ' +
      'its timed runs.',
    '',
    '| applications | CSV MB | heavy applicants | ours s | DuckDB s | ours / DuckDB | ours peak MB | DuckDB peak MB |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...table,
    '',
    'Every timed run, in turn (s): ' +
      rows
        .map(
          (r) =>
            `${label(r.n)} ours ${secondsList(r.oursRuns)}; DuckDB ${secondsList(r.duckRuns)}` +
            ` (ratios ${r.oursRuns.map((o, k) => (o.seconds / r.duckRuns[k].seconds).toFixed(2)).join(', ')})`,
        )
        .join('. ') +
      '.',
    '',
    '## Where the time goes',
    '',
    `Ours, by phase (at ${label(last.n)} the largest is **${topPhase}**, ${pct(topSeconds / last.ours.seconds)} of the time):`,
    '',
    phaseTable(rows, 'ours'),
    '',
    'Garbage-collector pauses in all: ' +
      rows
        .map((r) => `${label(r.n)} ${s2(r.ours.gcSeconds ?? 0)} s (${pct((r.ours.gcSeconds ?? 0) / r.ours.seconds)})`)
        .join(', ') +
      '.',
    '',
    ...Object.entries(PHASE_NOTES).map(([p, note]) => `- **${p}**: ${note}`),
    '',
    'DuckDB, by phase:',
    '',
    phaseTable(rows, 'duck'),
    '',
  ];
  if (profile) lines.push(...profileSection(profile));
  return lines.join('\n');
}

function profileSection({ n, lines }: Profile): string[] {
  const gc = lines.find((p) => p.fn.startsWith('(garbage collector)'));
  const top = lines.filter((p) => !p.fn.startsWith('(')).slice(0, 15);
  return [
    `CPU profile of our run at ${label(n)} (\`--cpu-prof\`; self time, and total time including callees; lines ` +
      'are those of the compiled lib/ JavaScript; ' +
      `the garbage collector took ${pct(gc?.selfShare ?? 0)} on its own):`,
    '',
    '| function | self | total |',
    '|---|---:|---:|',
    ...top.map((p) => `| \`${p.fn}\` | ${pct(p.selfShare)} | ${pct(p.totalShare)} |`),
    '',
  ];
}

async function child(args: readonly string[]): Promise<void> {
  const [side, file, result] = args;
  const r = side === 'ours' ? await runOurs(file) : await runDuckDb(file);
  fs.writeFileSync(result, JSON.stringify(r));
}

async function main(args: readonly string[]): Promise<void> {
  const opts = parseOptions(args);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipb-bench-'));
  const loadAtStart = os.loadavg()[0];
  try {
    const rows = opts.sizes.map((n) => benchSize(n, opts, dir));
    const profile =
      opts.profile !== undefined ? { n: opts.profile, lines: profileOurs(opts.profile, opts, dir) } : undefined;
    const loadAfterBlock2 = os.loadavg()[0];
    // Block 3 in the same run, so that one file holds every figure the issues ask for.
    const portfolio = opts.portfolio ? portfolioReport(benchPortfolio(opts.sizes, dir, opts.rounds)) : '';
    let keywords = '';
    if (opts.keywordDocuments > 0) {
      const load = os.loadavg()[0];
      const r = await runTextBench({ documents: opts.keywordDocuments, source: 'generated' });
      keywords = [
        `## Block 3: keywords (PKA) and similarity (PSI_ALL, PSI_SELF) on ${label(opts.keywordDocuments)} generated Japanese abstracts`,
        '',
        `${r.segmenter}; ${os.cpus().length} cores; load average ${load.toFixed(1)} at the start. ` +
          'Keywords are extracted in worker threads; then the keyword corpus, PKA and PSI for every applicant. ' +
          'The floor is the analyser alone on one thread; details in docs/text-mining.md.',
        '',
        textBenchTable([r]),
        '',
      ].join('\n');
    }
    fs.writeFileSync(
      opts.out,
      [report(rows, opts, profile, [loadAtStart, loadAfterBlock2]), portfolio, keywords].filter(Boolean).join('\n'),
    );
    console.log(`wrote ${opts.out}`);
  } finally {
    if (!opts.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    child(args.slice(1)).catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
  } else {
    main(args).catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
  }
}

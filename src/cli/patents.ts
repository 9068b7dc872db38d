/**
 * The evaluator's patent side: reads every --patents file (format and encoding detected, streamed), merges
 * and consolidates the records, reports what was read, merged and rejected, and exports the rejections.
 */
import { appendAll } from '../core/appendAll';
import { readFileSync, writeFileSync } from 'fs';
import { basename } from 'path';
import { blockedByRecordField } from '../core/patents/coverage';
import { detectPatentFormat, PATENT_FORMATS } from '../core/patents/detect';
import { readAliases } from '../core/patents/names';
import type { ImportOptions, ImportResult, OptionalRecordField, PatentFormat, Rejection } from '../core/patents/record';
import { importPatentsView } from '../core/patents/importers/patentsview';
import { importerFor } from '../core/patents/registry';
import { buildPatentSide, type PatentOptions, type PatentSide, recordTextNeeded } from '../core/pipeline';
import type { PortfolioMeasure } from '../core/portfolio/aggregate';
import { validateTierCuts } from '../core/portfolio/measures';
import { readIpcTitles } from './ipcTitles';
import { parseDate } from '../core/text/dates';
import type { Universe } from '../core/universe';
import { UsageError } from './args';
import { importCanonicalFile } from './canonicalFile';
import { openText } from './readFile';

export interface PatentArgs {
  readonly files: readonly string[];
  readonly format: PatentFormat | 'auto';
  readonly aliases?: string;
  readonly cutoff?: string;
  readonly baseYears: { baseYearApplications?: number; baseYearExam?: number; baseYearGrantRate?: number };
  readonly rejectedCsv?: string;
  readonly quiet: boolean;
  /** Keywords (PKA, PSI) will be computed, so abstracts and claims text must be kept. */
  readonly keywords: boolean;
  readonly portfolio?: Pick<PatentOptions, 'portfolioMeasure' | 'portfolioLastYear' | 'tierCuts'>;
}

export function parseFormat(raw: string | undefined): PatentFormat | 'auto' {
  const f = raw ?? 'auto';
  if (f === 'auto' || (PATENT_FORMATS as readonly string[]).includes(f)) return f as PatentFormat | 'auto';
  throw new UsageError(`--format must be auto or one of ${PATENT_FORMATS.join(', ')}`);
}

export function parseCutoff(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const d = parseDate(raw);
  if (!d) throw new UsageError(`--cutoff ${JSON.stringify(raw)} is not a date (YYYY-MM-DD)`);
  return d;
}

export function parseYear(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{4}$/.test(raw)) throw new UsageError(`--${name} must be a year, e.g. 1994`);
  return Number(raw);
}

const csvCell = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function rejectionsCsv(rows: readonly Rejection[]): string {
  return (
    [
      'file,line,field,reason',
      ...rows.map((r) => [r.file, String(r.line), r.field ?? '', r.reason].map(csvCell).join(',')),
    ].join('\n') + '\n'
  );
}

async function importOne(
  path: string,
  format: PatentFormat | 'auto',
  err: (s: string) => void,
  quiet: boolean,
  keepText: NonNullable<ImportOptions['keepText']>,
): Promise<ImportResult> {
  const file = basename(path);
  const text = openText(path);
  const fmt = format === 'auto' ? detectPatentFormat(text.firstLine) : format;
  if (!fmt)
    throw new UsageError(
      `${file}: the format is not recognised from its first line; give --format (${PATENT_FORMATS.join(', ')})`,
    );
  const importer = importerFor(fmt);
  if (!importer) throw new UsageError(`${file}: format ${fmt} is read through its own option (several files joined)`);
  let lastReport = 0;
  const progress = (bytes: number): void => {
    if (quiet || text.size < 50e6 || bytes - lastReport < 100e6) return;
    lastReport = bytes;
    err(`${file}: ${Math.round((bytes / text.size) * 100)}% read`);
  };
  // A UTF-8 canonical file is read as bytes: cells are found without decoding the whole text.
  if (fmt === 'canonical' && text.detected.encoding === 'utf-8')
    return importCanonicalFile(path, { file, keepText, onProgress: progress });
  return importer(text.chunks(progress), { file, keepText });
}

export interface LoadedPatents {
  readonly side: PatentSide;
  readonly lines: string[];
  readonly rejectedCount: number;
}

export async function loadPatentFiles(
  args: PatentArgs,
  universe: Universe,
  err: (s: string) => void,
): Promise<LoadedPatents> {
  const imports: ImportResult[] = [];
  const patentsView: string[] = [];
  for (const f of args.files) {
    const fmt = args.format === 'auto' ? detectPatentFormat(openText(f).firstLine) : args.format;
    if (fmt === 'patentsview') patentsView.push(f);
    else imports.push(await importOne(f, fmt ?? 'auto', err, args.quiet, recordTextNeeded(args.keywords)));
  }
  // PatentsView's tables (g_patent, g_application, g_assignee_disambiguated, …) are joined on patent_id.
  if (patentsView.length) {
    imports.push(
      await importPatentsView(patentsView.map((f) => ({ name: basename(f), chunks: openText(f).chunks() }))),
    );
  }
  const aliases = args.aliases ? readAliases(readFileSync(args.aliases, 'utf8'), basename(args.aliases)) : undefined;
  const aliasErrors = aliases?.issues.filter((i) => i.severity === 'error') ?? [];
  if (aliasErrors.length)
    throw new UsageError(aliasErrors.map((i) => `${i.file} row ${i.line ?? ''}: ${i.message}`).join('\n'));
  const side = buildPatentSide(imports, universe, {
    aliases,
    cutoff: args.cutoff,
    baseYears: args.baseYears,
    ...args.portfolio,
    ipcTitles: readIpcTitles(),
  });
  const lines: string[] = [];
  const rejected: Rejection[] = [];
  for (const r of imports) {
    lines.push(
      `${r.file} (${r.format}): ${r.rowsRead} rows → ${r.records.length} records, ${r.rejected.length} rejected`,
    );
    for (const x of r.rejected)
      lines.push(`  rejected: ${x.file}, line ${x.line}${x.field ? `, ${x.field}` : ''}: ${x.reason}`);
    for (const n of r.notes)
      lines.push(`  note: ${n.file}, line ${n.line}${n.field ? `, ${n.field}` : ''}: ${n.reason}`);
    appendAll(rejected, r.rejected);
  }
  // What a format lacks is said once per format, not once per file of a search.
  const lacks = new Map<string, { files: number; fields: Set<OptionalRecordField> }>();
  for (const r of imports) {
    const e = lacks.get(r.format) ?? { files: 0, fields: new Set<OptionalRecordField>() };
    e.files += 1;
    r.lacks.forEach((f) => e.fields.add(f));
    lacks.set(r.format, e);
  }
  for (const [format, e] of lacks) {
    for (const f of e.fields) {
      const blocked = blockedByRecordField(f);
      const files = `${e.files} file${e.files > 1 ? 's' : ''}`;
      lines.push(`missing in ${format} (${files}): ${f}${blocked.length ? ` — blocks ${blocked.join(', ')}` : ''}`);
    }
  }
  const m = side.merge;
  lines.push(
    `patents: ${m.records.length} applications after merging (${m.merged} merged from several rows, ${m.repeats} repeated rows ignored, ${m.conflicts.length} conflicts); cut-off ${side.stats.params.cutoff}`,
  );
  for (const c of m.conflicts) lines.push(`  conflict: ${c.file}, line ${c.line}: ${c.reason}`);
  for (const [name, variants] of side.names.merged) {
    if (universe.companies.has(name))
      lines.push(`  name consolidation: ${name} ← ${variants.map((v) => JSON.stringify(v)).join(', ')}`);
  }
  if (side.stats.unmatched.length) {
    lines.push(
      `  no patent record matched: ${side.stats.unmatched.join(', ')} (their patent indicators are 0 or no value; add spellings to --aliases)`,
    );
  }
  const pf = side.portfolio;
  lines.push(
    `portfolio (Block 3): ${pf.corpus.measure} by IPC subclass, window ${pf.window[0]}–${pf.window[2]} (y0 ${pf.corpus.years[0]}), ${pf.corpus.applicants.length} applicants, ${pf.corpus.subclasses.length} subclasses, ${pf.corpus.applications} applications${pf.corpus.withoutSubclass ? ` (${pf.corpus.withoutSubclass} without an IPC subclass)` : ''}`,
  );
  for (const w of pf.corpus.warnings) lines.push(`warning: ${w}`);
  if (args.rejectedCsv) writeFileSync(args.rejectedCsv, rejectionsCsv(rejected));
  return { side, lines, rejectedCount: rejected.length };
}

export function parsePortfolioMeasure(raw: string | undefined): PortfolioMeasure | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'claims' || raw === 'applications') return raw;
  throw new UsageError('--portfolio-measure must be claims or applications');
}

/** --portfolio-years Y1-Y3: three consecutive filing years; the window's last year. */
export function parsePortfolioYears(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d{4})-(\d{4})$/.exec(raw.trim());
  if (!m || Number(m[2]) - Number(m[1]) !== 2)
    throw new UsageError('--portfolio-years must be three consecutive filing years, e.g. 2018-2020');
  return Number(m[2]);
}

export function parseTierCuts(raw: string | undefined): number[] | undefined {
  if (raw === undefined) return undefined;
  const cuts = raw.split(',').map((x) => Number(x.trim()));
  const problem = validateTierCuts(cuts);
  if (problem) throw new UsageError(`--tier-cuts: ${problem}`);
  return cuts;
}

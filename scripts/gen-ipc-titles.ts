/**
 * Writes data/ipc-subclasses.tsv: every IPC subclass with its title (public IPC data), from the IPC scheme
 * in ../shared/data/ipc/ipc-scheme.tsv.gz (its `subclass` column reads "B01D-SEPARATION"; ";;" joins the
 * parts of a title). Committed, so the evaluator has the titles on any machine.
 * Run: npm run build:cli && node lib/scripts/gen-ipc-titles.js
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { gunzipSync } from 'zlib';

const ROOT = join(__dirname, '..', '..');
export const IPC_SCHEME = join(ROOT, '..', 'shared', 'data', 'ipc', 'ipc-scheme.tsv.gz');
export const SUBCLASS_TITLES = join(ROOT, 'data', 'ipc-subclasses.tsv');

/** subclass → title, from the scheme's text. */
export function subclassTitlesFromScheme(tsv: string): Map<string, string> {
  const lines = tsv.split('\n');
  const col = lines[0].split('\t').indexOf('subclass');
  if (col < 0) throw new Error('the IPC scheme has no subclass column');
  const out = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const cell = line.split('\t')[col];
    const m = cell ? /^([A-H]\d{2}[A-Z])-(.*)$/.exec(cell.trim()) : null;
    if (m && !out.has(m[1])) out.set(m[1], m[2].split(';;').join('; '));
  }
  return out;
}

export function subclassTitlesTsv(titles: ReadonlyMap<string, string>): string {
  const rows = [...titles].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, v]) => `${k}\t${v}`);
  return ['subclass\ttitle', ...rows].join('\n') + '\n';
}

if (require.main === module) {
  const titles = subclassTitlesFromScheme(gunzipSync(readFileSync(IPC_SCHEME)).toString('utf8'));
  writeFileSync(SUBCLASS_TITLES, subclassTitlesTsv(titles));
  process.stdout.write(`wrote ${SUBCLASS_TITLES} (${titles.size} subclasses)\n`);
}

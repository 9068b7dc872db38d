/** IPC subclass titles for Block 3's portfolio table: the committed data/ipc-subclasses.tsv (public IPC data). */
import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';

/** The project's data/ipc-subclasses.tsv, from src/cli (ts) or lib/src/cli (built). */
function titlesFile(): string | undefined {
  let dir = __dirname;
  for (let i = 0; i < 4; i += 1) {
    const f = join(dir, 'data', 'ipc-subclasses.tsv');
    if (existsSync(f)) return f;
    dir = dirname(dir);
  }
  return undefined;
}

export function readIpcTitles(): Map<string, string> {
  const f = titlesFile();
  const out = new Map<string, string>();
  if (!f) return out;
  for (const line of readFileSync(f, 'utf8').split('\n').slice(1)) {
    const tab = line.indexOf('\t');
    if (tab > 0) out.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return out;
}

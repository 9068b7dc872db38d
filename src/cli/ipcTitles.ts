/** IPC subclass titles for Block 3's portfolio table: the committed data/ipc-subclasses.tsv (public IPC data). */
import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';
import { parseIpcTitles } from '../core/portfolio/ipcTitles';

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
  return f ? parseIpcTitles(readFileSync(f, 'utf8')) : new Map();
}

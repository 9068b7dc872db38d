/**
 * IPC subclass titles (data/ipc-subclasses.tsv: `subclass<TAB>title`, header first) for the portfolio table.
 * Parsed here, in the core, so that the CLI (which reads the file) and the task pane (which fetches it from
 * its own origin) give the same titles, and the pane's workbook equals the CLI's.
 */
export function parseIpcTitles(tsv: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of tsv.split(/\r?\n/).slice(1)) {
    const tab = line.indexOf('\t');
    if (tab > 0) out.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return out;
}

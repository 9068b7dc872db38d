/**
 * The task pane. This release shows the function browser; the import-and-build workflow plugs in beside
 * it. The page also loads functions.js (shared runtime), so the IPB functions share this runtime.
 */
import { renderFunctionBrowser } from './functionBrowser';

/**
 * Writes the call's signature into the active cell as text, for the analyst to replace the argument names
 * with cell references: Excel rejects a formula whose arguments are still names, so it cannot go in as one.
 */
async function insertSignature(signature: string): Promise<void> {
  await Excel.run(async (context) => {
    const cell = context.workbook.getActiveCell();
    cell.numberFormat = [['@']];
    cell.values = [[signature]];
    await context.sync();
  });
}

function start(): void {
  const root = document.getElementById('app');
  if (!root) return;
  const inExcel = typeof Office !== 'undefined' && Office.context?.host === Office.HostType.Excel;
  renderFunctionBrowser(root, inExcel ? (s) => void insertSignature(s) : undefined);
}

if (typeof Office !== 'undefined') {
  Office.onReady(() => start());
} else {
  document.addEventListener('DOMContentLoaded', start);
}

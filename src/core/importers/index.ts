/**
 * Financial statements from filings, as the same company-year rows financials.csv gives: EDINET annual reports
 * (XBRL instance or EDINET's ZIP) and SEC EDGAR company facts (JSON). The format is told by the content, so a
 * file's name and extension do not matter.
 */
import { extractEdgarCompanyFacts } from './edgar';
import { extractEdinetXbrl, extractEdinetZip } from './edinet';
import { finishImport } from './mergeFilings';
import { failedExtraction, type ExtractedFiling, type FilingImport, type ImportOptions } from './types';

export type FilingFormat = 'edinet-zip' | 'xbrl' | 'edgar-json';

export interface FilingFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** The bytes as UTF-8 text. Decoding is the caller's: the core has no text decoder of its own. */
  readonly text: () => string;
}

const ZIP_MAGIC = [0x50, 0x4b];

export function sniffFiling(file: FilingFile): FilingFormat | undefined {
  const b = file.bytes;
  // "PK": a local file header (PK\3\4) or the end record of an empty archive (PK\5\6).
  if (b.length >= 4 && b[0] === ZIP_MAGIC[0] && b[1] === ZIP_MAGIC[1] && (b[2] === 3 || b[2] === 5))
    return 'edinet-zip';
  const head = file
    .text()
    .slice(0, 64)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('<')) return 'xbrl';
  if (head.startsWith('{')) return 'edgar-json';
  return undefined;
}

async function extract(file: FilingFile, opts: ImportOptions): Promise<ExtractedFiling> {
  switch (sniffFiling(file)) {
    case 'edinet-zip':
      return extractEdinetZip(file.bytes, file.name, opts);
    case 'xbrl':
      return extractEdinetXbrl(file.text(), file.name, opts);
    case 'edgar-json':
      return extractEdgarCompanyFacts(file.text(), file.name, opts);
    default:
      return failedExtraction(
        file.name,
        'not a filing this evaluator reads: expected an EDINET XBRL instance (.xbrl), an EDINET ZIP or SEC EDGAR company facts (.json)',
      );
  }
}

/** Every file read, merged where filings overlap, missing inputs listed; no rows at all if any file has an error. */
export async function importFilings(files: readonly FilingFile[], opts: ImportOptions): Promise<FilingImport> {
  const extracted: ExtractedFiling[] = [];
  for (const f of files) extracted.push(await extract(f, opts));
  return finishImport(extracted);
}

export { importEdgarCompanyFacts } from './edgar';
export { importEdinetXbrl, importEdinetZip } from './edinet';
export { combineFinancialRows } from './combineSources';
export type { Currency, FilingImport, ImportOptions } from './types';

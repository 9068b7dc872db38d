/**
 * Which importer reads a file: from its first line (CSV/TSV headers) or its first character (JSON).
 * Sniffers are tried from the most specific format to the least.
 */
import { sniffCanonical } from './importers/canonical';
import { sniffJplatpat } from './importers/jplatpat';
import { sniffLens } from './importers/lens';
import { sniffPatentsViewTable } from './importers/patentsview';
import type { PatentFormat } from './record';

export const PATENT_FORMATS: readonly PatentFormat[] = ['canonical', 'jplatpat', 'lens', 'patentsview', 'uspto-ppubs'];

type Sniffer = (firstLine: string) => boolean;

const tsvHeader = (l: string): string[] => l.split('\t').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));

const SNIFFERS: [PatentFormat, Sniffer][] = [
  ['uspto-ppubs', (l) => /^\s*[[{]/.test(l)],
  ['patentsview', (l) => l.includes('\t') && sniffPatentsViewTable(tsvHeader(l)) !== undefined],
  ['jplatpat', sniffJplatpat],
  ['lens', sniffLens],
  ['canonical', sniffCanonical],
];

/** The format of a file from its first line, or undefined when no importer recognises it. */
export function detectPatentFormat(firstLine: string): PatentFormat | undefined {
  return SNIFFERS.find(([, sniff]) => sniff(firstLine))?.[0];
}

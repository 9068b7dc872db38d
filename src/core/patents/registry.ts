/** The importer of each single-file patent format. */
import { importCanonical } from './importers/canonical';
import type { PatentFormat, PatentImporter } from './record';

const IMPORTERS: Partial<Record<PatentFormat, PatentImporter>> = {
  canonical: importCanonical,
};

export function importerFor(format: PatentFormat): PatentImporter | undefined {
  return IMPORTERS[format];
}

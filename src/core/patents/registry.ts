/** The importer of each single-file patent format (PatentsView is several tables joined: importPatentsView). */
import { importCanonical } from './importers/canonical';
import { importJplatpat } from './importers/jplatpat';
import { importLens } from './importers/lens';
import { importUsptoPpubs } from './importers/uspto';
import type { PatentFormat, PatentImporter } from './record';

const IMPORTERS: Partial<Record<PatentFormat, PatentImporter>> = {
  canonical: importCanonical,
  jplatpat: importJplatpat,
  lens: importLens,
  'uspto-ppubs': importUsptoPpubs,
};

export function importerFor(format: PatentFormat): PatentImporter | undefined {
  return IMPORTERS[format];
}

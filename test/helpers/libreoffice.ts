/**
 * Recalculation by LibreOffice headless: an engine nobody here wrote evaluates our formulas.
 * A private user profile forces "always recalculate on load" for OOXML files (the default is never).
 */
import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, writeFileSync, existsSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export function sofficePath(): string | undefined {
  for (const p of ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice']) if (existsSync(p)) return p;
  return undefined;
}

/** Whether LibreOffice tests must run: always on CI (which installs it), else only where it is installed. */
export function libreOfficeAvailable(): boolean {
  if (sofficePath()) return true;
  if (process.env.CI)
    throw new Error('LibreOffice (soffice) is not installed, but CI must run the recalculation tests');
  // eslint-disable-next-line no-console
  console.warn('SKIPPED: LibreOffice is not installed (apt-get install libreoffice-calc); recalculation tests skipped');
  return false;
}

/** Opens `file` in LibreOffice, recalculates everything and saves it in `format`; returns the new path. */
export function convertWithLibreOffice(file: string, format: 'xlsx' | 'pdf' = 'xlsx'): string {
  const soffice = sofficePath();
  if (!soffice) throw new Error('soffice not found');
  const work = mkdtempSync(join(tmpdir(), 'ipb-lo-'));
  mkdirSync(join(work, 'profile', 'user'), { recursive: true });
  writeFileSync(join(work, 'profile', 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
  const outDir = join(work, 'out');
  execFileSync(
    soffice,
    [
      `-env:UserInstallation=file://${join(work, 'profile')}`,
      '--headless',
      '--norestore',
      '--convert-to',
      format,
      '--outdir',
      outDir,
      file,
    ],
    { stdio: 'pipe', timeout: 180_000 },
  );
  const out = join(outDir, basename(file).replace(/\.xlsx$/, `.${format}`));
  if (!existsSync(out)) throw new Error(`LibreOffice did not write ${out}`);
  return out;
}

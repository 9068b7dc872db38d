/** docs/functions.md is what the generator writes from the catalog and the committed sample. */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { functionsDoc } from '../scripts/gen-docs';
import { CATALOG, PATENT_IDS } from '../src/core/catalog';

const ROOT = join(__dirname, '..');

const sample = (name: string): string | undefined => {
  const f = join(ROOT, 'samples', name);
  return existsSync(f) ? readFileSync(f, 'utf8') : undefined;
};

test('docs/functions.md is up to date (npm run gen:docs)', async () => {
  const expected = await functionsDoc({
    financials: sample('financials.csv') ?? '',
    market: sample('market.csv') ?? '',
    patents: sample('patents.csv'),
    aliases: sample('aliases.csv'),
  });
  expect(readFileSync(join(ROOT, 'docs', 'functions.md'), 'utf8')).toBe(expected);
});

test('every catalog function is documented with a worked example that has a value', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'functions.md'), 'utf8');
  const withPatents = sample('patents.csv') !== undefined;
  for (const d of CATALOG) {
    expect(doc).toContain(`### \`IPB.${d.id}(`);
    // Patent indicators have worked examples once the sample has patent records.
    if (PATENT_IDS.has(d.id) && !withPatents) continue;
    const example = new RegExp(`=IPB\\.${d.id}\\([^\\n]*\\)\` → \\*\\*(-?[0-9.]+)\\*\\*`);
    expect(doc).toMatch(example);
  }
});

/** docs/functions.md is what the generator writes from the catalog and the committed sample. */
import { readFileSync } from 'fs';
import { join } from 'path';
import { functionsDoc } from '../scripts/gen-docs';
import { CATALOG } from '../src/core/catalog';

const ROOT = join(__dirname, '..');

test('docs/functions.md is up to date (npm run gen:docs)', () => {
  const expected = functionsDoc(
    readFileSync(join(ROOT, 'samples', 'financials.csv'), 'utf8'),
    readFileSync(join(ROOT, 'samples', 'market.csv'), 'utf8'),
  );
  expect(readFileSync(join(ROOT, 'docs', 'functions.md'), 'utf8')).toBe(expected);
});

test('every catalog function is documented with a worked example that has a value', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'functions.md'), 'utf8');
  for (const d of CATALOG) {
    expect(doc).toContain(`### \`IPB.${d.id}(`);
    const example = new RegExp(`=IPB\\.${d.id}\\([^\\n]*\\)\` → \\*\\*(-?[0-9.]+)\\*\\*`);
    expect(doc).toMatch(example);
  }
});

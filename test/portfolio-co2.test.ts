/**
 * Block 3 on the real J-PlatPat CO2-capture exports (../shared/data/jplatpat-co2-capture, 2,076 documents
 * filed 1999–2022). J-PlatPat carries no claim counts, so the portfolio counts applications (with the
 * warning). 三菱重工業, a large heavy-industry applicant, must come out with a plausible portfolio.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { mergeRecords } from '../src/core/patents/merge';
import { consolidate } from '../src/core/patents/names';
import { importJplatpat } from '../src/core/patents/importers/jplatpat';
import { latestDate } from '../src/core/patents/stats';
import { decodeBytes } from '../src/core/text/decode';
import { aggregatePortfolio } from '../src/core/portfolio/aggregate';
import { companyPortfolio, portfolioIndicators } from '../src/core/portfolio/indicators';
import { isNoValue } from '../src/core/values';

const DATA = join(__dirname, '..', '..', 'shared', 'data', 'jplatpat-co2-capture');
const present = existsSync(DATA);
if (!present)
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED: ${DATA} is absent (a clone without ../shared); the CO2-capture portfolio test did not run`);

(present ? describe : describe.skip)('the CO2-capture corpus (J-PlatPat)', () => {
  const COMPANY = '三菱重工業株式会社';
  let setup: Awaited<ReturnType<typeof load>>;
  async function load() {
    const imports = [];
    for (const f of readdirSync(DATA).filter((x) => x.endsWith('.csv')))
      imports.push(await importJplatpat([decodeBytes(readFileSync(join(DATA, f))).text], { file: f }));
    const merged = mergeRecords(imports);
    const names = consolidate(
      merged.records.flatMap((r) => r.applicants),
      [COMPANY],
    );
    const cutoff = latestDate(merged.records);
    const corpus = aggregatePortfolio(merged.records, names, { cutoff });
    return { corpus, results: portfolioIndicators(corpus), cutoff };
  }
  beforeAll(async () => {
    setup = await load();
  });

  test('no claim counts: applications, with the warning', () => {
    expect(setup.corpus.measure).toBe('applications');
    expect(setup.corpus.warnings.join('\n')).toMatch(/no claim counts/);
    expect(setup.corpus.applications).toBeGreaterThan(100);
  });

  test('三菱重工業: B01D (separation) leads a focused portfolio, with a PCPI and a type', () => {
    const { results } = setup;
    const cp = companyPortfolio(results, COMPANY, new Map([['B01D', 'SEPARATION']]));
    expect(cp.index).toBeDefined();
    // A CO2-capture search: gas separation (B01D) is among its top subclasses in every window year, and its
    // largest over the window.
    for (const y of results.window)
      expect(cp.entries.filter((e) => e.year === y).map((e) => e.subclass)).toContain('B01D');
    const windowOf = (s: { amounts: readonly number[] }): number => s.amounts[1] + s.amounts[2] + s.amounts[3];
    const largest = [...cp.subclasses].sort((a, b) => windowOf(b) - windowOf(a))[0];
    expect(largest.code).toBe('B01D');
    const b01d = cp.entries.find((e) => e.subclass === 'B01D');
    expect(b01d?.title).toBe('SEPARATION');
    // Shares are percentages of its own applications; B01D is a crowded market (many applicants).
    for (const e of cp.entries) {
      expect(e.share).toBeGreaterThan(0);
      expect(e.share).toBeLessThanOrEqual(100);
    }
    expect(b01d?.state).toBe('競争');
    // Diversification is a number between 0 and 100; a search on one technology keeps it focused (< 76).
    const pdi = cp.pdi;
    if (isNoValue(pdi)) throw new Error(pdi.message);
    expect(pdi).toBeGreaterThanOrEqual(0);
    expect(pdi).toBeLessThan(76);
    expect(typeof cp.pdiType).toBe('string');
    // It filed in each of 2017–2020, so it has a PCPI and a type against every applicant of the corpus.
    expect(cp.pcpi).toBeGreaterThan(0);
    expect(typeof cp.pcpiType).toBe('string');
    expect(typeof cp.avgPcpiType).toBe('string');
  });
});

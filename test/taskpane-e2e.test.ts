/**
 * End to end in a real browser: the production build of the pane, served from localhost, in Debian's
 * Chromium (driven by playwright-core; no browser is downloaded), with the recording Excel double injected
 * before the page's scripts in place of Office.js. The sample files go in through the file inputs, Kitano
 * Electric is picked and built, and the workbook the pane wrote is compared cell by cell (formulas and
 * values) with the .xlsx the CLI writes for the same inputs. Screenshots of each step go to a temporary directory,
 * or to docs/screenshots with IPB_SCREENSHOTS=1.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { extname, join, resolve } from 'path';
import ts from 'typescript';
import { main } from '../src/cli/main';
import { readAllCells, type AnyCell } from './helpers/workbookCells';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = resolve(__dirname, '..');
const SAMPLES = join(ROOT, 'samples');
// The committed screenshots are refreshed on request (IPB_SCREENSHOTS=1), so a test run leaves the tree clean.
const SHOTS =
  process.env.IPB_SCREENSHOTS === '1' ? join(ROOT, 'docs/screenshots') : join(tmpdir(), 'ipb-pane-screenshots');
const have = existsSync(CHROMIUM);
if (!have && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
const maybe = have ? describe : describe.skip;
// eslint-disable-next-line no-console
if (!have) console.warn(`skipping the task pane end-to-end test: no ${CHROMIUM} (apt-get install chromium)`);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.wasm': 'application/wasm',
};

function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!path.startsWith(dir) || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' });
    res.end(readFileSync(path));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** The Excel double as a classic script that installs Office, Excel and CustomFunctions on window. */
function doubleScript(): string {
  const source = readFileSync(join(__dirname, 'helpers/fakeExcel.ts'), 'utf8');
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
  }).outputText;
  return `(function () {
    var exports = {};
    ${js}
    var made = exports.createFakeExcel({ displayLanguage: 'en-US', requirements: { ExcelApi: 1.17 } });
    window.Office = made.Office;
    window.Excel = made.Excel;
    window.CustomFunctions = { associate: function () {}, Error: Error, ErrorCode: {} };
    window.__fake = made.fake;
  })();`;
}

interface PaneCell {
  formula?: string;
  value?: string | number | boolean;
  numberFormat: string;
}
type Snapshot = Record<
  string,
  {
    cells: Record<string, PaneCell>;
    tables: { name: string; address: string }[];
    charts: { name: string; series: { name?: string; values?: string; xValues?: string }[] }[];
  }
>;

/** A formula as the model has it, from the file's spelling (the CLI writes _xlfn. and _xldudf_ prefixes). */
const modelFormula = (f: string): string => f.replace(/_xlfn\./g, '').replace(/_xldudf_IPB_/g, 'IPB.');

maybe('task pane in Chromium', () => {
  let out: string;
  let server: Server;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'ipb-pane-'));
    // The production build, as `npm run build` makes it (its own output folder, dist/ untouched).
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules/webpack/bin/webpack.js'), '--mode', 'production', '--output-path', join(out, 'web')],
      { cwd: ROOT, stdio: 'pipe' },
    );
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(() => {
    server?.close();
    rmSync(out, { recursive: true, force: true });
  });

  test('import the samples, pick Kitano Electric, build: the same workbook as the CLI', async () => {
    server = await serve(join(out, 'web'));
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const problems: string[] = [];
    try {
      const page = await browser.newPage({ viewport: { width: 380, height: 900 } });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console: ${m.text()}`);
      });
      // Office.js is the one remote script; the double stands in for it.
      await page.route('https://appsforoffice.microsoft.com/**', (r) =>
        r.fulfill({
          status: 200,
          contentType: 'text/javascript',
          body: '/* Office.js: the test double is in place */',
        }),
      );
      await page.addInitScript(doubleScript());
      const port = (server.address() as AddressInfo).port;
      // The pane scrolls inside #app: grow the window to the content so that a screenshot shows all of it.
      const shot = async (name: string): Promise<void> => {
        const height = await page.evaluate(
          () =>
            (document.querySelector('header')?.scrollHeight ?? 0) + (document.getElementById('app')?.scrollHeight ?? 0),
        );
        await page.setViewportSize({ width: 380, height: Math.min(4000, Math.max(600, height)) });
        await page.screenshot({ path: join(SHOTS, name) });
      };
      await page.goto(`http://127.0.0.1:${port}/taskpane.html`);
      await page.waitForSelector('#file-financials');
      await shot('pane-0-start.png');

      await page.setInputFiles('#file-financials', join(SAMPLES, 'financials.csv'));
      await page.setInputFiles('#file-market', join(SAMPLES, 'market.csv'));
      await page.waitForSelector('#company option[value="Kitano Electric"]', { state: 'attached' });
      await shot('pane-1-inputs.png');

      await page.setInputFiles('#file-aliases', join(SAMPLES, 'aliases.csv'));
      await page.setInputFiles('#file-patents', join(SAMPLES, 'patents.csv'));
      await page.waitForSelector('#rejected h3');
      await shot('pane-2-patents.png');

      await page.selectOption('#industry', 'electrical');
      await page.selectOption('#company', 'Kitano Electric');
      await page.waitForSelector('#variants ul li');
      const variants = await page.locator('#variants ul li').allTextContents();
      expect(variants).toContain('北野電機株式会社');
      // base_year_rnd's empty field shows its default: the first FY every electrical company covers.
      expect(await page.getAttribute('#base-year-rnd', 'placeholder')).toBe('2016');
      await shot('pane-3-company.png');
      // Parameters the CLI takes as options (given to it below too): the workbooks must still agree cell by cell.
      await page.fill('#base-year-rnd', '2017');
      await page.fill('#psi-sd', '1.5');
      // An entry the parameter cannot take is named and refused, not replaced by the default.
      await page.fill('#pka-min-lift', '-2');
      await page.click('#build');
      await page.waitForSelector('#build-status .error');
      expect(await page.locator('#build-status').textContent()).toMatch(/Not a value.*Minimum lift/);
      expect(await page.getAttribute('#pka-min-lift', 'aria-invalid')).toBe('true');
      await page.fill('#pka-min-lift', '2');
      expect(await page.getAttribute('#pka-min-lift', 'aria-invalid')).toBe('false');

      await page.click('#build');
      // The keywords of 12,500 Japanese abstracts (lindera in Web Workers) come first: about 15–30 s.
      await page.waitForSelector('#build-status .success, #build-status .error', { timeout: 120_000 });
      const status = await page.locator('#build-status').textContent();
      expect(status).toMatch(/Kitano Electric: 8 sheets written in \d+ requests/);
      await shot('pane-4-built.png');

      const snap = (await page.evaluate(() =>
        (window as unknown as { __fake: { snapshot(): unknown } }).__fake.snapshot(),
      )) as Snapshot;

      // The CLI, in-process, on the same files.
      const xlsx = join(out, 'cli.xlsx');
      const io = { out: () => undefined, err: () => undefined };
      const code = await main(
        [
          'evaluate',
          '--financials',
          join(SAMPLES, 'financials.csv'),
          '--market',
          join(SAMPLES, 'market.csv'),
          '--patents',
          join(SAMPLES, 'patents.csv'),
          '--aliases',
          join(SAMPLES, 'aliases.csv'),
          '--company',
          'Kitano Electric',
          '--base-year-rnd',
          '2017',
          '--pka-min-lift',
          '2',
          '--psi-sd',
          '1.5',
          '--out',
          xlsx,
        ],
        io,
      );
      expect(code).toBe(0);
      const cli = await readAllCells(xlsx);

      const paneName: Record<string, string> = {
        Evaluation: 'Evaluation (Kitano Electric)',
        Industry: 'Industry (electrical)',
        Portfolio: 'Portfolio (Kitano Electric)',
        Keywords: 'Keywords (Kitano Electric)',
        PSI: 'PSI (Kitano Electric)',
        Statistics: 'Statistics (electrical)',
        Patents: 'Patents (electrical)',
        Inputs: 'Inputs (electrical)',
      };
      expect(Object.keys(snap).sort()).toEqual(Object.values(paneName).sort());
      const back = (f: string): string => {
        let s = f;
        for (const [model, pane] of Object.entries(paneName)) s = s.split(`'${pane}'!`).join(`${model}!`);
        return s;
      };
      let compared = 0;
      let formulas = 0;
      const mismatches: string[] = [];
      const seen = new Set<string>();
      for (const [ref, c] of cli as Map<string, AnyCell>) {
        const [sheet, addr] = ref.split('!');
        const p = snap[paneName[sheet]]?.cells[addr];
        seen.add(`${paneName[sheet]}!${addr}`);
        compared += 1;
        if (c.formula !== undefined) {
          formulas += 1;
          if (!p?.formula || back(p.formula) !== `=${modelFormula(c.formula)}`)
            mismatches.push(`${ref}: CLI =${c.formula}, pane ${JSON.stringify(p)}`);
        } else if (p?.formula !== undefined || p?.value !== c.value) {
          mismatches.push(`${ref}: CLI ${JSON.stringify(c.value)}, pane ${JSON.stringify(p)}`);
        }
      }
      // Nothing the CLI leaves empty is filled in by the pane.
      for (const [sheet, s] of Object.entries(snap)) {
        for (const [addr, p] of Object.entries(s.cells)) {
          const empty = p.formula === undefined && (p.value === undefined || p.value === '');
          if (!empty && !seen.has(`${sheet}!${addr}`)) mismatches.push(`${sheet}!${addr}: only in the pane`);
        }
      }
      expect(mismatches.slice(0, 20)).toEqual([]);
      // The fields reached the workbook (so the agreement above is not the defaults agreeing).
      expect(snap['Inputs (electrical)'].cells.C6.value).toBe('FY2017');
      expect(snap['Keywords (Kitano Electric)'].cells.B5.value).toBe(2);
      expect(snap['PSI (Kitano Electric)'].cells.B4.value).toBe(1.5);
      expect(formulas).toBeGreaterThan(1000);
      expect(compared).toBeGreaterThan(10000);
      expect(snap['Patents (electrical)'].tables.map((t) => t.name)).toEqual(['PatentRecords_electrical']);
      // Figure 7 (investment) plots the CAPEX and RND rows over the year columns: the sample's FY2016–FY2023 are
      // columns E–L (the first year column is E), the years' header is row 4.
      const rowOf = (id: string): number =>
        Number([...cli.entries()].find(([r, c]) => /^Evaluation!A\d+$/.test(r) && c.value === id)?.[0].slice(12));
      const charts = snap['Evaluation (Kitano Electric)'].charts;
      expect(charts.map((c) => c.name)).toEqual([
        'IPB_Fig7',
        'IPB_Fig8',
        'IPB_Fig9',
        'IPB_Fig10',
        'IPB_Fig11',
        'IPB_Fig12',
        'IPB_Fig13',
        'IPB_Fig14',
        'IPB_Fig18',
        'IPB_Fig17',
        'IPB_Fig15',
        'IPB_Fig16',
      ]);
      expect(charts[0].series.map((x) => [x.values, x.xValues])).toEqual([
        [`E${rowOf('CAPEX')}:L${rowOf('CAPEX')}`, 'E4:L4'],
        [`E${rowOf('RND')}:L${rowOf('RND')}`, 'E4:L4'],
      ]);
      // Figures 15–18 plot Block 3's tables on Evaluation: a table's data starts two rows below its title
      // ("PSI  典型・例外出願と…" in column A), so 図15's typical counts are column C of the PSI rows, by filing year.
      const titleRow = (id: string): number =>
        Number(
          [...cli.entries()]
            .find(([r, c]) => /^Evaluation!A\d+$/.test(r) && String(c.value ?? '').startsWith(`${id}  `))?.[0]
            .slice(12),
        );
      const fig = (name: string) => charts.find((c) => c.name === name) as (typeof charts)[number];
      const psi = titleRow('PSI') + 2;
      const psiLast = titleRow('PSI_COMPOSITION') - 2;
      expect(psiLast).toBeGreaterThan(psi);
      expect(fig('IPB_Fig15').series.map((x) => [x.values, x.xValues])).toEqual(
        ['C', 'D', 'E', 'F'].map((c) => [`${c}${psi}:${c}${psiLast}`, `A${psi}:A${psiLast}`]),
      );
      const comp = titleRow('PSI_COMPOSITION') + 2;
      expect(fig('IPB_Fig16').series.map((x) => [x.values, x.xValues])).toEqual([
        [`C${comp}:C${comp + 2}`, `A${comp}:A${comp + 2}`],
      ]);
      const pka = titleRow('PKA') + 2;
      expect(fig('IPB_Fig17').series[0].xValues).toMatch(new RegExp(`^B${pka}:B\\d+$`));
      // 図18: one series per window year, each over that year's rows of PORTFOLIO (shares in column F).
      const pf = titleRow('PORTFOLIO') + 2;
      expect(fig('IPB_Fig18').series[0].values).toMatch(new RegExp(`^F${pf}:F\\d+$`));

      // A J-PlatPat export with two bad rows: they are listed with their reasons and downloadable as CSV.
      await page.setInputFiles('#file-patents', join(ROOT, 'test/fixtures/patents/jplatpat-edge.csv'));
      await page.waitForSelector('#download-rejected');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-rejected')]);
      expect(download.suggestedFilename()).toBe('rejected.csv');
      const csv = readFileSync((await download.path()) as string, 'utf8');
      const lines = csv
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\n');
      expect(lines[0]).toBe('file,line,field,reason');
      expect(lines.slice(1).every((l) => l.startsWith('jplatpat-edge.csv,'))).toBe(true);
      expect(lines).toHaveLength(3);
      expect(await page.locator('#rejected tbody tr').count()).toBe(2);
      await page.locator('#rejected').scrollIntoViewIfNeeded();
      await shot('pane-5-rejected.png');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 240_000);
});

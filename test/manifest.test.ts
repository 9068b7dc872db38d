/**
 * manifest.xml: well-formed, the settings the add-in depends on, and every
 * https://localhost:3000/<path> URL in it served by the real production build.
 *
 * The build check runs `webpack --mode production` once (the same command `npm run build` runs after
 * the CLI compile) into a temporary --output-path, so it sees exactly the files webpack emits.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const ROOT = path.resolve(__dirname, '..');
const MANIFEST_PATH = path.join(ROOT, 'manifest.xml');
const DEV_ORIGIN = 'https://localhost:3000/';
const BUILD_TIMEOUT_MS = 300_000;

// fast-xml-parser gives plain objects; these tests navigate them dynamically.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = any;

/** Elements that may repeat: always parsed as arrays so that lookups do not depend on counts. */
const REPEATABLE = new Set([
  'Host',
  'Set',
  'ExtensionPoint',
  'Override',
  'OfficeTab',
  'Group',
  'Control',
  'Runtime',
  'bt:Image',
  'bt:Url',
  'bt:String',
  'bt:Override',
]);

const xml = fs.readFileSync(MANIFEST_PATH, 'utf8');
/** The manifest without XML comments: what Office actually reads. */
const xmlContent = xml.replace(/<!--[\s\S]*?-->/g, '');

function parseManifest(): Node {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (name) => REPEATABLE.has(name),
  });
  return parser.parse(xml);
}

/** Text content of an element that may or may not carry attributes. */
function text(node: Node): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'object') return String(node['#text'] ?? '');
  return String(node);
}

/** All resources of VersionOverrides, by id: images, URLs, short and long strings. */
function resources(app: Node): Map<string, Node> {
  const res = app.VersionOverrides.Resources;
  const all: Node[] = [
    ...(res['bt:Images']?.['bt:Image'] ?? []),
    ...(res['bt:Urls']?.['bt:Url'] ?? []),
    ...(res['bt:ShortStrings']?.['bt:String'] ?? []),
    ...(res['bt:LongStrings']?.['bt:String'] ?? []),
  ];
  const byId = new Map<string, Node>();
  for (const r of all) {
    expect(byId.has(r['@_id'])).toBe(false); // resource ids are unique
    byId.set(r['@_id'], r);
  }
  return byId;
}

/** Every value of a `resid` attribute anywhere below `node`. */
function collectResids(node: Node, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => collectResids(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '@_resid') out.push(String(v));
      else collectResids(v, out);
    }
  }
  return out;
}

function workbookHost(app: Node): Node {
  const hosts: Node[] = app.VersionOverrides.Hosts.Host;
  const wb = hosts.filter((h) => h['@_xsi:type'] === 'Workbook');
  expect(wb).toHaveLength(1);
  return wb[0];
}

function extensionPoint(container: Node, type: string): Node {
  const eps: Node[] = container.ExtensionPoint ?? [];
  const found = eps.filter((e) => e['@_xsi:type'] === type);
  expect(found).toHaveLength(1);
  return found[0];
}

/** Every https://localhost:3000/… URL in the manifest (any attribute or element text). */
function devServerUrls(): string[] {
  const urls = new Set<string>();
  for (const m of xmlContent.matchAll(/https:\/\/localhost:3000\/[^"'<>\s]*/g)) urls.add(m[0]);
  return [...urls].sort();
}

describe('manifest.xml', () => {
  test('is well-formed XML', () => {
    const result = XMLValidator.validate(xml);
    expect(result).toBe(true);
  });

  const app: Node = parseManifest().OfficeApp;

  test('is a task pane add-in for Excel with a fixed GUID and its names', () => {
    expect(app['@_xsi:type']).toBe('TaskPaneApp');
    expect(text(app.Id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(text(app.ProviderName)).toBe('IPB for Excel');
    expect(app.DisplayName['@_DefaultValue']).toBe('IPB for Excel');
    expect(app.Hosts.Host.map((h: Node) => h['@_Name'])).toEqual(['Workbook']);
    expect(app.DefaultSettings.SourceLocation['@_DefaultValue']).toBe(`${DEV_ORIGIN}taskpane.html`);
  });

  test('asks for exactly ReadWriteDocument', () => {
    // A single <Permissions> element whose whole content is ReadWriteDocument.
    expect(xmlContent.match(/<Permissions>/g)).toHaveLength(1);
    expect(typeof app.Permissions).toBe('string');
    expect(text(app.Permissions)).toBe('ReadWriteDocument');
  });

  test('requires the shared runtime and the custom functions runtime', () => {
    const sets: Node[] = app.Requirements.Sets.Set;
    const byName = new Map(sets.map((s) => [s['@_Name'], s['@_MinVersion']]));
    expect(byName.get('SharedRuntime')).toBe('1.1');
    expect(byName.get('CustomFunctionsRuntime')).toBe('1.1');
  });

  test('custom functions live in namespace IPB', () => {
    const res = resources(app);
    const cf = extensionPoint(workbookHost(app).AllFormFactors, 'CustomFunctions');
    const ns = res.get(cf.Namespace['@_resid']);
    expect(ns).toBeDefined();
    expect(ns['@_DefaultValue']).toBe('IPB');
    expect(ns['bt:Override']).toBeUndefined(); // the namespace must not vary by locale
    expect(res.get(cf.Script.SourceLocation['@_resid'])['@_DefaultValue']).toBe(`${DEV_ORIGIN}functions.js`);
    expect(res.get(cf.Metadata.SourceLocation['@_resid'])['@_DefaultValue']).toBe(`${DEV_ORIGIN}functions.json`);
  });

  test('one long-lived runtime page serves the pane, the functions and the function file', () => {
    const host = workbookHost(app);
    const runtimes: Node[] = host.Runtimes.Runtime;
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0]['@_lifetime']).toBe('long');
    const page = runtimes[0]['@_resid'];
    expect(page).toBe('Taskpane.Url');
    const cf = extensionPoint(host.AllFormFactors, 'CustomFunctions');
    expect(cf.Page.SourceLocation['@_resid']).toBe(page);
    expect(host.DesktopFormFactor.FunctionFile['@_resid']).toBe(page);
    const ribbon = extensionPoint(host.DesktopFormFactor, 'PrimaryCommandSurface');
    const controls: Node[] = ribbon.OfficeTab.flatMap((t: Node) => t.Group).flatMap((g: Node) => g.Control);
    expect(controls).toHaveLength(1);
    expect(controls[0]['@_xsi:type']).toBe('Button');
    expect(controls[0].Action['@_xsi:type']).toBe('ShowTaskpane');
    expect(controls[0].Action.SourceLocation['@_resid']).toBe(page);
    expect(resources(app).get(page)['@_DefaultValue']).toBe(`${DEV_ORIGIN}taskpane.html`);
  });

  test('every resid points at a defined resource, and the button has 16/32/80 icons', () => {
    const res = resources(app);
    const resids = collectResids(app.VersionOverrides.Hosts);
    expect(resids.length).toBeGreaterThan(0);
    expect(resids.filter((id) => !res.has(id))).toEqual([]);
    const ribbon = extensionPoint(workbookHost(app).DesktopFormFactor, 'PrimaryCommandSurface');
    const button = ribbon.OfficeTab[0].Group[0].Control[0];
    expect(button.Icon['bt:Image'].map((i: Node) => i['@_size']).sort()).toEqual(['16', '32', '80']);
    for (const size of [16, 32, 64, 80, 128]) {
      const img = [...res.values()].find((r) => r['@_DefaultValue'] === `${DEV_ORIGIN}assets/icon-${size}.png`);
      expect(img).toBeDefined();
    }
  });

  test('has Japanese (ja-JP) overrides for the display name, description and button label', () => {
    const ja = (node: Node): string | undefined =>
      (node.Override ?? node['bt:Override'] ?? []).find((o: Node) => o['@_Locale'] === 'ja-JP')?.['@_Value'];
    expect(ja(app.DisplayName)).toMatch(/\S/);
    expect(ja(app.Description)).toMatch(/\S/);
    const ribbon = extensionPoint(workbookHost(app).DesktopFormFactor, 'PrimaryCommandSurface');
    const label = resources(app).get(ribbon.OfficeTab[0].Group[0].Control[0].Label['@_resid']);
    expect(label['@_DefaultValue']).toBe('IPB');
    expect(ja(label)).toMatch(/\S/);
  });

  test('every URL is on the dev server origin https://localhost:3000/', () => {
    const all = [...xmlContent.matchAll(/https?:\/\/[^"'<>\s]+/g)].map((m) => m[0]);
    // XML namespace URIs are identifiers, not URLs the add-in loads.
    const loaded = all.filter(
      (u) => !u.startsWith('http://schemas.microsoft.com/') && !u.startsWith('http://www.w3.org/'),
    );
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.filter((u) => !u.startsWith(DEV_ORIGIN))).toEqual([]);
  });
});

describe('manifest URLs against the production build (webpack --mode production)', () => {
  let outDir = '';

  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipb-webpack-'));
    const webpackBin = path.join(ROOT, 'node_modules', 'webpack', 'bin', 'webpack.js');
    try {
      await promisify(execFile)(process.execPath, [webpackBin, '--mode', 'production', '--output-path', outDir], {
        cwd: ROOT,
        timeout: BUILD_TIMEOUT_MS,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, NODE_ENV: 'production' },
      });
    } catch (err) {
      const e = err as { message: string; stdout?: string; stderr?: string };
      throw new Error(`webpack --mode production failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
    }
  }, BUILD_TIMEOUT_MS + 10_000);

  afterAll(() => {
    if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
  });

  const urls = devServerUrls();

  test('the manifest has dev server URLs to check', () => {
    expect(urls.length).toBeGreaterThan(0);
  });

  test.each(urls)('%s is emitted by the build', (url) => {
    const rel = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
    expect(rel).not.toBe('');
    const file = path.join(outDir, rel);
    expect(fs.existsSync(file) && fs.statSync(file).isFile()).toBe(true);
  });

  test('functions.json parses and lists named functions', () => {
    const meta = JSON.parse(fs.readFileSync(path.join(outDir, 'functions.json'), 'utf8'));
    expect(Array.isArray(meta.functions)).toBe(true);
    expect(meta.functions.length).toBeGreaterThan(0);
    for (const f of meta.functions) {
      expect(typeof f.id).toBe('string');
      expect(typeof f.name).toBe('string');
      expect(f.name.length).toBeGreaterThan(0);
    }
  });

  test('functions.js associates every function of functions.json with its implementation', () => {
    const meta = JSON.parse(fs.readFileSync(path.join(outDir, 'functions.json'), 'utf8'));
    const code = fs.readFileSync(path.join(outDir, 'functions.js'), 'utf8');
    const associated = new Set([...code.matchAll(/CustomFunctions\.associate\("([A-Z0-9_.]+)"/g)].map((m) => m[1]));
    expect([...associated].sort()).toEqual(meta.functions.map((f: { id: string }) => f.id).sort());
    expect(associated.has('EOIA') && associated.has('STARRANK')).toBe(true);
  });

  test('taskpane.html loads Office.js, then functions.js and taskpane.js, under a no-eval CSP', () => {
    const html = fs.readFileSync(path.join(outDir, 'taskpane.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"' >]+)/g)].map((m) => m[1]);
    expect(scripts).toEqual([
      'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
      'functions.js',
      'taskpane.js',
    ]);
    const csp = /http-equiv=["']?Content-Security-Policy["']?\s+content="([^"]+)"/i.exec(html)?.[1] ?? '';
    const scriptSrc = csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .find((d) => d[0] === 'script-src');
    // 'wasm-unsafe-eval' allows compiling WebAssembly (the keyword analyser in keywordWorker.js), not eval.
    expect(scriptSrc).toEqual(['script-src', "'self'", "'wasm-unsafe-eval'", 'https://appsforoffice.microsoft.com']);
    const sources = csp.split(';').flatMap((d) => d.trim().split(/\s+/));
    expect(sources).not.toContain("'unsafe-eval'");
    for (const js of ['functions.js', 'taskpane.js', 'keywordWorker.js']) {
      const code = fs.readFileSync(path.join(outDir, js), 'utf8');
      expect(code).not.toMatch(/\beval\(/);
    }
  });
});

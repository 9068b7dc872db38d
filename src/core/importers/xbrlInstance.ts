/**
 * An XBRL 2.1 instance document read into contexts, units and facts. Element names are given with canonical
 * prefixes resolved through the document's namespace declarations (EDINET taxonomies: `jppfs_cor`, `jpcrp_cor`,
 * `jpdei_cor` whatever prefix the document binds them to), so the mapping tables can name concepts plainly.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XbrlContext {
  readonly id: string;
  readonly startDate?: string;
  readonly endDate?: string;
  readonly instant?: string;
}

export interface XbrlFact {
  /** Canonical prefixed name, e.g. `jppfs_cor:OperatingIncome`. */
  readonly concept: string;
  readonly contextRef: string;
  readonly unitRef?: string;
  readonly decimals?: string;
  /** The text of the fact; undefined when the fact is nil (xsi:nil="true"). */
  readonly value?: string;
}

export interface XbrlInstance {
  readonly contexts: ReadonlyMap<string, XbrlContext>;
  /** Unit id → its measure with canonical prefixes, e.g. `iso4217:JPY`, or `iso4217:JPY/xbrli:shares`. */
  readonly units: ReadonlyMap<string, string>;
  readonly facts: readonly XbrlFact[];
}

export class XbrlFormatError extends Error {
  override name = 'XbrlFormatError';
}

const STANDARD_PREFIXES: Readonly<Record<string, string>> = {
  'http://www.xbrl.org/2003/instance': 'xbrli',
  'http://xbrl.org/2006/xbrldi': 'xbrldi',
  'http://www.xbrl.org/2003/iso4217': 'iso4217',
  'http://www.xbrl.org/2003/linkbase': 'link',
  'http://www.w3.org/2001/XMLSchema-instance': 'xsi',
  'http://www.w3.org/1999/xlink': 'xlink',
};

/** EDINET taxonomy namespaces end in `/taxonomy/<name>/<version date>/<name>_cor`. */
const EDINET_TAXONOMY = /^http:\/\/disclosure\.edinet-fsa\.go\.jp\/taxonomy\/([a-z]+)\/[^/]+\/(\1_cor)$/;

function canonicalPrefix(uri: string, documentPrefix: string): string {
  return STANDARD_PREFIXES[uri] ?? EDINET_TAXONOMY.exec(uri)?.[2] ?? documentPrefix;
}

type XmlNode = Record<string, unknown>;

const ATTR = '@_';
const TEXT = '#text';

function asArray(v: unknown): unknown[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

function isNode(v: unknown): v is XmlNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (isNode(v) && typeof v[TEXT] === 'string') return v[TEXT];
  return undefined;
}

/** Resolves `prefix:local` names (elements, attribute names, QName values) to canonical prefixes. */
class Names {
  private readonly canonical = new Map<string, string>();
  private readonly defaultPrefix: string | undefined;

  constructor(rootAttributes: XmlNode) {
    let defaultUri: string | undefined;
    for (const [k, v] of Object.entries(rootAttributes)) {
      if (!k.startsWith(ATTR) || typeof v !== 'string') continue;
      const name = k.slice(ATTR.length);
      if (name === 'xmlns') defaultUri = v;
      else if (name.startsWith('xmlns:')) this.canonical.set(name.slice(6), canonicalPrefix(v, name.slice(6)));
    }
    this.defaultPrefix = defaultUri === undefined ? undefined : canonicalPrefix(defaultUri, '');
  }

  resolve(qname: string): string {
    const i = qname.indexOf(':');
    if (i < 0) return this.defaultPrefix ? `${this.defaultPrefix}:${qname}` : qname;
    const prefix = qname.slice(0, i);
    return `${this.canonical.get(prefix) ?? prefix}:${qname.slice(i + 1)}`;
  }

  /** The children of `node` whose canonical name is `name`. */
  children(node: XmlNode, name: string): unknown[] {
    return Object.entries(node)
      .filter(([k]) => !k.startsWith(ATTR) && k !== TEXT && this.resolve(k) === name)
      .flatMap(([, v]) => asArray(v));
  }

  child(node: XmlNode, name: string): unknown {
    return this.children(node, name)[0];
  }

  attribute(node: XmlNode, name: string): string | undefined {
    for (const [k, v] of Object.entries(node)) {
      if (!k.startsWith(ATTR) || typeof v !== 'string') continue;
      const attr = k.slice(ATTR.length);
      // Unprefixed attributes (contextRef, unitRef, decimals, id) are in no namespace.
      if ((attr.includes(':') ? this.resolve(attr) : attr) === name) return v;
    }
    return undefined;
  }
}

function readContext(names: Names, node: XmlNode): XbrlContext | undefined {
  const id = names.attribute(node, 'id');
  const period = names.child(node, 'xbrli:period');
  if (id === undefined || !isNode(period)) return undefined;
  const date = (name: string): string | undefined => textOf(names.child(period, name))?.trim();
  return { id, startDate: date('xbrli:startDate'), endDate: date('xbrli:endDate'), instant: date('xbrli:instant') };
}

function readMeasure(names: Names, node: XmlNode): string {
  const measures = names.children(node, 'xbrli:measure').map((m) => names.resolve((textOf(m) ?? '').trim()));
  return measures.join('*');
}

function readUnit(names: Names, node: XmlNode): [string, string] | undefined {
  const id = names.attribute(node, 'id');
  if (id === undefined) return undefined;
  const divide = names.child(node, 'xbrli:divide');
  if (isNode(divide)) {
    const num = names.child(divide, 'xbrli:unitNumerator');
    const den = names.child(divide, 'xbrli:unitDenominator');
    return [id, `${isNode(num) ? readMeasure(names, num) : ''}/${isNode(den) ? readMeasure(names, den) : ''}`];
  }
  return [id, readMeasure(names, node)];
}

const STRUCTURE = new Set(['xbrli:context', 'xbrli:unit']);

/**
 * @throws XbrlFormatError when the text is not well-formed XML or not an XBRL instance.
 */
export function parseXbrlInstance(text: string): XbrlInstance {
  const body = text.replace(/^\uFEFF/, '');
  // The parser itself is lenient (a truncated document parses without complaint), so a validator pass comes
  // first: half a filing must never be imported as if it were whole.
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    throw new XbrlFormatError(`not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTR,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
  });
  const doc: unknown = parser.parse(body);
  if (!isNode(doc)) throw new XbrlFormatError('not an XBRL instance (no root element)');
  const rootEntry = Object.entries(doc).find(([k]) => !k.startsWith('?'));
  const root = rootEntry?.[1];
  if (!rootEntry || !isNode(root)) throw new XbrlFormatError('not an XBRL instance (no root element)');
  const names = new Names(root);
  if (names.resolve(rootEntry[0]) !== 'xbrli:xbrl') {
    throw new XbrlFormatError(`not an XBRL instance: the root element is <${rootEntry[0]}>, not <xbrli:xbrl>`);
  }

  const contexts = new Map<string, XbrlContext>();
  for (const node of names.children(root, 'xbrli:context')) {
    const c = isNode(node) ? readContext(names, node) : undefined;
    if (c) contexts.set(c.id, c);
  }
  const units = new Map<string, string>();
  for (const node of names.children(root, 'xbrli:unit')) {
    const u = isNode(node) ? readUnit(names, node) : undefined;
    if (u) units.set(u[0], u[1]);
  }
  const facts: XbrlFact[] = [];
  for (const [key, value] of Object.entries(root)) {
    if (key.startsWith(ATTR)) continue;
    const concept = names.resolve(key);
    if (STRUCTURE.has(concept) || concept.startsWith('link:')) continue;
    for (const node of asArray(value)) {
      if (!isNode(node)) continue;
      const contextRef = names.attribute(node, 'contextRef');
      if (contextRef === undefined) continue;
      const nil = names.attribute(node, 'xsi:nil') === 'true';
      facts.push({
        concept,
        contextRef,
        unitRef: names.attribute(node, 'unitRef'),
        decimals: names.attribute(node, 'decimals'),
        value: nil ? undefined : (textOf(node) ?? ''),
      });
    }
  }
  return { contexts, units, facts };
}

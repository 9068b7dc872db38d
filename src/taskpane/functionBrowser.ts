/**
 * The function browser: every =IPB.* function with its help and arguments, derived from the catalog.
 * Built with DOM nodes and textContent only: no catalog or imported text ever goes through innerHTML.
 */
import { CATALOG, GROUPS, UNIT_LABEL } from '../core/catalog';
import { YOY } from '../core/catalog/generic';

export interface FunctionEntry {
  readonly name: string;
  readonly title: string;
  readonly help: string;
  readonly params: readonly string[];
  readonly group: string;
}

export function functionEntries(): FunctionEntry[] {
  const groupName = (id: string): string => {
    const g = GROUPS.find((x) => x.id === id);
    return g ? `${g.id} ${g.ja} / ${g.en}` : id;
  };
  return [
    ...CATALOG.map((d) => ({
      name: `IPB.${d.id}`,
      title: `${d.ja} / ${d.en} (${UNIT_LABEL[d.unit].en})`,
      help: d.help,
      params: d.params.map((p) => p.name),
      group: groupName(d.group),
    })),
    {
      name: `IPB.${YOY.name}`,
      title: `${YOY.ja} / ${YOY.en}`,
      help: YOY.help,
      params: YOY.params.map((p) => p.name),
      group: 'Across all blocks',
    },
    {
      name: 'IPB.STARRANK',
      title: 'スターランク / Star rank',
      help: "Star rank of a company's 3-period mean against the industry's (z cuts -1, 0, 1).",
      params: ['value', 'peers'],
      group: 'Across all blocks',
    },
    {
      name: 'IPB.FORECAST',
      title: '来期予測 / Next-period forecast',
      help: 'Arrow from the deviation of the latest value from the 3-period moving average.',
      params: ['values', '[band]', '[pbr]'],
      group: 'Across all blocks',
    },
  ];
}

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  cls?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Renders the browser into `root`; `onPick` receives the signature to insert (e.g. `=IPB.GBP(oi, rnd)`). */
export function renderFunctionBrowser(root: HTMLElement, onPick?: (signature: string) => void): void {
  const doc = root.ownerDocument;
  root.replaceChildren();
  const search = el(doc, 'input', 'search');
  search.type = 'search';
  search.placeholder = 'Search functions (ID, 日本語, English)';
  search.setAttribute('aria-label', 'Search functions');
  const list = el(doc, 'div', 'function-list');
  root.append(el(doc, 'h2', undefined, 'IPB functions'), search, list);

  const entries = functionEntries();
  const draw = (q: string): void => {
    const needle = q.trim().toLowerCase();
    list.replaceChildren();
    let group = '';
    for (const f of entries) {
      const hay = `${f.name} ${f.title} ${f.help}`.toLowerCase();
      if (needle && !hay.includes(needle)) continue;
      if (f.group !== group) {
        group = f.group;
        list.append(el(doc, 'h3', 'group', group));
      }
      const item = el(doc, 'div', 'function');
      const signature = `=${f.name}(${f.params.join(', ')})`;
      item.append(
        el(doc, 'code', 'signature', signature),
        el(doc, 'div', 'title', f.title),
        el(doc, 'div', 'help', f.help),
      );
      if (onPick) {
        const b = el(doc, 'button', 'insert', 'Insert');
        b.type = 'button';
        b.addEventListener('click', () => onPick(signature));
        item.append(b);
      }
      list.append(item);
    }
  };
  search.addEventListener('input', () => draw(search.value));
  draw('');
}

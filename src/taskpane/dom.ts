/**
 * DOM building for the pane. Every text, imported or not, goes in through textContent or attributes; nothing
 * is ever parsed as HTML.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { cls?: string; text?: string; attrs?: Record<string, string> } = {},
  ...children: (Node | string | undefined)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.cls) e.className = props.cls;
  if (props.text !== undefined) e.textContent = props.text;
  for (const [k, v] of Object.entries(props.attrs ?? {})) e.setAttribute(k, v);
  for (const c of children) if (c !== undefined) e.append(c);
  return e;
}

/** A table of text cells; the first row is the header. */
export function textTable(rows: readonly (readonly string[])[], cls = 'grid'): HTMLTableElement {
  const table = el('table', { cls });
  const [head, ...body] = rows;
  if (head) {
    const tr = el('tr');
    for (const h of head) tr.append(el('th', { text: h }));
    table.append(el('thead', {}, tr));
  }
  const tbody = el('tbody');
  for (const r of body) {
    const tr = el('tr');
    for (const c of r) tr.append(el('td', { text: c.length > 80 ? `${c.slice(0, 80)}…` : c, attrs: { title: c } }));
    tbody.append(tr);
  }
  table.append(tbody);
  return table;
}

/** A labelled form field. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  return el(
    'div',
    { cls: 'field' },
    el('label', { text: label, attrs: { for: id } }),
    control,
    hint ? el('small', { text: hint }) : undefined,
  );
}

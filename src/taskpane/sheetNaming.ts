/**
 * Where the model's sheets go in a workbook that keeps several evaluations: a company's sheets (scope
 * 'company', e.g. Evaluation) are named after the company, the others after the industry, so building the
 * same company again updates its sheets in place and another company gets its own Evaluation sheet next to
 * the industry sheets it shares with its peers. Formulas and table names follow the renaming.
 */
import type { Sheet, WorkbookModel } from '../core/workbook/model';
import { sheetPrefix } from '../core/workbook/model';

const MAX_SHEET_NAME = 31;

/** A short, stable tag of a text, to tell apart two long names cut to the same prefix. */
function tag(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h.toString(36).slice(0, 4);
}

/** `base (owner)` within Excel's 31 characters and without the characters Excel forbids in sheet names. */
export function qualifiedSheetName(base: string, owner: string): string {
  const clean = owner.replace(/[:\\/?*[\]]/g, '_').replace(/^'+|'+$/g, '');
  const full = `${base} (${clean})`;
  if (full.length <= MAX_SHEET_NAME) return full;
  const room = MAX_SHEET_NAME - base.length - 3 - 5;
  return `${base} (${clean.slice(0, Math.max(1, room))}~${tag(owner)})`;
}

export interface SheetNaming {
  sheet(s: Sheet): string;
  table(s: Sheet, table: string): string;
}

/** The naming the pane uses: company sheets by company, the others by industry. */
export function evaluationNaming(company: string, industry: string): SheetNaming {
  const ownerOf = (s: Sheet): string => (s.scope === 'company' ? company : industry);
  return {
    sheet: (s) => qualifiedSheetName(s.name, ownerOf(s)),
    // Table names are global to the workbook and may hold letters, digits, "_" and ".".
    table: (s, t) => `${t}_${ownerOf(s).replace(/[^\p{L}\p{N}_]/gu, '_')}`,
  };
}

/** The model's own names: what the CLI writes. */
export const MODEL_NAMING: SheetNaming = { sheet: (s) => s.name, table: (_s, t) => t };

/** Rewrites the sheet references of a formula from the model's sheet names to the workbook's. */
export function formulaRenamer(model: WorkbookModel, naming: SheetNaming): (formula: string) => string {
  const pairs = model.sheets
    .map((s) => ({ from: sheetPrefix(s.name), to: sheetPrefix(naming.sheet(s)) }))
    .filter((p) => p.from !== p.to)
    .sort((a, b) => b.from.length - a.from.length);
  if (pairs.length === 0) return (f) => f;
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A prefix counts only where a reference starts, not inside a longer sheet name or a string literal.
  const re = new RegExp(`(?<![A-Za-z0-9_.'"])(${pairs.map((p) => escape(p.from)).join('|')})`, 'g');
  const to = new Map(pairs.map((p) => [p.from, p.to]));
  return (f) => f.replace(re, (m) => to.get(m) ?? m);
}

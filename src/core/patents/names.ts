/**
 * Applicant name consolidation (名寄せ). Names are folded to a key — NFKC (full-width → half-width, ㈱ → (株)),
 * legal-form words removed (株式会社, (株), 有限会社, Co., Ltd., Corp., Inc., Corporation, K.K., GmbH, AG…),
 * case, spaces and punctuation dropped — and a user-editable alias table maps any further variants to one
 * company. Every merge is reported: which variants became which name.
 */
import { parseCsv } from '../csv';
import { ListSlots } from './listSlots';
import { StoredRecord } from './recordStore';
import type { InputIssue } from '../issues';

const LEGAL_FORMS_JA = [
  '株式会社',
  '有限会社',
  '合同会社',
  '合資会社',
  '合名会社',
  '(株)',
  '(有)',
  '(合)',
  '一般社団法人',
  '一般財団法人',
  '公益財団法人',
  '国立研究開発法人',
  '独立行政法人',
];
/** As nameKey meets them, in a name already NFKC-folded (folded once here, not per name). */
const LEGAL_FORMS_JA_NFKC = LEGAL_FORMS_JA.map((f) => f.normalize('NFKC'));
const LEGAL_FORMS_EN =
  /\b(kabushiki\s+kaisha|kabushikikaisha|k\.?\s?k\.?|co\.?,?\s*ltd\.?|company\s+limited|co\.?\s*limited|limited|ltd\.?|corporation|corp\.?|incorporated|inc\.?|company|co\.?|gmbh|ag|s\.?a\.?|plc|llc|l\.?l\.?c\.?|n\.?v\.?|b\.?v\.?|s\.?p\.?a\.?|holdings?)\b/g;

/** The comparison key of a name: equal keys are the same applicant. */
export function nameKey(raw: string): string {
  let s = raw.normalize('NFKC');
  for (const f of LEGAL_FORMS_JA_NFKC) if (s.includes(f)) s = s.split(f).join(' ');
  s = s.toLowerCase().replace(LEGAL_FORMS_EN, ' ');
  // Keep letters and digits of every script; drop spaces, punctuation and symbols (・, &, ., ",").
  return s.replace(/[^\p{L}\p{N}]+/gu, '');
}

export interface AliasTable {
  /** nameKey(alias) → canonical company name. */
  readonly byKey: ReadonlyMap<string, string>;
  readonly issues: InputIssue[];
}

/** aliases.csv: columns `alias,company` (header required); each alias (any spelling) maps to `company`. */
export function readAliases(text: string, file: string): AliasTable {
  const issues: InputIssue[] = [];
  const byKey = new Map<string, string>();
  const records = parseCsv(text, file);
  const head = records[0]?.cells.map((c) => c.trim().toLowerCase()) ?? [];
  const ai = head.indexOf('alias');
  const ci = head.indexOf('company');
  if (ai < 0 || ci < 0) {
    issues.push({ severity: 'error', file, line: 1, message: 'the header must name the columns alias and company' });
    return { byKey, issues };
  }
  for (const r of records.slice(1)) {
    const alias = (r.cells[ai] ?? '').trim();
    const company = (r.cells[ci] ?? '').trim();
    if (!alias || !company) {
      issues.push({
        severity: 'error',
        file,
        line: r.line,
        column: alias ? 'company' : 'alias',
        message: 'empty cell: alias rejected',
      });
      continue;
    }
    const key = nameKey(alias);
    const prev = byKey.get(key);
    if (prev !== undefined && prev !== company) {
      issues.push({
        severity: 'error',
        file,
        line: r.line,
        column: 'alias',
        message: `"${alias}" is already mapped to "${prev}": alias rejected`,
      });
      continue;
    }
    byKey.set(key, company);
  }
  return { byKey, issues };
}

export interface Consolidation {
  /** Consolidated name of a raw applicant string. */
  nameOf(raw: string): string;
  /** The variants merged into each consolidated name (only names with more than one variant). */
  readonly merged: ReadonlyMap<string, readonly string[]>;
}

/**
 * How many times each applicant spelling occurs on the records (once per place it is named), in the order the
 * records first name them. Importers share one applicant list among the records of a cell: each list is
 * counted once, then its names.
 */
export function applicantCounts(records: Iterable<{ readonly applicants: readonly string[] }>): Map<string, number> {
  // Each list in the order first met, with its count: a store's record counts by its list id in a typed array.
  const order: (readonly string[])[] = [];
  const tally: number[] = [];
  const lists = new Map<readonly string[], number>();
  const byStore = new ListSlots(-1);
  for (const r of records) {
    if (r instanceof StoredRecord) {
      const at = byStore.of(r.store);
      const id = r.store.applicants[r.index];
      if (at[id] < 0) {
        at[id] = order.length;
        order.push(r.store.applicantLists[id]);
        tally.push(0);
      }
      tally[at[id]] += 1;
      continue;
    }
    const list = r.applicants;
    let k = lists.get(list);
    if (k === undefined) {
      k = order.length;
      lists.set(list, k);
      order.push(list);
      tally.push(0);
    }
    tally[k] += 1;
  }
  const counts = new Map<string, number>();
  order.forEach((list, k) => {
    for (const raw of list) counts.set(raw, (counts.get(raw) ?? 0) + tally[k]);
  });
  return counts;
}

/**
 * Builds the consolidation for a set of raw names. Known companies (from the financials) win: a name whose
 * key equals a company's key, or that the alias table maps to it, becomes that company. Other names become
 * their most frequent spelling.
 */
export function consolidate(
  rawNames: Iterable<string>,
  companies: Iterable<string>,
  aliases?: AliasTable,
): Consolidation {
  const counts = new Map<string, number>();
  for (const raw of rawNames) counts.set(raw, (counts.get(raw) ?? 0) + 1);
  return consolidateCounts(counts, companies, aliases);
}

/** consolidate, given how many times each raw name occurs (applicantCounts), in the order they first occur. */
export function consolidateCounts(
  rawCounts: ReadonlyMap<string, number>,
  companies: Iterable<string>,
  aliases?: AliasTable,
): Consolidation {
  // Applicant strings repeat heavily (a large applicant appears on thousands of records): fold each once.
  const keyOf = new Map<string, string>();
  const key = (raw: string): string => {
    let k = keyOf.get(raw);
    if (k === undefined) {
      k = nameKey(raw) || raw;
      keyOf.set(raw, k);
    }
    return k;
  };
  const companyByKey = new Map<string, string>();
  for (const c of companies) companyByKey.set(nameKey(c), c);
  const counts = new Map<string, Map<string, number>>();
  for (const [raw, n] of rawCounts) {
    const k = key(raw);
    const m = counts.get(k) ?? new Map<string, number>();
    m.set(raw, n);
    counts.set(k, m);
  }
  const nameByKey = new Map<string, string>();
  const variants = new Map<string, Set<string>>();
  for (const [k, spellings] of counts) {
    const target =
      aliases?.byKey.get(k) ??
      companyByKey.get(k) ??
      [...spellings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    nameByKey.set(k, target);
    const set = variants.get(target) ?? new Set<string>();
    for (const sp of spellings.keys()) set.add(sp);
    variants.set(target, set);
  }
  const merged = new Map<string, string[]>();
  for (const [name, set] of variants) if (set.size > 1 || !set.has(name)) merged.set(name, [...set].sort());
  return {
    nameOf: (raw) => {
      const k = key(raw);
      return nameByKey.get(k) ?? aliases?.byKey.get(k) ?? companyByKey.get(k) ?? raw;
    },
    merged,
  };
}

/**
 * Reading an .xlsx back, straight from its XML (independent of the library that wrote it; ExcelJS, for
 * one, drops a cached result of exactly 0): every formula cell's formula and cached value.
 */
import { readFileSync } from 'fs';
import JSZip from 'jszip';
import { XMLParser } from 'fast-xml-parser';

export type ReadValue = number | string | boolean | { error: string } | null;

export interface FormulaCell {
  readonly formula: string;
  readonly value: ReadValue;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  textNodeName: '#text',
  isArray: (name) => ['sheet', 'row', 'c', 'si', 'r', 'Relationship'].includes(name),
});

function text(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (typeof node === 'object' && '#text' in (node as Record<string, unknown>))
    return String((node as Record<string, unknown>)['#text']);
  return '';
}

function sharedString(si: Record<string, unknown>): string {
  if (si.t !== undefined) return text(si.t);
  const runs = (si.r as Record<string, unknown>[] | undefined) ?? [];
  return runs.map((r) => text(r.t)).join('');
}

export async function readFormulaCells(file: string): Promise<Map<string, FormulaCell>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const read = async (p: string): Promise<string | undefined> => zip.file(p)?.async('string');
  const wb = parser.parse((await read('xl/workbook.xml')) ?? '');
  const rels = parser.parse((await read('xl/_rels/workbook.xml.rels')) ?? '');
  const target = new Map<string, string>(
    (rels.Relationships.Relationship as Record<string, string>[]).map((r) => [r.Id, r.Target.replace(/^\/?xl\//, '')]),
  );
  const sstXml = await read('xl/sharedStrings.xml');
  const sst: string[] = sstXml
    ? ((parser.parse(sstXml).sst.si as Record<string, unknown>[]) ?? []).map(sharedString)
    : [];
  const out = new Map<string, FormulaCell>();
  for (const sh of wb.workbook.sheets.sheet as Record<string, string>[]) {
    const path = `xl/${target.get(sh['r:id']) ?? ''}`;
    const xml = parser.parse((await read(path)) ?? '');
    for (const row of (xml.worksheet.sheetData?.row as Record<string, unknown>[]) ?? []) {
      for (const c of (row.c as Record<string, unknown>[]) ?? []) {
        if (c.f === undefined) continue;
        const raw = text(c.v);
        const t = c.t as string | undefined;
        let value: ReadValue;
        if (c.v === undefined) value = null;
        else if (t === 'e') value = { error: raw };
        else if (t === 's') value = sst[Number(raw)] ?? null;
        else if (t === 'str' || t === 'inlineStr') value = raw;
        else if (t === 'b') value = raw === '1';
        else value = Number(raw);
        out.set(`${sh.name}!${c.r as string}`, { formula: text(c.f), value });
      }
    }
  }
  return out;
}

export interface AnyCell {
  readonly formula?: string;
  readonly value: ReadValue;
}

/** Text exactly as stored: leading spaces and digit strings ("00123") kept. */
const literalParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  textNodeName: '#text',
  trimValues: false,
  parseTagValue: false,
  isArray: (name) => ['sheet', 'row', 'c', 'si', 'r', 'Relationship'].includes(name),
});

/** Every cell with a value or a formula, keyed `Sheet!A1`: the literal value, or the formula and its cached value. */
export async function readAllCells(file: string): Promise<Map<string, AnyCell>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const read = async (p: string): Promise<string | undefined> => zip.file(p)?.async('string');
  const wb = literalParser.parse((await read('xl/workbook.xml')) ?? '');
  const rels = literalParser.parse((await read('xl/_rels/workbook.xml.rels')) ?? '');
  const target = new Map<string, string>(
    (rels.Relationships.Relationship as Record<string, string>[]).map((r) => [r.Id, r.Target.replace(/^\/?xl\//, '')]),
  );
  const sstXml = await read('xl/sharedStrings.xml');
  const sst: string[] = sstXml
    ? ((literalParser.parse(sstXml).sst.si as Record<string, unknown>[]) ?? []).map(sharedString)
    : [];
  const out = new Map<string, AnyCell>();
  for (const sh of wb.workbook.sheets.sheet as Record<string, string>[]) {
    const xml = literalParser.parse((await read(`xl/${target.get(sh['r:id']) ?? ''}`)) ?? '');
    for (const row of (xml.worksheet.sheetData?.row as Record<string, unknown>[]) ?? []) {
      for (const c of (row.c as Record<string, unknown>[]) ?? []) {
        const t = c.t as string | undefined;
        const raw = t === 'inlineStr' ? sharedString((c.is ?? {}) as Record<string, unknown>) : text(c.v);
        if (c.f === undefined && c.v === undefined && t !== 'inlineStr') continue;
        let value: ReadValue;
        if (c.v === undefined && t !== 'inlineStr') value = null;
        else if (t === 'e') value = { error: raw };
        else if (t === 's') value = sst[Number(raw)] ?? null;
        else if (t === 'str' || t === 'inlineStr') value = raw;
        else if (t === 'b') value = raw === '1';
        else value = Number(raw);
        out.set(`${sh.name}!${c.r as string}`, c.f === undefined ? { value } : { formula: text(c.f), value });
      }
    }
  }
  return out;
}

/** Relative agreement to `tol`, with an absolute floor near zero. */
export function close(a: number, b: number, tol = 1e-9): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Files picked or dropped in the pane, read as the CLI reads them (src/cli/readFile.ts): the encoding detected
 * from the first 64 KB, then decoded slice by slice, so a 1 GB export is never held whole, with progress and
 * cancel. What kind of file it is (financials, market, aliases, a patent format) is told by its first line.
 */
import { detectPatentFormat } from '../core/patents/detect';
import type { PatentFormat } from '../core/patents/record';
import { detectEncoding, streamDecoder, type Detected } from '../core/text/decode';

const HEAD_BYTES = 1 << 16;
const SLICE_BYTES = 1 << 20;

export type FileKind = 'financials' | 'market' | 'aliases' | PatentFormat;

export interface OpenedFile {
  readonly file: File;
  readonly detected: Detected;
  /** The decoded first 64 KB (for the preview). */
  readonly head: string;
  readonly firstLine: string;
  readonly kind: FileKind | undefined;
}

const headerNames = (line: string): string[] =>
  line.split(line.includes('\t') ? '\t' : ',').map((c) =>
    c
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase(),
  );

/** The kind of a file from its first line: the canonical inputs by their columns, patents by the sniffers. */
export function fileKind(firstLine: string): FileKind | undefined {
  const cols = headerNames(firstLine);
  if (cols.includes('company') && cols.includes('fiscal_year')) return 'financials';
  if (cols.includes('fiscal_year') && cols.includes('short_prime_rate')) return 'market';
  if (cols.includes('alias') && cols.includes('company')) return 'aliases';
  return detectPatentFormat(firstLine);
}

export async function openFile(file: File): Promise<OpenedFile> {
  const bytes = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const detected = detectEncoding(bytes);
  const decoder = streamDecoder(detected.encoding);
  const head = decoder.push(bytes).replace(/^\uFEFF/, '');
  const firstLine = head.split(/\r\n|\r|\n/, 1)[0] ?? '';
  return { file, detected, head, firstLine, kind: fileKind(firstLine) };
}

export class ReadCancelled extends Error {
  constructor(readonly file: string) {
    super(`${file}: reading cancelled`);
    this.name = 'ReadCancelled';
  }
}

export interface ReadControl {
  readonly cancelled: boolean;
}

/** The file's text in decoded chunks; `onBytes` gets the bytes read so far. */
export async function* textChunks(
  f: OpenedFile,
  control: ReadControl,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<string> {
  const decoder = streamDecoder(f.detected.encoding);
  let first = true;
  for (let at = 0; at < f.file.size; at += SLICE_BYTES) {
    if (control.cancelled) throw new ReadCancelled(f.file.name);
    const bytes = new Uint8Array(await f.file.slice(at, at + SLICE_BYTES).arrayBuffer());
    let text = decoder.push(bytes);
    if (first) text = text.replace(/^\uFEFF/, '');
    first = false;
    onBytes?.(Math.min(f.file.size, at + SLICE_BYTES));
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** A whole small file as text (financials, market, aliases). */
export async function readAll(f: OpenedFile): Promise<string> {
  let out = '';
  for await (const chunk of textChunks(f, { cancelled: false })) out += chunk;
  return out;
}

/** The first rows of a file for the preview: cells of up to `rows` records after the header. */
export function previewRows(f: OpenedFile, rows = 5): string[][] {
  if (f.kind === 'uspto-ppubs') return [[f.head.slice(0, 400)]];
  const sep = f.firstLine.includes('\t') && !f.firstLine.includes(',') ? '\t' : ',';
  const out: string[][] = [];
  let cell = '';
  let row: string[] = [];
  let quoted = false;
  const text = f.head;
  // A small reader of its own: the head may end inside a record, which the full CSV reader rejects.
  for (let i = 0; i < text.length && out.length <= rows; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '' && sep === ',') quoted = true;
    else if (ch === sep) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  return out.slice(0, rows + 1);
}

/**
 * Byte → text decoding with encoding detection: UTF-8 (with or without BOM), UTF-16 LE/BE (BOM), and
 * Shift_JIS (Japanese exports, e.g. J-PlatPat's "CSV出力" in older settings). Uses the WHATWG TextDecoder,
 * which every runtime we target (Node 20, browsers, workers) provides, with streaming so that a large file is
 * decoded chunk by chunk and never held whole.
 */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'shift_jis';

interface TextDecoderLike {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
type TextDecoderCtor = new (label: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => TextDecoderLike;

function decoderCtor(): TextDecoderCtor {
  const ctor = (globalThis as unknown as { TextDecoder?: TextDecoderCtor }).TextDecoder;
  if (!ctor) throw new Error('this runtime has no TextDecoder');
  return ctor;
}

export interface Detected {
  readonly encoding: Encoding;
  readonly bom: boolean;
}

/**
 * Detects the encoding from the first bytes (give at least 64 KB when you have them): a BOM decides;
 * otherwise text that decodes as strict UTF-8 is UTF-8, and text that does not but decodes as Shift_JIS is
 * Shift_JIS. A sample cut in the middle of a multi-byte character at its end is not held against UTF-8.
 */
export function detectEncoding(head: Uint8Array): Detected {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  const Ctor = decoderCtor();
  try {
    new Ctor('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8', bom: false };
  } catch {
    try {
      new Ctor('shift_jis', { fatal: true }).decode(head, { stream: true });
      return { encoding: 'shift_jis', bom: false };
    } catch {
      // Neither decodes cleanly: UTF-8 with replacement characters shows the damage instead of hiding it.
      return { encoding: 'utf-8', bom: false };
    }
  }
}

/** A streaming decoder: feed byte chunks, get text; the BOM is dropped. */
export function streamDecoder(encoding: Encoding): { push(bytes: Uint8Array): string; end(): string } {
  const Ctor = decoderCtor();
  const d = new Ctor(encoding);
  return { push: (bytes) => d.decode(bytes, { stream: true }), end: () => d.decode() };
}

/** Whole-buffer decoding with detection, for small inputs. */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: Encoding } {
  const { encoding } = detectEncoding(bytes.subarray(0, 1 << 16));
  const d = streamDecoder(encoding);
  return { text: d.push(bytes) + d.end(), encoding };
}

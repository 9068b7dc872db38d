/** Files as text chunks: streamed (a 1 GB export is never held whole), with the encoding detected from its head. */
import { createReadStream, openSync, readSync, closeSync, statSync } from 'fs';
import { detectEncoding, streamDecoder, type Detected } from '../core/text/decode';

const HEAD_BYTES = 1 << 16;

export function readHead(path: string): { bytes: Uint8Array; size: number } {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    return { bytes: new Uint8Array(buf.buffer, buf.byteOffset, n), size: statSync(path).size };
  } finally {
    closeSync(fd);
  }
}

export interface TextFile {
  readonly detected: Detected;
  /** The first line of the decoded text (for format detection). */
  readonly firstLine: string;
  readonly size: number;
  chunks(onBytes?: (bytes: number) => void): AsyncGenerator<string>;
  /** The raw bytes in 1 MB chunks (a UTF-8 BOM included), for readers of bytes (importCanonicalBytes). */
  bytes(onBytes?: (bytes: number) => void): AsyncGenerator<Uint8Array>;
}

export function openText(path: string): TextFile {
  const head = readHead(path);
  const detected = detectEncoding(head.bytes);
  const headDecoder = streamDecoder(detected.encoding);
  const headText = headDecoder.push(head.bytes).replace(/^\uFEFF/, '');
  const firstLine = headText.split(/\r\n|\r|\n/, 1)[0] ?? '';
  return {
    detected,
    firstLine,
    size: head.size,
    chunks: async function* (onBytes) {
      const decoder = streamDecoder(detected.encoding);
      let bytes = 0;
      for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
        const b = chunk as Buffer;
        bytes += b.length;
        onBytes?.(bytes);
        const text = decoder.push(new Uint8Array(b.buffer, b.byteOffset, b.length));
        if (text) yield text;
      }
      const rest = decoder.end();
      if (rest) yield rest;
    },
    bytes: async function* (onBytes) {
      let bytes = 0;
      for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
        const b = chunk as Buffer;
        bytes += b.length;
        onBytes?.(bytes);
        // The Buffer itself (a Uint8Array): its native indexOf is what CsvByteStream searches the bytes with.
        yield b;
      }
    },
  };
}

/** Bytes start … end − 1 of a file in 1 MB chunks (a part of a file read on its own thread). */
export async function* byteRange(
  path: string,
  start: number,
  end: number,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<Uint8Array> {
  if (end <= start) return;
  let bytes = 0;
  for await (const chunk of createReadStream(path, { start, end: end - 1, highWaterMark: 1 << 20 })) {
    const b = chunk as Buffer;
    bytes += b.length;
    onBytes?.(bytes);
    // The Buffer itself (a Uint8Array): its native indexOf is what CsvByteStream searches the bytes with.
    yield b;
  }
}

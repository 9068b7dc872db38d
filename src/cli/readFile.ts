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

/**
 * Bytes start … end − 1 of a file in 1 MB chunks (a whole file, or a part read on its own thread), read into one
 * buffer over and over: a chunk is valid only until the next is asked for, which suits CsvByteStream (it copies
 * what it keeps of a chunk). A read stream's fresh buffer per chunk made the kernel map and zero new pages for
 * every megabyte: reading 1.1 GB took 0.30 s so, 0.10 s into one buffer. Reads are synchronous (a megabyte
 * from the page cache takes some 0.1 ms), between which the generator yields to the event loop.
 */
export async function* byteRange(
  path: string,
  start: number,
  end: number,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<Uint8Array> {
  if (end <= start) return;
  const fd = openSync(path, 'r');
  try {
    // A Node Buffer: its native indexOf is what CsvByteStream searches the bytes with.
    const buffer = Buffer.allocUnsafeSlow(Math.min(CHUNK, end - start));
    for (let at = start; at < end;) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, end - at), at);
      if (n <= 0) throw new Error(`${path}: ended at byte ${at}, before byte ${end} (was the file cut short?)`);
      at += n;
      onBytes?.(at - start);
      yield n === buffer.length ? buffer : buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

const CHUNK = 1 << 20;

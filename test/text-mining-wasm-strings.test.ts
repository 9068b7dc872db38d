/**
 * The caching string import gives exactly the strings a TextDecoder gives, for repeated, colliding, long and
 * moved (grown memory) bytes; and lindera loaded with it gives the same morphemes as the glue's own decoding
 * (checked by the kuromoji comparison and the hand-read keywords of text-mining-japanese.test.ts).
 */
import { cachingStringImport, withCachedStrings, type WasmApi } from '../src/cli/segmenters/wasmStrings';

function memoryWith(texts: readonly string[]): { memory: { buffer: ArrayBuffer }; at: { ptr: number; len: number }[] } {
  const bytes = texts.map((t) => new TextEncoder().encode(t));
  const buffer = new ArrayBuffer(bytes.reduce((s, b) => s + b.length, 0) + 8);
  const view = new Uint8Array(buffer);
  const at: { ptr: number; len: number }[] = [];
  let ptr = 3;
  for (const b of bytes) {
    view.set(b, ptr);
    at.push({ ptr, len: b.length });
    ptr += b.length;
  }
  return { memory: { buffer }, at };
}

test('repeated, distinct, empty and long strings decode as TextDecoder decodes them', () => {
  const texts = ['名詞', '一般', '名詞', '*', '', 'ニサンカタンソ', 'x'.repeat(100), '一般', 'text', 'CO2'];
  const { memory, at } = memoryWith(texts);
  const decode = cachingStringImport(() => memory);
  expect(at.map(({ ptr, len }) => decode(ptr, len))).toEqual(texts);
  expect(at.map(({ ptr, len }) => decode(ptr, len))).toEqual(texts);
});

test('bytes that change at a place already seen are decoded anew (a hit is compared byte by byte)', () => {
  const { memory, at } = memoryWith(['吸収']);
  const decode = cachingStringImport(() => memory);
  expect(decode(at[0].ptr, at[0].len)).toBe('吸収');
  new Uint8Array(memory.buffer).set(new TextEncoder().encode('回収'), at[0].ptr);
  expect(decode(at[0].ptr, at[0].len)).toBe('回収');
});

test('a grown memory (the old buffer detached) is read through its new buffer', () => {
  const first = memoryWith(['液']);
  let memory = first.memory;
  const decode = cachingStringImport(() => memory);
  expect(decode(first.at[0].ptr, first.at[0].len)).toBe('液');
  const second = memoryWith(['吸収塔']);
  structuredClone(first.memory.buffer, { transfer: [first.memory.buffer] }); // detaches it, as grow does
  memory = second.memory;
  expect(decode(second.at[0].ptr, second.at[0].len)).toBe('吸収塔');
});

test('invalid UTF-8 throws as the fatal TextDecoder does', () => {
  const buffer = new ArrayBuffer(4);
  new Uint8Array(buffer).set([0xff, 0xfe, 0x41]);
  expect(() => cachingStringImport(() => ({ buffer }))(0, 3)).toThrow();
});

test('withCachedStrings swaps the string import only during the call and restores the constructor', () => {
  const seen: unknown[] = [];
  class Instance {
    readonly exports = { memory: { buffer: new ArrayBuffer(0) } };
    constructor(_module: unknown, imports?: Record<string, Record<string, unknown>>) {
      seen.push(imports?.wbg.__wbindgen_string_new);
    }
  }
  const api: WasmApi = { Instance };
  const original = (): string => 'glue';
  const made = withCachedStrings(api, () => new api.Instance({}, { wbg: { __wbindgen_string_new: original } }));
  expect(made).toBeInstanceOf(Instance);
  expect(seen[0]).not.toBe(original);
  expect(typeof seen[0]).toBe('function');
  expect(api.Instance).toBe(Instance);
});

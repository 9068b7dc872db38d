/**
 * A faster string import for lindera-wasm's glue. Every token crosses from WebAssembly as a Map whose keys and
 * nine IPADIC features are each a string decoded by the glue's __wbindgen_string_new with a TextDecoder call;
 * those ≈15 decodes per token were ≈20 % of the analysis time. The strings repeat endlessly (the keys, 名詞,
 * 一般, *, readings of common words), so short ones are looked up by their bytes in a table and decoded once.
 *
 * The glue does not let its imports be replaced, so the WebAssembly.Instance constructor of the glue's realm is
 * wrapped for the one synchronous initSync call: it swaps the import and learns the instance's memory. Decoding
 * is the same (UTF-8, fatal on invalid bytes, no BOM stripped); a byte-for-byte comparison guards every hit.
 */

/** Longer strings (rare: whole unknown words) are decoded every time; the table stays small. */
const MAX_CACHED_BYTES = 48;
const MAX_ENTRIES = 200_000;

interface Entry {
  readonly bytes: Uint8Array;
  readonly text: string;
}

export function cachingStringImport(memoryOf: () => WasmMemory): (ptr: number, len: number) => string {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
  const table = new Map<number, Entry>();
  let view = new Uint8Array(0);
  return (ptr: number, len: number): string => {
    ptr >>>= 0;
    // A grown memory detaches the old buffer (its length becomes 0).
    if (view.byteLength === 0) view = new Uint8Array(memoryOf().buffer);
    if (len > MAX_CACHED_BYTES) return decoder.decode(view.subarray(ptr, ptr + len));
    let hash = len;
    for (let i = 0; i < len; i += 1) hash = Math.imul(hash ^ view[ptr + i], 16777619);
    const hit = table.get(hash);
    if (hit !== undefined) {
      const b = hit.bytes;
      if (b.length === len) {
        let i = 0;
        while (i < len && b[i] === view[ptr + i]) i += 1;
        if (i === len) return hit.text;
      }
      return decoder.decode(view.subarray(ptr, ptr + len));
    }
    const text = decoder.decode(view.subarray(ptr, ptr + len));
    if (table.size < MAX_ENTRIES) table.set(hash, { bytes: view.slice(ptr, ptr + len), text });
    return text;
  };
}

type Imports = Record<string, Record<string, unknown>>;

/** What is used of a WebAssembly memory and namespace (the project's TypeScript libs do not declare them). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmInstance {
  readonly exports: Record<string, unknown>;
}
export interface WasmApi {
  Instance: new (module: unknown, imports?: Imports) => WasmInstance;
}

/**
 * Runs `init` (the glue's initSync) with the string import of every WebAssembly instance it creates replaced by
 * cachingStringImport. `wasmApi` is the WebAssembly namespace of the glue's realm.
 */
export function withCachedStrings<T>(wasmApi: WasmApi, init: () => T): T {
  const RealInstance = wasmApi.Instance;
  function Instance(module: unknown, imports?: Imports): WasmInstance {
    const wbg = imports?.wbg;
    if (wbg && typeof wbg.__wbindgen_string_new === 'function')
      wbg.__wbindgen_string_new = cachingStringImport(() => instance.exports.memory as WasmMemory);
    // Read only when the glue decodes a string, after the instance exists.
    const instance = new RealInstance(module, imports);
    return instance;
  }
  Instance.prototype = RealInstance.prototype;
  wasmApi.Instance = Instance as unknown as WasmApi['Instance'];
  try {
    return init();
  } finally {
    wasmApi.Instance = RealInstance;
  }
}

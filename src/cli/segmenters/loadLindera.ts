/**
 * lindera-wasm-ipadic in Node: the package is an ES module (wasm-bindgen glue) and its dictionary is inside the
 * 13 MB .wasm. Loaded with Node's own require (Node ≥ 20.19 loads ES modules with require) and initialised
 * synchronously from the bytes.
 *
 * Under jest the test runs in a vm context whose require cannot load ES modules and whose objects come from
 * another realm, so the module, the file reader and the init argument are all taken from Node's realm:
 * process.getBuiltinModule (Node ≥ 20.16) bypasses jest's module registry, and the init argument is made with
 * the glue's own Object.prototype, which initSync checks to tell its current form from a deprecated one.
 *
 * The glue's string import is replaced by a caching one during initSync (wasmStrings.ts): same strings, ≈15 %
 * faster analysis.
 */
import * as nodeModule from 'module';
import { type LinderaModule, linderaSegmenter } from './linderaSegmenter';
import { type WasmApi, withCachedStrings } from './wasmStrings';
import type { Segmenter } from '../../core/text-mining/segmenter';

interface LinderaGlue extends LinderaModule {
  initSync(arg: { module: Uint8Array }): unknown;
}

let loaded: { glue: LinderaGlue; version: string } | undefined;

function nodeRequire(): NodeJS.Require {
  const getBuiltin = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  const realModule = (getBuiltin ? getBuiltin('module') : nodeModule) as typeof nodeModule;
  return realModule.createRequire(__filename);
}

function load(): { glue: LinderaGlue; version: string } {
  if (loaded) return loaded;
  const req = nodeRequire();
  const glue = req('lindera-wasm-ipadic') as LinderaGlue;
  const fs = req('fs') as typeof import('fs');
  const bytes = fs.readFileSync(req.resolve('lindera-wasm-ipadic/lindera_wasm_bg.wasm'));
  const arg = Object.assign(Object.create(Object.getPrototypeOf(glue.TokenizerBuilder.prototype)), { module: bytes });
  // The glue's realm's WebAssembly (under jest not the test's own), whose Instance withCachedStrings wraps.
  const wasmApi = (req('vm') as typeof import('vm')).runInThisContext('WebAssembly') as WasmApi;
  withCachedStrings(wasmApi, () => glue.initSync(arg));
  const { version } = req('lindera-wasm-ipadic/package.json') as { version: string };
  loaded = { glue, version };
  return loaded;
}

/** A lindera segmenter (the module is loaded and initialised once per thread; each call builds a tokenizer). */
export function createLinderaSegmenter(): Segmenter {
  const { glue, version } = load();
  return linderaSegmenter(glue, `lindera-wasm-ipadic ${version} (IPADIC)`);
}

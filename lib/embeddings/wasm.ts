/**
 * The few WebAssembly APIs lib/embeddings uses, typed here because the project compiles against
 * lib ES2022 + @types/node, which declare no `WebAssembly` global (it lives in lib.dom.d.ts).
 * Node has had WebAssembly SIMD and shared memories on by default since v16.4.
 *
 * Internal to lib/embeddings: used by trainWord2Vec / trainFastText (0_Word_Embeddings.ipynb).
 */

/** A compiled module; opaque, but it can be posted to worker threads. */
export type WasmModule = object;

export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
}

export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => WasmInstance;
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}

/** The global `WebAssembly` object, or a clear error when the runtime has none. */
export function webAssembly(): WasmApi {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (api === undefined) {
    throw new Error("Bu JavaScript ortamında WebAssembly yok; Node.js 20 ya da daha yenisini kullanın veya backend: 'js' verin.");
  }
  return api;
}

/** Bytes in one WebAssembly memory page. */
export const WASM_PAGE_BYTES = 65536;

/**
 * Loads the SIMD training kernel: kernel-simd.wat is assembled with wabt (the WebAssembly Binary
 * Toolkit, compiled to JavaScript) the first time it is needed, ~0.1 s, and cached. Keeping the
 * text, not a binary, in the repository means the code that runs is the code you can read.
 *
 * Internal to lib/embeddings: used by trainWord2Vec / trainFastText (0_Word_Embeddings.ipynb).
 */
import * as fs from 'fs';
import wabtInit from 'wabt';
import { projectPath } from '../paths';
import { webAssembly } from '../wasm';
import type { WasmMemory, WasmModule } from '../wasm';

const KERNEL_FILE = projectPath('lib', 'embeddings', 'kernel-simd.wat');
const FEATURES = { simd: true, threads: true } as const;

/** `trainSentences(jobOffset, fromSentence, toSentence)` exported by kernel-simd.wat. */
export type SimdTrainFn = (jobOffset: number, from: number, to: number) => void;

let compiled: Promise<WasmModule> | undefined;

/** The compiled kernel module (assembled once per process). */
export function simdKernelModule(): Promise<WasmModule> {
  compiled ??= assemble().catch((error: unknown) => {
    compiled = undefined; // let a later call retry
    throw error;
  });
  return compiled;
}

async function assemble(): Promise<WasmModule> {
  const text = fs.readFileSync(KERNEL_FILE, 'utf8');
  const wabt = await wabtInit();
  const parsed = wabt.parseWat('kernel-simd.wat', text, FEATURES);
  try {
    parsed.resolveNames();
    const { buffer } = parsed.toBinary({}); // validated by the WebAssembly.Module constructor
    return new (webAssembly().Module)(buffer);
  } finally {
    parsed.destroy();
  }
}

/** An instance of the kernel working on `memory`. */
export function instantiateSimdKernel(module: WasmModule, memory: WasmMemory): SimdTrainFn {
  const instance = new (webAssembly().Instance)(module, { env: { memory } });
  const train = instance.exports.trainSentences;
  if (typeof train !== 'function') throw new Error('kernel-simd.wat trainSentences dışa aktarmıyor; dosyanın değişmediğini kontrol edin (git status).');
  return train as SimdTrainFn;
}

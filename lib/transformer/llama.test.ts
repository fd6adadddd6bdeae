import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { initTf } from '../tf/backend';
import { setSeed } from '../tf/seed';
import { sharedWeightProducts } from '../tf/kernels/matmul';
import { workerRows } from '../tf/kernels/shared_weights';
import { assertTensorsClose, testValues } from '../tf/testing';
import { kernelThreadCount, kernelThreads, setKernelThreads } from '../tf/wasm/threads';
import { withoutRandomInit } from './layers';
import { LlamaConfig, llamaConfigFromHf, MiniLlama, SMOLLM2_135M } from './llama';
import { llamaParameterFormula, parameterCounts } from './params';
import { loadSafetensors } from '../data/safetensors';

const config: LlamaConfig = { vocabSize: 31, contextLength: 16, numLayers: 2, numHeads: 4, numKvHeads: 2, dModel: 16, intermediateSize: 24, ropeTheta: 100 };
const ids = [[1, 5, 9, 30, 2, 7, 7, 3, 0], [4, 8, 15, 16, 23, 11, 12, 13, 14]];

before(async () => {
  await initTf({ backend: 'wasm', quiet: true });
});

test('MiniLlama: Hugging Face names and shapes, GQA projections, tied head', () => {
  setSeed(1);
  const m = new MiniLlama(config);
  const p = m.namedParameters();
  assert.deepEqual([...p.keys()].slice(0, 10), [
    'model.embed_tokens.weight', 'model.layers.0.input_layernorm.weight',
    'model.layers.0.self_attn.q_proj.weight', 'model.layers.0.self_attn.k_proj.weight', 'model.layers.0.self_attn.v_proj.weight', 'model.layers.0.self_attn.o_proj.weight',
    'model.layers.0.post_attention_layernorm.weight',
    'model.layers.0.mlp.gate_proj.weight', 'model.layers.0.mlp.up_proj.weight', 'model.layers.0.mlp.down_proj.weight',
  ]);
  assert.deepEqual(p.get('model.layers.1.self_attn.k_proj.weight')!.shape, [8, 16]);
  assert.ok(!p.has('lm_head.weight') && p.has('model.norm.weight'));
  assert.deepEqual(parameterCounts(m), llamaParameterFormula(config));
  m.dispose();
  const untied = new MiniLlama({ ...config, tieWordEmbeddings: false });
  assert.deepEqual(untied.namedParameters().get('lm_head.weight')!.shape, [31, 16]);
  assert.deepEqual(parameterCounts(untied), llamaParameterFormula({ ...config, tieWordEmbeddings: false }));
  untied.dispose();
});

test('MiniLlama: cached logits equal the full pass, causal attention, memory flat', () => {
  setSeed(2);
  const m = new MiniLlama(config);
  const full = m.forward(ids, { returnAttention: true });
  assert.deepEqual(full.logits.shape, [2, 9, 31]);
  assert.deepEqual(full.attentions![0].shape, [2, 4, 9, 9]);
  assert.ok(full.attentions![1].arraySync()[1][3][2].slice(3).every((w) => w === 0));
  const before = tf.memory().numTensors;
  const cache = m.newCache();
  for (const [a, b] of [[0, 3], [3, 4], [4, 5], [5, 9]]) {
    tf.tidy(() => assertTensorsClose(m.forward(ids.map((r) => r.slice(a, b)), { cache }).logits,
      tf.slice(full.logits, [0, a, 0], [2, b - a, 31]), 1e-5, `positions ${a}..${b - 1}`));
  }
  cache.dispose();
  assert.equal(tf.memory().numTensors, before);
  tf.dispose(full);
  m.dispose();
});

test('MiniLlama: bad configuration and input errors name the argument', () => {
  assert.throws(() => new MiniLlama({ ...config, numKvHeads: 3 }), /numKvHeads numHeads = 4'i bölmeli, verilen: numKvHeads = 3. Şunlardan birini kullanın: 1, 2, 4/);
  assert.throws(() => new MiniLlama({ ...config, numHeads: 5 }), /numHeads dModel = 16'i bölmeli, verilen: numHeads = 5/);
  setSeed(3);
  const m = new MiniLlama(config);
  assert.throws(() => m.forward([[31]]), /ids\[0\]\[0\] geçersiz, verilen: 31. Numaralar \[0, 30\] aralığında tam sayı olmalı \(vocabSize = 31\)/);
  assert.throws(() => m.forward([Array(17).fill(0)]), /en çok contextLength = 16 belirteç alır, verilen: 17 belirteç/);
  const w = Object.fromEntries([...m.namedParameters()].map(([n, v]) => [n, v as tf.Tensor]));
  assert.throws(() => m.setWeights({ ...w, 'model.layers.0.self_attn.k_proj.weight': w['model.layers.0.self_attn.q_proj.weight'] }),
    /"model.layers.0.self_attn.k_proj.weight" \[8,16\] biçiminde olmalı, verilen: \[16,16\]/);
  m.dispose();
});

test('SmolLM2-135M configuration: parameter count and a forward pass on wasm', () => {
  const hf = { vocab_size: 49152, hidden_size: 576, intermediate_size: 1536, num_hidden_layers: 30, num_attention_heads: 9, num_key_value_heads: 3,
    head_dim: 64, max_position_embeddings: 8192, rope_theta: 100000, rms_norm_eps: 1e-5, tie_word_embeddings: true, hidden_act: 'silu' };
  assert.deepEqual(llamaConfigFromHf(hf), SMOLLM2_135M);
  assert.equal(llamaParameterFormula(SMOLLM2_135M).total, 134515008); // SmolLM2-135M: 134.5 M parameters
  const m = withoutRandomInit(() => new MiniLlama(SMOLLM2_135M));
  assert.equal(parameterCounts(m).total, 134515008);
  const cache = m.newCache();
  tf.tidy(() => {
    assert.deepEqual(m.forward([[1, 2, 3]], { cache }).logits.shape, [1, 3, 49152]);
    assert.deepEqual(m.forward([[4]], { cache }).logits.shape, [1, 1, 49152]);
  });
  cache.dispose();
  m.dispose();
});

test('loadSafetensors reads F32 / F16 / BF16 and MiniLlama.fromPretrained loads a folder', () => {
  setSeed(4);
  const small: LlamaConfig = { ...config, numLayers: 1 };
  const m = new MiniLlama(small);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llama-'));
  // A safetensors file written by hand: header JSON, then the float32 data of every parameter.
  const entries = [...m.namedParameters()];
  let offset = 0;
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  const chunks: Buffer[] = [];
  for (const [name, v] of entries) {
    const bytes = Buffer.from((v.dataSync() as Float32Array).slice().buffer);
    header[name] = { dtype: 'F32', shape: v.shape, data_offsets: [offset, offset + bytes.length] };
    chunks.push(bytes);
    offset += bytes.length;
  }
  // Two half-precision extras: 1.5 in F16 (0x3e00) and -2 in BF16 (0xc000).
  header.h = { dtype: 'F16', shape: [1], data_offsets: [offset, offset + 2] };
  header.b = { dtype: 'BF16', shape: [1], data_offsets: [offset + 2, offset + 4] };
  chunks.push(Buffer.from([0x00, 0x3e, 0x00, 0xc0]));
  const json = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  fs.writeFileSync(path.join(dir, 'model.safetensors'), Buffer.concat([len, json, ...chunks]));
  const read = loadSafetensors(path.join(dir, 'model.safetensors'));
  assert.equal(read.h.data[0], 1.5);
  assert.equal(read.b.data[0], -2);
  // fromPretrained needs the Hugging Face config and rejects the two extras as unknown tensors.
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ vocab_size: 31, hidden_size: 16, intermediate_size: 24, num_hidden_layers: 1,
    num_attention_heads: 4, num_key_value_heads: 2, max_position_embeddings: 16, rope_theta: 100, rms_norm_eps: 1e-6 }));
  const before = tf.memory().numTensors;
  assert.throws(() => MiniLlama.fromPretrained(dir), /bilinmeyen tensör "h"; bilinmeyen tensör "b"/);
  assert.equal(tf.memory().numTensors, before, 'a failed load frees everything');
  fs.rmSync(dir, { recursive: true });
  m.dispose();
});

test('MiniLlama decoding on 1, 2, 3 and 4 threads: bit-identical logits, weights shared once, freed on dispose', async () => {
  // Wide enough that every projection and the head go through the shared copies (≥ 32768 floats each).
  const wide: LlamaConfig = { vocabSize: 300, contextLength: 32, numLayers: 2, numHeads: 4, numKvHeads: 2, dModel: 256, intermediateSize: 512, ropeTheta: 100 };
  const threadsBefore = kernelThreadCount();
  const products = 7 * wide.numLayers + 1; // q, k, v, o, gate, up, down per layer, and the LM head
  /** Prefill 5 tokens, 6 greedy steps, then a step after assigning a projection: every forward's logits. */
  const decode = async (threads: number) => {
    setKernelThreads(threads);
    await kernelThreads()?.ready;
    const m = withoutRandomInit(() => new MiniLlama(wide));
    let seed = 10;
    m.setWeights(Object.fromEntries([...m.namedParameters()].map(([name, v]) => [name, testValues(v.size, seed++).map((x) => x * 0.08)])));
    const shared = m.sharedBytes;
    const ran = sharedWeightProducts();
    const cache = m.newCache();
    const logits: Float32Array[] = [];
    let input = [3, 141, 59, 26, 5];
    const step = () => tf.tidy(() => {
      const out = m.forward([input], { cache }).logits; // (1, T, V)
      logits.push(out.dataSync() as Float32Array);
      input = [tf.argMax(tf.reshape(tf.slice(out, [0, out.shape[1] - 1, 0], [1, 1, wide.vocabSize]), [-1])).dataSync()[0]];
    });
    for (let s = 0; s < 7; s++) step();
    const q = m.layers[0].selfAttn.q.weight;
    q.assign(tf.mul(q, 0.5)); // a changed weight (a LoRA merge, a training step): shared anew, never read stale
    step();
    const threaded = sharedWeightProducts() - ran;
    cache.dispose();
    m.dispose();
    return { logits, shared, threaded, left: kernelThreads()?.allocatedBytes ?? 0 };
  };
  try {
    const one = await decode(1);
    assert.equal(one.shared, 0, 'one thread: nothing copied');
    assert.equal(one.threaded, 0);
    for (const threads of [2, 3, 4]) {
      // The workers' rows of the projections (q, o 256 × 256; k, v 128 × 256; gate, up 512 × 256; down 256 × 512) and the tied head (300 × 256).
      const rows = (n: number) => workerRows(n, threads);
      const floats = 2 * (2 * rows(256) * 256 + 2 * rows(128) * 256 + 2 * rows(512) * 256 + rows(256) * 512) + rows(300) * 256;
      const many = await decode(threads);
      assert.equal(many.shared, 4 * floats, `${threads} threads: the workers' rows of the projections and the head copied once`);
      assert.equal(many.threaded, 8 * products, `${threads} threads: every product of the 8 forward passes through the copies`);
      one.logits.forEach((expected, i) => {
        const differing = expected.findIndex((v, j) => !Object.is(v, many.logits[i][j]));
        assert.equal(differing, -1, `forward ${i} on ${threads} threads differs at ${differing}`);
      });
      assert.equal(many.left, 0, `${threads} threads: dispose frees the shared copies`);
    }
    // The 8th pass saw the assigned weight: its logits moved (so a stale copy would have shown).
    assert.ok(one.logits[7].some((v, j) => v !== one.logits[6][j]));
  } finally {
    setKernelThreads(threadsBefore);
  }
});

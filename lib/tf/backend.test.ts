import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initTf, tfInfo } from './backend';

function tfjsNodeInstalled(): boolean {
  try {
    require.resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
}

test('initTf picks tfjs-node when installed, else wasm with lib/tf kernels, and prints one line', async () => {
  const handlers = process.listeners('uncaughtException').length;
  const lines: string[] = [];
  const log = console.log;
  console.log = (m: string) => lines.push(m);
  try {
    const info = await initTf();
    assert.equal(tfInfo(), info);
    assert.equal(tf.getBackend(), info.backend);
    assert.equal(lines.length, 1);
    assert.equal(lines[0], info.line);
    assert.match(info.line, /^TensorFlow\.js \d+\.\d+\.\d+ · arka uç: \w+/);
    if (tfjsNodeInstalled()) {
      assert.equal(info.backend, 'tensorflow');
    } else {
      assert.equal(info.backend, 'wasm');
      assert.ok(info.fused);
      for (const k of ['UnsortedSegmentSum', 'BatchMatMul', '_FusedMatMul', 'GatherV2', 'Identity']) assert.ok(info.kernels.includes(k), k);
      assert.match(info.line, /birleşik RNN/);
    }
    // The wasm runtime's noisy re-throwing handlers are not left behind.
    assert.equal(process.listeners('uncaughtException').length, handlers);
    // Later calls return the same answer without printing again.
    assert.equal(await initTf(), info);
    assert.equal(lines.length, 1);
  } finally {
    console.log = log;
  }
});

test('asking for tfjs-node without it installed is a clear error', { skip: tfjsNodeInstalled() }, async () => {
  await assert.rejects(initTf({ backend: 'tensorflow', quiet: true }), /@tensorflow\/tfjs-node/);
});

test('the cpu fallback trains an Embedding (replaced UnsortedSegmentSum) in milliseconds', async () => {
  await initTf({ backend: 'cpu', quiet: true });
  const table = tf.variable(tf.randomNormal([800, 50]));
  const ids = tf.tensor1d(Array.from({ length: 320 }, (_, i) => (i * 37) % 800), 'int32');
  const t0 = performance.now();
  const g = tf.grad((t: tf.Tensor) => tf.sum(tf.gather(t, ids)))(table);
  const ms = performance.now() - t0;
  assert.equal(tf.sum(g).dataSync()[0], 320 * 50);
  assert.ok(ms < 500, `embedding gradient took ${ms} ms (the reference kernel takes seconds)`);
  tf.dispose([table, ids, g]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initTf } from '../backend';
import { maxAbsDiff, testValues } from '../testing';
import { KernelThreads, kernelThreadCount, kernelThreads, setKernelThreads } from '../wasm/threads';
import { sharedWeightHandOffs, sharedWeightProducts } from './matmul';
import { linearProducts } from '../linear_product';
import { SHARED_MIN_FLOATS, shareWeights, workerRows } from './shared_weights';

// A weight whose row count is no multiple of the chunks or the 8-row blocks, and an odd K (SIMD tail).
const [N, K] = [1003, 577];

/** Bits of x·Wᵀ for 1 and 5 rows of x. */
function products(w: tf.Tensor2D): Float32Array[] {
  return [1, 5].map((rows) => tf.tidy(() => tf.matMul(tf.tensor2d(testValues(rows * K, rows), [rows, K]), w, false, true).dataSync() as Float32Array));
}

function firstDifference(a: Float32Array, b: Float32Array): number {
  return a.findIndex((v, i) => !Object.is(v, b[i]));
}

async function onThreads(threads: number): Promise<void> {
  setKernelThreads(threads);
  assert.equal(kernelThreadCount(), threads);
  await kernelThreads()?.ready;
}

test('x·Wᵀ through a shared weight is bit-identical on 1, 2, 3 and 4 threads to the single-thread path, and close to tfjs cpu', async () => {
  await initTf({ backend: 'wasm', quiet: true });
  const before = kernelThreadCount();
  const w = tf.tensor2d(testValues(N * K, 7), [N, K]);
  try {
    await onThreads(1);
    const single = products(w); // the existing path: gemmNT on this thread, nothing shared
    for (const threads of [1, 2, 3, 4]) {
      await onThreads(threads);
      const shared = shareWeights([w]);
      const ran = sharedWeightProducts();
      const got = products(w);
      got.forEach((g, i) => assert.equal(firstDifference(g, single[i]), -1, `${threads} threads, product ${i}`));
      // On one thread nothing is copied or split; on more, both products went through the copy.
      assert.equal(sharedWeightProducts() - ran, threads === 1 ? 0 : 2, `threaded products on ${threads} threads`);
      // The workers' rows only: this thread reads the last ~1/k of W from the tfjs heap.
      assert.equal(shared.bytes, threads === 1 ? 0 : 4 * workerRows(N, threads) * K);
      shared.dispose();
      assert.equal(shared.bytes, 0);
      assert.equal(kernelThreads()?.allocatedBytes ?? 0, 0, `shared memory freed on ${threads} threads`);
    }
    // The reference: tfjs's own cpu kernels (another summation order, so within rounding).
    await tf.setBackend('cpu');
    const reference = products(w);
    await tf.setBackend('wasm');
    reference.forEach((r, i) => assert.ok(maxAbsDiff(single[i], r) < 1e-4, `vs tfjs cpu: ${maxAbsDiff(single[i], r)}`));
    // Negative control: the comparison sees a one-ulp change.
    const probe = single[0].slice();
    probe[500] = new Float32Array(new Uint32Array([new Uint32Array(probe.buffer)[500] + 1]).buffer)[0];
    assert.equal(firstDifference(probe, single[0]), 500);
  } finally {
    w.dispose();
    setKernelThreads(before);
  }
});

test('linearProducts: several weights in one call, bit-identical to one product each, on 1-4 threads, one hand-off', async () => {
  await initTf({ backend: 'wasm', quiet: true });
  const before = kernelThreadCount();
  // Shapes of a decoding step's q, k, v (and one weight too small to share), with an odd K; 1 to 7 rows of x.
  const shapes: Array<[number, number]> = [[N, K], [200, K], [328, K], [24, K]];
  const ws = shapes.map(([n, k], i) => tf.tensor2d(testValues(n * k, 50 + i), [n, k]));
  const xs = [1, 2, 7].map((rows) => tf.tensor2d(testValues(rows * K, 60 + rows), [rows, K]));
  const separately = (): Float32Array[][] => xs.map((x) => ws.map((w) => tf.tidy(() => tf.matMul(x, w, false, true).dataSync() as Float32Array)));
  const together = (): Float32Array[][] => xs.map((x) => tf.tidy(() => linearProducts(x, ws).map((y) => y.dataSync() as Float32Array)));
  try {
    await onThreads(1);
    const single = separately();
    for (const threads of [1, 2, 3, 4]) {
      await onThreads(threads);
      const shared = shareWeights(ws);
      const [products, handOffs] = [sharedWeightProducts(), sharedWeightHandOffs()];
      const got = together();
      got.forEach((outs, r) => outs.forEach((g, i) => assert.equal(firstDifference(g, single[r][i]), -1, `${threads} threads, x ${r}, weight ${i}`)));
      // Three shared weights per call (the fourth is below SHARED_MIN_FLOATS), in one hand-off per call.
      assert.equal(sharedWeightProducts() - products, threads === 1 ? 0 : 3 * xs.length, `threaded products on ${threads} threads`);
      assert.equal(sharedWeightHandOffs() - handOffs, threads === 1 ? 0 : xs.length, `hand-offs on ${threads} threads`);
      shared.dispose();
      assert.equal(kernelThreads()?.allocatedBytes ?? 0, 0, `shared memory freed on ${threads} threads`);
    }
    // While gradients are recorded it is one product each (tf.fused.matMul, with its gradient).
    const [wa, wb] = ws;
    const grad = tf.grad((x: tf.Tensor) => tf.addN(linearProducts(x as tf.Tensor2D, [wa, wb]).map((y) => tf.sum(y))))(xs[1]);
    assert.deepEqual(grad.shape, [2, K]);
    grad.dispose();
    // Negative control: the same dot products summed in another order (x and W reversed along K:
    // equal in exact arithmetic) differ in some bits, so the comparison sees a changed order.
    const other = tf.tidy(() => linearProducts(tf.reverse(xs[0], 1), [ws[0], tf.reverse(ws[1], 1)])[1].dataSync() as Float32Array);
    assert.notEqual(firstDifference(other, single[0][1]), -1);
    assert.ok(maxAbsDiff(other, single[0][1]) < 1e-3, 'only by rounding');
  } finally {
    tf.dispose([...ws, ...xs]);
    setKernelThreads(before);
  }
});

test('an assigned variable is shared anew on refresh: the old copy is never read', async () => {
  await initTf({ backend: 'wasm', quiet: true });
  const before = kernelThreadCount();
  const v = tf.variable(tf.tensor2d(testValues(N * K, 8), [N, K]));
  try {
    await onThreads(2);
    const shared = shareWeights([v]);
    products(v);
    v.assign(tf.tensor2d(testValues(N * K, 9), [N, K]));
    const ran = sharedWeightProducts();
    const unrefreshed = products(v); // new dataId, no copy yet: the single-thread path
    assert.equal(sharedWeightProducts(), ran);
    shared.refresh();
    assert.equal(shared.bytes, 4 * workerRows(N, 2) * K);
    assert.equal(kernelThreads()!.allocatedBytes, Math.ceil(4 * workerRows(N, 2) * K / 64) * 64, 'the old copy was freed');
    const refreshed = products(v);
    assert.equal(sharedWeightProducts(), ran + 2);
    refreshed.forEach((r, i) => assert.equal(firstDifference(r, unrefreshed[i]), -1, `product ${i} after assign`));
    // A new pool (another thread count) gets its own copy at the next product.
    await onThreads(3);
    assert.equal(shared.bytes, 0);
    const onThree = products(v);
    assert.equal(shared.bytes, 4 * workerRows(N, 3) * K);
    onThree.forEach((r, i) => assert.equal(firstDifference(r, unrefreshed[i]), -1, `product ${i} on a new pool`));
    shared.dispose();
    assert.equal(kernelThreads()!.allocatedBytes, 0);
  } finally {
    v.dispose();
    setKernelThreads(before);
  }
});

test('workerRows: the workers copy all but ~1/k of the rows, this thread keeps whole 8-row blocks', () => {
  assert.equal(workerRows(1003, 2), 1003 - 496);
  assert.equal(workerRows(576, 2), 288);
  assert.equal(workerRows(192, 3), 128);
  assert.equal(workerRows(49152, 4), 36864);
  assert.equal(workerRows(20, 4), 20); // fewer than 8 rows each: the workers take them all
});

test('shareWeights: small or non-2-D tensors are not copied; a non-array is refused in Turkish', async () => {
  await initTf({ backend: 'wasm', quiet: true });
  const before = kernelThreadCount();
  const small = tf.zeros([8, SHARED_MIN_FLOATS / 16]); // half the threshold
  const vector = tf.zeros([SHARED_MIN_FLOATS]);
  try {
    await onThreads(2);
    const shared = shareWeights([small, vector]);
    assert.equal(shared.bytes, 0);
    shared.dispose();
    assert.throws(() => shareWeights(small as never), /shareWeights: tensors bir tensör dizisi olmalı/);
  } finally {
    tf.dispose([small, vector]);
    setKernelThreads(before);
  }
});

test('gemmNTTasks on the workers alone computes every task as gemmNT does on this thread, over two weights', async () => {
  // On a busy machine this thread may claim every task; here it waits, so that the three workers of a
  // 4-thread pool compute them all (from the shared memory) and their bits are compared.
  const pool = new KernelThreads(4);
  const N2 = 200; // a second weight, as q and k of one layer
  try {
    await pool.ready;
    for (const M of [1, 3]) {
      const [a, b, b2, c, c2, expected, expected2, counter] = [M * K, N * K, N2 * K, M * N, M * N2, M * N, M * N2, 1].map((floats) => pool.alloc(4 * floats));
      pool.view(a, M * K).set(testValues(M * K, 30 + M));
      pool.view(b, N * K).set(testValues(N * K, 40));
      pool.view(b2, N2 * K).set(testValues(N2 * K, 41));
      pool.kernels.gemmNT(M, N, K, a, K, b, K, expected, N, 0);
      pool.kernels.gemmNT(M, N2, K, a, K, b2, K, expected2, N2, 0);
      // Tasks of 40 rows (the last shorter), the second weight's first.
      const tasks: number[][] = [];
      for (let n0 = 0; n0 < N2; n0 += 40) tasks.push([Math.min(40, N2 - n0), b2 + 4 * n0 * K, c2 + 4 * n0, N2]);
      for (let n0 = 0; n0 < N; n0 += 40) tasks.push([Math.min(40, N - n0), b + 4 * n0 * K, c + 4 * n0, N]);
      const table = pool.alloc(16 * tasks.length);
      pool.int32View(table, 4 * tasks.length).set(tasks.flat());
      pool.storeInt(counter, 0);
      const jobs = pool.jobsOnWorkers;
      pool.forkAll([0, 1, 2].map(() => ({ name: 'gemmNTTasks', args: [counter, table, tasks.length, M, K, a, K] })), () => {
        for (const t0 = performance.now(); performance.now() - t0 < 300;);
      });
      assert.equal(pool.jobsOnWorkers - jobs, 3, 'the workers ran the tasks');
      assert.equal(firstDifference(pool.view(c, M * N), pool.view(expected, M * N)), -1, `${M} rows, first weight`);
      assert.equal(firstDifference(pool.view(c2, M * N2), pool.view(expected2, M * N2)), -1, `${M} rows, second weight`);
      [a, b, b2, c, c2, expected, expected2, counter, table].forEach((block) => pool.free(block));
    }
    assert.equal(pool.allocatedBytes, 0);
  } finally {
    pool.dispose();
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initTf } from '../backend';
import { rowSplit } from '../kernels/fork_rows';
import { gemmTaskBounds, threadedGemmStats } from '../kernels/matmul';
import { testValues } from '../testing';
import { fusedRnn } from '../rnn/fused_rnn_op';
import { fusedCausalAttention, fusedGeluTanh } from '../transformer_ops';
import { crossEntropy } from '../../transformer/train';
import { cgroupCpuLimit, KernelThreads, cpuQuotaFromCgroup, DEFAULT_MAX_THREADS, defaultThreads, kernelThreadCount, kernelThreads, MAX_THREADS, setKernelThreads } from './threads';

test('cgroup v2 cpu.max: a quota gives its CPUs rounded up; "max" or junk gives no limit', () => {
  assert.equal(cpuQuotaFromCgroup('max 100000\n'), null);
  assert.equal(cpuQuotaFromCgroup('200000 100000\n'), 2);
  assert.equal(cpuQuotaFromCgroup('150000 100000'), 2); // 1.5 CPUs: two threads still help
  assert.equal(cpuQuotaFromCgroup('50000 100000'), 1);
  assert.equal(cpuQuotaFromCgroup('400000 50000'), 8);
  assert.equal(cpuQuotaFromCgroup('300000'), 3); // period omitted: the kernel's default 100 ms
  for (const junk of ['', '\n', 'abc 100000', '0 100000', '-1 100000', '100000 0', '1 2 3']) assert.equal(cpuQuotaFromCgroup(junk), null, JSON.stringify(junk));
});

test('cgroupCpuLimit reads cgroup v2, else v1 cfs files; none means no limit', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cgroup-'));
  try {
    assert.equal(cgroupCpuLimit(dir), null);
    fs.mkdirSync(path.join(dir, 'cpu'));
    fs.writeFileSync(path.join(dir, 'cpu', 'cpu.cfs_quota_us'), '-1\n');
    fs.writeFileSync(path.join(dir, 'cpu', 'cpu.cfs_period_us'), '100000\n');
    assert.equal(cgroupCpuLimit(dir), null);
    fs.writeFileSync(path.join(dir, 'cpu', 'cpu.cfs_quota_us'), '250000\n');
    assert.equal(cgroupCpuLimit(dir), 3);
    fs.writeFileSync(path.join(dir, 'cpu.max'), '200000 100000\n'); // v2 wins
    assert.equal(cgroupCpuLimit(dir), 2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('default thread count: LIB_TF_THREADS, else cores within the cgroup quota, capped', () => {
  assert.equal(defaultThreads({}, 32, null), DEFAULT_MAX_THREADS);
  assert.equal(defaultThreads({}, 32, 2), 2); // a classroom container limited to 2 CPUs on a 32-core host
  assert.equal(defaultThreads({}, 4, null), 4);
  assert.equal(defaultThreads({}, 1, null), 1);
  assert.equal(defaultThreads({}, 6, 16), 6);
  assert.equal(defaultThreads({ LIB_TF_THREADS: '3' }, 2, 2), 3); // asked for: oversubscribing is allowed
  assert.equal(defaultThreads({ LIB_TF_THREADS: '' }, 4, null), 4);
  for (const bad of ['0', 'two', '1.5', String(MAX_THREADS + 1)]) {
    assert.throws(() => defaultThreads({ LIB_TF_THREADS: bad }, 4, null), /LIB_TF_THREADS: iş parçacığı sayısı 1 ile 64 arasında bir tam sayı olmalı/);
  }
  for (const bad of [0, NaN, 2.5, MAX_THREADS + 1]) assert.throws(() => setKernelThreads(bad), /setKernelThreads: iş parçacığı sayısı 1 ile/);
});

test('rowSplit: increasing boundaries on multiples of align, at most one part per thread', () => {
  assert.deepEqual(rowSplit(300001, 2, 4), [0, 150000, 300001]);
  assert.deepEqual(rowSplit(300001, 3, 4), [0, 100000, 200000, 300001]);
  assert.deepEqual(rowSplit(13, 4, 1), [0, 3, 6, 9, 13]);
  assert.deepEqual(rowSplit(3, 4, 1), [0, 1, 2, 3]);
  assert.deepEqual(rowSplit(6, 4, 4), [0, 4, 6]);
  assert.deepEqual(rowSplit(10, 1, 4), [0, 10]);
});

test('the shared-memory allocator: the first gap that fits, else after the last block (growing the memory); free by start', () => {
  const pool = new KernelThreads(2);
  try {
    const MiB = 2 ** 20;
    const room = 16 * MiB; // the memory's initial 256 pages
    const [a, b, c] = [MiB, MiB, MiB / 2].map((bytes) => pool.alloc(bytes));
    assert.deepEqual([a, b, c], [64, 64 + MiB, 64 + 2 * MiB], 'one after another');
    pool.free(a);
    assert.equal(pool.alloc(MiB / 4), a, 'the first gap that fits');
    assert.equal(pool.alloc(MiB), 64 + 2.5 * MiB, 'no gap fits: after the last block');
    const grown = pool.alloc(room);
    assert.equal(grown, 64 + 3.5 * MiB, 'past the end: the memory grows');
    pool.view(grown, room / 4).fill(1); // the grown memory is there
    pool.free(b); // a middle block
    pool.free(grown); // the last
    pool.free(12345); // not a block: nothing happens
    assert.equal(pool.allocatedBytes, MiB / 4 + MiB / 2 + MiB);
  } finally {
    pool.dispose();
  }
});

test('each worker of a 4-thread pool runs its own call on the shared memory', async () => {
  const pool = new KernelThreads(4);
  try {
    await pool.ready;
    const n = 1000;
    const blocks = [0, 1, 2].map((w) => {
      const dst = pool.alloc(4 * n);
      const src = pool.alloc(4 * n);
      pool.view(dst, n).fill(w);
      pool.view(src, n).set(testValues(n, w));
      return { dst, src, w };
    });
    // This thread stays busy long enough that no call is left for it to take back.
    pool.forkAll(blocks.map(({ dst, src }) => ({ name: 'accumulate', args: [n, dst, src] })), () => {
      for (const t0 = performance.now(); performance.now() - t0 < 300;);
    });
    assert.equal(pool.jobsOnWorkers, 3);
    for (const { dst, src, w } of blocks) {
      const expected = new Float32Array(pool.view(src, n).map((v) => v + w));
      assert.deepEqual(pool.view(dst, n), expected);
    }
    blocks.forEach(({ dst, src }) => [dst, src].forEach((b) => pool.free(b)));
    assert.equal(pool.allocatedBytes, 0);
    assert.throws(() => pool.forkAll([0, 1, 2, 3].map(() => ({ name: 'accumulate', args: [0, 0, 0] })), () => undefined), /3 işçi için 4 çağrı/);
  } finally {
    pool.dispose();
  }
});

test('waitWhile: a value no worker changes becomes a clear error after the stall limit and retires the pool', async () => {
  const pool = new KernelThreads(2);
  try {
    await pool.ready;
    const flag = pool.alloc(64);
    const flagInts = pool.int32View(flag, 1);
    const t0 = performance.now();
    assert.throws(() => pool.waitWhile(flagInts, 0, (v) => v === 0, 'gemmPackedTasks', 0.02, 50),
      /bir işçi iş parçacığı gemmPackedTasks çekirdeğini 0\.05 sn içinde bitirmedi; LIB_TF_THREADS=1/);
    assert.ok(performance.now() - t0 >= 50);
    assert.equal(pool.usable, false, 'a stalled pool is not used again');
  } finally {
    pool.dispose();
  }
});

/** Every output's bits, for a thread count: the products and row kernels that run on the pool. */
async function outputsWith(threads: number): Promise<Map<string, Float32Array>> {
  setKernelThreads(threads);
  assert.equal(kernelThreadCount(), threads);
  await kernelThreads()?.ready; // else a busy machine may leave every job to this thread
  const out = new Map<string, Float32Array>();
  tf.tidy(() => {
    const put = (name: string, t: tf.Tensor) => out.set(name, t.dataSync() as Float32Array);
    // Products from 8e6 FLOPs run threaded: rows claimed (M ≥ 512 or N ≤ M), or columns (few rows).
    const a = tf.tensor2d(testValues(600 * 200, 1), [600, 200]);
    const b = tf.tensor2d(testValues(200 * 150, 2), [200, 150]);
    put('A·B (rows)', tf.matMul(a, b));
    put('Aᵀ·A (columns)', tf.matMul(b, b, true, false));
    const w = tf.tensor2d(testValues(1000 * 200, 3), [1000, 200]);
    put('A·Bᵀ (columns, 60 rows)', tf.matMul(tf.slice(a, [0, 0], [60, 200]), w, false, true));
    put('A·Bᵀ (rows)', tf.matMul(a, w, false, true));
    // Row kernels: GELU over 300 001 floats (elementwise, odd), attention over B = 13, the LM loss.
    const x = tf.tensor1d(testValues(300001, 4));
    put('gelu', fusedGeluTanh(x));
    put('gelu gradient', tf.grad((t: tf.Tensor) => tf.sum(tf.mul(fusedGeluTanh(t), t)))(x));
    const qkv = tf.tensor3d(testValues(13 * 64 * 384, 5), [13, 64, 384]);
    put('attention', fusedCausalAttention(qkv, 4));
    put('attention gradient', tf.grad((t: tf.Tensor) => tf.sum(tf.mul(fusedCausalAttention(t, 4), tf.slice(t, [0, 0, 0], [13, 64, 128]))))(qkv));
    const logits = tf.mul(tf.tensor2d(testValues(301 * 1001, 6), [301, 1001]), 6);
    const targets = Array.from({ length: 301 }, (_, i) => (i * 37) % 1001);
    put('cross-entropy', crossEntropy(logits, targets));
    put('cross-entropy gradient', tf.grad((t: tf.Tensor) => crossEntropy(t, targets))(logits));
  });
  return out;
}

test('matrix products, GELU, attention and the LM loss are bit-identical on 1, 2, 3 and 4 threads', async () => {
  await initTf({ backend: 'wasm', quiet: true });
  const before = kernelThreadCount();
  try {
    const one = await outputsWith(1);
    for (const threads of [2, 3, 4]) {
      const many = await outputsWith(threads);
      for (const [name, expected] of one) {
        const got = many.get(name)!;
        const differing = expected.findIndex((v, i) => !Object.is(v, got[i]));
        assert.equal(differing, -1, `${name} on ${threads} threads differs at ${differing}: ${got[differing]} vs ${expected[differing]}`);
      }
    }
    // The negative control: the comparison sees a one-ulp change.
    const probe = one.get('gelu')!.slice();
    probe[12345] = new Float32Array(new Uint32Array([new Uint32Array(probe.buffer)[12345] + 1]).buffer)[0];
    assert.notEqual(probe.findIndex((v, i) => !Object.is(v, one.get('gelu')![i])), -1);
    assert.equal(kernelThreads()!.allocatedBytes, 0, 'every shared block is freed');
  } finally {
    setKernelThreads(before);
  }
});

test('an LSTM on 1-4 threads: outputs and input gradients bit-identical, weight gradients within 1e-6', async () => {
  await initTf({ backend: 'wasm', quiet: true });
  const before = kernelThreadCount();
  const [B, T, E, H] = [20, 6, 5, 7]; // 20 rows: 4 + 4 + 4 + 8 on four threads
  const run = async (threads: number) => {
    setKernelThreads(threads);
    await kernelThreads()?.ready;
    return tf.tidy(() => {
      const x = tf.tensor3d(testValues(B * T * E, 11), [B, T, E]);
      const kernel = tf.tensor2d(testValues(E * 4 * H, 12), [E, 4 * H]);
      const recurrentKernel = tf.tensor2d(testValues(H * 4 * H, 13), [H, 4 * H]);
      const bias = tf.tensor1d(testValues(4 * H, 14));
      const f = (xs: tf.Tensor, k: tf.Tensor, r: tf.Tensor, b: tf.Tensor) => fusedRnn({ x: xs, kernel: k, recurrentKernel: r, bias: b, initialState: null },
        { cell: 'lstm', activation: 'tanh', recurrentActivation: 'sigmoid', returnSequences: true, returnState: false })[0];
      const w = tf.tensor3d(testValues(B * T * H, 15), [B, T, H]);
      const grads = tf.grads((xs: tf.Tensor, k: tf.Tensor, r: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(xs, k, r, b), w)))([x, kernel, recurrentKernel, bias]);
      return [f(x, kernel, recurrentKernel, bias), ...grads].map((t) => t.dataSync() as Float32Array);
    });
  };
  try {
    const [y1, dx1, ...dW1] = await run(1);
    for (const threads of [2, 3, 4]) {
      const [y, dx, ...dW] = await run(threads);
      assert.deepEqual(y, y1, `output on ${threads} threads`);
      assert.deepEqual(dx, dx1, `input gradient on ${threads} threads`);
      dW.forEach((g, i) => g.forEach((v, j) => assert.ok(Math.abs(v - dW1[i][j]) <= 1e-6 * Math.max(1, Math.abs(dW1[i][j])),
        `weight gradient ${i}[${j}] on ${threads} threads: ${v} vs ${dW1[i][j]}`)));
    }
  } finally {
    setKernelThreads(before);
  }
});

test('threaded GEMM tasks (guided, operands copied in per task, C copied out as done): bit-identical to one thread on 1-4 threads', async () => {
  await initTf({ backend: 'wasm', quiet: true });
  const before = kernelThreadCount();
  // [M, N, K, transposeA, transposeB], each from 8e6 FLOPs: by rows with A's rows copied per task as
  // one block (A [M, K]) or as K segments (Aᵀ [K, M]), by columns with B's columns copied as one block
  // (Bᵀ [N, K]; with Aᵀ, as A·Bᵀ with few rows is gemmNT's) or as K segments (B [K, N]); M and N off
  // the 8-row tasks and 8-column panels.
  const shapes: Array<[number, number, number, boolean, boolean]> = [[700, 90, 130, false, false], [600, 150, 200, true, false],
    [100, 1003, 50, true, true], [64, 517, 300, false, false], [530, 77, 111, true, true], [1030, 260, 64, false, true]];
  const products = async (threads: number): Promise<Float32Array[]> => {
    setKernelThreads(threads);
    await kernelThreads()?.ready;
    return tf.tidy(() => shapes.map(([M, N, K, tA, tB], i) => {
      const a = tf.tensor2d(testValues(M * K, 40 + i), tA ? [K, M] : [M, K]);
      const b = tf.tensor2d(testValues(K * N, 50 + i), tB ? [N, K] : [K, N]);
      return tf.matMul(a, b, tA, tB).dataSync() as Float32Array;
    }));
  };
  try {
    const one = await products(1);
    threadedGemmStats(true);
    for (const threads of [2, 3, 4]) {
      const many = await products(threads);
      shapes.forEach((shape, i) => {
        const differing = one[i].findIndex((v, j) => !Object.is(v, many[i][j]));
        assert.equal(differing, -1, `[${shape}] on ${threads} threads differs at ${differing}`);
      });
    }
    const stats = threadedGemmStats(true);
    assert.equal(stats.products, 3 * shapes.length, 'every product took the threaded path');
    assert.ok(stats.mainChunks < stats.chunks, `the workers computed some tasks (${stats.chunks - stats.mainChunks} of ${stats.chunks})`);
    assert.equal(kernelThreads()!.allocatedBytes, 0, 'every shared block is freed');
    // Negative control: the comparison sees a product whose K blocks are summed in another order.
    const shifted = tf.tidy(() => {
      const [M, N, K] = shapes[0];
      const a = tf.tensor2d(testValues(M * K, 40), [M, K]);
      const b = tf.tensor2d(testValues(K * N, 50), [K, N]);
      const half = Math.floor(K / 2);
      return tf.add(tf.matMul(tf.slice(a, [0, 0], [M, half]), tf.slice(b, [0, 0], [half, N])),
        tf.matMul(tf.slice(a, [0, half], [M, K - half]), tf.slice(b, [half, 0], [K - half, N]))).dataSync() as Float32Array;
    });
    assert.notEqual(one[0].findIndex((v, j) => !Object.is(v, shifted[j])), -1);
  } finally {
    setKernelThreads(before);
  }
});

test('gemmTaskBounds: from 0 to the total, increasing, on multiples of 8 but the last, large tasks first', () => {
  for (const total of [1, 8, 31, 64, 128, 384, 1003, 2048, 3000]) {
    for (const threads of [1, 2, 3, 4, 8]) {
      const bounds = gemmTaskBounds(total, threads);
      assert.equal(bounds[0], 0);
      assert.equal(bounds[bounds.length - 1], total);
      const sizes = bounds.slice(1).map((b, i) => b - bounds[i]);
      assert.ok(sizes.every((s) => s > 0), `${total}/${threads}: ${bounds}`);
      assert.ok(bounds.slice(1, -1).every((b) => b % 8 === 0), `${total}/${threads}: ${bounds}`);
      assert.ok(sizes.slice(1, -1).every((s, i) => s <= sizes[i]), `${total}/${threads}: sizes never grow but the last ${sizes}`);
    }
  }
  assert.deepEqual(gemmTaskBounds(2048, 2), [0, 512, 896, 1184, 1400, 1568, 1696, 1824, 1952, 2048]);
});

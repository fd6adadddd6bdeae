/**
 * Every kernel lib/tf registers or replaces, against tfjs's reference `cpu` kernels: values and
 * gradients over several shapes and edge cases. The wasm versions run through tfjs ops on the
 * `wasm` backend; the reference runs the same ops on `cpu`, whose kernels stay untouched here
 * (only registerKernels('wasm') is called). The cpu UnsortedSegmentSum replacement is called
 * directly against the still-registered original.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { registerKernels } from '../backend';
import { maxAbsDiff, testValues } from '../testing';
import { unsortedSegmentSum } from './unsorted_segment_sum';

type Result = { shape: number[]; values: number[]; dtype: string };

/** Runs `f` on a backend and returns its tensors' contents as plain data. */
async function on(backend: 'cpu' | 'wasm', f: () => tf.Tensor | tf.Tensor[]): Promise<Result[]> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const out = f();
    return (Array.isArray(out) ? out : [out]).map((t) => ({ shape: t.shape, values: Array.from(t.dataSync()), dtype: t.dtype }));
  });
}

async function assertSameOnBoth(f: () => tf.Tensor | tf.Tensor[], tol: number, what: string): Promise<void> {
  const ref = await on('cpu', f);
  const ours = await on('wasm', f);
  assert.equal(ours.length, ref.length, what);
  ref.forEach((r, i) => {
    assert.deepEqual(ours[i].shape, r.shape, `${what} [${i}] shape`);
    assert.equal(ours[i].dtype, r.dtype, `${what} [${i}] dtype`);
    const scale = Math.max(1, ...r.values.map(Math.abs));
    const diff = maxAbsDiff(ours[i].values, r.values);
    assert.ok(diff <= tol * scale, `${what} [${i}]: max |diff| ${diff}`);
  });
}

before(async () => {
  registerKernels('wasm');
  assert.ok(await tf.setBackend('wasm'), 'wasm backend starts');
});

describe('Sum over leading axes (GEMM path) and the cases left to the original kernel', () => {
  const cases: Array<{ name: string; shape: number[]; axis: number | number[]; keepDims?: boolean; dtype?: 'int32' }> = [
    { name: 'bias gradient (rows, cols)', shape: [37, 13], axis: 0 },
    { name: 'two leading axes (B, T, C)', shape: [3, 5, 7], axis: [0, 1] },
    { name: 'leading axes given out of order, negative', shape: [3, 5, 7], axis: [-2, 0] },
    { name: 'keepDims', shape: [4, 6, 2], axis: [0, 1], keepDims: true },
    { name: 'one leading axis of rank 4', shape: [2, 3, 4, 5], axis: 0 },
    { name: 'last axis (original kernel)', shape: [6, 9], axis: -1 },
    { name: 'middle axis (original kernel)', shape: [3, 4, 5], axis: 1 },
    { name: 'all axes (original kernel)', shape: [3, 4], axis: [0, 1] },
    { name: 'int32 (original kernel)', shape: [5, 3], axis: 0, dtype: 'int32' },
  ];
  for (const c of cases) {
    test(`wasm equals cpu reference: ${c.name}`, async () => {
      const size = c.shape.reduce((a, b) => a * b, 1);
      const values = Array.from(testValues(size, 21), (v) => (c.dtype === 'int32' ? Math.round(10 * v) : v));
      await assertSameOnBoth(() => tf.sum(tf.tensor(values, c.shape, c.dtype ?? 'float32'), c.axis, c.keepDims), 1e-6, c.name);
    });
  }
});

describe('UnsortedSegmentSum', () => {
  const cases: Array<{ name: string; xShape: number[]; ids: number[]; numSegments: number; dtype?: 'int32' }> = [
    { name: 'vector, repeated ids', xShape: [6], ids: [0, 2, 2, 1, 0, 2], numSegments: 3 },
    { name: 'rows, repeated and out-of-range ids', xShape: [7, 3], ids: [1, -1, 1, 4, 0, 9, 1], numSegments: 4 },
    { name: 'rank-3 rows (embedding gradient shape)', xShape: [5, 2, 3], ids: [3, 3, 0, 2, 3], numSegments: 6 },
    { name: 'more segments than ids (empty segments)', xShape: [2, 4], ids: [7, 0], numSegments: 10 },
    { name: 'wide rows (SIMD body and tail)', xShape: [9, 13], ids: [0, 1, 2, 0, 1, 2, 0, 1, 2], numSegments: 3 },
    { name: 'int32 values', xShape: [4, 2], ids: [1, 1, 0, 5], numSegments: 2, dtype: 'int32' },
  ];
  for (const c of cases) {
    test(`wasm equals cpu reference: ${c.name}`, async () => {
      const size = c.xShape.reduce((a, b) => a * b, 1);
      const values = Array.from(testValues(size, 11), (v) => (c.dtype === 'int32' ? Math.round(10 * v) : v));
      await assertSameOnBoth(
        () => tf.unsortedSegmentSum(tf.tensor(values, c.xShape, c.dtype ?? 'float32'), tf.tensor1d(c.ids, 'int32'), c.numSegments),
        1e-6, c.name);
    });
    test(`cpu replacement equals the original cpu kernel: ${c.name}`, async () => {
      await tf.setBackend('cpu');
      const size = c.xShape.reduce((a, b) => a * b, 1);
      const values = Array.from(testValues(size, 12), (v) => (c.dtype === 'int32' ? Math.round(10 * v) : v));
      tf.tidy(() => {
        const x = tf.tensor(values, c.xShape, c.dtype ?? 'float32');
        const ids = tf.tensor1d(c.ids, 'int32');
        const expected = tf.unsortedSegmentSum(x, ids, c.numSegments); // the original kernel
        const info = unsortedSegmentSum({ inputs: { x, segmentIds: ids }, backend: tf.backend(), attrs: { numSegments: c.numSegments } });
        const ours = tf.engine().makeTensorFromTensorInfo(info);
        assert.deepEqual(ours.shape, expected.shape);
        assert.equal(ours.dtype, expected.dtype);
        assert.deepEqual(Array.from(ours.dataSync()), Array.from(expected.dataSync()), 'bit-identical (float64 sums)');
      });
    });
  }

  test('multi-dimensional segment ids follow TensorFlow (checked by hand)', async () => {
    await tf.setBackend('wasm');
    const out = tf.tidy(() => tf.unsortedSegmentSum(tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2]),
      tf.tensor2d([[0, 2], [2, -1]], [2, 2], 'int32') as unknown as tf.Tensor1D, 3).arraySync());
    assert.deepEqual(out, [[1, 2], [0, 0], [8, 10]]);
  });

  test('bad numSegments is a clear error', async () => {
    await tf.setBackend('wasm');
    assert.throws(() => tf.tidy(() => tf.unsortedSegmentSum(tf.ones([2]), tf.tensor1d([0, 1], 'int32'), 1.5)), /int/);
  });

  test('gradient of an embedding lookup (gather → scatter-add) equals the reference', async () => {
    const table = Array.from(testValues(8 * 5, 3));
    const weights = Array.from(testValues(6 * 5, 4));
    await assertSameOnBoth(() => tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, tf.tensor1d([3, 0, 3, 7, 3, 1], 'int32')),
      tf.tensor2d(weights, [6, 5]))))(tf.tensor2d(table, [8, 5])), 1e-6, 'embedding gradient');
  });
});

describe('SplitV by block copies', () => {
  const cases: Array<[number[], number[] | number, number]> = [[[2, 3, 12], [4, 4, 4], -1], [[2, 3, 12], [5, -1, 2], 2], [[4, 6, 5], 3, 1],
    [[6, 5], [1, 0, 5], 0], [[2, 9], [2, 7], 1]];
  for (const [shape, splits, axis] of cases) {
    test(`split [${shape}] into ${JSON.stringify(splits)} along axis ${axis}: values and gradient (concat)`, async () => {
      const x = testValues(shape.reduce((a, b) => a * b, 1), 51);
      await assertSameOnBoth(() => {
        const X = tf.tensor(x, shape);
        const parts = tf.split(X, splits, axis);
        const grad = tf.grad((t: tf.Tensor) => tf.addN(tf.split(t, splits, axis).map((p, i) => tf.mul(tf.sum(tf.square(p)), i + 1))))(X);
        return [...parts, grad];
      }, 0, 'split');
    });
  }

  test('int32 tensors split the same way', async () => {
    await assertSameOnBoth(() => tf.split(tf.tensor2d([[1, 2, 3, 4], [5, 6, 7, 8]], [2, 4], 'int32'), [1, 3], 1), 0, 'int32 split');
  });
});

describe('BatchMatMul and _FusedMatMul on the SIMD GEMM', () => {
  // A·Bᵀ with fewer than 256 rows runs as row dot products (gemmNT; M = 1 eight rows of B at a time),
  // other products on the packed GEMM, from 8e6 FLOPs on two threads claiming chunks of rows (or of
  // columns when M is small): sizes cover each path, with K and N off the SIMD and panel widths.
  const sizes: Array<[number, number, number]> = [[1, 1, 1], [3, 5, 2], [4, 8, 8], [7, 13, 9], [5, 3, 50], [32, 100, 40], [1, 37, 21], [260, 6, 10],
    [300, 200, 70], [64, 301, 259]];
  for (const [M, K, N] of sizes) {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      test(`matMul ${M}x${K}x${N} transposeA=${ta} transposeB=${tb}: values and gradients`, async () => {
        const a = testValues(M * K, M + 7 * K);
        const b = testValues(K * N, N + 3 * K);
        const w = testValues(M * N, 5);
        await assertSameOnBoth(() => {
          const A = tf.tensor(a, ta ? [K, M] : [M, K]);
          const B = tf.tensor(b, tb ? [N, K] : [K, N]);
          const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, y, ta, tb), tf.tensor(w, [M, N])));
          return [tf.matMul(A, B, ta, tb), ...tf.grads(f)([A, B])];
        }, 2e-6, 'matMul');
      });
    }
  }

  // tfjs-core's BatchMatMul gradient rejects broadcast batch dimensions on every backend, so
  // gradients are compared only where batch shapes match.
  const batched: Array<[number[], number[], boolean]> = [[[2, 3, 4], [2, 4, 5], true], [[2, 2, 3, 4], [2, 2, 4, 6], true],
    [[1, 3, 4], [3, 4, 5], false], [[3, 3, 4], [1, 4, 5], false], [[3, 4], [2, 4, 5], false]];
  test('batched A·Bᵀ (attention scores q·kᵀ) with shared and per-batch B, and gradients', async () => {
    const q = testValues(2 * 3 * 5 * 6, 23);
    const k = testValues(2 * 3 * 9 * 6, 24);
    await assertSameOnBoth(() => {
      const Q = tf.tensor(q, [2, 3, 5, 6]);
      const K = tf.tensor(k, [2, 3, 9, 6]);
      const shared = tf.matMul(tf.reshape(Q, [6, 5, 6]), tf.tensor(k.slice(0, 54), [1, 9, 6]), false, true);
      return [tf.matMul(Q, K, false, true), shared, ...tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, y, false, true))))([Q, K])];
    }, 2e-6, 'batched A·Bᵀ');
  });
  for (const [sa, sb, withGrads] of batched) {
    test(`batched matMul [${sa}]·[${sb}]${withGrads ? ' and gradients' : ' (broadcast)'}`, async () => {
      const a = testValues(sa.reduce((x, y) => x * y, 1), 21);
      const b = testValues(sb.reduce((x, y) => x * y, 1), 22);
      await assertSameOnBoth(() => {
        const A = tf.tensor(a, sa);
        const B = tf.tensor(b, sb);
        const grads = withGrads ? tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, y))))([A, B]) : [];
        return [tf.matMul(A, B), ...grads];
      }, 2e-6, 'batched matMul');
    });
  }

  test('matMul with mismatched inner dimensions is a clear error', async () => {
    await tf.setBackend('wasm');
    assert.throws(() => tf.tidy(() => tf.matMul(tf.ones([2, 3]), tf.ones([4, 2]))), /inner/i);
  });

  const activations = ['linear', 'relu', 'relu6', 'sigmoid', 'elu', 'leakyrelu'] as const;
  for (const activation of activations) {
    for (const biasShape of [[9], [1]]) {
      test(`fused matMul + bias [${biasShape}] + ${activation}`, async () => {
        const a = testValues(6 * 7, 31);
        const b = testValues(7 * 9, 32);
        const bias = testValues(biasShape[0], 33);
        await assertSameOnBoth(() => tf.fused.matMul({
          a: tf.tensor2d(a, [6, 7]), b: tf.tensor2d(b, [7, 9]), bias: tf.tensor(bias, biasShape), activation, leakyreluAlpha: 0.1,
        }), 2e-6, activation);
      });
    }
  }

  for (const activation of ['linear', 'relu'] as const) {
    test(`fused matMul gradients (${activation}, transposeB)`, async () => {
      const a = testValues(5 * 6, 41);
      const b = testValues(4 * 6, 42);
      const bias = testValues(4, 43);
      await assertSameOnBoth(() => {
        const A = tf.tensor2d(a, [5, 6]);
        const B = tf.tensor2d(b, [4, 6]);
        const C = tf.tensor1d(bias);
        const f = (x: tf.Tensor, y: tf.Tensor, z: tf.Tensor) => tf.sum(tf.square(tf.fused.matMul({
          a: x as tf.Tensor2D, b: y as tf.Tensor2D, transposeB: true, bias: z, activation,
        })));
        return tf.grads(f)([A, B, C]);
      }, 2e-6, 'fused gradients');
    });
  }
});

describe('GatherV2 and Identity', () => {
  test('row gathers (float and int32, repeated and 2-D indices) equal the reference', async () => {
    const x = testValues(5 * 3, 51);
    await assertSameOnBoth(() => [
      tf.gather(tf.tensor2d(x, [5, 3]), tf.tensor1d([4, 0, 4, 2], 'int32')),
      tf.gather(tf.tensor2d(x, [5, 3]), tf.tensor2d([[1, 1, 3], [0, 4, 2]], [2, 3], 'int32')),
      tf.gather(tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], 'int32'), tf.tensor1d([2, 0], 'int32')),
      tf.gather(tf.tensor1d([9, 8, 7]), tf.tensor1d([2, 2, 1], 'int32')),
      tf.gather(tf.tensor2d(x, [5, 3]), tf.tensor1d([2, 0], 'int32'), 1), // axis 1: the backend's own path
    ], 0, 'gather');
  });

  test('an out-of-range index is an error, as in the reference', async () => {
    for (const backend of ['cpu', 'wasm'] as const) {
      await tf.setBackend(backend);
      assert.throws(() => tf.tidy(() => tf.gather(tf.ones([3, 2]), tf.tensor1d([0, 3], 'int32'))), /index/i, backend);
      assert.throws(() => tf.tidy(() => tf.gather(tf.ones([3, 2]), tf.tensor1d([-1], 'int32'))), /index/i, backend);
    }
  });

  test('clone shares the buffer safely: disposing one copy leaves the other intact', async () => {
    await tf.setBackend('wasm');
    const a = tf.tensor1d([1, 2, 3]);
    const b = tf.clone(a);
    a.dispose();
    assert.deepEqual(Array.from(b.dataSync()), [1, 2, 3]);
    const c = tf.clone(b);
    b.dispose();
    assert.deepEqual(Array.from(c.dataSync()), [1, 2, 3]);
    c.dispose();
  });
});

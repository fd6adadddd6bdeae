/**
 * Changed kernels against the binaries they replace, bit for bit. Notebooks quote numbers that
 * training with these kernels computed, so a faster kernel must keep every output's accumulation
 * order. fixtures/ holds the FMA and plain builds of kernels.wasm as they were at commit 8ce6b44;
 * both old and new are instantiated on one memory and run on the same operands.
 * A negative control shows the comparison catches a changed order: the new GEMM with a smaller k
 * block (which sums the products in a different order) differs from the old one; likewise the
 * recurrent layers' GEMM with K cut in two.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { KernelExports, WebAssemblyApi, kernelModule } from './kernel_module';
import { gemmTaskBounds } from '../kernels/matmul';

const FIXTURES = path.join(__dirname, 'fixtures');

function instantiate(file: string, memory: object): KernelExports {
  const module = new WebAssemblyApi.Module(fs.readFileSync(file));
  return new WebAssemblyApi.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
}

/** Fills `n` floats at byte offset `ptr` with seeded values in [-1, 1) (a few exact zeros and wide magnitudes). */
function fill(memory: { buffer: ArrayBuffer }, ptr: number, n: number, seed: number): void {
  const v = new Float32Array(memory.buffer, ptr, n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const u = s / 4294967296 * 2 - 1;
    v[i] = i % 97 === 0 ? 0 : u * (i % 13 === 0 ? 1000 : 1);
  }
}

// [M, N, K, transposeA, transposeB, acc]: the GPT step's kinds of product (x·Wᵀ, dy·W, dyᵀ·x) on
// sizes that are and are not multiples of the micro-kernel's 4 rows and 8 columns, K over several
// k blocks (192) and N over several column blocks (384).
const SHAPES: Array<[number, number, number, boolean, boolean, number]> = [
  [1, 1, 1, false, false, 0], [3, 5, 7, false, false, 0], [4, 8, 192, true, false, 0], [5, 9, 193, true, false, 1],
  [64, 128, 2048, true, false, 0], [384, 128, 700, true, false, 0], [130, 33, 517, true, false, 1], [77, 390, 31, true, true, 0],
  [256, 384, 128, false, true, 0], [203, 775, 400, false, true, 1], [128, 128, 384, false, false, 0], [61, 1000, 129, false, false, 1],
  [300, 16, 1000, true, true, 0], [12, 8, 3000, true, false, 0],
];

type Product = (k: KernelExports, M: number, N: number, K: number, tA: boolean, tB: boolean, acc: number, c: number, kc: number) => void;

describe('kernels against the binaries of commit 8ce6b44, bit for bit', () => {
  const builds = [['kernels-fma.wasm', 'kernels-fma.8ce6b44.wasm'], ['kernels.wasm', 'kernels.8ce6b44.wasm']];
  for (const [current, before] of builds) {
    const fma = current.includes('fma');
    test(`gemmPacked (${current})`, { skip: fma && !kernelModule().fma ? 'relaxed SIMD not available' : false }, () => {
      const memory = new WebAssemblyApi.Memory({ initial: 400 });
      const now = instantiate(path.join(__dirname, current), memory);
      const old = instantiate(path.join(FIXTURES, before), memory);
      const maxFloats = 1 << 20; // every operand of SHAPES fits
      const [a, b, c0, c1, work] = [0, 1, 2, 3, 4].map((i) => 64 + i * 4 * maxFloats);
      fill(memory, a, maxFloats, 1);
      fill(memory, b, maxFloats, 2);
      const product: Product = (k, M, N, K, tA, tB, acc, c, kc) =>
        k.gemmPacked(M, N, K, a, tA ? 1 : K, tA ? M : 1, b, tB ? K : N, tB ? 1 : 0, c, N + 3, acc, work, kc, 384);
      const run = (k: KernelExports, c: number, shape: typeof SHAPES[number], kc: number): Uint32Array => {
        const [M, N, K, tA, tB, acc] = shape;
        fill(memory, c, M * (N + 3), 3); // acc = 1 adds to these; the 3 padding columns must stay untouched
        product(k, M, N, K, tA, tB, acc, c, kc);
        return new Uint32Array(memory.buffer, c, M * (N + 3)).slice();
      };
      for (const shape of SHAPES) {
        assert.deepEqual(run(now, c0, shape, 192), run(old, c1, shape, 192), `gemmPacked ${shape.join(', ')}`);
      }
      // Negative control: a k block of 96 instead of 192 sums in another order: some bits differ.
      const control: typeof SHAPES[number] = [64, 128, 2048, true, false, 0];
      assert.notDeepEqual(run(now, c0, control, 96), run(old, c1, control, 192), 'the comparison must see a changed order');
    });
  }

  // gemm (the recurrent layers' products) sums C's columns past the last multiple of 4 four rows at
  // a time (dot1x4Rows), and the backward passes keep Wᵀ with rows padded to 8 floats: the same
  // products and sums in the same order, so every output the same bits. Shapes: the notebook-2 LSTM's
  // per-thread dX (160, 50, 400) and dh (16, 100, 400, A's rows T·4H apart), tails of 1-3 columns,
  // Aᵀ as stored (sAm = 1), acc = 1.
  for (const [current, before] of builds) {
    const fma = current.includes('fma');
    test(`gemm and the recurrent backward passes (${current})`, { skip: fma && !kernelModule().fma ? 'relaxed SIMD not available' : false }, () => {
      const memory = new WebAssemblyApi.Memory({ initial: 200 });
      const now = instantiate(path.join(__dirname, current), memory);
      const old = instantiate(path.join(FIXTURES, before), memory);
      const maxFloats = 1 << 19;
      const [a, b, c0, c1] = [0, 1, 2, 3].map((i) => 64 + i * 4 * maxFloats);
      fill(memory, a, maxFloats, 1);
      fill(memory, b, maxFloats, 2);
      type GemmShape = [number, number, number, number, number, number, number];
      const run = (k: KernelExports, c: number, [M, N, K, sAm, sAk, ldb, acc]: GemmShape, cutK = 0): Uint32Array => {
        fill(memory, c, M * (N + 3), 3);
        if (cutK > 0) {
          k.gemm(M, N, cutK, a, sAm, sAk, b, ldb, c, N + 3, acc);
          k.gemm(M, N, K - cutK, a + 4 * cutK * sAk, sAm, sAk, b + 4 * cutK * ldb, ldb, c, N + 3, 1);
        } else {
          k.gemm(M, N, K, a, sAm, sAk, b, ldb, c, N + 3, acc);
        }
        return new Uint32Array(memory.buffer, c, M * (N + 3)).slice();
      };
      const shapes: GemmShape[] = [
        [160, 50, 400, 400, 1, 50, 0], [160, 50, 400, 400, 1, 56, 0], [16, 100, 400, 4000, 1, 100, 1], [13, 7, 33, 33, 1, 7, 0],
        [12, 5, 19, 1, 12, 5, 1], [100, 51, 160, 1, 100, 51, 0], [4, 3, 1000, 1000, 1, 3, 1], [9, 2, 64, 64, 1, 2, 0],
      ];
      for (const shape of shapes) assert.deepEqual(run(now, c0, shape), run(old, c1, shape), `gemm ${shape.join(', ')}`);
      // Negative control: K cut in two calls sums in another order: some bits differ.
      assert.notDeepEqual(run(now, c0, shapes[0], 200), run(old, c1, shapes[0]), 'the comparison must see a changed order');

      // Forward once (unchanged), then each build's backward from it: dX, dW, dU, db, dh0 (and dc0), bit for bit.
      const [B, T, H] = [8, 5, 13];
      for (const E of [50, 7, 16]) {
        for (const cell of ['lstm', 'gru', 'simpleRNN'] as const) {
          const G = (cell === 'lstm' ? 4 : cell === 'gru' ? 3 : 1) * H;
          let at = c0;
          const take = (floats: number) => { const p = at; at += 4 * Math.ceil(floats / 16) * 16; return p; };
          const x = take(B * T * E), W = take(E * G), U = take(H * G), bias = take(G), h0 = take(B * H), c = take(B * H);
          const dY = take(B * T * H);
          [x, W, U, bias, h0, c, dY].forEach((p, i) => fill(memory, p, (at - p) / 4, 10 + i));
          const [Hs, S1, S2, Z, A] = [take(B * T * H), take(B * T * H), take(B * T * H), take(B * T * G), take(B * T * G)];
          if (cell === 'lstm') now.lstmForward(B, T, E, H, x, W, U, bias, h0, c, 1, 2, Hs, S1, S2, Z, A);
          else if (cell === 'gru') now.gruForward(B, T, E, H, x, W, U, bias, h0, 1, 2, Hs, S1, Z, A);
          else now.rnnForward(B, T, E, H, x, W, U, bias, h0, 1, Hs, Z);
          // dX, dW, dU, db, dh0 (and dc0 for the LSTM), each filled with a marker before every call: a
          // NaN no kernel makes from these finite inputs, so an element left unwritten shows.
          const MARKER = 0x7fc0dead;
          const outs = [B * T * E, E * G, H * G, G, B * H, ...(cell === 'lstm' ? [B * H] : [])];
          const scratchFloats = B * T * G + 2 * B * H + G * H + 8 + G * Math.ceil(E / 8) * 8 + B * T * H;
          const GUARD = 64; // floats past the scratch: a kernel using more than counted writes here
          const backward = (k: KernelExports): Uint32Array[] => {
            const save = at;
            const ptrs = outs.map((n) => take(n));
            const scratch = take(scratchFloats);
            const guard = take(GUARD);
            ptrs.forEach((p, i) => new Uint32Array(memory.buffer, p, outs[i]).fill(MARKER));
            new Uint32Array(memory.buffer, guard, GUARD).fill(MARKER);
            const [dx, dW, dU, db, dh0, dc0] = ptrs;
            if (cell === 'lstm') k.lstmBackward(B, T, E, H, x, W, U, h0, c, 1, 2, Hs, S1, S2, Z, A, dY, T * H, 1, 0, 0, 0, 0, dx, dW, dU, db, dh0, dc0, scratch);
            else if (cell === 'gru') k.gruBackward(B, T, E, H, x, W, U, h0, 1, 2, Hs, S1, Z, A, dY, T * H, 1, 0, 0, dx, dW, dU, db, dh0, scratch);
            else k.rnnBackward(B, T, E, H, x, W, U, h0, 1, Hs, Z, dY, T * H, 1, 0, 0, dx, dW, dU, db, dh0, scratch);
            assert.ok(new Uint32Array(memory.buffer, guard, GUARD).every((bits) => bits === MARKER), `${cell} backward, E ${E}: nothing written past the scratch`);
            const got = ptrs.map((p, i) => new Uint32Array(memory.buffer, p, outs[i]).slice());
            at = save;
            return got;
          };
          const got = backward(now);
          got.forEach((g, i) => assert.ok(g.every((bits) => bits !== MARKER), `${cell} backward, E ${E}: output ${i} written everywhere`));
          assert.deepEqual(got, backward(old), `${cell} backward, E ${E}`);
        }
      }
    });
  }

  const threaded = [['kernels-mt-fma.wasm', 'kernels-fma.8ce6b44.wasm'], ['kernels-mt.wasm', 'kernels.8ce6b44.wasm']];
  // gemmPackedTasks (the threaded GEMM's worker kernel: guided tasks from a table, a ready count,
  // done flags) against 8ce6b44's gemmPacked over the whole product: every element the same
  // gemmPacked call over the same K blocks, whatever the tasks — by rows and by columns, with the
  // task tables matmul.ts makes for 1 to 4 threads and with uneven hand-made ones.
  for (const [current, before] of threaded) {
    const fma = current.includes('fma');
    test(`gemmPackedTasks (${current}) against gemmPacked`, { skip: fma && !kernelModule(true).fma ? 'relaxed SIMD not available' : false }, () => {
      const shared = new WebAssemblyApi.Memory({ initial: 400, maximum: 400, shared: true });
      const privateMemory = new WebAssemblyApi.Memory({ initial: 400 });
      const now = instantiate(path.join(__dirname, current), shared);
      const old = instantiate(path.join(FIXTURES, before), privateMemory);
      const maxFloats = 1 << 20;
      const [a, b, c, work, ctl] = [0, 1, 2, 3, 4].map((i) => 64 + i * 4 * maxFloats);
      for (const memory of [shared, privateMemory]) {
        fill(memory, a, maxFloats, 1);
        fill(memory, b, maxFloats, 2);
      }
      const [counter, ready, table] = [ctl, ctl + 64, ctl + 128];
      const args = (M: number, N: number, K: number, tA: boolean, tB: boolean) => [M, N, K, a, tA ? 1 : K, tA ? M : 1, b, tB ? K : N, tB ? 1 : 0, c, N] as const;
      const want = (shape: typeof SHAPES[number]): Uint32Array => {
        const [M, N, K, tA, tB] = shape;
        old.gemmPacked(...args(M, N, K, tA, tB), 0, work, 192, 384);
        return new Uint32Array(privateMemory.buffer, c, M * N).slice();
      };
      const run = (shape: typeof SHAPES[number], byColumns: boolean, bounds: number[], kc = 192): Uint32Array => {
        const [M, N, K, tA, tB] = shape;
        const count = bounds.length - 1;
        const ints = new Int32Array(shared.buffer, table, 2 * count + 1);
        ints.set(bounds);
        ints.fill(0, count + 1);
        new Int32Array(shared.buffer, counter, 1)[0] = 0;
        new Int32Array(shared.buffer, ready, 1)[0] = count;
        fill(shared, c, M * N, 9); // every output must be overwritten
        now.gemmPackedTasks(counter, ready, table, count, byColumns ? 1 : 0, ...args(M, N, K, tA, tB), work, kc, 384);
        assert.deepEqual([...ints.subarray(count + 1)], new Array(count).fill(1), 'every task flagged done');
        return new Uint32Array(shared.buffer, c, M * N).slice();
      };
      for (const shape of SHAPES) {
        const [M, N] = shape;
        const expected = want(shape);
        for (const byColumns of [false, true]) {
          const total = byColumns ? N : M;
          const tables = [1, 2, 3, 4].map((threads) => gemmTaskBounds(total, threads));
          // Uneven hand-made tasks on multiples of 8 (only the last may end elsewhere).
          const uneven = [0];
          for (let i = 0, step = 8; uneven[uneven.length - 1] < total; i++, step = 8 * (1 + (i * 5) % 7)) uneven.push(Math.min(total, uneven[uneven.length - 1] + step));
          for (const bounds of [...tables, uneven]) {
            assert.deepEqual(run(shape, byColumns, bounds), expected, `gemmPackedTasks ${shape.join(', ')} by ${byColumns ? 'columns' : 'rows'}, tasks ${bounds.join('/')}`);
          }
        }
      }
      // Negative control: the same tasks with a k block of 96 instead of 192 sum in another order: some bits differ.
      const control: typeof SHAPES[number] = [64, 128, 2048, true, false, 0];
      assert.notDeepEqual(run(control, false, gemmTaskBounds(64, 2), 96), want(control), 'the comparison must see a changed order');
    });
  }

  // gemmNTTasks (new: several weights' row blocks in one call, shared-memory builds only) against
  // 8ce6b44's gemmNT, one call per weight: every output the same dot product, whatever the tasks.
  for (const [current, before] of threaded) {
    const fma = current.includes('fma');
    test(`gemmNTTasks (${current}) against gemmNT`, { skip: fma && !kernelModule(true).fma ? 'relaxed SIMD not available' : false }, () => {
      const shared = new WebAssemblyApi.Memory({ initial: 200, maximum: 200, shared: true });
      const privateMemory = new WebAssemblyApi.Memory({ initial: 200 });
      const now = instantiate(path.join(__dirname, current), shared);
      const old = instantiate(path.join(FIXTURES, before), privateMemory);
      // Regions (floats): A 2^14, the weights 2^20 (every case's fit), C 2^14, the task table 2^12, the counter.
      const [a, b, c, table, counter] = [0, 1 << 14, (1 << 14) + (1 << 20), (1 << 15) + (1 << 20), (1 << 15) + (1 << 20) + (1 << 12)].map((floats) => 64 + 4 * floats);
      for (const memory of [shared, privateMemory]) {
        fill(memory, a, 1 << 14, 5);
        fill(memory, b, 1 << 20, 6);
      }
      // [M, K, rows of each weight, task rows]: decoding (M = 1) and a short prompt, K with and
      // without a SIMD tail, weights that are and are not multiples of the 8- and 4-row blocks.
      const cases: Array<[number, number, number[], number]> = [
        [1, 576, [576, 192, 192], 16], [1, 577, [1003, 24], 40], [1, 3, [5, 9], 2], [2, 64, [17, 8, 31], 8],
        [3, 129, [100, 100], 48], [5, 576, [64, 200, 7], 16], [7, 1, [13], 3], [1, 1536, [576], 576],
      ];
      const run = (M: number, K: number, weights: number[], rows: number): { got: Uint32Array; want: Uint32Array } => {
        const total = weights.reduce((sum, n) => sum + n, 0);
        const tasks: number[] = [];
        let offset = 0; // the weights lie one after another from b; their outputs likewise from c
        for (const N of weights) {
          for (let n0 = 0; n0 < N; n0 += rows) tasks.push(Math.min(rows, N - n0), b + 4 * (offset + n0) * K, c + 4 * (M * offset + n0), N);
          old.gemmNT(M, N, K, a, K, b + 4 * offset * K, K, c + 4 * M * offset, N, 0);
          offset += N;
        }
        new Int32Array(shared.buffer, table, tasks.length).set(tasks);
        new Int32Array(shared.buffer, counter, 1)[0] = 0;
        fill(shared, c, M * total, 9); // every output must be overwritten
        now.gemmNTTasks(counter, table, tasks.length / 4, M, K, a, K);
        return { got: new Uint32Array(shared.buffer, c, M * total).slice(), want: new Uint32Array(privateMemory.buffer, c, M * total).slice() };
      };
      for (const [M, K, weights, rows] of cases) {
        const { got, want } = run(M, K, weights, rows);
        assert.deepEqual(got, want, `gemmNTTasks M ${M}, K ${K}, weights ${weights.join('/')}, tasks of ${rows} rows`);
      }
      // Negative control: 8ce6b44's packed GEMM on the same A·Bᵀ sums in another order: some bits differ.
      const [M, K, N] = [1, 576, 576];
      const work = c + 4 * M * N; // the packing buffer (192 × 384 + 4 × 192 floats), past C (the table is rewritten by run)
      old.gemmPacked(M, N, K, a, K, 1, b, K, 1, c, N, 0, work, 192, 384);
      const packed = new Uint32Array(privateMemory.buffer, c, M * N).slice();
      assert.notDeepEqual(run(M, K, [N], 16).want, packed, 'the comparison must see a changed order');
    });
  }
});

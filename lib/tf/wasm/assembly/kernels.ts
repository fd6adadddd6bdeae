// @ts-nocheck — AssemblyScript source (not TypeScript): compiled by ../build.mjs to the four
// committed binaries ../kernels.wasm, kernels-fma.wasm (relaxed-SIMD multiply-adds), kernels-mt.wasm
// and kernels-mt-fma.wasm (shared memory, for the worker threads of ../threads.ts).
//
// Float32 SIMD kernels (4 lanes) on raw byte pointers into one linear memory: on the tfjs `wasm`
// backend that memory is the backend's own heap (tensors read and written in place), elsewhere a
// private memory the TypeScript side copies into (../heap.ts). Exports, by caller:
//
//   matrix products (kernels/matmul.ts, kernels/sum.ts)   gemm, gemmPacked, gemmPackedTasks, gemmNT,
//                                                         gemmNTTasks, biasActivation
//   fused recurrent layers (rnn/fused_rnn_op.ts)          rnnForward, rnnBackward, lstmForward,
//                                                         lstmBackward, gruForward, gruBackward, accumulate
//   fused Adam (optimizers/fused_adam.ts)                 adam
//   transformer ops (transformer_ops.ts)                  layerNormRows, layerNormGrad, geluTanh,
//                                                         geluTanhGrad, causalAttention, causalAttentionGrad,
//                                                         softmaxRows, softmaxCrossEntropyGrad
//   cross-entropy on probabilities (losses.ts)            probRowSums, probCrossEntropyGrad
//   Softmax's gradient (kernels/softmax_grad.ts)          softmaxGradRows
//   replaced tfjs kernels (kernels/*.ts)                  scatterAdd (UnsortedSegmentSum), gatherRows
//                                                         (GatherV2), copyBlocks (SplitV)
//
// Sources followed:
// - GEMM: the register-blocked micro-kernel of Goto & van de Geijn, "Anatomy of High-Performance
//   Matrix Multiplication" (ACM TOMS 2008), here a 4x8 block of C kept in 8 SIMD registers.
// - exp: the Cephes `expf` range reduction and polynomial (S. Moshier), vectorised.
// - Recurrent cells: the exact equations of tfjs-layers 4.22 `SimpleRNNCell`, `GRUCell`
//   (reset gate applied before the recurrent matmul) and `LSTMCell` (gate order i, f, c, o), so
//   that the fused layers match `tf.layers.*` given the same weights.
// - Backward passes: backpropagation through time (Werbos 1990), written out per gate.
// - Adam: Kingma & Ba (2015), with the operation order of tfjs-core's `AdamOptimizer`.

// ---------------------------------------------------------------------------------------------
// Activations. Codes shared with ../kernel_module.ts (ACTIVATION_CODES).
const LINEAR: i32 = 0;
const TANH: i32 = 1;
const SIGMOID: i32 = 2;
const HARD_SIGMOID: i32 = 3;
const RELU: i32 = 4;

// exp(x) for 4 lanes: x = n·ln2 + r, e^r by the Cephes polynomial, 2^n built in the exponent bits.
// Inputs are clamped to [-87.3, 88] so 2^n stays a normal float (no inf, no denormals); NaN stays
// NaN. n = round(x·log2 e) comes from adding 1.5·2²³, which leaves n in the low bits of the sum
// (one add instead of `nearest` and a saturating conversion, both multi-instruction in V8), and
// the pseudo-min/max clamp is one instruction each: the softmax of an LM head got ~2× faster.
const ROUND_MAGIC: f32 = 12582912.0; // 1.5·2²³

@inline function expV(x: v128): v128 {
  x = f32x4.pmin(f32x4.pmax(x, f32x4.splat(-87.3)), f32x4.splat(88.0));
  const shifted = f32x4.add(f32x4.mul(x, f32x4.splat(1.44269504088896341)), f32x4.splat(ROUND_MAGIC));
  const n = f32x4.sub(shifted, f32x4.splat(ROUND_MAGIC));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  // Horner steps as multiply-adds (fused in the relaxed-SIMD build).
  let p = f32x4.splat(1.9875691500e-4);
  p = mac(p, r, f32x4.splat(1.3981999507e-3));
  p = mac(p, r, f32x4.splat(8.3334519073e-3));
  p = mac(p, r, f32x4.splat(4.1665795894e-2));
  p = mac(p, r, f32x4.splat(1.6666665459e-1));
  p = mac(p, r, f32x4.splat(5.0000001201e-1));
  p = mac(f32x4.mul(p, r), r, f32x4.add(r, f32x4.splat(1.0)));
  const scale = i32x4.add(i32x4.shl(shifted, 23), i32x4.splat(127 << 23)); // 2^n: (n + 127) << 23
  return f32x4.mul(p, scale);
}

@inline function sigmoidV(x: v128): v128 {
  const one = f32x4.splat(1.0);
  return f32x4.div(one, f32x4.add(one, expV(f32x4.neg(x))));
}

// tanh(x) = 1 - 2 / (e^{2x} + 1): saturates cleanly to ±1, absolute error ~1e-7.
@inline function tanhV(x: v128): v128 {
  const one = f32x4.splat(1.0);
  return f32x4.sub(one, f32x4.div(f32x4.splat(2.0), f32x4.add(expV(f32x4.add(x, x)), one)));
}

@inline function actV(kind: i32, z: v128): v128 {
  if (kind == TANH) return tanhV(z);
  if (kind == SIGMOID) return sigmoidV(z);
  if (kind == HARD_SIGMOID) {
    // tfjs-layers: clipByValue(0.5 + 0.2 * x, 0, 1)
    const y = f32x4.add(f32x4.mul(z, f32x4.splat(0.2)), f32x4.splat(0.5));
    return f32x4.min(f32x4.max(y, f32x4.splat(0.0)), f32x4.splat(1.0));
  }
  if (kind == RELU) return f32x4.max(z, f32x4.splat(0.0));
  return z;
}

// d act(z) / dz, from the pre-activation z and the activation y = act(z) (whichever is cheaper),
// with the same conventions as the tfjs gradients (clipByValue passes the gradient at the bounds,
// relu's gradient at 0 is 0).
@inline function dActV(kind: i32, z: v128, y: v128): v128 {
  const one = f32x4.splat(1.0);
  if (kind == TANH) return f32x4.sub(one, f32x4.mul(y, y));
  if (kind == SIGMOID) return f32x4.mul(y, f32x4.sub(one, y));
  if (kind == HARD_SIGMOID) {
    const lin = f32x4.add(f32x4.mul(z, f32x4.splat(0.2)), f32x4.splat(0.5));
    const inside = v128.and(f32x4.ge(lin, f32x4.splat(0.0)), f32x4.le(lin, one));
    return v128.and(inside, f32x4.splat(0.2));
  }
  if (kind == RELU) return v128.and(f32x4.gt(z, f32x4.splat(0.0)), one);
  return one;
}

// Scalar twins of the above for row tails (lengths not divisible by 4): same formulas, lane 0.
@inline function act1(kind: i32, z: f32): f32 {
  return f32x4.extract_lane(actV(kind, f32x4.splat(z)), 0);
}
@inline function dAct1(kind: i32, z: f32, y: f32): f32 {
  return f32x4.extract_lane(dActV(kind, f32x4.splat(z), f32x4.splat(y)), 0);
}

// ---------------------------------------------------------------------------------------------
// c + a·b per lane. FMA is a compile-time constant (`--use FMA=1` in the relaxed-SIMD build):
// a fused multiply-add there, a multiply then an add otherwise.
@inline function mac(a: v128, b: v128, c: v128): v128 {
  return FMA ? f32x4.relaxed_madd(a, b, c) : f32x4.add(c, f32x4.mul(a, b));
}

// ---------------------------------------------------------------------------------------------
// GEMM: C[M,N] = A·B (acc = 0) or C += A·B (acc = 1).
// A's element (m, k) is at a + 4·(m·sAm + k·sAk), so one kernel serves A (sAm = K, sAk = 1) and
// Aᵀ stored row-major (sAm = 1, sAk = M). B is row-major with row stride ldb, C with ldc (elements).

@inline function fin(pc: usize, v: v128, acc: i32): void {
  v128.store(pc, acc ? f32x4.add(v128.load(pc), v) : v);
}

// C block of 4 rows × 8 columns in registers.
@inline function block4x8(K: i32, pa: usize, sam: usize, sak: usize, pb: usize, lb: usize, pc: usize, lc: usize, acc: i32): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const sam2 = sam + sam, sam3 = sam2 + sam;
  for (let k = 0; k < K; k++) {
    const b0 = v128.load(pb), b1 = v128.load(pb, 16);
    let x = v128.load32_splat(pa);
    c00 = mac(x, b0, c00); c01 = mac(x, b1, c01);
    x = v128.load32_splat(pa + sam);
    c10 = mac(x, b0, c10); c11 = mac(x, b1, c11);
    x = v128.load32_splat(pa + sam2);
    c20 = mac(x, b0, c20); c21 = mac(x, b1, c21);
    x = v128.load32_splat(pa + sam3);
    c30 = mac(x, b0, c30); c31 = mac(x, b1, c31);
    pa += sak; pb += lb;
  }
  fin(pc, c00, acc); fin(pc + 16, c01, acc);
  pc += lc; fin(pc, c10, acc); fin(pc + 16, c11, acc);
  pc += lc; fin(pc, c20, acc); fin(pc + 16, c21, acc);
  pc += lc; fin(pc, c30, acc); fin(pc + 16, c31, acc);
}

@inline function block4x4(K: i32, pa: usize, sam: usize, sak: usize, pb: usize, lb: usize, pc: usize, lc: usize, acc: i32): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  const sam2 = sam + sam, sam3 = sam2 + sam;
  for (let k = 0; k < K; k++) {
    const b0 = v128.load(pb);
    c0 = mac(v128.load32_splat(pa), b0, c0);
    c1 = mac(v128.load32_splat(pa + sam), b0, c1);
    c2 = mac(v128.load32_splat(pa + sam2), b0, c2);
    c3 = mac(v128.load32_splat(pa + sam3), b0, c3);
    pa += sak; pb += lb;
  }
  fin(pc, c0, acc); pc += lc; fin(pc, c1, acc); pc += lc; fin(pc, c2, acc); pc += lc; fin(pc, c3, acc);
}

@inline function block1x8(K: i32, pa: usize, sak: usize, pb: usize, lb: usize, pc: usize, acc: i32): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
  for (let k = 0; k < K; k++) {
    const x = v128.load32_splat(pa);
    c0 = mac(x, v128.load(pb), c0);
    c1 = mac(x, v128.load(pb, 16), c1);
    pa += sak; pb += lb;
  }
  fin(pc, c0, acc); fin(pc + 16, c1, acc);
}

@inline function block1x4(K: i32, pa: usize, sak: usize, pb: usize, lb: usize, pc: usize, acc: i32): void {
  let c0 = f32x4.splat(0);
  for (let k = 0; k < K; k++) {
    c0 = mac(v128.load32_splat(pa), v128.load(pb), c0);
    pa += sak; pb += lb;
  }
  fin(pc, c0, acc);
}

@inline function dot1(K: i32, pa: usize, sak: usize, pb: usize, lb: usize, pc: usize, acc: i32): void {
  let s: f32 = 0;
  for (let k = 0; k < K; k++) {
    s += load<f32>(pa) * load<f32>(pb);
    pa += sak; pb += lb;
  }
  store<f32>(pc, acc ? load<f32>(pc) + s : s);
}

// dot1 for four rows of A (at pa, pa + sam, …) against one column of B: four independent sums, so
// each add no longer waits for the one before it (a lone chain of adds is latency-bound: with one
// chain per element, a (160, 50, 400) product took 320 µs, with four 247). Each sum has dot1's
// products and adds in dot1's order, so C is bit-identical.
@inline function dot1x4Rows(K: i32, pa: usize, sam: usize, sak: usize, pb: usize, lb: usize, pc: usize, lc: usize, acc: i32): void {
  let s0: f32 = 0, s1: f32 = 0, s2: f32 = 0, s3: f32 = 0;
  const sam2 = sam + sam, sam3 = sam2 + sam;
  for (let k = 0; k < K; k++) {
    const bk = load<f32>(pb);
    s0 += load<f32>(pa) * bk;
    s1 += load<f32>(pa + sam) * bk;
    s2 += load<f32>(pa + sam2) * bk;
    s3 += load<f32>(pa + sam3) * bk;
    pa += sak; pb += lb;
  }
  store<f32>(pc, acc ? load<f32>(pc) + s0 : s0); pc += lc;
  store<f32>(pc, acc ? load<f32>(pc) + s1 : s1); pc += lc;
  store<f32>(pc, acc ? load<f32>(pc) + s2 : s2); pc += lc;
  store<f32>(pc, acc ? load<f32>(pc) + s3 : s3);
}

export function gemm(M: i32, N: i32, K: i32, a: usize, sAm: i32, sAk: i32, b: usize, ldb: i32, c: usize, ldc: i32, acc: i32): void {
  const sam = <usize>sAm << 2, sak = <usize>sAk << 2, lb = <usize>ldb << 2, lc = <usize>ldc << 2;
  let m = 0;
  for (; m + 4 <= M; m += 4) {
    const pa = a + <usize>m * sam, pc = c + <usize>m * lc;
    let n = 0;
    for (; n + 8 <= N; n += 8) block4x8(K, pa, sam, sak, b + (<usize>n << 2), lb, pc + (<usize>n << 2), lc, acc);
    if (n + 4 <= N) { block4x4(K, pa, sam, sak, b + (<usize>n << 2), lb, pc + (<usize>n << 2), lc, acc); n += 4; }
    for (; n < N; n++) dot1x4Rows(K, pa, sam, sak, b + (<usize>n << 2), lb, pc + (<usize>n << 2), lc, acc);
  }
  for (; m < M; m++) {
    const pa = a + <usize>m * sam, pc = c + <usize>m * lc;
    let n = 0;
    for (; n + 8 <= N; n += 8) block1x8(K, pa, sak, b + (<usize>n << 2), lb, pc + (<usize>n << 2), acc);
    if (n + 4 <= N) { block1x4(K, pa, sak, b + (<usize>n << 2), lb, pc + (<usize>n << 2), acc); n += 4; }
    for (; n < N; n++) dot1(K, pa, sak, b + (<usize>n << 2), lb, pc + (<usize>n << 2), acc);
  }
}

// GEMM for large products, blocked for the caches as in Goto & van de Geijn: B is cut into blocks
// of kc rows × nc columns, each packed into `work` as panels of 8 columns (kc rows of 8 contiguous
// floats), so that the 4x8 micro-kernel streams its panel from L1 and the whole block stays in L2
// while every 4-row strip of A passes over it. Without the packing each step of the micro-kernel
// touched 8 floats of a different B row (one cache line and TLB entry per row); without the kc
// blocking a panel of K rows outgrew L1. `work` holds kc·nc floats (then a strip of Aᵀ, below).
//
// transB = 1: B is given transposed, stored [N, K] with row stride ldb (a Linear's [out, in]
// weight in x·Wᵀ); the packing reads it in that layout, so it is never transposed as a whole.
// Columns past the last multiple of 8 are computed directly from B (`gemm`, or dot products).
function packPanels(kc: i32, nc: i32, b: usize, lb: usize, work: usize): void {
  for (let n = 0; n < nc; n += 8) {
    let src = b + (<usize>n << 2), dst = work + ((<usize>n * <usize>kc) << 2);
    for (let k = 0; k < kc; k++) {
      v128.store(dst, v128.load(src));
      v128.store(dst, v128.load(src, 16), 16);
      src += lb; dst += 32;
    }
  }
}

// The same panels from Bᵀ stored [N, K]: panel column j is row n + j of the stored matrix.
function packPanelsT(kc: i32, nc: i32, bT: usize, lbT: usize, work: usize): void {
  for (let n = 0; n < nc; n += 8) {
    const src = bT + <usize>n * lbT, dst = work + ((<usize>n * <usize>kc) << 2);
    for (let j = 0; j < 8; j++) {
      const row = src + <usize>j * lbT;
      for (let k = 0; k < kc; k++) store<f32>(dst + ((<usize>k << 5) | (<usize>j << 2)), load<f32>(row + (<usize>k << 2)));
    }
  }
}

// A strip of 4 rows of A over kc steps of k, from Aᵀ as stored ([K, M], row stride lak bytes): the
// strip's 4 values at each k are contiguous there, so the strip becomes kc × 4 contiguous floats.
function packStripT(kc: i32, src: usize, lak: usize, dst: usize): void {
  for (let k = 0; k < kc; k++) {
    v128.store(dst, v128.load(src));
    src += lak; dst += 16;
  }
}

// `work` holds kcMax·ncMax floats of B's panels, then 4·kcMax for a strip of Aᵀ.
export function gemmPacked(M: i32, N: i32, K: i32, a: usize, sAm: i32, sAk: i32, b: usize, ldb: i32, transB: i32, c: usize, ldc: i32,
                           acc: i32, work: usize, kcMax: i32, ncMax: i32): void {
  const sam = <usize>sAm << 2, sak = <usize>sAk << 2, lb = <usize>ldb << 2, lc = <usize>ldc << 2;
  const N8 = N & ~7;
  // Aᵀ as stored (a weight gradient dyᵀ·x): read in place, the micro-kernel's 4-row strip walks kc
  // rows M floats apart — with M a power of two they fall in a few L1 sets and evict each other
  // (dW shapes ran at ~70 % of the other shapes' speed). Each strip is copied to contiguous memory
  // first; the multiply-adds and their order are the same, so C is bit-identical.
  const stripT = sAm == 1 && sAk != 1;
  const strip = work + ((<usize>kcMax * <usize>ncMax) << 2);
  for (let n0 = 0; n0 < N8; n0 += ncMax) {
    const nc = min(ncMax, N8 - n0);
    for (let k0 = 0; k0 < K; k0 += kcMax) {
      const kc = min(kcMax, K - k0);
      if (transB) packPanelsT(kc, nc, b + <usize>n0 * lb + (<usize>k0 << 2), lb, work);
      else packPanels(kc, nc, b + <usize>k0 * lb + (<usize>n0 << 2), lb, work);
      const accK = acc || k0 > 0 ? 1 : 0; // later k blocks add to what the first wrote
      const ak = a + <usize>k0 * sak, cn = c + (<usize>n0 << 2);
      let m = 0;
      for (; m + 4 <= M; m += 4) {
        let pa = ak + <usize>m * sam, psam = sam, psak = sak;
        const pc = cn + <usize>m * lc;
        if (stripT) {
          packStripT(kc, pa, sak, strip);
          pa = strip; psam = 4; psak = 16;
        }
        for (let n = 0; n < nc; n += 8) block4x8(kc, pa, psam, psak, work + ((<usize>n * <usize>kc) << 2), 32, pc + (<usize>n << 2), lc, accK);
      }
      for (; m < M; m++) {
        const pa = ak + <usize>m * sam, pc = cn + <usize>m * lc;
        for (let n = 0; n < nc; n += 8) block1x8(kc, pa, sak, work + ((<usize>n * <usize>kc) << 2), 32, pc + (<usize>n << 2), accK);
      }
    }
  }
  if (N8 == N) return;
  if (!transB) {
    gemm(M, N - N8, K, a, sAm, sAk, b + (<usize>N8 << 2), ldb, c + (<usize>N8 << 2), ldc, acc);
    return;
  }
  let m = 0;
  for (; m + 4 <= M; m += 4) {
    for (let n = N8; n < N; n++) dot1x4Rows(K, a + <usize>m * sam, sam, sak, b + <usize>n * lb, 4, c + <usize>m * lc + (<usize>n << 2), lc, acc);
  }
  for (; m < M; m++) {
    for (let n = N8; n < N; n++) dot1(K, a + <usize>m * sam, sak, b + <usize>n * lb, 4, c + <usize>m * lc + (<usize>n << 2), acc);
  }
}

// gemmPacked over tasks of C claimed from a shared counter (an i32 at `counter`) until none are
// left: task t is C's rows — or columns, when `byColumns` (few rows: each task then packs only its
// own columns of B) — [table[t], table[t + 1]) of a table of count + 1 i32 bounds. The main thread
// copies each task's operands into this memory while the worker already computes: a task starts
// once the i32 at `ready` exceeds t. When its part of C is written, the worker sets the task's done
// flag (the i32 table[count + 1 + t]), so the main thread copies it out while others still compute.
// Run by the worker thread while the main thread claims tasks from the same counter, so a thread
// that starts late or runs slower simply does fewer. Every element of C is computed by one
// gemmPacked call over the same K blocks whoever claims it. Shared-memory builds only.
export function gemmPackedTasks(counter: usize, ready: usize, table: usize, count: i32, byColumns: i32, M: i32, N: i32, K: i32,
                                a: usize, sAm: i32, sAk: i32, b: usize, ldb: i32, transB: i32, c: usize, ldc: i32, work: usize,
                                kcMax: i32, ncMax: i32): void {
  if (ASC_FEATURE_THREADS) {
    for (;;) {
      const t = atomic.add<i32>(counter, 1);
      if (t >= count) return;
      // Its operands are still being copied in: poll a little, then sleep until `ready` moves (the
      // main thread notifies it; a 1 ms timeout re-checks) so that a machine with more threads than
      // free cores does not lose the copying thread's core to this one.
      for (let spins = 0; atomic.load<i32>(ready) <= t;) {
        const seen = atomic.load<i32>(ready);
        if (seen > t) break;
        if (++spins > 2000) atomic.wait<i32>(ready, seen, 1000000);
      }
      const i0 = load<i32>(table + (<usize>t << 2));
      const size = load<i32>(table + (<usize>(t + 1) << 2)) - i0;
      if (byColumns) {
        const bn = b + (transB ? <usize>i0 * (<usize>ldb << 2) : <usize>i0 << 2); // B's columns i0…: rows of Bᵀ
        gemmPacked(M, size, K, a, sAm, sAk, bn, ldb, transB, c + (<usize>i0 << 2), ldc, 0, work, kcMax, ncMax);
      } else {
        gemmPacked(size, N, K, a + <usize>i0 * (<usize>sAm << 2), sAm, sAk, b, ldb, transB, c + <usize>i0 * (<usize>ldc << 2), ldc, 0,
          work, kcMax, ncMax);
      }
      const done = table + (<usize>(count + 1 + t) << 2);
      atomic.store<i32>(done, 1);
      atomic.notify(done, 1); // the main thread may be asleep on it
    }
  } else {
    unreachable();
  }
}

// ---------------------------------------------------------------------------------------------
// GEMM with B transposed: C[M,N] = A·Bᵀ (acc = 0) or C += A·Bᵀ, where A is row-major [M,K] (row
// stride lda) and B row-major [N,K] (row stride ldb). Every element of C is the dot product of two
// contiguous rows, so B — a Linear's weight stored [out, in] — is read in place, never transposed.
// This is what one decoding step needs (M = 1: a matrix-vector product over every weight, bound by
// memory bandwidth); for large M, transposing B once and running `gemm` reuses registers better.

@inline function hsum(v: v128): f32 {
  const s = f32x4.add(v, i32x4.shuffle(v, v, 2, 3, 0, 1));
  return f32x4.extract_lane(f32x4.add(s, i32x4.shuffle(s, s, 1, 0, 3, 2)), 0);
}

@inline function put(pc: usize, s: f32, acc: i32): void {
  store<f32>(pc, acc ? load<f32>(pc) + s : s);
}

// Rows m, m+1 of A against rows n..n+3 of B: 8 dot products in 8 SIMD registers.
@inline function blockNT2x4(K: i32, pa: usize, la: usize, pb: usize, lb: usize, pc: usize, lc: usize, acc: i32): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c02 = f32x4.splat(0), c03 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0), c12 = f32x4.splat(0), c13 = f32x4.splat(0);
  const lb2 = lb + lb, lb3 = lb2 + lb;
  let k = 0;
  for (; k + 4 <= K; k += 4) {
    const o = <usize>k << 2;
    const a0 = v128.load(pa + o), a1 = v128.load(pa + la + o);
    let b = v128.load(pb + o);
    c00 = mac(a0, b, c00); c10 = mac(a1, b, c10);
    b = v128.load(pb + lb + o);
    c01 = mac(a0, b, c01); c11 = mac(a1, b, c11);
    b = v128.load(pb + lb2 + o);
    c02 = mac(a0, b, c02); c12 = mac(a1, b, c12);
    b = v128.load(pb + lb3 + o);
    c03 = mac(a0, b, c03); c13 = mac(a1, b, c13);
  }
  let s00 = hsum(c00), s01 = hsum(c01), s02 = hsum(c02), s03 = hsum(c03);
  let s10 = hsum(c10), s11 = hsum(c11), s12 = hsum(c12), s13 = hsum(c13);
  for (; k < K; k++) {
    const o = <usize>k << 2;
    const a0 = load<f32>(pa + o), a1 = load<f32>(pa + la + o);
    const b0 = load<f32>(pb + o), b1 = load<f32>(pb + lb + o), b2 = load<f32>(pb + lb2 + o), b3 = load<f32>(pb + lb3 + o);
    s00 += a0 * b0; s01 += a0 * b1; s02 += a0 * b2; s03 += a0 * b3;
    s10 += a1 * b0; s11 += a1 * b1; s12 += a1 * b2; s13 += a1 * b3;
  }
  put(pc, s00, acc); put(pc + 4, s01, acc); put(pc + 8, s02, acc); put(pc + 12, s03, acc);
  pc += lc;
  put(pc, s10, acc); put(pc + 4, s11, acc); put(pc + 8, s12, acc); put(pc + 12, s13, acc);
}

// One row of A against rows n..n+3 of B.
@inline function blockNT1x4(K: i32, pa: usize, pb: usize, lb: usize, pc: usize, acc: i32): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  const lb2 = lb + lb, lb3 = lb2 + lb;
  let k = 0;
  for (; k + 4 <= K; k += 4) {
    const o = <usize>k << 2;
    const a0 = v128.load(pa + o);
    c0 = mac(a0, v128.load(pb + o), c0);
    c1 = mac(a0, v128.load(pb + lb + o), c1);
    c2 = mac(a0, v128.load(pb + lb2 + o), c2);
    c3 = mac(a0, v128.load(pb + lb3 + o), c3);
  }
  let s0 = hsum(c0), s1 = hsum(c1), s2 = hsum(c2), s3 = hsum(c3);
  for (; k < K; k++) {
    const o = <usize>k << 2;
    const a0 = load<f32>(pa + o);
    s0 += a0 * load<f32>(pb + o); s1 += a0 * load<f32>(pb + lb + o);
    s2 += a0 * load<f32>(pb + lb2 + o); s3 += a0 * load<f32>(pb + lb3 + o);
  }
  put(pc, s0, acc); put(pc + 4, s1, acc); put(pc + 8, s2, acc); put(pc + 12, s3, acc);
}

// One row of A against rows n..n+7 of B: the decoding case (M = 1), where the product is bound by
// how fast B streams from memory; eight rows in flight read it ~18 % faster than four.
@inline function blockNT1x8(K: i32, pa: usize, pb: usize, lb: usize, pc: usize, acc: i32): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  let c4 = f32x4.splat(0), c5 = f32x4.splat(0), c6 = f32x4.splat(0), c7 = f32x4.splat(0);
  const lb2 = lb + lb, lb3 = lb2 + lb, lb4 = lb2 + lb2;
  let k = 0;
  for (; k + 4 <= K; k += 4) {
    const o = <usize>k << 2;
    const a0 = v128.load(pa + o);
    const p0 = pb + o, p4 = p0 + lb4;
    c0 = mac(a0, v128.load(p0), c0);
    c1 = mac(a0, v128.load(p0 + lb), c1);
    c2 = mac(a0, v128.load(p0 + lb2), c2);
    c3 = mac(a0, v128.load(p0 + lb3), c3);
    c4 = mac(a0, v128.load(p4), c4);
    c5 = mac(a0, v128.load(p4 + lb), c5);
    c6 = mac(a0, v128.load(p4 + lb2), c6);
    c7 = mac(a0, v128.load(p4 + lb3), c7);
  }
  let s0 = hsum(c0), s1 = hsum(c1), s2 = hsum(c2), s3 = hsum(c3);
  let s4 = hsum(c4), s5 = hsum(c5), s6 = hsum(c6), s7 = hsum(c7);
  for (; k < K; k++) {
    const o = <usize>k << 2;
    const a0 = load<f32>(pa + o), p0 = pb + o, p4 = p0 + lb4;
    s0 += a0 * load<f32>(p0); s1 += a0 * load<f32>(p0 + lb); s2 += a0 * load<f32>(p0 + lb2); s3 += a0 * load<f32>(p0 + lb3);
    s4 += a0 * load<f32>(p4); s5 += a0 * load<f32>(p4 + lb); s6 += a0 * load<f32>(p4 + lb2); s7 += a0 * load<f32>(p4 + lb3);
  }
  put(pc, s0, acc); put(pc + 4, s1, acc); put(pc + 8, s2, acc); put(pc + 12, s3, acc);
  put(pc + 16, s4, acc); put(pc + 20, s5, acc); put(pc + 24, s6, acc); put(pc + 28, s7, acc);
}

// One row of A against one row of B.
@inline function dotNT(K: i32, pa: usize, pb: usize, pc: usize, acc: i32): void {
  let c = f32x4.splat(0);
  let k = 0;
  for (; k + 4 <= K; k += 4) c = mac(v128.load(pa + (<usize>k << 2)), v128.load(pb + (<usize>k << 2)), c);
  let s = hsum(c);
  for (; k < K; k++) s += load<f32>(pa + (<usize>k << 2)) * load<f32>(pb + (<usize>k << 2));
  put(pc, s, acc);
}

export function gemmNT(M: i32, N: i32, K: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, acc: i32): void {
  const la = <usize>lda << 2, lb = <usize>ldb << 2, lc = <usize>ldc << 2;
  // B's rows are the outer loop: each block of 4 rows is read from memory once for all rows of A.
  let n = 0;
  if (M == 1) for (; n + 8 <= N; n += 8) blockNT1x8(K, a, b + <usize>n * lb, lb, c + (<usize>n << 2), acc);
  for (; n + 4 <= N; n += 4) {
    const pb = b + <usize>n * lb, pc = c + (<usize>n << 2);
    let m = 0;
    for (; m + 2 <= M; m += 2) blockNT2x4(K, a + <usize>m * la, la, pb, lb, pc + <usize>m * lc, lc, acc);
    if (m < M) blockNT1x4(K, a + <usize>m * la, pb, lb, pc + <usize>m * lc, acc);
  }
  for (; n < N; n++) {
    for (let m = 0; m < M; m++) dotNT(K, a + <usize>m * la, b + <usize>n * lb, c + <usize>m * lc + (<usize>n << 2), acc);
  }
}

// gemmNT tasks claimed from a shared counter (an i32 at `counter`) until none are left: a decoding
// step's matrix-vector products on every thread, each task a block of rows of one weight copied once
// into the shared memory. `tasks` holds `count` tasks of four i32: rows, B's address (rows of K
// floats), C's address, C's row stride (elements); A is M × K with row stride lda. One call can thus
// serve several weights that multiply the same A (q, k and v; gate and up): one hand-off for all.
// Every element of C is one dot product computed the same way whichever task or thread computes it,
// so C is bit-identical for any thread count. Shared-memory builds only.
export function gemmNTTasks(counter: usize, tasks: usize, count: i32, M: i32, K: i32, a: usize, lda: i32): void {
  if (ASC_FEATURE_THREADS) {
    for (;;) {
      const i = atomic.add<i32>(counter, 1);
      if (i >= count) return;
      const t = tasks + (<usize>i << 4);
      gemmNT(M, load<i32>(t), K, a, lda, <usize>load<u32>(t, 4), K, <usize>load<u32>(t, 8), load<i32>(t, 12), 0);
    }
  } else {
    unreachable();
  }
}

// dst[cols, rows] = src[rows, cols]ᵀ, src with row stride lds and dst with ldd (elements).
function transpose(rows: i32, cols: i32, src: usize, lds: i32, dst: usize, ldd: i32): void {
  for (let r = 0; r < rows; r++) {
    const ps = src + ((<usize>r * <usize>lds) << 2);
    for (let q = 0; q < cols; q++) store<f32>(dst + ((<usize>q * <usize>ldd + <usize>r) << 2), load<f32>(ps + (<usize>q << 2)));
  }
}

// C[m, :] = bias for every row (row stride ldc elements).
function fillRows(M: i32, N: i32, bias: usize, c: usize, ldc: i32): void {
  for (let m = 0; m < M; m++) memory.copy(c + ((<usize>m * <usize>ldc) << 2), bias, <usize>N << 2);
}

// out[n] = Σ_m A[m, n] (row stride lda elements), summed in row order.
function columnSums(M: i32, N: i32, a: usize, lda: i32, out: usize): void {
  memory.fill(out, 0, <usize>N << 2);
  for (let m = 0; m < M; m++) {
    const pa = a + ((<usize>m * <usize>lda) << 2);
    let n = 0;
    for (; n + 4 <= N; n += 4) {
      const po = out + (<usize>n << 2);
      v128.store(po, f32x4.add(v128.load(po), v128.load(pa + (<usize>n << 2))));
    }
    for (; n < N; n++) {
      const po = out + (<usize>n << 2);
      store<f32>(po, load<f32>(po) + load<f32>(pa + (<usize>n << 2)));
    }
  }
}

// Z[B·T, G] = X·W (+ bias): the input projection of every time step in one GEMM.
function inputProjection(BT: i32, E: i32, G: i32, x: usize, W: usize, bias: usize, Z: usize): void {
  if (bias) {
    fillRows(BT, G, bias, Z, G);
    gemm(BT, G, E, x, E, 1, W, G, Z, G, 1);
  } else {
    gemm(BT, G, E, x, E, 1, W, G, Z, G, 0);
  }
}

// Wᵀ [G, E] in the backward passes' scratch: rows of E rounded up to a multiple of 8 floats, from a
// 32-byte boundary. With E = 50 the rows of an unpadded Wᵀ start 200 bytes apart, so the GEMM's
// pairs of 16-byte loads (8 floats of B) keep straddling cache lines: dX = dZ·Wᵀ on (160, 50, 400)
// took 244 µs with stride 50, 185 with 56. The scratch sizes in rnn/fused_rnn_op.ts
// (backwardScratchFloats) count G rows of this stride and 8 floats for the alignment.
@inline function paddedStride(E: i32): i32 {
  return (E + 7) & ~7;
}
@inline function align32(p: usize): usize {
  return (p + 31) & ~(<usize>31);
}

// Weight gradients shared by all three cells:
// dW = Xᵀ·dZ, db = Σ dZ, dX = dZ·Wᵀ (WT is scratch for Wᵀ, G rows of paddedStride(E) floats).
function inputGradients(BT: i32, E: i32, G: i32, x: usize, W: usize, dZ: usize, dx: usize, dW: usize, db: usize, WT: usize): void {
  if (dW) gemm(E, G, BT, x, 1, E, dZ, G, dW, G, 0);
  if (db) columnSums(BT, G, dZ, G, db);
  if (dx) {
    const ldt = paddedStride(E);
    transpose(E, G, W, G, WT, ldt);
    gemm(BT, E, G, dZ, G, 1, WT, ldt, dx, E, 0);
  }
}

// Hprev[b·T + t, :] = h_{t-1} of batch row b (h0 or zeros at t = 0).
function previousStates(B: i32, T: i32, H: i32, Hs: usize, h0: usize, Hprev: usize): void {
  const rowBytes = <usize>H << 2;
  for (let b = 0; b < B; b++) {
    const dst = Hprev + <usize>(b * T) * rowBytes;
    if (h0) memory.copy(dst, h0 + <usize>b * rowBytes, rowBytes);
    else memory.fill(dst, 0, rowBytes);
    if (T > 1) memory.copy(dst + rowBytes, Hs + <usize>(b * T) * rowBytes, <usize>(T - 1) * rowBytes);
  }
}

// dh[b, :] += upstream gradients for time step t: the output sequence (dY, one row per step when
// seq = 1, else only the last output row) and the final state (dhT), each with its own row stride.
function addUpstream(B: i32, T: i32, H: i32, t: i32, dh: usize, dY: usize, dYStride: i32, seq: i32, dhT: usize, dhTStride: i32): void {
  for (let b = 0; b < B; b++) {
    const pd = dh + ((<usize>b * <usize>H) << 2);
    if (dY && (seq || t == T - 1)) addRow(H, pd, dY + ((<usize>b * <usize>dYStride + <usize>(seq ? t : 0) * <usize>H) << 2));
    if (dhT && t == T - 1) addRow(H, pd, dhT + ((<usize>b * <usize>dhTStride) << 2));
  }
}

@inline function addRow(H: i32, dst: usize, src: usize): void {
  let j = 0;
  for (; j + 4 <= H; j += 4) {
    const p = dst + (<usize>j << 2);
    v128.store(p, f32x4.add(v128.load(p), v128.load(src + (<usize>j << 2))));
  }
  for (; j < H; j++) {
    const p = dst + (<usize>j << 2);
    store<f32>(p, load<f32>(p) + load<f32>(src + (<usize>j << 2)));
  }
}

// ---------------------------------------------------------------------------------------------
// SimpleRNN: h_t = act(x_t·W + b + h_{t-1}·U).
// Workspace: Hs [B,T,H] (h_t), Z [B,T,H] (pre-activations).

export function rnnForward(B: i32, T: i32, E: i32, H: i32, x: usize, W: usize, U: usize, bias: usize, h0: usize,
                           act: i32, Hs: usize, Z: usize): void {
  inputProjection(B * T, E, H, x, W, bias, Z);
  const TH = T * H;
  for (let t = 0; t < T; t++) {
    const Zt = Z + ((<usize>t * <usize>H) << 2);
    if (t > 0) gemm(B, H, H, Hs + ((<usize>(t - 1) * <usize>H) << 2), TH, 1, U, H, Zt, TH, 1);
    else if (h0) gemm(B, H, H, h0, H, 1, U, H, Zt, TH, 1);
    for (let b = 0; b < B; b++) {
      const off = (<usize>(b * T + t) * <usize>H) << 2;
      let j = 0;
      for (; j + 4 <= H; j += 4) {
        const o = off + (<usize>j << 2);
        v128.store(Hs + o, actV(act, v128.load(Z + o)));
      }
      for (; j < H; j++) {
        const o = off + (<usize>j << 2);
        store<f32>(Hs + o, act1(act, load<f32>(Z + o)));
      }
    }
  }
}

// scratch: (B·T·H + B·H + H·H + 8 + H·E8 + B·T·H) floats, E8 = paddedStride(E).
export function rnnBackward(B: i32, T: i32, E: i32, H: i32, x: usize, W: usize, U: usize, h0: usize, act: i32,
                            Hs: usize, Z: usize,
                            dY: usize, dYStride: i32, seq: i32, dhT: usize, dhTStride: i32,
                            dx: usize, dW: usize, dU: usize, db: usize, dh0: usize, scratch: usize): void {
  const BT = B * T, TH = T * H;
  const dZ = scratch;
  const dh = dZ + ((<usize>BT * <usize>H) << 2);
  const UT = dh + ((<usize>B * <usize>H) << 2);
  const WT = align32(UT + ((<usize>H * <usize>H) << 2));
  const Hprev = WT + ((<usize>H * <usize>paddedStride(E)) << 2);
  transpose(H, H, U, H, UT, H);
  memory.fill(dh, 0, (<usize>B * <usize>H) << 2);
  for (let t = T - 1; t >= 0; t--) {
    addUpstream(B, T, H, t, dh, dY, dYStride, seq, dhT, dhTStride);
    for (let b = 0; b < B; b++) {
      const off = (<usize>(b * T + t) * <usize>H) << 2, pd = dh + ((<usize>b * <usize>H) << 2);
      let j = 0;
      for (; j + 4 <= H; j += 4) {
        const o = off + (<usize>j << 2), q = <usize>j << 2;
        v128.store(dZ + o, f32x4.mul(v128.load(pd + q), dActV(act, v128.load(Z + o), v128.load(Hs + o))));
      }
      for (; j < H; j++) {
        const o = off + (<usize>j << 2), q = <usize>j << 2;
        store<f32>(dZ + o, load<f32>(pd + q) * dAct1(act, load<f32>(Z + o), load<f32>(Hs + o)));
      }
    }
    // dh_{t-1} = dZ_t · Uᵀ
    if (t > 0 || dh0) gemm(B, H, H, dZ + ((<usize>t * <usize>H) << 2), TH, 1, UT, H, dh, H, 0);
  }
  if (dh0) memory.copy(dh0, dh, (<usize>B * <usize>H) << 2);
  if (dU) {
    previousStates(B, T, H, Hs, h0, Hprev);
    gemm(H, H, BT, Hprev, 1, H, dZ, H, dU, H, 0);
  }
  inputGradients(BT, E, H, x, W, dZ, dx, dW, db, WT);
}

// ---------------------------------------------------------------------------------------------
// LSTM (tfjs-layers LSTMCell, gates i, f, c, o along the last axis of W, U and b):
//   z = x_t·W + h_{t-1}·U + b;  i = σ(z_i), f = σ(z_f), g = act(z_c), o = σ(z_o)
//   c_t = f·c_{t-1} + i·g;       h_t = o·act(c_t)          (σ = recurrent activation)
// Workspace: Hs, Cs, ACs (act(c_t)) [B,T,H]; Z (pre-activations), A (activations) [B,T,4H].

export function lstmForward(B: i32, T: i32, E: i32, H: i32, x: usize, W: usize, U: usize, bias: usize, h0: usize, c0: usize,
                            act: i32, recAct: i32, Hs: usize, Cs: usize, ACs: usize, Z: usize, A: usize): void {
  const G = 4 * H, TG = T * G, TH = T * H;
  inputProjection(B * T, E, G, x, W, bias, Z);
  const hb = <usize>H << 2;
  for (let t = 0; t < T; t++) {
    const Zt = Z + ((<usize>t * <usize>G) << 2);
    if (t > 0) gemm(B, G, H, Hs + ((<usize>(t - 1) * <usize>H) << 2), TH, 1, U, G, Zt, TG, 1);
    else if (h0) gemm(B, G, H, h0, H, 1, U, G, Zt, TG, 1);
    for (let b = 0; b < B; b++) {
      const r = b * T + t;
      const zo = (<usize>r * <usize>G) << 2, ho = (<usize>r * <usize>H) << 2;
      const cPrev: usize = t > 0 ? Cs + ho - hb : (c0 ? c0 + ((<usize>b * <usize>H) << 2) : 0);
      let j = 0;
      for (; j + 4 <= H; j += 4) {
        const q = <usize>j << 2, pz = Z + zo + q, pa = A + zo + q;
        const i = actV(recAct, v128.load(pz));
        const f = actV(recAct, v128.load(pz + hb));
        const g = actV(act, v128.load(pz + 2 * hb));
        const o = actV(recAct, v128.load(pz + 3 * hb));
        v128.store(pa, i); v128.store(pa + hb, f); v128.store(pa + 2 * hb, g); v128.store(pa + 3 * hb, o);
        const cp = cPrev ? v128.load(cPrev + q) : f32x4.splat(0);
        const c = f32x4.add(f32x4.mul(f, cp), f32x4.mul(i, g));
        const ac = actV(act, c);
        v128.store(Cs + ho + q, c); v128.store(ACs + ho + q, ac);
        v128.store(Hs + ho + q, f32x4.mul(o, ac));
      }
      for (; j < H; j++) {
        const q = <usize>j << 2, pz = Z + zo + q, pa = A + zo + q;
        const i = act1(recAct, load<f32>(pz));
        const f = act1(recAct, load<f32>(pz + hb));
        const g = act1(act, load<f32>(pz + 2 * hb));
        const o = act1(recAct, load<f32>(pz + 3 * hb));
        store<f32>(pa, i); store<f32>(pa + hb, f); store<f32>(pa + 2 * hb, g); store<f32>(pa + 3 * hb, o);
        const cp: f32 = cPrev ? load<f32>(cPrev + q) : 0;
        const c = f * cp + i * g;
        const ac = act1(act, c);
        store<f32>(Cs + ho + q, c); store<f32>(ACs + ho + q, ac);
        store<f32>(Hs + ho + q, o * ac);
      }
    }
  }
}

// scratch: (B·T·4H + 2·B·H + 4H·H + 8 + 4H·E8 + B·T·H) floats, E8 = paddedStride(E).
export function lstmBackward(B: i32, T: i32, E: i32, H: i32, x: usize, W: usize, U: usize, h0: usize, c0: usize,
                             act: i32, recAct: i32, Hs: usize, Cs: usize, ACs: usize, Z: usize, A: usize,
                             dY: usize, dYStride: i32, seq: i32, dhT: usize, dhTStride: i32, dcT: usize, dcTStride: i32,
                             dx: usize, dW: usize, dU: usize, db: usize, dh0: usize, dc0: usize, scratch: usize): void {
  const G = 4 * H, BT = B * T, TG = T * G;
  const hb = <usize>H << 2;
  const dZ = scratch;
  const dh = dZ + ((<usize>BT * <usize>G) << 2);
  const dc = dh + ((<usize>B * <usize>H) << 2);
  const UT = dc + ((<usize>B * <usize>H) << 2);
  const WT = align32(UT + ((<usize>G * <usize>H) << 2));
  const Hprev = WT + ((<usize>G * <usize>paddedStride(E)) << 2);
  transpose(H, G, U, G, UT, H);
  memory.fill(dh, 0, (<usize>B * <usize>H) << 2);
  for (let b = 0; b < B; b++) {
    const pd = dc + ((<usize>b * <usize>H) << 2);
    if (dcT) memory.copy(pd, dcT + ((<usize>b * <usize>dcTStride) << 2), hb);
    else memory.fill(pd, 0, hb);
  }
  for (let t = T - 1; t >= 0; t--) {
    addUpstream(B, T, H, t, dh, dY, dYStride, seq, dhT, dhTStride);
    for (let b = 0; b < B; b++) {
      const r = b * T + t;
      const zo = (<usize>r * <usize>G) << 2, ho = (<usize>r * <usize>H) << 2, so = (<usize>b * <usize>H) << 2;
      const cPrev: usize = t > 0 ? Cs + ho - hb : (c0 ? c0 + so : 0);
      let j = 0;
      for (; j + 4 <= H; j += 4) {
        const q = <usize>j << 2, pz = Z + zo + q, pa = A + zo + q, pdz = dZ + zo + q;
        const dhv = v128.load(dh + so + q);
        const i = v128.load(pa), f = v128.load(pa + hb), g = v128.load(pa + 2 * hb), o = v128.load(pa + 3 * hb);
        const ac = v128.load(ACs + ho + q);
        const dO = f32x4.mul(dhv, ac);
        const dC = f32x4.add(v128.load(dc + so + q),
          f32x4.mul(f32x4.mul(dhv, o), dActV(act, v128.load(Cs + ho + q), ac)));
        const cp = cPrev ? v128.load(cPrev + q) : f32x4.splat(0);
        v128.store(pdz, f32x4.mul(f32x4.mul(dC, g), dActV(recAct, v128.load(pz), i)));
        v128.store(pdz + hb, f32x4.mul(f32x4.mul(dC, cp), dActV(recAct, v128.load(pz + hb), f)));
        v128.store(pdz + 2 * hb, f32x4.mul(f32x4.mul(dC, i), dActV(act, v128.load(pz + 2 * hb), g)));
        v128.store(pdz + 3 * hb, f32x4.mul(dO, dActV(recAct, v128.load(pz + 3 * hb), o)));
        v128.store(dc + so + q, f32x4.mul(dC, f));
      }
      for (; j < H; j++) {
        const q = <usize>j << 2, pz = Z + zo + q, pa = A + zo + q, pdz = dZ + zo + q;
        const dhv = load<f32>(dh + so + q);
        const i = load<f32>(pa), f = load<f32>(pa + hb), g = load<f32>(pa + 2 * hb), o = load<f32>(pa + 3 * hb);
        const ac = load<f32>(ACs + ho + q);
        const dO = dhv * ac;
        const dC = load<f32>(dc + so + q) + dhv * o * dAct1(act, load<f32>(Cs + ho + q), ac);
        const cp: f32 = cPrev ? load<f32>(cPrev + q) : 0;
        store<f32>(pdz, dC * g * dAct1(recAct, load<f32>(pz), i));
        store<f32>(pdz + hb, dC * cp * dAct1(recAct, load<f32>(pz + hb), f));
        store<f32>(pdz + 2 * hb, dC * i * dAct1(act, load<f32>(pz + 2 * hb), g));
        store<f32>(pdz + 3 * hb, dO * dAct1(recAct, load<f32>(pz + 3 * hb), o));
        store<f32>(dc + so + q, dC * f);
      }
    }
    // dh_{t-1} = dZ_t · Uᵀ
    if (t > 0 || dh0) gemm(B, H, G, dZ + ((<usize>t * <usize>G) << 2), TG, 1, UT, H, dh, H, 0);
  }
  if (dh0) memory.copy(dh0, dh, (<usize>B * <usize>H) << 2);
  if (dc0) memory.copy(dc0, dc, (<usize>B * <usize>H) << 2);
  if (dU) {
    previousStates(B, T, H, Hs, h0, Hprev);
    gemm(H, G, BT, Hprev, 1, H, dZ, G, dU, G, 0);
  }
  inputGradients(BT, E, G, x, W, dZ, dx, dW, db, WT);
}

// ---------------------------------------------------------------------------------------------
// GRU (tfjs-layers GRUCell: gates z, r, h; the reset gate multiplies h_{t-1} before its matmul):
//   z = σ(x_z + h_{t-1}·U_z), r = σ(x_r + h_{t-1}·U_r), ĥ = act(x_h + (r·h_{t-1})·U_h)
//   h_t = z·h_{t-1} + (1 - z)·ĥ                 where x_* = x_t·W_* + b_*
// Workspace: Hs, RH (r·h_{t-1}) [B,T,H]; Z (pre-activations), A (activations) [B,T,3H].

export function gruForward(B: i32, T: i32, E: i32, H: i32, x: usize, W: usize, U: usize, bias: usize, h0: usize,
                           act: i32, recAct: i32, Hs: usize, RH: usize, Z: usize, A: usize): void {
  const G = 3 * H, TG = T * G, TH = T * H;
  const hb = <usize>H << 2;
  inputProjection(B * T, E, G, x, W, bias, Z);
  for (let t = 0; t < T; t++) {
    const Zt = Z + ((<usize>t * <usize>G) << 2);
    const hasPrev = t > 0 || h0 != 0;
    const prevBase: usize = t > 0 ? Hs + ((<usize>(t - 1) * <usize>H) << 2) : h0;
    const prevStride = t > 0 ? TH : H;
    if (hasPrev) gemm(B, 2 * H, H, prevBase, prevStride, 1, U, G, Zt, TG, 1);
    for (let b = 0; b < B; b++) {
      const r = b * T + t;
      const zo = (<usize>r * <usize>G) << 2, ho = (<usize>r * <usize>H) << 2;
      const hPrev: usize = hasPrev ? prevBase + ((<usize>b * <usize>prevStride) << 2) : 0;
      let j = 0;
      for (; j + 4 <= H; j += 4) {
        const q = <usize>j << 2, pz = Z + zo + q, pa = A + zo + q;
        const z = actV(recAct, v128.load(pz)), rr = actV(recAct, v128.load(pz + hb));
        v128.store(pa, z); v128.store(pa + hb, rr);
        v128.store(RH + ho + q, hPrev ? f32x4.mul(rr, v128.load(hPrev + q)) : f32x4.splat(0));
      }
      for (; j < H; j++) {
        const q = <usize>j << 2, pz = Z + zo + q, pa = A + zo + q;
        const z = act1(recAct, load<f32>(pz)), rr = act1(recAct, load<f32>(pz + hb));
        store<f32>(pa, z); store<f32>(pa + hb, rr);
        store<f32>(RH + ho + q, hPrev ? rr * load<f32>(hPrev + q) : 0);
      }
    }
    if (hasPrev) gemm(B, H, H, RH + ((<usize>t * <usize>H) << 2), TH, 1, U + 2 * hb, G, Zt + 2 * hb, TG, 1);
    for (let b = 0; b < B; b++) {
      const r = b * T + t;
      const zo = (<usize>r * <usize>G) << 2, ho = (<usize>r * <usize>H) << 2;
      const hPrev: usize = hasPrev ? prevBase + ((<usize>b * <usize>prevStride) << 2) : 0;
      let j = 0;
      for (; j + 4 <= H; j += 4) {
        const q = <usize>j << 2, pz = Z + zo + q, pa = A + zo + q;
        const hh = actV(act, v128.load(pz + 2 * hb));
        v128.store(pa + 2 * hb, hh);
        const z = v128.load(pa);
        const hp = hPrev ? v128.load(hPrev + q) : f32x4.splat(0);
        v128.store(Hs + ho + q, f32x4.add(f32x4.mul(z, hp), f32x4.mul(f32x4.sub(f32x4.splat(1), z), hh)));
      }
      for (; j < H; j++) {
        const q = <usize>j << 2, pz = Z + zo + q, pa = A + zo + q;
        const hh = act1(act, load<f32>(pz + 2 * hb));
        store<f32>(pa + 2 * hb, hh);
        const z = load<f32>(pa);
        const hp: f32 = hPrev ? load<f32>(hPrev + q) : 0;
        store<f32>(Hs + ho + q, z * hp + (1 - z) * hh);
      }
    }
  }
}

// scratch: (B·T·3H + 2·B·H + 3H·H + 8 + 3H·E8 + B·T·H) floats, E8 = paddedStride(E).
export function gruBackward(B: i32, T: i32, E: i32, H: i32, x: usize, W: usize, U: usize, h0: usize,
                            act: i32, recAct: i32, Hs: usize, RH: usize, Z: usize, A: usize,
                            dY: usize, dYStride: i32, seq: i32, dhT: usize, dhTStride: i32,
                            dx: usize, dW: usize, dU: usize, db: usize, dh0: usize, scratch: usize): void {
  const G = 3 * H, BT = B * T, TG = T * G, TH = T * H;
  const hb = <usize>H << 2;
  const dZ = scratch;
  const dh = dZ + ((<usize>BT * <usize>G) << 2);
  const dRH = dh + ((<usize>B * <usize>H) << 2);
  const UT = dRH + ((<usize>B * <usize>H) << 2);        // [3H, H]: rows 0..2H = U_zrᵀ, rows 2H..3H = U_hᵀ
  const WT = align32(UT + ((<usize>G * <usize>H) << 2));
  const Hprev = WT + ((<usize>G * <usize>paddedStride(E)) << 2);
  transpose(H, G, U, G, UT, H);
  const UhT = UT + ((<usize>(2 * H) * <usize>H) << 2);
  memory.fill(dh, 0, (<usize>B * <usize>H) << 2);
  for (let t = T - 1; t >= 0; t--) {
    addUpstream(B, T, H, t, dh, dY, dYStride, seq, dhT, dhTStride);
    const hasPrev = t > 0 || h0 != 0;
    const prevBase: usize = t > 0 ? Hs + ((<usize>(t - 1) * <usize>H) << 2) : h0;
    const prevStride = t > 0 ? TH : H;
    // Candidate gate first: its gradient feeds the reset gate through (r·h_{t-1})·U_h.
    for (let b = 0; b < B; b++) {
      const r = b * T + t;
      const zo = (<usize>r * <usize>G) << 2, so = (<usize>b * <usize>H) << 2;
      let j = 0;
      for (; j + 4 <= H; j += 4) {
        const q = <usize>j << 2, pz = Z + zo + q, pa = A + zo + q;
        const z = v128.load(pa), hh = v128.load(pa + 2 * hb);
        const dHH = f32x4.mul(v128.load(dh + so + q), f32x4.sub(f32x4.splat(1), z));
        v128.store(dZ + zo + q + 2 * hb, f32x4.mul(dHH, dActV(act, v128.load(pz + 2 * hb), hh)));
      }
      for (; j < H; j++) {
        const q = <usize>j << 2, pz = Z + zo + q, pa = A + zo + q;
        const z = load<f32>(pa), hh = load<f32>(pa + 2 * hb);
        const dHH = load<f32>(dh + so + q) * (1 - z);
        store<f32>(dZ + zo + q + 2 * hb, dHH * dAct1(act, load<f32>(pz + 2 * hb), hh));
      }
    }
    const dZt = dZ + ((<usize>t * <usize>G) << 2);
    if (hasPrev) gemm(B, H, H, dZt + 2 * hb, TG, 1, UhT, H, dRH, H, 0);   // d(r·h_{t-1})
    for (let b = 0; b < B; b++) {
      const r = b * T + t;
      const zo = (<usize>r * <usize>G) << 2, so = (<usize>b * <usize>H) << 2;
      const hPrev: usize = hasPrev ? prevBase + ((<usize>b * <usize>prevStride) << 2) : 0;
      let j = 0;
      for (; j + 4 <= H; j += 4) {
        const q = <usize>j << 2, pz = Z + zo + q, pa = A + zo + q;
        const z = v128.load(pa), rr = v128.load(pa + hb), hh = v128.load(pa + 2 * hb);
        const hp = hPrev ? v128.load(hPrev + q) : f32x4.splat(0);
        const drh = hPrev ? v128.load(dRH + so + q) : f32x4.splat(0);
        const dhv = v128.load(dh + so + q);
        v128.store(dZ + zo + q, f32x4.mul(f32x4.mul(dhv, f32x4.sub(hp, hh)), dActV(recAct, v128.load(pz), z)));
        v128.store(dZ + zo + q + hb, f32x4.mul(f32x4.mul(drh, hp), dActV(recAct, v128.load(pz + hb), rr)));
        v128.store(dh + so + q, f32x4.add(f32x4.mul(dhv, z), f32x4.mul(drh, rr)));
      }
      for (; j < H; j++) {
        const q = <usize>j << 2, pz = Z + zo + q, pa = A + zo + q;
        const z = load<f32>(pa), rr = load<f32>(pa + hb), hh = load<f32>(pa + 2 * hb);
        const hp: f32 = hPrev ? load<f32>(hPrev + q) : 0;
        const drh: f32 = hPrev ? load<f32>(dRH + so + q) : 0;
        const dhv = load<f32>(dh + so + q);
        store<f32>(dZ + zo + q, dhv * (hp - hh) * dAct1(recAct, load<f32>(pz), z));
        store<f32>(dZ + zo + q + hb, drh * hp * dAct1(recAct, load<f32>(pz + hb), rr));
        store<f32>(dh + so + q, dhv * z + drh * rr);
      }
    }
    // dh_{t-1} += [dZ_z, dZ_r] · U_zrᵀ
    if (hasPrev) gemm(B, H, 2 * H, dZt, TG, 1, UT, H, dh, H, 1);
  }
  if (dh0) memory.copy(dh0, dh, (<usize>B * <usize>H) << 2);
  if (dU) {
    previousStates(B, T, H, Hs, h0, Hprev);
    gemm(H, 2 * H, BT, Hprev, 1, H, dZ, G, dU, G, 0);
    gemm(H, H, BT, RH, 1, H, dZ + 2 * hb, G, dU + 2 * hb, G, 0);
  }
  inputGradients(BT, E, G, x, W, dZ, dx, dW, db, WT);
}

// ---------------------------------------------------------------------------------------------
// Adam: m' = β1·m + (1-β1)·g; v' = β2·v + (1-β2)·g²;
// p' = (m' / (1-β1ᵗ)) / (sqrt(v' / (1-β2ᵗ)) + ε) · (-lr) + p.   Outputs may alias the inputs.
// The float32 scalars are computed by the caller exactly as tfjs-core's AdamOptimizer computes them,
// and the operation order is the same, so the results equal tf.train.adam's bit for bit.
export function adam(n: i32, p: usize, g: usize, m: usize, v: usize, pOut: usize, mOut: usize, vOut: usize,
                     negLr: f32, beta1: f32, oneMinusBeta1: f32, beta2: f32, oneMinusBeta2: f32,
                     oneMinusAccBeta1: f32, oneMinusAccBeta2: f32, eps: f32): void {
  const vb1 = f32x4.splat(beta1), vc1 = f32x4.splat(oneMinusBeta1), vb2 = f32x4.splat(beta2), vc2 = f32x4.splat(oneMinusBeta2);
  const va1 = f32x4.splat(oneMinusAccBeta1), va2 = f32x4.splat(oneMinusAccBeta2), ve = f32x4.splat(eps), vlr = f32x4.splat(negLr);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const gv = v128.load(g + o);
    const mNew = f32x4.add(f32x4.mul(v128.load(m + o), vb1), f32x4.mul(gv, vc1));
    const vNew = f32x4.add(f32x4.mul(v128.load(v + o), vb2), f32x4.mul(f32x4.mul(gv, gv), vc2));
    const step = f32x4.div(f32x4.div(mNew, va1), f32x4.add(f32x4.sqrt(f32x4.div(vNew, va2)), ve));
    v128.store(pOut + o, f32x4.add(f32x4.mul(step, vlr), v128.load(p + o)));
    v128.store(mOut + o, mNew);
    v128.store(vOut + o, vNew);
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const gv = load<f32>(g + o);
    const mNew = load<f32>(m + o) * beta1 + gv * oneMinusBeta1;
    const vNew = load<f32>(v + o) * beta2 + gv * gv * oneMinusBeta2;
    const step = (mNew / oneMinusAccBeta1) / (sqrt<f32>(vNew / oneMinusAccBeta2) + eps);
    store<f32>(pOut + o, step * negLr + load<f32>(p + o));
    store<f32>(mOut + o, mNew);
    store<f32>(vOut + o, vNew);
  }
}

// ---------------------------------------------------------------------------------------------
// Epilogue of a fused matmul (tfjs _FusedMatMul): C[m, :] = act(C[m, :] + bias) in place.
// bias: 0 (none), or N values (biasStride 1), or one value (biasStride 0).
// Activations: the codes above plus RELU6 = 5, ELU = 6, LEAKY_RELU = 7 (slope alpha).
const RELU6: i32 = 5;
const ELU: i32 = 6;
const LEAKY_RELU: i32 = 7;

@inline function epilogueV(kind: i32, x: v128, alpha: f32): v128 {
  const zero = f32x4.splat(0);
  if (kind == RELU6) return f32x4.min(f32x4.max(x, zero), f32x4.splat(6));
  if (kind == ELU) return v128.bitselect(x, f32x4.sub(expV(x), f32x4.splat(1)), f32x4.gt(x, zero));
  if (kind == LEAKY_RELU) return v128.bitselect(x, f32x4.mul(x, f32x4.splat(alpha)), f32x4.gt(x, zero));
  return actV(kind, x);
}

export function biasActivation(M: i32, N: i32, c: usize, bias: usize, biasStride: i32, act: i32, alpha: f32): void {
  for (let m = 0; m < M; m++) {
    const row = c + ((<usize>m * <usize>N) << 2);
    let n = 0;
    for (; n + 4 <= N; n += 4) {
      const p = row + (<usize>n << 2);
      let x = v128.load(p);
      if (bias) x = f32x4.add(x, biasStride ? v128.load(bias + (<usize>n << 2)) : v128.load32_splat(bias));
      v128.store(p, epilogueV(act, x, alpha));
    }
    for (; n < N; n++) {
      const p = row + (<usize>n << 2);
      let x = load<f32>(p);
      if (bias) x += load<f32>(bias + (biasStride ? <usize>n << 2 : 0));
      store<f32>(p, f32x4.extract_lane(epilogueV(act, f32x4.splat(x), alpha), 0));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// LayerNorm over rows of d features (Ba et al. 2016), as torch.nn.LayerNorm: mean, population
// variance, y = (x − mean)·rstd·γ + β with rstd = 1/√(var + ε). stats[2r], stats[2r + 1] keep each
// row's mean and rstd for the backward pass. beta = 0: no β.
export function layerNormRows(rows: i32, d: i32, x: usize, gamma: usize, beta: usize, eps: f32, y: usize, stats: usize): void {
  const rowBytes = <usize>d << 2;
  const invD: f32 = 1 / <f32>d;
  for (let r = 0; r < rows; r++) {
    const xr = x + <usize>r * rowBytes, yr = y + <usize>r * rowBytes;
    let sv = f32x4.splat(0);
    let j = 0;
    for (; j + 4 <= d; j += 4) sv = f32x4.add(sv, v128.load(xr + (<usize>j << 2)));
    let sum = hsum(sv);
    for (; j < d; j++) sum += load<f32>(xr + (<usize>j << 2));
    const mean = sum * invD;
    const mv = f32x4.splat(mean);
    let qv = f32x4.splat(0);
    j = 0;
    for (; j + 4 <= d; j += 4) {
      const c = f32x4.sub(v128.load(xr + (<usize>j << 2)), mv);
      qv = f32x4.add(qv, f32x4.mul(c, c));
    }
    let sq = hsum(qv);
    for (; j < d; j++) {
      const c = load<f32>(xr + (<usize>j << 2)) - mean;
      sq += c * c;
    }
    const rstd: f32 = 1 / Mathf.sqrt(sq * invD + eps);
    const rv = f32x4.splat(rstd);
    j = 0;
    for (; j + 4 <= d; j += 4) {
      const o = <usize>j << 2;
      let v = f32x4.mul(f32x4.mul(f32x4.sub(v128.load(xr + o), mv), rv), v128.load(gamma + o));
      if (beta) v = f32x4.add(v, v128.load(beta + o));
      v128.store(yr + o, v);
    }
    for (; j < d; j++) {
      const o = <usize>j << 2;
      let v = (load<f32>(xr + o) - mean) * rstd * load<f32>(gamma + o);
      if (beta) v += load<f32>(beta + o);
      store<f32>(yr + o, v);
    }
    store<f32>(stats + (<usize>r << 3), mean);
    store<f32>(stats + (<usize>r << 3) + 4, rstd);
  }
}

// Its gradient. With x̂ = (x − mean)·rstd and g = dy·γ:
//   dx = rstd·(g − mean(g) − x̂·mean(g·x̂)),  dγ = Σ_rows dy·x̂,  dβ = Σ_rows dy  (dbeta = 0: none).
export function layerNormGrad(rows: i32, d: i32, x: usize, gamma: usize, stats: usize, dy: usize,
                              dx: usize, dgamma: usize, dbeta: usize): void {
  const rowBytes = <usize>d << 2;
  const invD: f32 = 1 / <f32>d;
  memory.fill(dgamma, 0, rowBytes);
  if (dbeta) memory.fill(dbeta, 0, rowBytes);
  for (let r = 0; r < rows; r++) {
    const xr = x + <usize>r * rowBytes, dyr = dy + <usize>r * rowBytes, dxr = dx + <usize>r * rowBytes;
    const mean = load<f32>(stats + (<usize>r << 3)), rstd = load<f32>(stats + (<usize>r << 3) + 4);
    const mv = f32x4.splat(mean), rv = f32x4.splat(rstd);
    // Pass 1: Σ g and Σ g·x̂ over the row; dγ and dβ accumulate.
    let gs = f32x4.splat(0), gx = f32x4.splat(0);
    let j = 0;
    for (; j + 4 <= d; j += 4) {
      const o = <usize>j << 2;
      const xh = f32x4.mul(f32x4.sub(v128.load(xr + o), mv), rv);
      const dyv = v128.load(dyr + o);
      const g = f32x4.mul(dyv, v128.load(gamma + o));
      gs = f32x4.add(gs, g);
      gx = f32x4.add(gx, f32x4.mul(g, xh));
      v128.store(dgamma + o, f32x4.add(v128.load(dgamma + o), f32x4.mul(dyv, xh)));
      if (dbeta) v128.store(dbeta + o, f32x4.add(v128.load(dbeta + o), dyv));
    }
    let sumG = hsum(gs), sumGX = hsum(gx);
    for (; j < d; j++) {
      const o = <usize>j << 2;
      const xh = (load<f32>(xr + o) - mean) * rstd;
      const dyv = load<f32>(dyr + o);
      const g = dyv * load<f32>(gamma + o);
      sumG += g;
      sumGX += g * xh;
      store<f32>(dgamma + o, load<f32>(dgamma + o) + dyv * xh);
      if (dbeta) store<f32>(dbeta + o, load<f32>(dbeta + o) + dyv);
    }
    const meanG = sumG * invD, meanGX = sumGX * invD;
    const mg = f32x4.splat(meanG), mgx = f32x4.splat(meanGX);
    // Pass 2: dx.
    j = 0;
    for (; j + 4 <= d; j += 4) {
      const o = <usize>j << 2;
      const xh = f32x4.mul(f32x4.sub(v128.load(xr + o), mv), rv);
      const g = f32x4.mul(v128.load(dyr + o), v128.load(gamma + o));
      v128.store(dxr + o, f32x4.mul(rv, f32x4.sub(f32x4.sub(g, mg), f32x4.mul(xh, mgx))));
    }
    for (; j < d; j++) {
      const o = <usize>j << 2;
      const xh = (load<f32>(xr + o) - mean) * rstd;
      const g = load<f32>(dyr + o) * load<f32>(gamma + o);
      store<f32>(dxr + o, rstd * (g - meanG - xh * meanGX));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// GELU, tanh approximation (GPT-2's gelu_new): y = x·σ(2u), u = √(2/π)·(x + 0.044715·x³)
// (0.5·(1 + tanh u) = σ(2u)); dy/dx = σ(2u) + x·σ(2u)·(1 − σ(2u))·2·√(2/π)·(1 + 3·0.044715·x²).
const GELU_C2: f32 = 1.5957691216057308; // 2·√(2/π)
const GELU_A: f32 = 0.044715;

@inline function geluTwoU(x: v128): v128 {
  return f32x4.mul(f32x4.mul(x, f32x4.splat(GELU_C2)), f32x4.add(f32x4.splat(1), f32x4.mul(f32x4.splat(GELU_A), f32x4.mul(x, x))));
}

@inline function geluV(x: v128): v128 {
  return f32x4.mul(x, sigmoidV(geluTwoU(x)));
}

@inline function geluGradV(x: v128): v128 {
  const s = sigmoidV(geluTwoU(x));
  const du = f32x4.mul(f32x4.splat(GELU_C2), f32x4.add(f32x4.splat(1), f32x4.mul(f32x4.splat(3 * GELU_A), f32x4.mul(x, x))));
  return f32x4.add(s, f32x4.mul(f32x4.mul(x, f32x4.mul(s, f32x4.sub(f32x4.splat(1), s))), du));
}

export function geluTanh(n: i32, x: usize, y: usize): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(y + (<usize>i << 2), geluV(v128.load(x + (<usize>i << 2))));
  for (; i < n; i++) store<f32>(y + (<usize>i << 2), f32x4.extract_lane(geluV(f32x4.splat(load<f32>(x + (<usize>i << 2)))), 0));
}

// dx = dy · gelu'(x)
export function geluTanhGrad(n: i32, x: usize, dy: usize, dx: usize): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(dx + o, f32x4.mul(v128.load(dy + o), geluGradV(v128.load(x + o))));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(dx + o, load<f32>(dy + o) * f32x4.extract_lane(geluGradV(f32x4.splat(load<f32>(x + o))), 0));
  }
}

// ---------------------------------------------------------------------------------------------
// Causal self-attention of every head in one pass (a GPT block's training path), as
// softmax(q·kᵀ·scale + causal mask)·v per head. qkv (B, T, 3C) holds q, k and v side by side as the
// fused c_attn projection writes them (C = nh·hs, head h at columns h·hs…); out (B, T, C) receives
// the heads merged, probs (B, nh, T, T) the softmax weights (0 above the diagonal). Reading the
// heads in place replaces the split, the head transposes and the merge, and a head's q, k, v
// (T·hs floats each) stay in L1 through both products.

// Σ_k x[k]·y[k] over n floats.
@inline function dotN(n: i32, x: usize, y: usize): f32 {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
  let k = 0;
  for (; k + 8 <= n; k += 8) {
    const o = <usize>k << 2;
    c0 = mac(v128.load(x + o), v128.load(y + o), c0);
    c1 = mac(v128.load(x + o, 16), v128.load(y + o, 16), c1);
  }
  let s = hsum(f32x4.add(c0, c1));
  for (; k < n; k++) s += load<f32>(x + (<usize>k << 2)) * load<f32>(y + (<usize>k << 2));
  return s;
}

// [x·y0, x·y1, x·y2, x·y3] over n floats, y_t = y + t·stride: four dot products sharing the loads
// of x, summed across lanes together (a 4×4 transpose of the partial sums).
@inline function dot4(n: i32, x: usize, y: usize, stride: usize): v128 {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  const y1 = y + stride, y2 = y1 + stride, y3 = y2 + stride;
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const o = <usize>k << 2;
    const xv = v128.load(x + o);
    c0 = mac(xv, v128.load(y + o), c0);
    c1 = mac(xv, v128.load(y1 + o), c1);
    c2 = mac(xv, v128.load(y2 + o), c2);
    c3 = mac(xv, v128.load(y3 + o), c3);
  }
  const s01 = f32x4.add(i32x4.shuffle(c0, c1, 0, 4, 2, 6), i32x4.shuffle(c0, c1, 1, 5, 3, 7));
  const s23 = f32x4.add(i32x4.shuffle(c2, c3, 0, 4, 2, 6), i32x4.shuffle(c2, c3, 1, 5, 3, 7));
  let sums = f32x4.add(i32x4.shuffle(s01, s23, 0, 1, 4, 5), i32x4.shuffle(s01, s23, 2, 3, 6, 7));
  for (; k < n; k++) {
    const o = <usize>k << 2;
    const xs = load<f32>(x + o);
    sums = f32x4.add(sums, f32x4.mul(f32x4.splat(xs), f32x4(load<f32>(y + o), load<f32>(y1 + o), load<f32>(y2 + o), load<f32>(y3 + o))));
  }
  return sums;
}

// out[0:n] = scale · Σ_{r in [r0, r1)} w[r·ws] · rows[r·rowBytes + 0:n]: a weighted sum of rows, kept
// in registers 8 floats at a time (one pass over the rows per 8 columns, no reloads of `out`).
@inline function weightedRows(n: i32, r0: i32, r1: i32, w: usize, ws: usize, rows: usize, rowBytes: usize, scale: f32, out: usize): void {
  let c = 0;
  for (; c + 8 <= n; c += 8) {
    let a0 = f32x4.splat(0), a1 = f32x4.splat(0);
    let pr = rows + <usize>r0 * rowBytes + (<usize>c << 2), pw = w + <usize>r0 * ws;
    for (let r = r0; r < r1; r++) {
      const wv = v128.load32_splat(pw);
      a0 = mac(wv, v128.load(pr), a0);
      a1 = mac(wv, v128.load(pr, 16), a1);
      pr += rowBytes; pw += ws;
    }
    const sv = f32x4.splat(scale);
    v128.store(out + (<usize>c << 2), f32x4.mul(a0, sv));
    v128.store(out + (<usize>c << 2), f32x4.mul(a1, sv), 16);
  }
  for (; c < n; c++) {
    let a: f32 = 0;
    for (let r = r0; r < r1; r++) a += load<f32>(w + <usize>r * ws) * load<f32>(rows + <usize>r * rowBytes + (<usize>c << 2));
    store<f32>(out + (<usize>c << 2), a * scale);
  }
}

export function causalAttention(B: i32, T: i32, nh: i32, hs: i32, qkv: usize, out: usize, probs: usize): void {
  const C = nh * hs;
  const scale: f32 = 1 / Mathf.sqrt(<f32>hs); // computed here: the worker thread passes integer arguments only
  const rowBytes = (<usize>(3 * C)) << 2, outRow = (<usize>C) << 2, headBytes = (<usize>hs) << 2;
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < nh; h++) {
      const q = qkv + <usize>b * <usize>T * rowBytes + <usize>h * headBytes;
      const k = q + outRow, v = k + outRow;
      const p = probs + ((<usize>(b * nh + h) * <usize>T * <usize>T) << 2);
      const o = out + <usize>b * <usize>T * outRow + <usize>h * headBytes;
      for (let i = 0; i < T; i++) {
        const qi = q + <usize>i * rowBytes, pi = p + ((<usize>i * <usize>T) << 2);
        let mv4 = f32x4.splat(-Infinity);
        let j = 0;
        for (; j + 4 <= i + 1; j += 4) {
          const s4 = f32x4.mul(dot4(hs, qi, k + <usize>j * rowBytes, rowBytes), f32x4.splat(scale));
          v128.store(pi + (<usize>j << 2), s4);
          mv4 = f32x4.pmax(mv4, s4);
        }
        let m = max(max(f32x4.extract_lane(mv4, 0), f32x4.extract_lane(mv4, 1)), max(f32x4.extract_lane(mv4, 2), f32x4.extract_lane(mv4, 3)));
        for (; j <= i; j++) {
          const s = dotN(hs, qi, k + <usize>j * rowBytes) * scale;
          store<f32>(pi + (<usize>j << 2), s);
          m = max(m, s);
        }
        const mv = f32x4.splat(m);
        let sv = f32x4.splat(0);
        j = 0;
        for (; j + 4 <= i + 1; j += 4) {
          const e = expV(f32x4.sub(v128.load(pi + (<usize>j << 2)), mv));
          v128.store(pi + (<usize>j << 2), e);
          sv = f32x4.add(sv, e);
        }
        let sum = hsum(sv);
        for (; j <= i; j++) {
          const e = f32x4.extract_lane(expV(f32x4.splat(load<f32>(pi + (<usize>j << 2)) - m)), 0);
          store<f32>(pi + (<usize>j << 2), e);
          sum += e;
        }
        const inv = f32x4.splat(1 / sum);
        j = 0;
        for (; j + 4 <= i + 1; j += 4) v128.store(pi + (<usize>j << 2), f32x4.mul(v128.load(pi + (<usize>j << 2)), inv));
        for (; j <= i; j++) store<f32>(pi + (<usize>j << 2), load<f32>(pi + (<usize>j << 2)) * f32x4.extract_lane(inv, 0));
        if (i + 1 < T) memory.fill(pi + (<usize>(i + 1) << 2), 0, <usize>(T - i - 1) << 2);
        weightedRows(hs, 0, i + 1, pi, 4, v, rowBytes, 1, o + <usize>i * outRow); // o_i = Σ_j P_ij v_j
      }
    }
  }
}

// Its gradient, written into dqkv (B, T, 3C) in the same layout. With P the weights and dO the
// output's gradient: dP = dO·vᵀ, dS = P ⊙ (dP − rowsum(P ⊙ dP)), dq = scale·dS·k, dk = scale·dSᵀ·q,
// dv = Pᵀ·dO. `scratch` holds T·T floats (one head's dS).
export function causalAttentionGrad(B: i32, T: i32, nh: i32, hs: i32, qkv: usize, probs: usize, dout: usize,
                                    dqkv: usize, scratch: usize): void {
  const C = nh * hs;
  const scale: f32 = 1 / Mathf.sqrt(<f32>hs);
  const rowBytes = (<usize>(3 * C)) << 2, outRow = (<usize>C) << 2, headBytes = (<usize>hs) << 2, tBytes = <usize>T << 2;
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < nh; h++) {
      const off = <usize>b * <usize>T * rowBytes + <usize>h * headBytes;
      const q = qkv + off, k = q + outRow, v = k + outRow;
      const dq = dqkv + off, dk = dq + outRow, dv = dk + outRow;
      const pOff = (<usize>(b * nh + h) * <usize>T * <usize>T) << 2;
      const p = probs + pOff;
      const dO = dout + <usize>b * <usize>T * outRow + <usize>h * headBytes;
      // Rows: dS (into scratch, row i) and dq_i.
      for (let i = 0; i < T; i++) {
        const pi = p + <usize>i * tBytes, si = scratch + <usize>i * tBytes;
        const doi = dO + <usize>i * outRow;
        let D4 = f32x4.splat(0);
        let j = 0;
        for (; j + 4 <= i + 1; j += 4) {
          const dp4 = dot4(hs, doi, v + <usize>j * rowBytes, rowBytes);
          v128.store(si + (<usize>j << 2), dp4);
          D4 = mac(v128.load(pi + (<usize>j << 2)), dp4, D4);
        }
        let D = hsum(D4);
        for (; j <= i; j++) {
          const dp = dotN(hs, doi, v + <usize>j * rowBytes);
          store<f32>(si + (<usize>j << 2), dp);
          D += load<f32>(pi + (<usize>j << 2)) * dp;
        }
        const Dv = f32x4.splat(D);
        for (j = 0; j + 4 <= i + 1; j += 4) {
          const o = <usize>j << 2;
          v128.store(si + o, f32x4.mul(v128.load(pi + o), f32x4.sub(v128.load(si + o), Dv)));
        }
        for (; j <= i; j++) {
          const o = <usize>j << 2;
          store<f32>(si + o, load<f32>(pi + o) * (load<f32>(si + o) - D));
        }
        weightedRows(hs, 0, i + 1, si, 4, k, rowBytes, scale, dq + <usize>i * rowBytes); // dq_i = scale·Σ_j dS_ij k_j
      }
      // Columns: dk_j = scale·Σ_{i≥j} dS_ij q_i, dv_j = Σ_{i≥j} P_ij dO_i.
      for (let j = 0; j < T; j++) {
        const col = <usize>j << 2;
        weightedRows(hs, j, T, scratch + col, tBytes, q, rowBytes, scale, dk + <usize>j * rowBytes);
        weightedRows(hs, j, T, p + col, tBytes, dO, outRow, 1, dv + <usize>j * rowBytes);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Softmax cross-entropy from logits (a language model's loss over its vocabulary). Labels are
// float32 class ids; rows labelled `ignore` are skipped. For each counted row r of z[rows, V]:
// probs[r] = softmax(z[r]), stats[2r] = max_j z[r, j], stats[2r + 1] = Σ_j exp(z[r, j] − max).
// The caller finishes the loss, max + log(sum) − z[r, label], in float64.
export function softmaxRows(rows: i32, V: i32, z: usize, labels: usize, ignore: i32, probs: usize, stats: usize): void {
  const rowBytes = <usize>V << 2;
  for (let r = 0; r < rows; r++) {
    const zr = z + <usize>r * rowBytes, pr = probs + <usize>r * rowBytes;
    if (<i32>load<f32>(labels + (<usize>r << 2)) == ignore) {
      memory.fill(pr, 0, rowBytes);
      continue;
    }
    let mv = f32x4.splat(-Infinity);
    let j = 0;
    for (; j + 4 <= V; j += 4) mv = f32x4.max(mv, v128.load(zr + (<usize>j << 2)));
    let m = max(max(f32x4.extract_lane(mv, 0), f32x4.extract_lane(mv, 1)), max(f32x4.extract_lane(mv, 2), f32x4.extract_lane(mv, 3)));
    for (; j < V; j++) m = max(m, load<f32>(zr + (<usize>j << 2)));
    const mm = f32x4.splat(m);
    let sv = f32x4.splat(0);
    j = 0;
    for (; j + 4 <= V; j += 4) {
      const e = expV(f32x4.sub(v128.load(zr + (<usize>j << 2)), mm));
      v128.store(pr + (<usize>j << 2), e);
      sv = f32x4.add(sv, e);
    }
    let sum = hsum(sv);
    for (; j < V; j++) {
      const e = f32x4.extract_lane(expV(f32x4.splat(load<f32>(zr + (<usize>j << 2)) - m)), 0);
      store<f32>(pr + (<usize>j << 2), e);
      sum += e;
    }
    const inv = f32x4.splat(1 / sum);
    j = 0;
    for (; j + 4 <= V; j += 4) v128.store(pr + (<usize>j << 2), f32x4.mul(v128.load(pr + (<usize>j << 2)), inv));
    for (; j < V; j++) store<f32>(pr + (<usize>j << 2), load<f32>(pr + (<usize>j << 2)) / sum);
    store<f32>(stats + (<usize>r << 3), m);
    store<f32>(stats + (<usize>r << 3) + 4, sum);
  }
}

// Its gradient: out[r] = g·(probs[r] − onehot(label)) for counted rows, 0 for ignored ones.
export function softmaxCrossEntropyGrad(rows: i32, V: i32, probs: usize, labels: usize, ignore: i32, g: f32, out: usize): void {
  const rowBytes = <usize>V << 2;
  const gv = f32x4.splat(g);
  for (let r = 0; r < rows; r++) {
    const pr = probs + <usize>r * rowBytes, or = out + <usize>r * rowBytes;
    const label = <i32>load<f32>(labels + (<usize>r << 2));
    if (label == ignore) {
      memory.fill(or, 0, rowBytes);
      continue;
    }
    let j = 0;
    for (; j + 4 <= V; j += 4) v128.store(or + (<usize>j << 2), f32x4.mul(v128.load(pr + (<usize>j << 2)), gv));
    for (; j < V; j++) store<f32>(or + (<usize>j << 2), load<f32>(pr + (<usize>j << 2)) * g);
    const at = or + (<usize>label << 2);
    store<f32>(at, load<f32>(at) - g);
  }
}

// ---------------------------------------------------------------------------------------------
// Cross-entropy on probabilities (lib/tf/losses.ts, tfjs-layers' sparse categorical cross-entropy
// after a softmax layer), with the operation order of losses.ts's JavaScript loops so that the
// values are the same bit for bit: sums in float64 in column order, products in float64 rounded
// once to float32. ε and 1 − ε are the float32 values losses.ts clips to.
const CE_EPS: f32 = 1e-7;
const CE_ONE_MINUS_EPS: f32 = 0.9999999;

// sums[r] = float32(Σ_j clip(pred[r, j], ε, 1 − ε)). Returns the flat index of the first value that
// is not a finite non-negative number (the caller names it in its error), or -1.
export function probRowSums(rows: i32, V: i32, pred: usize, sums: usize): i32 {
  for (let r = 0; r < rows; r++) {
    const pr = pred + ((<usize>r * <usize>V) << 2);
    let s: f64 = 0;
    for (let j = 0; j < V; j++) {
      const p = load<f32>(pr + (<usize>j << 2));
      if (!(p >= 0 && p < Infinity)) return r * V + j;
      s += <f64>(p < CE_EPS ? CE_EPS : p > CE_ONE_MINUS_EPS ? CE_ONE_MINUS_EPS : p);
    }
    store<f32>(sums + (<usize>r << 2), <f32>s);
  }
  return -1;
}

// The gradient with respect to pred: for row r with label y = labels[r] (float32 class id; -1 when
// the row's q was clipped, which gives the row no gradient), g = dy[r] and inv = 1 / sums[r]:
// out[r, j] = g·inv where ε ≤ pred[r, j] ≤ 1 − ε (else 0), and out[r, y] = g·(inv − 1/pred[r, y])
// where pred[r, y] is unclipped.
export function probCrossEntropyGrad(rows: i32, V: i32, pred: usize, sums: usize, labels: usize, dy: usize, out: usize): void {
  const rowBytes = <usize>V << 2;
  const lo = f32x4.splat(CE_EPS), hi = f32x4.splat(CE_ONE_MINUS_EPS);
  for (let r = 0; r < rows; r++) {
    const pr = pred + <usize>r * rowBytes, or = out + <usize>r * rowBytes;
    const y = <i32>load<f32>(labels + (<usize>r << 2));
    if (y < 0) {
      memory.fill(or, 0, rowBytes);
      continue;
    }
    const g = <f64>load<f32>(dy + (<usize>r << 2));
    const inv = 1 / <f64>load<f32>(sums + (<usize>r << 2));
    const c = <f32>(g * inv);
    const cv = f32x4.splat(c);
    let j = 0;
    for (; j + 4 <= V; j += 4) {
      const p = v128.load(pr + (<usize>j << 2));
      v128.store(or + (<usize>j << 2), v128.and(cv, v128.and(f32x4.ge(p, lo), f32x4.le(p, hi))));
    }
    for (; j < V; j++) {
      const p = load<f32>(pr + (<usize>j << 2));
      store<f32>(or + (<usize>j << 2), p >= CE_EPS && p <= CE_ONE_MINUS_EPS ? c : 0);
    }
    const py = load<f32>(pr + (<usize>y << 2));
    if (py >= CE_EPS && py <= CE_ONE_MINUS_EPS) store<f32>(or + (<usize>y << 2), <f32>(g * (inv - 1 / <f64>py)));
  }
}

// The gradient of a softmax over the last axis, from its output y and the upstream dy, with the
// operations of tfjs-core's Softmax gradient (t = dy·y; dx = t − sum(t)·y) in their order: the sum
// runs sequentially in float32 as tfjs-backend-wasm's Sum kernel does, so the values are the same
// bit for bit; one pass over the row instead of four kernels and their intermediate tensors.
export function softmaxGradRows(rows: i32, V: i32, y: usize, dy: usize, out: usize): void {
  const rowBytes = <usize>V << 2;
  for (let r = 0; r < rows; r++) {
    const yr = y + <usize>r * rowBytes, dr = dy + <usize>r * rowBytes, or = out + <usize>r * rowBytes;
    let s: f32 = 0;
    for (let j = 0; j < V; j++) s += load<f32>(dr + (<usize>j << 2)) * load<f32>(yr + (<usize>j << 2));
    const sv = f32x4.splat(s);
    let j = 0;
    for (; j + 4 <= V; j += 4) {
      const o = <usize>j << 2;
      const yv = v128.load(yr + o);
      v128.store(or + o, f32x4.sub(f32x4.mul(v128.load(dr + o), yv), f32x4.mul(sv, yv)));
    }
    for (; j < V; j++) {
      const o = <usize>j << 2;
      const yj = load<f32>(yr + o);
      store<f32>(or + o, load<f32>(dr + o) * yj - s * yj);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// UnsortedSegmentSum (the gradient of gather / Embedding): out[numSegments, inner] = 0, then
// out[ids[j], :] += x[j, :] in index order; ids outside [0, numSegments) are skipped.
export function scatterAdd(n: i32, inner: i32, ids: usize, x: usize, numSegments: i32, out: usize): void {
  memory.fill(out, 0, (<usize>numSegments * <usize>inner) << 2);
  for (let j = 0; j < n; j++) {
    const s = load<i32>(ids + (<usize>j << 2));
    if (s < 0 || s >= numSegments) continue;
    const dst = out + ((<usize>s * <usize>inner) << 2), src = x + ((<usize>j * <usize>inner) << 2);
    let i = 0;
    for (; i + 4 <= inner; i += 4) {
      const q = <usize>i << 2;
      v128.store(dst + q, f32x4.add(v128.load(dst + q), v128.load(src + q)));
    }
    for (; i < inner; i++) {
      const q = <usize>i << 2;
      store<f32>(dst + q, load<f32>(dst + q) + load<f32>(src + q));
    }
  }
}

// Gather along axis 0 (Embedding lookups): out[j, :] = x[ids[j], :]; ids are validated by the caller.
export function gatherRows(n: i32, inner: i32, ids: usize, x: usize, out: usize): void {
  const rowBytes = <usize>inner << 2;
  for (let j = 0; j < n; j++) {
    memory.copy(out + <usize>j * rowBytes, x + <usize>load<i32>(ids + (<usize>j << 2)) * rowBytes, rowBytes);
  }
}

// dst = n blocks of len elements taken every srcStride elements from src (4-byte elements): one
// part of a split along an inner axis.
export function copyBlocks(n: i32, srcStride: i32, src: usize, len: i32, dst: usize): void {
  const bytes = <usize>len << 2, stride = <usize>srcStride << 2;
  for (let j = 0; j < n; j++) memory.copy(dst + <usize>j * bytes, src + <usize>j * stride, bytes);
}

// dst[i] += src[i] (summing per-thread partial weight gradients).
export function accumulate(n: i32, dst: usize, src: usize): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(src + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o));
  }
}

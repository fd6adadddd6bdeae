/**
 * Where the SIMD kernels find their data on the current tfjs backend.
 *
 * - On the `wasm` backend the kernels are instantiated on the backend's own heap: inputs are read
 *   in place through each tensor's `memoryOffset` and outputs are allocated with the backend's
 *   `makeOutput`, so no tensor is copied.
 * - On any other backend (`cpu`) a private memory is used: inputs are copied in, outputs copied out.
 *
 * Introduced in 2_LSTM.ipynb (through the fused recurrent layers).
 */
import * as tf from '@tensorflow/tfjs';
import { instantiateKernels, KernelExports, WasmMemory, WebAssemblyApi } from './kernel_module';

/** A float32 output the kernels write to, turned into a tensor once written. */
export interface HeapOutput {
  readonly ptr: number;
  toTensor(): tf.Tensor;
}

export interface KernelHeap {
  readonly kernels: KernelExports;
  /** True when tensors are read and written in place (tfjs `wasm` backend). */
  readonly inPlace: boolean;
  /** Starts one kernel call: the private heap recycles its memory here. */
  begin(): void;
  /** Byte offset of a float32 tensor's data. */
  input(t: tf.Tensor): number;
  /** Allocates a float32 output of `shape`. */
  output(shape: number[]): HeapOutput;
  /** Byte offset of `floats` float32 values of scratch, valid until the next `scratch` or `begin`. */
  scratch(floats: number): number;
  /** A view of `floats` values at `ptr` (re-create after any allocation: the memory may grow). */
  view(ptr: number, floats: number): Float32Array;
}

/** The parts of tfjs-backend-wasm's BackendWasm used here, checked at run time. */
interface WasmBackendInternals {
  wasm: { asm: { memory: WasmMemory }; _malloc(bytes: number): number; _free(ptr: number): void };
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: 'float32' | 'int32'): tf.TensorInfo;
}

function wasmInternals(backend: tf.KernelBackend): WasmBackendInternals | null {
  const b = backend as unknown as Partial<WasmBackendInternals>;
  const memory = b.wasm?.asm?.memory;
  const ok = memory != null && memory.buffer instanceof ArrayBuffer && typeof b.wasm?._malloc === 'function' &&
    typeof b.wasm?._free === 'function' && typeof b.makeOutput === 'function' && typeof b.dataIdMap?.get === 'function';
  return ok ? (b as WasmBackendInternals) : null;
}

function assertFloat32(t: tf.Tensor): void {
  if (t.dtype !== 'float32') {
    throw new Error(`Birleşik çekirdekler float32 tensör ister, verilen: ${t.dtype}, biçim [${t.shape}]; ` +
      `tf.cast(x, 'float32') ile dönüştürün.`);
  }
}

export class WasmBackendHeap implements KernelHeap {
  readonly inPlace = true;
  private scratchPtr = 0;
  private scratchBytes = 0;

  constructor(private readonly backend: tf.KernelBackend, private readonly internals: WasmBackendInternals,
              readonly kernels: KernelExports) {}

  begin(): void {}

  input(t: tf.Tensor): number {
    assertFloat32(t);
    let data = this.internals.dataIdMap.get(t.dataId);
    if (data == null) {
      // The tensor was created on another backend (e.g. before initTf()): move it here first.
      tf.engine().moveData(this.backend, t.dataId);
      data = this.internals.dataIdMap.get(t.dataId);
      if (data == null) throw new Error('Bir tensör wasm arka ucuna taşınamadı; initTf() çağrıldı mı?');
    }
    return data.memoryOffset;
  }

  output(shape: number[]): HeapOutput {
    const { ptr, info } = this.outputInfo(shape);
    return { ptr, toTensor: () => tf.engine().makeTensorFromTensorInfo(info, this.backend) };
  }

  /** A float32 kernel output on the backend heap (for registered kernels, which return TensorInfo). */
  outputInfo(shape: number[], dtype: 'float32' | 'int32' = 'float32'): { ptr: number; info: tf.TensorInfo } {
    const info = this.internals.makeOutput(shape, dtype);
    const data = this.internals.dataIdMap.get(info.dataId);
    if (data == null) throw new Error('wasm arka ucu çıktı için bellek ayırmadı (lib/tf\'te bir hata; lütfen bildirin).');
    return { ptr: data.memoryOffset, info };
  }

  /** An int32 view of a kernel input already on this backend (no copy). */
  int32View(info: tf.TensorInfo): Int32Array {
    const size = info.shape.reduce((a, b) => a * b, 1);
    return new Int32Array(this.internals.wasm.asm.memory.buffer, this.inputInfo(info), size);
  }

  /** Byte offset of a kernel input already on this backend. */
  inputInfo(info: tf.TensorInfo): number {
    const data = this.internals.dataIdMap.get(info.dataId);
    if (data == null) throw new Error('tensör wasm arka ucunda değil; initTf() çağrıldı mı?');
    return data.memoryOffset;
  }

  scratch(floats: number): number {
    const bytes = Math.max(16, floats * 4);
    if (bytes > this.scratchBytes) {
      if (this.scratchPtr !== 0) this.internals.wasm._free(this.scratchPtr);
      this.scratchBytes = Math.ceil(bytes * 1.25 / 64) * 64;
      this.scratchPtr = this.internals.wasm._malloc(this.scratchBytes);
      if (this.scratchPtr === 0) throw new Error(`wasm belleği: ${this.scratchBytes} baytlık geçici alan ayrılamadı; yığın (batch) boyutunu küçültün.`);
    }
    return this.scratchPtr;
  }

  view(ptr: number, floats: number): Float32Array {
    return new Float32Array(this.internals.wasm.asm.memory.buffer, ptr, floats);
  }
}

const PAGE_BYTES = 65536;

/** Private memory with a bump allocator that restarts at every `begin()`. */
class PrivateHeap implements KernelHeap {
  readonly inPlace = false;
  readonly kernels: KernelExports;
  private readonly memory: WasmMemory;
  // Offset 0 stays unused: the kernels read pointer 0 as "absent".
  private top = 64;

  constructor() {
    this.memory = new WebAssemblyApi.Memory({ initial: 64 });
    this.kernels = instantiateKernels(this.memory);
  }

  begin(): void {
    this.top = 64;
  }

  private alloc(floats: number): number {
    const ptr = this.top;
    this.top = ptr + Math.ceil(Math.max(1, floats) * 4 / 64) * 64;
    const missing = this.top - this.memory.buffer.byteLength;
    if (missing > 0) this.memory.grow(Math.ceil(missing / PAGE_BYTES));
    return ptr;
  }

  input(t: tf.Tensor): number {
    assertFloat32(t);
    const values = t.dataSync() as Float32Array;
    const ptr = this.alloc(values.length);
    this.view(ptr, values.length).set(values);
    return ptr;
  }

  output(shape: number[]): HeapOutput {
    const size = shape.reduce((a, b) => a * b, 1);
    const ptr = this.alloc(size);
    return { ptr, toTensor: () => tf.tensor(this.view(ptr, size).slice(), shape, 'float32') };
  }

  scratch(floats: number): number {
    return this.alloc(floats);
  }

  view(ptr: number, floats: number): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, floats);
  }
}

const heaps = new WeakMap<tf.KernelBackend, KernelHeap>();

/** The kernel heap for a tfjs backend, by default the active one (created once per backend). */
export function kernelHeap(backend: tf.KernelBackend = tf.backend()): KernelHeap {
  let heap = heaps.get(backend);
  if (heap == null) {
    const internals = wasmInternals(backend);
    heap = internals != null
      ? new WasmBackendHeap(backend, internals, instantiateKernels(internals.wasm.asm.memory))
      : new PrivateHeap();
    heaps.set(backend, heap);
  }
  return heap;
}

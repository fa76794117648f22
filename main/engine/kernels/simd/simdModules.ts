import type { KernelBackend } from '@tensorflow/tfjs';
import { ACTIVATIONS_WASM } from './activationsWasm';
import { CONVOLUTIONS_WASM } from './convolutionsWasm';
import { REDUCTIONS_WASM } from './reductionsWasm';
import { UPDATES_WASM } from './updatesWasm';

/** An instantiated module's exports: byte offsets into the wasm backend's memory, counts, constants. */
interface SimdModule {
  /** The memory those offsets are in. */
  readonly memory: WebAssembly.Memory;
}

/** updates.wat: Adam's and RMSprop's updates. */
export interface SimdUpdates extends SimdModule {
  adam(...args: number[]): void;
  rmsprop(...args: number[]): void;
}

/** reductions.wat: column sums (the bias gradient). */
export interface SimdReductions extends SimdModule {
  colsum(x: number, out: number, rows: number, cols: number): void;
}

/** activations.wat: ReLU's, tanh's, sigmoid's and LeakyReLU's gradients, and the bias add. */
export interface SimdActivations extends SimdModule {
  relu_grad(dy: number, x: number, out: number, n: number): void;
  tanh_grad(dy: number, y: number, out: number, n: number): void;
  sigmoid_grad(dy: number, y: number, out: number, n: number): void;
  leaky_relu_grad(dy: number, x: number, out: number, n: number, alpha: number): void;
  bias_add(x: number, b: number, out: number, rows: number, cols: number): void;
}

/** convolutions.wat: the convolution gradients, 2×2 max pooling's gradient, the matrix product. */
export interface SimdConvolutions extends SimdModule {
  filter_grad(...args: number[]): void;
  maxpool_grad_2x2(...args: number[]): void;
  gemm(...args: number[]): void;
  col2im(...args: number[]): void;
  conv_forward(...args: number[]): void;
  copy_rows(src: number, dst: number, rows: number, cols: number, srcRow: number, dstRow: number): void;
}

const instances = new Map<string, WeakMap<WebAssembly.Memory, SimdModule | null>>();
let enabled = true;

/**
 * The module `base64` (a generated *Wasm.ts) instantiated on `backend`'s own memory, or null: on a
 * backend other than wasm, on a wasm build whose memory cannot be imported (the threaded build's
 * is shared), or where the module fails to instantiate. Once per memory (each gradient worker has
 * its own backend).
 */
function simdModule<T extends SimdModule>(backend: KernelBackend, base64: string): T | null {
  if (!enabled) return null;
  const memory = (backend as unknown as { wasm?: { asm?: { memory?: unknown } } }).wasm?.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return null;
  let byMemory = instances.get(base64);
  if (!byMemory) instances.set(base64, (byMemory = new WeakMap()));
  let found = byMemory.get(memory);
  if (found === undefined) {
    try {
      const module = new WebAssembly.Module(Buffer.from(base64, 'base64'));
      const { exports } = new WebAssembly.Instance(module, { env: { memory } });
      found = { ...(exports as object), memory } as SimdModule;
    } catch {
      found = null;
    }
    byMemory.set(memory, found);
  }
  return found as T | null;
}

/** The SIMD optimizer updates (updates.wat) on `backend`'s memory, or null (see simdModule). */
export const simdUpdates = (backend: KernelBackend) => simdModule<SimdUpdates>(backend, UPDATES_WASM);

/** The SIMD reductions (reductions.wat) on `backend`'s memory, or null (see simdModule). */
export const simdReductions = (backend: KernelBackend) => simdModule<SimdReductions>(backend, REDUCTIONS_WASM);

/** The SIMD activation gradients (activations.wat) on `backend`'s memory, or null (see simdModule). */
export const simdActivations = (backend: KernelBackend) => simdModule<SimdActivations>(backend, ACTIVATIONS_WASM);

/** The SIMD convolution gradients (convolutions.wat) on `backend`'s memory, or null (see simdModule). */
export const simdConvolutions = (backend: KernelBackend) => simdModule<SimdConvolutions>(backend, CONVOLUTIONS_WASM);

/** Whether every view lies in `memory` (floatIO gives heap views on wasm, copies elsewhere). */
export function inMemory(memory: WebAssembly.Memory, views: Float32Array[]): boolean {
  return views.every((v) => v.buffer === memory.buffer);
}

/** Turns the SIMD kernels off or on (benches and tests compare them with the fallbacks). */
export function useSimd(on: boolean): void {
  enabled = on;
}

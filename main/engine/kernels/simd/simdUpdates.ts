import type { KernelBackend } from '@tensorflow/tfjs';
import { UPDATES_WASM } from './updatesWasm';

/** updates.wat's exports: byte offsets into the wasm backend's memory, element count, then constants. */
export interface SimdUpdates {
  adam(...args: number[]): void;
  rmsprop(...args: number[]): void;
  /** The memory those offsets are in. */
  readonly memory: WebAssembly.Memory;
}

const instances = new WeakMap<WebAssembly.Memory, SimdUpdates | null>();
let enabled = true;

/**
 * The SIMD optimizer updates (updates.wat) running on `backend`'s own memory, or null: on a backend
 * other than wasm, on a wasm build whose memory cannot be imported (the threaded build's is shared),
 * or where the module fails to instantiate. The module is instantiated once per memory (each
 * gradient worker has its own backend).
 */
export function simdUpdates(backend: KernelBackend): SimdUpdates | null {
  if (!enabled) return null;
  const memory = (backend as unknown as { wasm?: { asm?: { memory?: unknown } } }).wasm?.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return null;
  let found = instances.get(memory);
  if (found === undefined) {
    try {
      const module = new WebAssembly.Module(Buffer.from(UPDATES_WASM, 'base64'));
      const { exports } = new WebAssembly.Instance(module, { env: { memory } });
      found = { ...(exports as unknown as Omit<SimdUpdates, 'memory'>), memory } as SimdUpdates;
    } catch {
      found = null;
    }
    instances.set(memory, found);
  }
  return found;
}

/** Whether every view lies in `memory` (floatIO gives heap views on wasm, copies elsewhere). */
export function inMemory(memory: WebAssembly.Memory, views: Float32Array[]): boolean {
  return views.every((v) => v.buffer === memory.buffer);
}

/** Turns the SIMD path off or on (benches and tests compare it with the JavaScript loops). */
export function useSimdUpdates(on: boolean): void {
  enabled = on;
}

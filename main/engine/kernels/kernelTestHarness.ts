import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../backend';
import { type BackendKernel } from './kernelIO';

/**
 * Shared by the kernel tests (not shipped code): brings up wasm and cpu in one process, runs a
 * kernel function directly on a chosen backend, and measures how far two results are apart.
 */

/** Input of a kernel run: a shape and its values. */
export interface HostTensor {
  shape: number[];
  values: Float32Array | Int32Array;
  dtype?: 'float32' | 'int32';
}

/** Initialise wasm (with Deepwire's kernels) and cpu; wasm is left active. */
export async function initBackends(): Promise<void> {
  await selectBackend({ env: { DEEPWIRE_BACKEND: 'cpu' } });
  await selectBackend({ env: { DEEPWIRE_BACKEND: 'wasm' } });
}

/** Runs `kernel` on the named backend's instance and returns a copy of its output. */
export function runKernelOn(
  backendName: string,
  kernel: BackendKernel | tf.KernelFunc,
  inputs: Record<string, HostTensor>,
  attrs: object,
): HostTensor {
  const backend = tf.findBackend(backendName);
  if (!backend) throw new Error(`backend ${backendName} is not initialised`);
  const infos: tf.NamedTensorInfoMap = {};
  for (const [name, t] of Object.entries(inputs)) {
    const dtype = t.dtype ?? 'float32';
    infos[name] = { dataId: backend.write(t.values.slice(), t.shape, dtype), shape: t.shape, dtype };
  }
  const result = (kernel as BackendKernel)({ inputs: infos, backend, attrs: attrs as tf.NamedAttrMap });
  const out = Array.isArray(result) ? (result[0] as tf.TensorInfo) : result;
  const values = (backend.readSync(out.dataId) as Float32Array | Int32Array).slice();
  for (const t of [...Object.values(infos), out]) backend.disposeData((t as tf.TensorInfo).dataId);
  return { shape: out.shape, values, dtype: out.dtype as 'float32' | 'int32' };
}

/** max |a − b| / max |b|: the error relative to the reference's scale. */
export function relativeError(actual: ArrayLike<number>, reference: ArrayLike<number>): number {
  if (actual.length !== reference.length) return Infinity;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < reference.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - reference[i]));
    scale = Math.max(scale, Math.abs(reference[i]));
  }
  return diff / Math.max(scale, 1e-30);
}

/** Deterministic values in [-1, 1) (a small LCG), so failures reproduce. */
export function randomValues(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** A random host tensor of `shape`. */
export function randomTensor(shape: number[], seed: number): HostTensor {
  return {
    shape,
    values: randomValues(
      shape.reduce((a, b) => a * b, 1),
      seed,
    ),
  };
}

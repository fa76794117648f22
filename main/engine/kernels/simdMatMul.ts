import { type KernelBackend, type TensorInfo } from '@tensorflow/tfjs';
import { type WasmHeap, disposeIntermediate } from './kernelIO';
import { simdConvolutions } from './simd/simdModules';

/**
 * Matrix products on wasm as Deepwire's WebAssembly SIMD (simd/convolutions.wat), for the products
 * of training: XNNPACK packs a product's second operand before multiplying and keeps the packed
 * copy for the next product with the same tensor, which never comes in training, since every
 * optimizer step makes new weights. Packing cost more than the product itself (32×784 by 784×128:
 * 0.25 ms with the weights packed, 2 ms when they changed). These kernels read the operands where
 * they are:
 *   A·B   `gemm`, 4 rows × 8 columns of accumulators over the whole of K;
 *   Aᵀ·B  `filter_grad` with the rows of A as its positions (a Dense layer's weight gradient xᵀ·dy
 *         is a 1×1 convolution's filter gradient).
 * Rows and columns are rounded up to the kernels' blocks in scratch copies where needed.
 */

/**
 * Products whose second operand has more values than this go to XNNPACK: they no longer fit in
 * the processor's cache, which the blocked product here reads once per 4 rows of A.
 */
export const MAX_SIMD_OPERAND = 1 << 20;

const roundUp = (v: number, to: number) => Math.ceil(v / to) * to;

/** Whether `end` bytes are inside memory: the kernels read up to 7 floats past a row of B. */
const fits = (memory: WebAssembly.Memory, end: number) => end <= memory.buffer.byteLength;

/**
 * A·B for A [M, K] and B [K, N] (their last two axes; any leading axes of size 1), as a new
 * float32 tensor of `outShape`, or undefined where this does not apply (no SIMD module, B too
 * large) and the caller uses the backend's own kernel.
 */
export function simdProduct(
  backend: KernelBackend,
  a: TensorInfo,
  b: TensorInfo,
  M: number,
  K: number,
  N: number,
  outShape: number[],
): TensorInfo | undefined {
  const simd = simdConvolutions(backend);
  if (!simd || K * N > MAX_SIMD_OPERAND || M === 0 || K === 0 || N === 0) return undefined;
  const heap = backend as unknown as WasmHeap;
  const Mp = roundUp(M, 4);
  const Np = roundUp(N, 8);
  const out = heap.makeOutput(outShape, 'float32');
  const paddedA = Mp !== M ? heap.makeOutput([Mp, K], 'float32') : undefined;
  const paddedC = Mp !== M || Np !== N ? heap.makeOutput([Mp, Np], 'float32') : undefined;
  const view = (t: TensorInfo) => heap.typedArrayFromHeap(t) as Float32Array;
  const [A, B, C] = [view(a), view(b), view(out)];
  if (!fits(simd.memory, B.byteOffset + (B.length + Np - N) * 4)) {
    disposeIntermediate(backend, out, ...[paddedA, paddedC].filter((t) => t !== undefined));
    return undefined;
  }
  let aAt = A.byteOffset;
  if (paddedA) {
    const padded = view(paddedA);
    padded.set(A);
    padded.fill(0, M * K);
    aAt = padded.byteOffset;
  }
  const target = paddedC ? view(paddedC) : C;
  simd.gemm(aAt, B.byteOffset, target.byteOffset, Mp, K, Np, K * 4, N * 4, Np * 4);
  if (paddedC) simd.copy_rows(target.byteOffset, C.byteOffset, M, N, Np * 4, N * 4);
  disposeIntermediate(backend, ...[paddedA, paddedC].filter((t) => t !== undefined));
  return out;
}

/**
 * Aᵀ·B for A [P, K] and B [P, N] (summed over the P rows: a weight gradient xᵀ·dy), as a new
 * float32 tensor of `outShape` ([K, N]), or undefined as for {@link simdProduct}.
 */
export function simdProductTransposedA(
  backend: KernelBackend,
  a: TensorInfo,
  b: TensorInfo,
  P: number,
  K: number,
  N: number,
  outShape: number[],
): TensorInfo | undefined {
  const simd = simdConvolutions(backend);
  if (!simd || K * N > MAX_SIMD_OPERAND || P === 0 || K === 0 || N === 0) return undefined;
  const heap = backend as unknown as WasmHeap;
  const kp = roundUp(K, 4);
  const np = roundUp(N, 8);
  const offsets = heap.makeOutput([kp], 'int32');
  // The kernel sums whole blocks of 4 rows × 8 columns: a scratch result when K or N is not one.
  const scratch = np !== N || kp !== K ? heap.makeOutput([kp * np], 'float32') : undefined;
  const out = heap.makeOutput(outShape, 'float32');
  const A = heap.typedArrayFromHeap(a) as Float32Array;
  const B = heap.typedArrayFromHeap(b) as Float32Array;
  const offsetView = heap.typedArrayFromHeap(offsets) as Int32Array;
  const C = heap.typedArrayFromHeap(out) as Float32Array;
  const target = scratch ? (heap.typedArrayFromHeap(scratch) as Float32Array) : C;
  if (!fits(simd.memory, B.byteOffset + (B.length + np - N) * 4)) {
    disposeIntermediate(backend, offsets, out, ...(scratch ? [scratch] : []));
    return undefined;
  }
  for (let k = 0; k < kp; k++) offsetView[k] = k < K ? k * 4 : 0;
  target.fill(0);
  // One "image" of one row of P positions, each K floats apart in A, N floats apart in B.
  simd.filter_grad(
    A.byteOffset,
    B.byteOffset,
    target.byteOffset,
    offsetView.byteOffset,
    1,
    1,
    P,
    kp,
    np,
    N,
    0,
    0,
    K * 4,
  );
  if (scratch) simd.copy_rows(target.byteOffset, C.byteOffset, K, N, np * 4, N * 4);
  disposeIntermediate(backend, offsets, ...(scratch ? [scratch] : []));
  return out;
}

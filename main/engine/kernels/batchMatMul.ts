import { type BatchMatMulAttrs, type KernelBackend, type TensorInfo } from '@tensorflow/tfjs';
import { type BackendKernel, type Builtin, callKernel, disposeIntermediate, runBuiltin } from './kernelIO';

/**
 * `BatchMatMul` for wasm. In TF.js 4.22 wasm's product with transposeA or transposeB — what every
 * Dense layer's gradient asks for — is 3–10 times slower than the same product untransposed
 * (bench/matmulGrad.bench.ts), so here the backend's own kernel (`builtin`) only ever multiplies
 * untransposed matrices, its fast path: for plain matrices
 *   A·Bᵀ = (B·Aᵀ)ᵀ when A has fewer rows than B (dx = dy·Wᵀ: only the small dy and the product
 *          are reordered, not the weights), else A·(Bᵀ);
 *   Aᵀ·B = (Aᵀ)·B;   Aᵀ·Bᵀ = (B·A)ᵀ;
 * and for batches of matrices the transposed operands are reordered first. The reordering is the
 * backend's own Transpose kernel (native on wasm). Small products are left as they are.
 */
/** Products of fewer multiply-adds per matrix go to the backend's kernel as they are (Dense 128→10's dx). */
const SMALL = 1 << 18;

export function makeBatchMatMul(backendName: string, builtin: Builtin): BackendKernel {
  return ({ inputs, backend, attrs }) => {
    const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = attrs as unknown as BatchMatMulAttrs;
    const product = (x: TensorInfo, y: TensorInfo, flags = { transposeA: false, transposeB: false }) =>
      runBuiltin('BatchMatMul', backendName, builtin, {
        inputs: { a: x, b: y },
        backend,
        attrs: { ...attrs, ...flags },
      });
    const m = transposeA ? a.shape.at(-1)! : a.shape.at(-2)!;
    const [k, n] = transposeB ? [b.shape.at(-1)!, b.shape.at(-2)!] : [b.shape.at(-2)!, b.shape.at(-1)!];
    const small = m * n * k < SMALL; // the reordering would cost more than it saves
    if ((!transposeA && !transposeB) || small || a.dtype !== 'float32' || b.dtype !== 'float32') {
      return product(a, b, { transposeA, transposeB });
    }
    const swap = (t: TensorInfo) => swapLastAxes(backendName, backend, t);
    const made: TensorInfo[] = [];
    const keep = (t: TensorInfo) => (made.push(t), t);
    try {
      if (a.shape.length === 2 && b.shape.length === 2) {
        if (transposeA && transposeB) return swap(keep(product(b, a)));
        if (transposeB && a.shape[0] < b.shape[0]) return swap(keep(product(b, keep(swap(a)))));
      }
      return product(transposeA ? keep(swap(a)) : a, transposeB ? keep(swap(b)) : b);
    } finally {
      disposeIntermediate(backend, ...made);
    }
  };
}

/** `t` with its last two axes swapped, by the backend's own Transpose. */
function swapLastAxes(backendName: string, backend: KernelBackend, t: TensorInfo): TensorInfo {
  const perm = t.shape.map((_, axis) => axis);
  const r = perm.length;
  [perm[r - 2], perm[r - 1]] = [perm[r - 1], perm[r - 2]];
  return callKernel('Transpose', backendName, backend, { x: t }, { perm });
}

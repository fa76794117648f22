import { type BatchMatMulAttrs, type KernelBackend, type TensorInfo } from '@tensorflow/tfjs';
import { type BackendKernel, type Builtin, callKernel, disposeIntermediate, runBuiltin } from './kernelIO';
import { MAX_SIMD_OPERAND, simdProduct, simdProductTransposedA } from './simdMatMul';

/**
 * `BatchMatMul` for wasm. Single matrices (a Dense layer's products) run as Deepwire's SIMD
 * products, which do not pack the weights (simdMatMul.ts): A·B and Aᵀ·B directly, A·Bᵀ after
 * reordering B. For the rest, and where those decline: in TF.js 4.22 wasm's product with transposeA or transposeB — what every
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

/** Whether `t` is one matrix: rank 2, or leading axes of size 1. */
const single = (t: TensorInfo) => t.shape.slice(0, -2).every((d) => d === 1);

/**
 * @param viaSimd - single matrices go to Deepwire's SIMD products (simdMatMul.ts) where they can
 *   (benchmarks and tests turn it off to compare)
 */
export function makeBatchMatMul(backendName: string, builtin: Builtin, viaSimd = true): BackendKernel {
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
    const simd =
      viaSimd && single(a) && single(b) && a.dtype === 'float32' && b.dtype === 'float32' && k * n <= MAX_SIMD_OPERAND; // else simdMatMul declines: no reordering for nothing
    if (simd && !(transposeA && transposeB)) {
      // Every leading axis is 1 here; the result has as many as the operand with more.
      const lead = (a.shape.length >= b.shape.length ? a : b).shape.slice(0, -2);
      const outShape = [...lead, m, n];
      let out: TensorInfo | undefined;
      if (transposeA) out = simdProductTransposedA(backend, a, b, k, m, n, outShape);
      else if (!transposeB) out = simdProduct(backend, a, b, m, k, n, outShape);
      else {
        const bT = swapLastAxes(backendName, backend, b);
        out = simdProduct(backend, a, bT, m, k, n, outShape);
        disposeIntermediate(backend, bT);
      }
      if (out) return out;
    }
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

/** The kernel that applies each fusable activation of TF.js after a product, and its attrs. */
const ACTIVATION_KERNELS: Record<string, (alpha: number) => [string, Record<string, number>]> = {
  relu: () => ['Relu', {}],
  relu6: () => ['Relu6', {}],
  elu: () => ['Elu', {}],
  sigmoid: () => ['Sigmoid', {}],
  leakyrelu: (alpha) => ['LeakyRelu', { alpha }],
};

/**
 * `_FusedMatMul` on wasm for float32 matrices with at most a bias over the last axis and any of
 * TF.js's fusable activations: the product as {@link makeBatchMatMul} computes it (SIMD for single
 * matrices, no packing of the weights), then the backend's Add (Deepwire's SIMD bias add,
 * biasAdd.ts) and the activation's kernel (Prelu with its weights). wasm's own gives wrong values
 * in TF.js 4.22 whenever there is a bias and the product has transposeB or a batch of matrices
 * (31–48 % relative error against cpu; batchMatMul.test.ts). Other dtypes go to wasm's own.
 */
export function makeFusedMatMul(backendName: string, builtin: Builtin): BackendKernel {
  return (args) => {
    const { a, b, bias, preluActivationWeights } = args.inputs as Record<string, TensorInfo | undefined>;
    const {
      transposeA,
      transposeB,
      activation = 'linear',
      leakyreluAlpha = 0.2,
    } = args.attrs as unknown as BatchMatMulAttrs & { activation?: string; leakyreluAlpha?: number };
    const n = transposeB ? b!.shape.at(-2)! : b!.shape.at(-1)!;
    const known =
      activation === 'linear' || activation in ACTIVATION_KERNELS || (activation === 'prelu' && preluActivationWeights);
    const ours =
      a!.dtype === 'float32' &&
      b!.dtype === 'float32' &&
      (!bias || (bias.shape.length === 1 && bias.shape[0] === n && bias.dtype === 'float32')) &&
      known;
    if (!ours) return runBuiltin('_FusedMatMul', backendName, builtin, args);
    const { backend } = args;
    let y = callKernel('BatchMatMul', backendName, backend, { a: a!, b: b! }, { transposeA, transposeB });
    const then = (kernel: string, inputs: Record<string, TensorInfo>, attrs: Record<string, number> = {}) => {
      const next = callKernel(kernel, backendName, backend, inputs, attrs);
      disposeIntermediate(backend, y);
      y = next;
    };
    if (bias) then('Add', { a: y, b: bias });
    if (activation === 'prelu') then('Prelu', { x: y, alpha: preluActivationWeights! });
    else if (activation !== 'linear') {
      const [kernel, attrs] = ACTIVATION_KERNELS[activation](leakyreluAlpha);
      then(kernel, { x: y }, attrs);
    }
    return y;
  };
}

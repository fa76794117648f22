import {
  backend_util,
  type Conv2DAttrs,
  type FusedConv2DAttrs,
  type KernelBackend,
  type TensorInfo,
} from '@tensorflow/tfjs';
import { convGeometry, padInto, paddedWindows, windowOffsets } from './convGeometry';
import { type BackendKernel, type Builtin, type WasmHeap, disposeIntermediate, runBuiltin } from './kernelIO';
import { simdConvolutions } from './simd/simdModules';

/**
 * Whether Deepwire's SIMD convolution (`conv_forward`) beats XNNPACK's for a filter of `taps`
 * (KH·KW·Cin) rows of `channels` outputs, XNNPACK creating its operator and packing the filter
 * anew after every optimizer step: while the filter fits in the processor's cache (1 MB), which the
 * SIMD kernel reads once per block of 4 outputs. Measured on wasm with new weights each call (ms,
 * SIMD / XNNPACK): LeNet-5 conv1 0.36 / 0.65, star-galaxy 44×44×5 → 8 2.09 / 3.36, 3×3 20×20×16 →
 * 16 1.26 / 1.76, 28×28×128 → 128 (batch 8) 43.5 / 53.7; 14×14×256 → 256 (2.4 MB of filter) 86.9 /
 * 57.8, which XNNPACK keeps.
 */
export const simdConvPays = (taps: number, channels: number) => taps * Math.ceil(channels / 8) * 8 <= 1 << 18;

/**
 * A forward convolution (NHWC) as Deepwire's WebAssembly SIMD (simd/convolutions.wat,
 * `conv_forward`): blocks of 4 outputs × 8 channels over a table of the window's byte offsets
 * (any stride and dilation), x zero-padded once so every window lies inside it, the bias and a
 * ReLU applied in the kernel. Channels are rounded up to 8 in a scratch result where needed.
 *
 * @returns undefined (the caller uses the backend's own) without the SIMD module, for other
 *   dtypes, or an output row narrower than the kernel's 4-wide blocks
 */
export function convForwardSimd(
  backend: KernelBackend,
  x: TensorInfo,
  filter: TensorInfo,
  bias: TensorInfo | undefined,
  info: backend_util.Conv2DInfo,
  relu: boolean,
): TensorInfo | undefined {
  const simd = simdConvolutions(backend);
  if (!simd || x.dtype !== 'float32' || filter.dtype !== 'float32' || (bias && bias.dtype !== 'float32')) {
    return undefined;
  }
  const g = convGeometry(info);
  const { N, C, OH, OW, KH, KW } = g;
  const cout = info.outChannels;
  // The kernel's loops run at least once: empty sizes are left to the backend's own.
  if (OW < 4 || N * OH * KH * KW * C * cout === 0) return undefined;
  if (bias && bias.shape.reduce((p, d) => p * d, 1) !== cout) return undefined;
  const { Hp, Wp, padded, imageBytes, rowBytes, colBytes } = paddedWindows(g);
  const K = KH * KW * C;
  const coutp = Math.ceil(cout / 8) * 8;
  if (N * Hp * Wp * C * 4 >= 2 ** 31 || N * OH * OW * coutp * 4 >= 2 ** 31) return undefined;
  const heap = backend as unknown as WasmHeap;
  const made: TensorInfo[] = [];
  const make = (shape: number[], dtype: 'float32' | 'int32' = 'float32') => {
    const t = heap.makeOutput(shape, dtype);
    made.push(t);
    return t;
  };
  const xp = padded ? make([N, Hp, Wp, C]) : x;
  const offsets = make([K], 'int32');
  const weights = make([K, coutp]);
  const biases = make([coutp]);
  const out = heap.makeOutput([N, OH, OW, cout], 'float32');
  const wide = coutp !== cout ? make([N, OH, OW, coutp]) : out;
  // Views only now: allocating may grow the heap, which detaches earlier views.
  const view = (t: TensorInfo) => heap.typedArrayFromHeap(t) as Float32Array;
  if (padded) padInto(view(x), view(xp), g, Hp, Wp);
  const offsetView = heap.typedArrayFromHeap(offsets) as Int32Array;
  windowOffsets(g, Wp, offsetView);
  const w = view(filter);
  const wp = view(weights);
  if (coutp === cout) wp.set(w);
  else {
    wp.fill(0);
    for (let r = 0; r < K; r++) wp.set(w.subarray(r * cout, (r + 1) * cout), r * coutp);
  }
  const bp = view(biases);
  bp.fill(0);
  if (bias) bp.set(view(bias));
  simd.conv_forward(
    view(xp).byteOffset,
    wp.byteOffset,
    bp.byteOffset,
    view(wide).byteOffset,
    offsetView.byteOffset,
    N,
    OH,
    OW,
    K,
    coutp,
    imageBytes,
    rowBytes,
    colBytes,
    relu ? 1 : 0,
  );
  if (wide !== out) simd.copy_rows(view(wide).byteOffset, view(out).byteOffset, N * OH * OW, cout, coutp * 4, cout * 4);
  disposeIntermediate(backend, ...made);
  return out;
}

/**
 * `Conv2D` and `FusedConv2D` on wasm (channels-last, float32, at most a bias and a ReLU) through
 * {@link convForwardSimd} where {@link simdConvPays}; everything else goes to the backend's own.
 *
 * @param kernelName - 'Conv2D' or 'FusedConv2D'
 * @param pays - which layers take the SIMD route (tests and benchmarks force it)
 */
export function makeConvForward(
  kernelName: 'Conv2D' | 'FusedConv2D',
  pays: (taps: number, channels: number) => boolean = simdConvPays,
): (backendName: string, builtin: Builtin) => BackendKernel {
  return (backendName, builtin) => (args) => {
    const { x, filter, bias, preluActivationWeights } = args.inputs as Record<string, TensorInfo | undefined>;
    const attrs = args.attrs as unknown as FusedConv2DAttrs & Conv2DAttrs;
    const activation = kernelName === 'FusedConv2D' ? attrs.activation : 'linear';
    const plain =
      attrs.dataFormat !== 'NCHW' &&
      !preluActivationWeights &&
      (activation === 'linear' || activation === 'relu') &&
      x!.shape.length === 4 &&
      filter!.shape.length === 4 &&
      pays(filter!.shape[0] * filter!.shape[1] * filter!.shape[2], filter!.shape[3]);
    if (plain) {
      const info = backend_util.computeConv2DInfo(
        x!.shape as [number, number, number, number],
        filter!.shape as [number, number, number, number],
        attrs.strides,
        attrs.dilations ?? 1,
        attrs.pad,
        attrs.dimRoundingMode,
      );
      const out = convForwardSimd(args.backend, x!, filter!, bias, info, activation === 'relu');
      if (out) return out;
    }
    return runBuiltin(kernelName, backendName, builtin, args);
  };
}

import {
  backend_util,
  type Conv2DBackpropInputAttrs,
  type KernelBackend,
  type KernelConfig,
  type TensorInfo,
} from '@tensorflow/tfjs';
import {
  type BackendKernel,
  type KernelArgs,
  type WasmHeap,
  callKernel,
  disposeIntermediate,
  readFloat32,
  writeTensor,
} from './kernelIO';
import { simdConvolutions } from './simd/simdModules';

/**
 * When the input gradient is a product and a scatter ({@link inputGradientSimd}) rather than
 * XNNPACK's convolution: where the convolution would multiply many zeros (input pixels per output
 * position ≥ 1.5: 1.96 for LeNet-5's second 5×5 'valid' convolution, about 4 at stride 2), or
 * where the product's sums are long enough to run at speed (≥ 16 output channels). Measured on
 * wasm, batch 32 (ms, product / convolution): LeNet-5 conv2 0.66 / 1.40; 3×3 'same' 10×10×32
 * 1.42 / 1.77, 20×20×16 1.94 / 2.05, 40×40×8 2.81 / 2.16 (the one the convolution keeps);
 * exoplanet-style 1×201×16 0.47 / 0.56.
 */
const productRoute = (ratio: number, outChannels: number) => ratio >= 1.5 || outChannels >= 16;
/** Largest block of dy·Wᵀ rows computed at once, in floats (32 MB), as for the filter gradient's patches. */
const COLUMN_FLOATS_PER_SLICE = 8 << 20;

/**
 * `Conv2DBackpropInput` built on the backend's own forward `Conv2D` (XNNPACK on wasm, which is
 * several times faster than wasm's direct backprop-input loop).
 *
 * The input gradient is dx[n,ih,iw,ci] = Σ dy[n,oh,ow,co] · W[kh,kw,ci,co] over oh·s+kh−top = ih
 * (and the same along the width). With D the stride-dilated dy (s−1 zeros between neighbours, so
 * D[oh·s] = dy[oh]) and W' the filter flipped in space with its channel axes swapped,
 * W'[KH−1−kh, KW−1−kw, co, ci] = W[kh,kw,ci,co], that is an ordinary stride-1 convolution:
 * dx = conv(D, W') with KH−1−top rows of zeros on top and H − DH + top below (DH = (OH−1)·s+1),
 * which gives exactly H output rows; likewise for the width. TF's valid/same/explicit padding
 * enters only through `top`/`left`, taken from TF's own computeConv2DInfo. A negative amount of
 * padding (explicit padding larger than the filter) crops D instead.
 *
 * Strides above 1 and 'valid' windows much larger than the output multiply by zeros (s² more
 * multiply-adds than needed at stride s, twice as many for LeNet-5's second convolution): there, on
 * wasm, the gradient is instead a matrix product and a scatter in WebAssembly SIMD
 * ({@link inputGradientSimd}).
 *
 * @param backendName - the backend whose Conv2D to build on
 * @param fallback - the backend's own kernel, used for channels-first data (which XNNPACK's NHWC
 *   convolution cannot take)
 * @param route - 'auto' chooses as {@link productRoute} says; tests force each route
 * @param columnFloatsPerSlice - cap on the product route's dy·Wᵀ block (tests shrink it to slice)
 */
export function makeConv2DBackpropInput(
  backendName: string,
  fallback?: () => KernelConfig | undefined,
  route: 'auto' | 'product' | 'convolution' = 'auto',
  columnFloatsPerSlice = COLUMN_FLOATS_PER_SLICE,
): BackendKernel {
  return (args: KernelArgs): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as Conv2DBackpropInputAttrs;
    if (dataFormat === 'NCHW') {
      const own = fallback?.();
      if (own) {
        const out = own.kernelFunc(args as unknown as Parameters<KernelConfig['kernelFunc']>[0]);
        return Array.isArray(out) ? out[0] : out;
      }
      throw new Error('Conv2DBackpropInput: Deepwire trains channels-last (NHWC) only; got NCHW.');
    }
    const info = backend_util.computeConv2DInfo(
      inputShape,
      filter.shape as [number, number, number, number],
      strides,
      1,
      pad,
      dimRoundingMode,
    );
    if (dy.shape.join() !== info.outShape.join()) {
      throw new Error(
        `Conv2DBackpropInput: dy has shape [${dy.shape}] but the convolution outputs [${info.outShape}].`,
      );
    }
    const { batchSize: N, inHeight: H, inWidth: W, inChannels: Cin } = info;
    const { outHeight: OH, outWidth: OW, outChannels: Cout, filterHeight: KH, filterWidth: KW } = info;
    const { strideHeight: sh, strideWidth: sw } = info;
    if (route === 'product' || (route === 'auto' && productRoute((H * W) / (OH * OW), Cout))) {
      const dx = inputGradientSimd(backend, dy, filter, info, columnFloatsPerSlice);
      if (dx) return dx;
    }

    // Zero padding around the stride-dilated dy for the forward convolution (may be negative).
    const DH = (OH - 1) * sh + 1;
    const DW = (OW - 1) * sw + 1;
    const padTop = KH - 1 - info.padInfo.top;
    const padLeft = KW - 1 - info.padInfo.left;
    const padBottom = H + KH - 1 - DH - padTop;
    const padRight = W + KW - 1 - DW - padLeft;
    // Non-negative padding is left to the convolution; negative padding crops the buffer below.
    const [pt, pb, pl, pr] = [padTop, padBottom, padLeft, padRight].map((p) => Math.max(p, 0));
    const BH = H + KH - 1 - pt - pb;
    const BW = W + KW - 1 - pl - pr;

    // W'[KH−1−kh, KW−1−kw, co, ci] = W[kh, kw, ci, co].
    const w = readFloat32(backend, filter);
    const flipped = new Float32Array(w.length);
    for (let kh = 0; kh < KH; kh++) {
      for (let kw = 0; kw < KW; kw++) {
        const src = (kh * KW + kw) * Cin * Cout;
        const dst = ((KH - 1 - kh) * KW + (KW - 1 - kw)) * Cout * Cin;
        for (let ci = 0; ci < Cin; ci++) {
          for (let co = 0; co < Cout; co++) flipped[dst + co * Cin + ci] = w[src + ci * Cout + co];
        }
      }
    }
    const filterT = writeTensor(backend, flipped, [KH, KW, Cout, Cin]);

    // dy itself is the convolution's input when nothing needs inserting or cropping.
    let input = dy;
    let ownsInput = false;
    if (sh !== 1 || sw !== 1 || BH !== OH || BW !== OW) {
      const dyValues = readFloat32(backend, dy);
      const buffer = new Float32Array(N * BH * BW * Cout);
      const rowOffset = Math.min(padTop, 0);
      const colOffset = Math.min(padLeft, 0);
      for (let n = 0; n < N; n++) {
        for (let oh = 0; oh < OH; oh++) {
          const r = oh * sh + rowOffset;
          if (r < 0 || r >= BH) continue;
          for (let ow = 0; ow < OW; ow++) {
            const c = ow * sw + colOffset;
            if (c < 0 || c >= BW) continue;
            const src = ((n * OH + oh) * OW + ow) * Cout;
            buffer.set(dyValues.subarray(src, src + Cout), ((n * BH + r) * BW + c) * Cout);
          }
        }
      }
      input = writeTensor(backend, buffer, [N, BH, BW, Cout]);
      ownsInput = true;
    }

    const dx = callKernel(
      'Conv2D',
      backendName,
      backend,
      { x: input, filter: filterT },
      {
        strides: 1,
        dilations: 1,
        pad: [
          [0, 0],
          [pt, pb],
          [pl, pr],
          [0, 0],
        ],
        dataFormat: 'NHWC',
      },
    );
    disposeIntermediate(backend, filterT);
    if (ownsInput) disposeIntermediate(backend, input);
    return dx;
  };
}

/**
 * The input gradient as cols = dy·Wᵀ (one row of KH·KW·Cin values per output position, the SIMD
 * `gemm`) scattered into dx where each receptive field lies (`col2im`), in slices of positions;
 * multiply-adds only where dy is, whatever the stride or the padding.
 *
 * @returns undefined (the convolution route is used) without the SIMD module (not wasm), for data
 *   that is not float32, or where the product's reads would pass the end of memory
 */
function inputGradientSimd(
  backend: KernelBackend,
  dy: TensorInfo,
  filter: TensorInfo,
  info: backend_util.Conv2DInfo,
  columnFloatsPerSlice: number,
): TensorInfo | undefined {
  const simd = simdConvolutions(backend);
  if (!simd || dy.dtype !== 'float32' || filter.dtype !== 'float32') return undefined;
  const heap = backend as unknown as WasmHeap;
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: Cin, outHeight: OH, outWidth: OW } = info;
  const { outChannels: Cout, filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = info;
  const K = KH * KW * Cin;
  const Kp = Math.ceil(K / 8) * 8;
  const P = N * OH * OW;
  // The product's loops run at least once: empty sizes are left to the convolution route.
  if (P * K * Cout === 0) return undefined;
  const slice = Math.max(4, Math.min(Math.ceil(P / 4) * 4, Math.floor(columnFloatsPerSlice / Kp / 4) * 4));
  const weightsT = heap.makeOutput([Cout, Kp], 'float32');
  const cols = heap.makeOutput([slice, Kp], 'float32');
  const dx = heap.makeOutput([N, H, W, Cin], 'float32');
  const [dyView, wView, wtView, colsView, dxView] = [dy, filter, weightsT, cols, dx].map((t) =>
    heap.typedArrayFromHeap(t),
  );
  // The product reads whole blocks of 4 rows of dy: up to 3 rows past its end.
  if (dyView.byteOffset + (dyView.length + 3 * Cout) * 4 > simd.memory.buffer.byteLength) {
    disposeIntermediate(backend, weightsT, cols, dx);
    return undefined;
  }
  // Wᵀ with rows padded to Kp: the filter [KH, KW, Cin, Cout] is W[k, co] for k = (kh, kw, ci).
  wtView.fill(0);
  for (let k = 0; k < K; k++) {
    for (let co = 0; co < Cout; co++) wtView[co * Kp + k] = wView[k * Cout + co];
  }
  dxView.fill(0);
  for (let p0 = 0; p0 < P; p0 += slice) {
    const rows = Math.min(slice, P - p0);
    simd.gemm(
      dyView.byteOffset + p0 * Cout * 4,
      wtView.byteOffset,
      colsView.byteOffset,
      Math.ceil(rows / 4) * 4,
      Cout,
      Kp,
      Cout * 4,
      Kp * 4,
      Kp * 4,
    );
    simd.col2im(
      colsView.byteOffset,
      dxView.byteOffset,
      p0,
      rows,
      OH,
      OW,
      H,
      W,
      Cin,
      KH,
      KW,
      sh,
      sw,
      info.padInfo.top,
      info.padInfo.left,
      Kp * 4,
    );
  }
  disposeIntermediate(backend, weightsT, cols);
  return dx;
}

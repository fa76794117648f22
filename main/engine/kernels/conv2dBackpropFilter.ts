import { backend_util, type Conv2DBackpropFilterAttrs, type TensorInfo } from '@tensorflow/tfjs';
import { im2colColumns } from './im2colRows';
import {
  type BackendKernel,
  type WasmHeap,
  callKernel,
  disposeIntermediate,
  readFloat32,
  writeTensor,
} from './kernelIO';
import { type KernelBackend, getKernel } from '@tensorflow/tfjs';
import { convGeometry, padInto, paddedWindows, windowOffsets } from './convGeometry';
import { simdConvolutions } from './simd/simdModules';

/** How the filter gradient is computed: see {@link makeConv2DBackpropFilter}. */
export type FilterGradientStrategy = 'simd' | 'conv2d' | 'im2col';

/**
 * Largest patch matrix built at once, in floats (32 MB). Bigger inputs are processed in slices of
 * output positions and the partial filter gradients summed, so a VGG-size layer never needs a
 * gigabyte-sized patch matrix.
 */
const PATCH_FLOATS_PER_SLICE = 8 << 20;

/** Conv2DBackpropFilter's attrs plus the dilation the forward conv used (tfjs omits it; 1 if absent). */
export type Conv2DBackpropFilterKernelAttrs = Conv2DBackpropFilterAttrs & { dilations?: number | [number, number] };

/**
 * `Conv2DBackpropFilter` for any backend that has a fast `BatchMatMul`.
 *
 * The filter gradient is dW[kh,kw,ci,co] = Σ_{n,oh,ow} x[n, oh·s+kh·d−pad, ow·s+kw·d−pad, ci] ·
 * dy[n,oh,ow,co]. Writing the receptive fields as rows of a patch matrix X (one row per output
 * position, im2col) turns that sum into one matrix product, dW = Xᵀ · dy, with dy viewed as
 * [N·OH·OW, Cout]; the backend's BatchMatMul (XNNPACK on wasm, a blocked loop on cpu) does the
 * multiply-adds, and the result is already in [KH, KW, Cin, Cout] order. Xᵀ is built directly
 * (im2colColumns) rather than X with transposeA: wasm's BatchMatMul only reaches XNNPACK for an
 * untransposed left operand and is about ten times slower otherwise.
 *
 * On wasm the product runs as Deepwire's own WebAssembly SIMD kernel, which reads the receptive
 * fields straight from x (see {@link filterGradientSimd}; 1.5–4× XNNPACK below). Where that module
 * is not available, an undilated convolution's filter gradient is one call of XNNPACK's own Conv2D,
 * which gathers the receptive fields itself instead of us writing KH·KW copies of x
 * (see {@link filterGradientViaConv2D}); im2col remains for cpu and the cases neither can take.
 *
 * @param backendName - the backend whose kernels to build on
 * @param patchFloatsPerSlice - cap on the patch matrix size (tests shrink it to exercise slicing)
 * @param strategy - the first method to try (default: 'simd' on wasm, else 'im2col'); 'simd' falls
 *   back to 'conv2d', and both to 'im2col', where they cannot take a case
 */
export function makeConv2DBackpropFilter(
  backendName: string,
  patchFloatsPerSlice = PATCH_FLOATS_PER_SLICE,
  strategy: FilterGradientStrategy = backendName === 'wasm' ? 'simd' : 'im2col',
): BackendKernel {
  return ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
    const {
      strides,
      pad,
      dataFormat,
      dimRoundingMode,
      filterShape,
      dilations = 1,
    } = attrs as unknown as Conv2DBackpropFilterKernelAttrs;
    if (dataFormat === 'NCHW') {
      throw new Error('Conv2DBackpropFilter: Deepwire trains channels-last (NHWC) only; got NCHW.');
    }
    const info = backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filterShape,
      strides,
      dilations,
      pad,
      dimRoundingMode,
    );
    const positions = info.batchSize * info.outHeight * info.outWidth;
    const K = info.filterHeight * info.filterWidth * info.inChannels;
    const outC = info.outChannels;
    if (dy.shape.join() !== info.outShape.join()) {
      throw new Error(
        `Conv2DBackpropFilter: dy has shape [${dy.shape}] but the convolution outputs [${info.outShape}].`,
      );
    }

    if (strategy === 'simd') {
      const dW = filterGradientSimd(backend, x, dy, info);
      if (dW) return dW;
    }
    if (strategy !== 'im2col') {
      const dW = filterGradientViaConv2D(backendName, backend, x, dy, info);
      if (dW) return dW;
    }
    const xValues = readFloat32(backend, x);
    const dyValues = readFloat32(backend, dy);
    const sliceRows = Math.max(1, Math.min(positions, Math.floor(patchFloatsPerSlice / K)));
    const patches = new Float32Array(sliceRows * K);
    let dW: Float32Array | undefined;
    for (let p0 = 0; p0 < positions; p0 += sliceRows) {
      const p1 = Math.min(positions, p0 + sliceRows);
      const rows = p1 - p0;
      im2colColumns(xValues, info, p0, p1, patches);
      const a = writeTensor(backend, patches.subarray(0, rows * K), [1, K, rows]);
      const b = writeTensor(backend, dyValues.subarray(p0 * outC, p1 * outC), [1, rows, outC]);
      const product = callKernel(
        'BatchMatMul',
        backendName,
        backend,
        { a, b },
        { transposeA: false, transposeB: false },
      );
      // readSync may hand back the backend's own storage; copy the first slice, add the rest.
      const part = readFloat32(backend, product);
      if (!dW) dW = Float32Array.from(part);
      else for (let i = 0; i < dW.length; i++) dW[i] += part[i];
      disposeIntermediate(backend, a, b, product);
    }
    return writeTensor(backend, dW ?? new Float32Array(K * outC), [...filterShape]);
  };
}

/**
 * The filter gradient as a forward convolution, for undilated convolutions: with the batch axis
 * moved last in x (X'[ci, ih, iw, n]) and dy viewed as a filter F[oh, ow, n, co] = dy[n, oh, ow, co],
 * dW[kh, kw, ci, co] = Σ_{oh,ow,n} X'[ci, kh + oh·s − top, kw + ow·s − left, n] · F[oh, ow, n, co]
 * is the stride-1 convolution of X' with F dilated by the forward stride s, giving [Cin, KH, KW,
 * Cout], which is then reordered to [KH, KW, Cin, Cout]. The bottom/right padding is chosen so the
 * output is exactly KH × KW.
 *
 * @returns undefined (the caller uses im2col) when the convolution is dilated, the backend has no
 *   Conv2D, or the last input rows/columns are never read (valid padding that leaves a remainder),
 *   which would need negative padding
 */
function filterGradientViaConv2D(
  backendName: string,
  backend: KernelBackend,
  x: TensorInfo,
  dy: TensorInfo,
  info: backend_util.Conv2DInfo,
): TensorInfo | undefined {
  const { inHeight: H, inWidth: W, outHeight: OH, outWidth: OW } = info;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  const bottom = KH - 1 + (OH - 1) * sh + 1 - H - top;
  const right = KW - 1 + (OW - 1) * sw + 1 - W - left;
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1 || bottom < 0 || right < 0) return undefined;
  if (info.dataFormat !== 'channelsLast' || !getKernel('Conv2D', backendName)) return undefined;
  if (!getKernel('Transpose', backendName)) return undefined;

  // The three reorderings run as the backend's own Transpose kernel (native on wasm): JavaScript
  // never copies x, dy or the result (it did, element by element, until issue 12 item 2).
  const transpose = (t: TensorInfo, perm: number[]) =>
    callKernel('Transpose', backendName, backend, { x: t }, { perm });
  const input = transpose(x, [3, 1, 2, 0]); // [C, H, W, N]
  const filter = transpose(dy, [1, 2, 0, 3]); // [OH, OW, N, CO]
  const out = callKernel(
    'Conv2D',
    backendName,
    backend,
    { x: input, filter },
    {
      strides: 1,
      dilations: [sh, sw],
      pad: [
        [0, 0],
        [top, bottom],
        [left, right],
        [0, 0],
      ],
      dataFormat: 'NHWC',
    },
  ); // [C, KH, KW, CO]
  const dW = transpose(out, [1, 2, 0, 3]); // [KH, KW, C, CO]
  disposeIntermediate(backend, input, filter, out);
  return dW;
}

/**
 * The filter gradient as Deepwire's SIMD kernel (simd/convolutions.wat, `filter_grad`): a
 * register-blocked product of 4 filter rows × 8 output channels per pass over an image, reading
 * each receptive field straight from x through a table of the window's byte offsets (so any
 * stride, dilation and Cin, and no patch matrix), with x zero-padded once so every window lies
 * inside it (here, row by row: wasm's own PadV2 took 0.5 ms for LeNet-5's 32×28×28 input, twice
 * the whole SIMD product). Filter rows and channels are rounded up to 4 and 8 in a scratch
 * result whose real part is then copied out.
 *
 * @returns undefined (the caller falls back) when the module is not available on this backend (not
 *   wasm, or a build whose memory cannot be shared), the tensors are not float32, or a byte offset
 *   would not fit in 32 bits
 */
function filterGradientSimd(
  backend: KernelBackend,
  x: TensorInfo,
  dy: TensorInfo,
  info: backend_util.Conv2DInfo,
): TensorInfo | undefined {
  const simd = simdConvolutions(backend);
  if (!simd || x.dtype !== 'float32' || dy.dtype !== 'float32') return undefined;
  const heap = backend as unknown as WasmHeap;
  const g = convGeometry(info);
  const { N, C, OH, OW, KH, KW } = g;
  const cout = info.outChannels;
  // The kernel's loops run at least once: an empty output (or filter) is left to the other routes.
  if (N * OH * OW * C * cout * KH * KW === 0) return undefined;
  const { Hp, Wp, padded, imageBytes, rowBytes, colBytes } = paddedWindows(g);
  const K = KH * KW * C;
  const kp = Math.ceil(K / 4) * 4;
  const coutp = Math.ceil(cout / 8) * 8;
  if (N * Hp * Wp * C * 4 > 2 ** 31 || kp * coutp * 4 > 2 ** 31) return undefined;

  const xp = padded ? heap.makeOutput([N, Hp, Wp, C], 'float32') : x;
  const offsets = heap.makeOutput([kp], 'int32');
  const scratch = heap.makeOutput([kp * coutp], 'float32');
  const dW = heap.makeOutput([...info.filterShape], 'float32');
  // Views only now: allocating may grow the heap, which detaches views taken earlier.
  const views = [xp, dy, offsets, scratch, dW].map((t) => heap.typedArrayFromHeap(t));
  const [xView, dyView, offsetView, scratchView, dWView] = views;
  // Channels past cout read past the last position's row of dy: that must still be memory.
  const dyEnd = dyView.byteOffset + (dyView.length + coutp - cout) * 4;
  if (views.some((v) => v.buffer !== simd.memory.buffer) || dyEnd > simd.memory.buffer.byteLength) {
    disposeIntermediate(backend, offsets, scratch, dW, ...(padded ? [xp] : []));
    return undefined;
  }
  if (padded) padInto(heap.typedArrayFromHeap(x) as Float32Array, xView as Float32Array, g, Hp, Wp);
  // Rows past K read the window's first value; their sums are never copied out.
  windowOffsets(g, Wp, offsetView as Int32Array);
  scratchView.fill(0);
  simd.filter_grad(
    xView.byteOffset,
    dyView.byteOffset,
    scratchView.byteOffset,
    offsetView.byteOffset,
    N,
    OH,
    OW,
    kp,
    coutp,
    cout,
    imageBytes,
    rowBytes,
    colBytes,
  );
  simd.copy_rows(scratchView.byteOffset, dWView.byteOffset, K, cout, coutp * 4, cout * 4);
  disposeIntermediate(backend, offsets, scratch, ...(padded ? [xp] : []));
  return dW;
}

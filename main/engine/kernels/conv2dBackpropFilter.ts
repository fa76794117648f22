import { backend_util, type Conv2DBackpropFilterAttrs, type TensorInfo } from '@tensorflow/tfjs';
import { im2colColumns } from './im2colRows';
import { type BackendKernel, callKernel, disposeIntermediate, readFloat32, writeTensor } from './kernelIO';
import { type KernelBackend, getKernel } from '@tensorflow/tfjs';

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
 * On wasm an undilated convolution's filter gradient is instead one call of XNNPACK's own Conv2D,
 * which gathers the receptive fields itself instead of us writing KH·KW copies of x
 * (see {@link filterGradientViaConv2D}); im2col remains for cpu and the cases that cannot.
 *
 * @param backendName - the backend whose BatchMatMul to build on
 * @param patchFloatsPerSlice - cap on the patch matrix size (tests shrink it to exercise slicing)
 * @param viaConv2D - use the backend's Conv2D where it can (default: on wasm)
 */
export function makeConv2DBackpropFilter(
  backendName: string,
  patchFloatsPerSlice = PATCH_FLOATS_PER_SLICE,
  viaConv2D = backendName === 'wasm',
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

    if (viaConv2D) {
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

import { backend_util, type Conv2DBackpropFilterAttrs, type TensorInfo } from '@tensorflow/tfjs';
import { im2colRows } from './im2colRows';
import { type BackendKernel, callKernel, disposeIntermediate, readFloat32, writeTensor } from './kernelIO';

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
 * multiply-adds, and the result is already in [KH, KW, Cin, Cout] order.
 *
 * @param backendName - the backend whose BatchMatMul to build on
 * @param patchFloatsPerSlice - cap on the patch matrix size (tests shrink it to exercise slicing)
 */
export function makeConv2DBackpropFilter(
  backendName: string,
  patchFloatsPerSlice = PATCH_FLOATS_PER_SLICE,
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

    const xValues = readFloat32(backend, x);
    const dyValues = readFloat32(backend, dy);
    const sliceRows = Math.max(1, Math.min(positions, Math.floor(patchFloatsPerSlice / K)));
    const patches = new Float32Array(sliceRows * K);
    let dW: Float32Array | undefined;
    for (let p0 = 0; p0 < positions; p0 += sliceRows) {
      const p1 = Math.min(positions, p0 + sliceRows);
      const rows = p1 - p0;
      im2colRows(xValues, info, p0, p1, patches);
      const a = writeTensor(backend, patches.subarray(0, rows * K), [1, rows, K]);
      const b = writeTensor(backend, dyValues.subarray(p0 * outC, p1 * outC), [1, rows, outC]);
      const product = callKernel(
        'BatchMatMul',
        backendName,
        backend,
        { a, b },
        { transposeA: true, transposeB: false },
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

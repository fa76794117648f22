import { backend_util, type DepthwiseConv2dNativeBackpropFilterAttrs, type TensorInfo } from '@tensorflow/tfjs';
import { type BackendKernel, readFloat32, writeTensor } from './kernelIO';
import { window2D, windowTaps } from './windowTaps';

/**
 * `DepthwiseConv2dNativeBackpropFilter` on typed arrays, for any backend.
 *
 * dW[kh,kw,c,m] = Σ_{n,oh,ow} x[n, oh·s+kh·d−pad, ow·s+kw·d−pad, c] · dy[n,oh,ow, c·M+m].
 * Each channel is its own tiny matrix product, so composing it from BatchMatMul would need a
 * per-channel patch layout (a transpose as big as the input) for a layer with few multiply-adds;
 * a direct loop is simpler and as fast. It walks output positions in memory order (windowTaps),
 * reads x and dy contiguously along channels, and accumulates into a KH·KW·C·M float64 buffer small enough to
 * stay in cache (float64 so that summing over N·OH·OW positions loses nothing).
 */
export const depthwiseConv2dBackpropFilter: BackendKernel = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, dilations, pad, dimRoundingMode, filterShape } =
    attrs as unknown as DepthwiseConv2dNativeBackpropFilterAttrs;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    dilations,
    pad,
    dimRoundingMode,
    true,
  );
  const g = window2D(info);
  const { N, C, KH, KW } = g;
  const { positions, pixels, start, pixel, tap } = windowTaps(g);
  const M = filterShape[3];
  const CM = C * M;
  const xv = readFloat32(backend, x);
  const dyv = readFloat32(backend, dy);
  const acc = new Float64Array(KH * KW * CM);

  for (let n = 0; n < N; n++) {
    for (let q = 0; q < positions; q++) {
      const dyBase = (n * positions + q) * CM;
      for (let t = start[q]; t < start[q + 1]; t++) {
        const xBase = (n * pixels + pixel[t]) * C;
        const wBase = tap[t] * CM;
        if (M === 1) {
          for (let c = 0; c < C; c++) acc[wBase + c] += xv[xBase + c] * dyv[dyBase + c];
        } else {
          for (let c = 0; c < C; c++) {
            const xc = xv[xBase + c];
            const o = c * M;
            for (let m = 0; m < M; m++) acc[wBase + o + m] += xc * dyv[dyBase + o + m];
          }
        }
      }
    }
  }
  return writeTensor(backend, Float32Array.from(acc), [...filterShape]);
};

import { backend_util, type DepthwiseConv2dNativeBackpropInputAttrs, type TensorInfo } from '@tensorflow/tfjs';
import { type BackendKernel, readFloat32, writeTensor } from './kernelIO';
import { window2D, windowTaps } from './windowTaps';

/**
 * `DepthwiseConv2dNativeBackpropInput` on typed arrays, for any backend.
 *
 * dx[n,ih,iw,c] = Σ_{kh,kw,m} dy[n,oh,ow, c·M+m] · W[kh,kw,c,m] over the (oh, ow) whose window
 * covers (ih, iw). Rather than search, for each input pixel, the outputs that saw it (which needs
 * divisibility tests once stride > 1), it scatters: every output position adds its contribution
 * to the KH·KW input pixels it read. That is the forward loop run backwards, so it needs no
 * special cases for stride, dilation or padding.
 */
export const depthwiseConv2dBackpropInput: BackendKernel = ({ inputs, backend, attrs }) => {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, dilations, pad, dimRoundingMode, inputShape } =
    attrs as unknown as DepthwiseConv2dNativeBackpropInputAttrs;
  const filterShape = filter.shape as [number, number, number, number];
  const info = backend_util.computeConv2DInfo(inputShape, filterShape, strides, dilations, pad, dimRoundingMode, true);
  const g = window2D(info);
  const { N, H, W, C } = g;
  const { positions, pixels, start, pixel, tap } = windowTaps(g);
  const M = filterShape[3];
  const CM = C * M;
  const dyv = readFloat32(backend, dy);
  const wv = readFloat32(backend, filter);
  const dx = new Float32Array(N * H * W * C);

  for (let n = 0; n < N; n++) {
    for (let q = 0; q < positions; q++) {
      const dyBase = (n * positions + q) * CM;
      for (let t = start[q]; t < start[q + 1]; t++) {
        const xBase = (n * pixels + pixel[t]) * C;
        const wBase = tap[t] * CM;
        if (M === 1) {
          for (let c = 0; c < C; c++) dx[xBase + c] += dyv[dyBase + c] * wv[wBase + c];
        } else {
          for (let c = 0; c < C; c++) {
            const o = c * M;
            let sum = 0;
            for (let m = 0; m < M; m++) sum += dyv[dyBase + o + m] * wv[wBase + o + m];
            dx[xBase + c] += sum;
          }
        }
      }
    }
  }
  return writeTensor(backend, dx, [...inputShape]);
};

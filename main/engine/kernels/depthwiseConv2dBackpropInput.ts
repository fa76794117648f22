import { backend_util, type DepthwiseConv2dNativeBackpropInputAttrs, type TensorInfo } from '@tensorflow/tfjs';
import { type BackendKernel, readFloat32, writeTensor } from './kernelIO';
import { convGeometry } from './convGeometry';

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
  const { N, H, W, C, OH, OW, KH, KW, sh, sw, dh, dw, top, left } = convGeometry(info);
  const M = filterShape[3];
  const CM = C * M;
  const dyv = readFloat32(backend, dy);
  const wv = readFloat32(backend, filter);
  const dx = new Float32Array(N * H * W * C);

  for (let n = 0, p = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++, p++) {
        const dyBase = p * CM;
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * sh - top + kh * dh;
          if (ih < 0 || ih >= H) continue;
          for (let kw = 0; kw < KW; kw++) {
            const iw = ow * sw - left + kw * dw;
            if (iw < 0 || iw >= W) continue;
            const xBase = ((n * H + ih) * W + iw) * C;
            const wBase = (kh * KW + kw) * CM;
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
    }
  }
  return writeTensor(backend, dx, [...inputShape]);
};

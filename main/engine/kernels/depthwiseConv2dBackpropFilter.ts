import { backend_util, type DepthwiseConv2dNativeBackpropFilterAttrs, type TensorInfo } from '@tensorflow/tfjs';
import { type BackendKernel, readFloat32, writeTensor } from './kernelIO';
import { convGeometry } from './convGeometry';

/**
 * `DepthwiseConv2dNativeBackpropFilter` on typed arrays, for any backend.
 *
 * dW[kh,kw,c,m] = Σ_{n,oh,ow} x[n, oh·s+kh·d−pad, ow·s+kw·d−pad, c] · dy[n,oh,ow, c·M+m].
 * Each channel is its own tiny matrix product, so composing it from BatchMatMul would need a
 * per-channel patch layout (a transpose as big as the input) for a layer with few multiply-adds;
 * a direct loop is simpler and as fast. It walks output positions in memory order, reads x and dy
 * contiguously along channels, and accumulates into a KH·KW·C·M float64 buffer small enough to
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
  const { N, H, W, C, OH, OW, KH, KW, sh, sw, dh, dw, top, left } = convGeometry(info);
  const M = filterShape[3];
  const CM = C * M;
  const xv = readFloat32(backend, x);
  const dyv = readFloat32(backend, dy);
  const acc = new Float64Array(KH * KW * CM);

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
    }
  }
  return writeTensor(backend, Float32Array.from(acc), [...filterShape]);
};

import { backend_util, type Conv3DBackpropInputV2Attrs, type TensorInfo } from '@tensorflow/tfjs';
import { type BackendKernel, readFloat32, writeTensor } from './kernelIO';

/**
 * `Conv3DBackpropInputV2` on typed arrays, for any backend. Replaces wasm's, which in TF.js 4.22
 * returns a wrong input gradient (about 60 % relative error against the cpu backend and against
 * finite differences), so any layer before a Conv3D learned garbage on wasm.
 *
 * dx[n,d,h,w,ci] = Σ dy[n,od,oh,ow,co] · W[kd,kh,kw,ci,co] over the outputs whose window covers
 * (d,h,w). It scatters: each output position adds W·dy to the input voxels it read — the forward
 * loop run backwards, with no divisibility tests for strides — with the Cout sum innermost, where
 * both dy and the filter are contiguous.
 */
export const conv3dBackpropInput: BackendKernel = ({ inputs, backend, attrs }) => {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, pad, inputShape } = attrs as unknown as Conv3DBackpropInputV2Attrs;
  const filterShape = filter.shape as [number, number, number, number, number];
  const info = backend_util.computeConv3DInfo(inputShape, filterShape, strides, 1, pad);
  const { batchSize: N, inDepth: D, inHeight: H, inWidth: W, inChannels: CI, outChannels: CO } = info;
  const { outDepth: OD, outHeight: OH, outWidth: OW, filterDepth: KD, filterHeight: KH, filterWidth: KW } = info;
  const { strideDepth: sd, strideHeight: sh, strideWidth: sw } = info;
  const { front, top, left } = info.padInfo;
  const dyv = readFloat32(backend, dy);
  const wv = readFloat32(backend, filter);
  const dx = new Float32Array(N * D * H * W * CI);

  for (let n = 0, p = 0; n < N; n++) {
    for (let od = 0; od < OD; od++) {
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++, p++) {
          const dyBase = p * CO;
          for (let kd = 0; kd < KD; kd++) {
            const id = od * sd - front + kd;
            if (id < 0 || id >= D) continue;
            for (let kh = 0; kh < KH; kh++) {
              const ih = oh * sh - top + kh;
              if (ih < 0 || ih >= H) continue;
              for (let kw = 0; kw < KW; kw++) {
                const iw = ow * sw - left + kw;
                if (iw < 0 || iw >= W) continue;
                const xBase = (((n * D + id) * H + ih) * W + iw) * CI;
                const wBase = ((kd * KH + kh) * KW + kw) * CI * CO;
                for (let ci = 0; ci < CI; ci++) {
                  const wRow = wBase + ci * CO;
                  let sum = 0;
                  for (let co = 0; co < CO; co++) sum += dyv[dyBase + co] * wv[wRow + co];
                  dx[xBase + ci] += sum;
                }
              }
            }
          }
        }
      }
    }
  }
  return writeTensor(backend, dx, [...inputShape]);
};

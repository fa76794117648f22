import { backend_util, type Conv3DBackpropInputV2Attrs, type TensorInfo } from '@tensorflow/tfjs';
import { type BackendKernel, readFloat32, writeTensor } from './kernelIO';
import { window3D, windowTaps } from './windowTaps';

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
  const CO = info.outChannels;
  const g = window3D(info);
  const { N, D, H, W, C: CI } = g;
  const { positions, pixels, start, pixel, tap } = windowTaps(g);
  const dyv = readFloat32(backend, dy);
  const wv = readFloat32(backend, filter);
  const dx = new Float32Array(N * D * H * W * CI);

  for (let n = 0; n < N; n++) {
    for (let q = 0; q < positions; q++) {
      const dyBase = (n * positions + q) * CO;
      for (let t = start[q]; t < start[q + 1]; t++) {
        const xBase = (n * pixels + pixel[t]) * CI;
        const wBase = tap[t] * CI * CO;
        for (let ci = 0; ci < CI; ci++) {
          const wRow = wBase + ci * CO;
          let sum = 0;
          for (let co = 0; co < CO; co++) sum += dyv[dyBase + co] * wv[wRow + co];
          dx[xBase + ci] += sum;
        }
      }
    }
  }
  return writeTensor(backend, dx, [...inputShape]);
};

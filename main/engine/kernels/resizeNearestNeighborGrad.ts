import { type ResizeNearestNeighborGradAttrs, type TensorInfo } from '@tensorflow/tfjs';
import { type BackendKernel, readFloat32, writeTensor } from './kernelIO';

/**
 * Which source row (or column) each of `outSize` outputs copies in a nearest-neighbour resize from
 * `inSize`: the same arithmetic as the forward ResizeNearestNeighbor kernels, so the gradient is
 * its exact adjoint.
 */
function nearestSources(inSize: number, outSize: number, alignCorners: boolean, halfPixelCenters: boolean): Int32Array {
  const aligned = alignCorners && outSize > 1;
  const ratio = (aligned ? inSize - 1 : inSize) / (aligned ? outSize - 1 : outSize);
  const sources = new Int32Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const frac = halfPixelCenters ? ratio * (o + 0.5) : ratio * o;
    let s = Math.min(inSize - 1, alignCorners ? Math.round(frac) : Math.floor(frac));
    if (halfPixelCenters) s = Math.max(0, s);
    sources[o] = s;
  }
  return sources;
}

/**
 * `ResizeNearestNeighborGrad` on typed arrays, for any backend. Replaces cpu's, which in TF.js
 * 4.22 disagrees with finite differences (about 40 % relative error) while wasm's agrees, so
 * UpSampling2D trained wrongly on cpu.
 *
 * A nearest-neighbour resize copies each output pixel from one input pixel, so its gradient
 * scatter-adds each output's gradient back onto that pixel.
 */
export const resizeNearestNeighborGrad: BackendKernel = ({ inputs, backend, attrs }) => {
  const { images, dy } = inputs as { images: TensorInfo; dy: TensorInfo };
  const { alignCorners, halfPixelCenters } = attrs as unknown as ResizeNearestNeighborGradAttrs;
  const [N, H, W, C] = images.shape;
  const [, OH, OW] = dy.shape;
  const rows = nearestSources(H, OH, alignCorners, halfPixelCenters);
  const cols = nearestSources(W, OW, alignCorners, halfPixelCenters);
  const dyv = readFloat32(backend, dy);
  const dx = new Float32Array(N * H * W * C);
  for (let n = 0, o = 0; n < N; n++) {
    for (let r = 0; r < OH; r++) {
      const rowBase = (n * H + rows[r]) * W;
      for (let c = 0; c < OW; c++, o += C) {
        const base = (rowBase + cols[c]) * C;
        for (let ch = 0; ch < C; ch++) dx[base + ch] += dyv[o + ch];
      }
    }
  }
  return writeTensor(backend, dx, [N, H, W, C]);
};

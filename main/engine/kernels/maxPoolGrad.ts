import { backend_util, type MaxPool3DGradAttrs, type MaxPoolGradAttrs, type TensorInfo } from '@tensorflow/tfjs';
import { type BackendKernel, readFloat32, writeTensor } from './kernelIO';

/** Pooling geometry in three dimensions; 2-D pooling is the case depth = 1. */
interface PoolGeometry {
  N: number;
  D: number;
  H: number;
  W: number;
  C: number;
  OD: number;
  OH: number;
  OW: number;
  KD: number;
  KH: number;
  KW: number;
  sd: number;
  sh: number;
  sw: number;
  front: number;
  top: number;
  left: number;
}

/**
 * Sends each pooled output's gradient to the position of its window's maximum — the first one in
 * (d, h, w) order on ties, as the cpu backend and TensorFlow do; overlapping windows (stride < pool
 * size, AlexNet's 3×3/2) add up. The scan keeps a running maximum per channel, so x is read
 * contiguously along channels instead of striding through it once per channel.
 */
function routeToWindowMax(x: Float32Array, dy: Float32Array, g: PoolGeometry): Float32Array {
  const { N, D, H, W, C, OD, OH, OW, KD, KH, KW, sd, sh, sw, front, top, left } = g;
  const dx = new Float32Array(N * D * H * W * C);
  const best = new Float32Array(C);
  const bestAt = new Int32Array(C);
  let p = 0;
  for (let n = 0; n < N; n++) {
    for (let od = 0; od < OD; od++) {
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++, p++) {
          best.fill(-Infinity);
          bestAt.fill(-1);
          for (let kd = 0; kd < KD; kd++) {
            const id = od * sd - front + kd;
            if (id < 0 || id >= D) continue;
            for (let kh = 0; kh < KH; kh++) {
              const ih = oh * sh - top + kh;
              if (ih < 0 || ih >= H) continue;
              for (let kw = 0; kw < KW; kw++) {
                const iw = ow * sw - left + kw;
                if (iw < 0 || iw >= W) continue;
                const base = (((n * D + id) * H + ih) * W + iw) * C;
                for (let c = 0; c < C; c++) {
                  const v = x[base + c];
                  if (v > best[c] || bestAt[c] < 0) {
                    best[c] = v;
                    bestAt[c] = base + c;
                  }
                }
              }
            }
          }
          const dyBase = p * C;
          for (let c = 0; c < C; c++) if (bestAt[c] >= 0) dx[bestAt[c]] += dy[dyBase + c];
        }
      }
    }
  }
  return dx;
}

/**
 * `MaxPoolGrad` on typed arrays, for any backend. Replaces wasm's, which in TF.js 4.22 routes the
 * gradient to the wrong pixels whenever batch > 1 or channels > 1 (about 80 % relative error
 * against a brute-force reference), so every CNN with max pooling learned garbage on wasm.
 */
export const maxPoolGrad: BackendKernel = ({ inputs, backend, attrs }) => {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const dx = routeToWindowMax(readFloat32(backend, input), readFloat32(backend, dy), {
    N: info.batchSize,
    D: 1,
    H: info.inHeight,
    W: info.inWidth,
    C: info.inChannels,
    OD: 1,
    OH: info.outHeight,
    OW: info.outWidth,
    KD: 1,
    KH: info.filterHeight,
    KW: info.filterWidth,
    sd: 1,
    sh: info.strideHeight,
    sw: info.strideWidth,
    front: 0,
    top: info.padInfo.top,
    left: info.padInfo.left,
  });
  return writeTensor(backend, dx, [...input.shape]);
};

/**
 * `MaxPool3DGrad` on typed arrays, for any backend. Replaces wasm's, which in TF.js 4.22 misroutes
 * part of the gradient (about 3 % relative error against finite differences, where cpu's is exact).
 */
export const maxPool3DGrad: BackendKernel = ({ inputs, backend, attrs }) => {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPool3DGradAttrs;
  const info = backend_util.computePool3DInfo(
    input.shape as [number, number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const dx = readFloat32(backend, input);
  const grad = routeToWindowMax(dx, readFloat32(backend, dy), {
    N: info.batchSize,
    D: info.inDepth,
    H: info.inHeight,
    W: info.inWidth,
    C: info.inChannels,
    OD: info.outDepth,
    OH: info.outHeight,
    OW: info.outWidth,
    KD: info.filterDepth,
    KH: info.filterHeight,
    KW: info.filterWidth,
    sd: info.strideDepth,
    sh: info.strideHeight,
    sw: info.strideWidth,
    front: info.padInfo.front,
    top: info.padInfo.top,
    left: info.padInfo.left,
  });
  return writeTensor(backend, grad, [...input.shape]);
};

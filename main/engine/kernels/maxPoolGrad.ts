import { backend_util, type MaxPool3DGradAttrs, type MaxPoolGradAttrs, type TensorInfo } from '@tensorflow/tfjs';
import { type BackendKernel, readFloat32, writeTensor } from './kernelIO';
import { type WindowGeometry, window2D, window3D, windowTaps } from './windowTaps';

/**
 * Sends each pooled output's gradient to the position of its window's maximum — the first one in
 * (d, h, w) order on ties, as the cpu backend and TensorFlow do; overlapping windows (stride < pool
 * size, AlexNet's 3×3/2) add up. The scan keeps a running maximum per channel, so x is read
 * contiguously along channels instead of striding through it once per channel.
 */
function routeToWindowMax(x: Float32Array, dy: Float32Array, g: WindowGeometry): Float32Array {
  const { N, C } = g;
  const { positions, pixels, start, pixel } = windowTaps(g);
  const dx = new Float32Array(N * pixels * C);
  const best = new Float32Array(C);
  const bestAt = new Int32Array(C);
  for (let n = 0; n < N; n++) {
    for (let q = 0; q < positions; q++) {
      best.fill(-Infinity);
      bestAt.fill(-1);
      for (let t = start[q]; t < start[q + 1]; t++) {
        const base = (n * pixels + pixel[t]) * C;
        for (let c = 0; c < C; c++) {
          const v = x[base + c];
          if (v > best[c] || bestAt[c] < 0) {
            best[c] = v;
            bestAt[c] = base + c;
          }
        }
      }
      const dyBase = (n * positions + q) * C;
      for (let c = 0; c < C; c++) if (bestAt[c] >= 0) dx[bestAt[c]] += dy[dyBase + c];
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
  const dx = routeToWindowMax(readFloat32(backend, input), readFloat32(backend, dy), window2D(info));
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
  const dx = routeToWindowMax(readFloat32(backend, input), readFloat32(backend, dy), window3D(info));
  return writeTensor(backend, dx, [...input.shape]);
};

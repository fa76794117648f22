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
  if (tilesPlane(g)) return routeTiles2D(x, dy, g);
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
 * Whether the windows tile the plane: 2-D, undilated, stride = pool size, no padding before, so
 * each input pixel is in at most one window (the usual 2×2/2 pooling).
 */
function tilesPlane(g: WindowGeometry): boolean {
  return (
    g.D === 1 && g.KD === 1 && g.dh === 1 && g.dw === 1 && g.sh === g.KH && g.sw === g.KW && g.top === 0 && g.left === 0
  );
}

/**
 * {@link routeToWindowMax} for windows that tile the plane: every window is a KH × KW block read
 * in place, each pixel gets at most one gradient (so it is written, not added), and no tap tables.
 * Ties go to the first pixel in (h, w) order, as in the general scan.
 */
function routeTiles2D(x: Float32Array, dy: Float32Array, g: WindowGeometry): Float32Array {
  const { N, H, W, C, OH, OW, KH, KW } = g;
  const dx = new Float32Array(N * H * W * C);
  const best = new Float32Array(C);
  const bestAt = new Int32Array(C);
  let q = 0;
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      const h1 = Math.min(H, oh * KH + KH);
      for (let ow = 0; ow < OW; ow++, q += C) {
        const w0 = ow * KW;
        const w1 = Math.min(W, w0 + KW);
        let first = true;
        for (let h = oh * KH; h < h1; h++) {
          for (let w = w0; w < w1; w++) {
            const base = ((n * H + h) * W + w) * C;
            if (first) {
              for (let c = 0; c < C; c++) {
                best[c] = x[base + c];
                bestAt[c] = base + c;
              }
              first = false;
              continue;
            }
            for (let c = 0; c < C; c++) {
              const v = x[base + c];
              if (v > best[c]) {
                best[c] = v;
                bestAt[c] = base + c;
              }
            }
          }
        }
        if (!first) for (let c = 0; c < C; c++) dx[bestAt[c]] = dy[q + c];
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

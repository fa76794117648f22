import { backend_util, type MaxPool3DGradAttrs, type MaxPoolGradAttrs, type TensorInfo } from '@tensorflow/tfjs';
import { type BackendKernel, floatIO } from './kernelIO';
import { inMemory, simdConvolutions } from './simd/simdModules';
import { type WindowGeometry, window2D, window3D, windowTaps } from './windowTaps';

/**
 * Sends each pooled output's gradient into `dx` (zeroed here) at the position of its window's maximum — the first one in
 * (d, h, w) order on ties, as the cpu backend and TensorFlow do; overlapping windows (stride < pool
 * size, AlexNet's 3×3/2) add up. The scan keeps a running maximum per channel, so x is read
 * contiguously along channels instead of striding through it once per channel.
 */
function routeToWindowMax(x: Float32Array, dy: Float32Array, g: WindowGeometry, dx: Float32Array): void {
  dx.fill(0);
  if (tilesPlane(g)) return routeTiles2D(x, dy, g, dx);
  const { N, C } = g;
  const { positions, pixels, start, pixel } = windowTaps(g);
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
}

/**
 * Whether the windows tile the plane: 2-D, undilated, stride = pool size, no padding before, so
 * each input pixel is in at most one window (the usual 2×2/2 pooling).
 */
export function tilesPlane(g: WindowGeometry): boolean {
  return (
    g.D === 1 && g.KD === 1 && g.dh === 1 && g.dw === 1 && g.sh === g.KH && g.sw === g.KW && g.top === 0 && g.left === 0
  );
}

/**
 * {@link routeToWindowMax} for windows that tile the plane, into a zeroed dx: each window is a
 * KH × KW block read in place, and each pixel gets at most one gradient (so it is written, not
 * added). One pass per output element, comparing its window's taps directly (2×2 unrolled): ten
 * times faster than a running maximum over short channel loops. Ties go to the first pixel in
 * (h, w) order, as in the general scan; a window cut by the edge ('same' padding) has fewer taps.
 */
function routeTiles2D(x: Float32Array, dy: Float32Array, g: WindowGeometry, dx: Float32Array): void {
  const { N, H, W, C, OH, OW, KH, KW } = g;
  const row = W * C;
  let q = 0;
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      const kh = Math.min(KH, H - oh * KH);
      for (let ow = 0; ow < OW; ow++) {
        const kw = Math.min(KW, W - ow * KW);
        const base = ((n * H + oh * KH) * W + ow * KW) * C;
        if (kh === 2 && kw === 2) {
          for (let c = 0; c < C; c++, q++) {
            const i0 = base + c;
            let at = i0;
            let best = x[i0];
            if (x[i0 + C] > best) best = x[(at = i0 + C)];
            if (x[i0 + row] > best) best = x[(at = i0 + row)];
            if (x[i0 + row + C] > best) at = i0 + row + C;
            dx[at] = dy[q];
          }
          continue;
        }
        for (let c = 0; c < C; c++, q++) {
          let at = base + c;
          let best = x[at];
          for (let h = 0; h < kh; h++) {
            for (let w = 0, i = base + h * row + c; w < kw; w++, i += C) {
              if (x[i] > best) best = x[(at = i)];
            }
          }
          dx[at] = dy[q];
        }
      }
    }
  }
}

/**
 * `MaxPoolGrad` on typed arrays, for any backend. Replaces wasm's, which in TF.js 4.22 routes the
 * gradient to the wrong pixels whenever batch > 1 or channels > 1 (about 80 % relative error
 * against a brute-force reference), so every CNN with max pooling learned garbage on wasm. There
 * the usual 2×2/2 pooling over a multiple of 4 channels runs as WebAssembly SIMD
 * (simd/convolutions.wat, `maxpool_grad_2x2`), the same routing four channels at a time.
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
  const g = window2D(info);
  const { ins, outs, finish } = floatIO(backend, [input, dy], [[...input.shape]]);
  const simd = simdConvolutions(backend);
  const whole2x2 = tilesPlane(g) && g.KH === 2 && g.KW === 2 && 2 * g.OH <= g.H && 2 * g.OW <= g.W;
  if (
    simd &&
    whole2x2 &&
    g.C > 0 &&
    g.C % 4 === 0 &&
    g.N * g.OH * g.OW > 0 &&
    inMemory(simd.memory, [...ins, ...outs])
  ) {
    // The SIMD kernel writes every pixel of a window; only rows and columns in none need zeros.
    if (2 * g.OH < g.H || 2 * g.OW < g.W) outs[0].fill(0);
    const pixel = g.C * 4;
    simd.maxpool_grad_2x2(
      ins[0].byteOffset,
      ins[1].byteOffset,
      outs[0].byteOffset,
      g.N,
      g.OH,
      g.OW,
      pixel,
      g.W * pixel,
      g.H * g.W * pixel,
    );
  } else {
    routeToWindowMax(ins[0], ins[1], g, outs[0]);
  }
  return finish()[0];
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
  const { ins, outs, finish } = floatIO(backend, [input, dy], [[...input.shape]]);
  routeToWindowMax(ins[0], ins[1], window3D(info), outs[0]);
  return finish()[0];
};

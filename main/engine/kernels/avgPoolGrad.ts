import { backend_util, type AvgPoolGradAttrs, type TensorInfo } from '@tensorflow/tfjs';
import { type BackendKernel, type Builtin, floatIO, runBuiltin } from './kernelIO';
import { tilesPlane } from './maxPoolGrad';
import { type WindowGeometry, window2D } from './windowTaps';

/**
 * Whether every window lies wholly inside the input: then each averages exactly KH × KW pixels,
 * whatever a backend does with windows cut by 'same' padding.
 */
const whole = (g: WindowGeometry) => g.OH * g.KH <= g.H && g.OW * g.KW <= g.W;

/**
 * Spreads each pooled output's gradient evenly over its window's KH × KW pixels, into dx; pixels
 * in no window (the last rows or columns that 'valid' pooling drops) get 0. Windows tile the plane,
 * so each pixel is written once, channels innermost.
 */
function spreadTiles2D(dy: Float32Array, g: WindowGeometry, dx: Float32Array): void {
  const { N, H, W, C, OH, OW, KH, KW } = g;
  const row = W * C;
  const scale = 1 / (KH * KW);
  if (OH * KH < H || OW * KW < W) dx.fill(0);
  let q = 0;
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++, q += C) {
        const base = ((n * H + oh * KH) * W + ow * KW) * C;
        for (let h = 0; h < KH; h++) {
          for (let w = 0; w < KW; w++) {
            const at = base + h * row + w * C;
            for (let c = 0; c < C; c++) dx[at + c] = dy[q + c] * scale;
          }
        }
      }
    }
  }
}

/**
 * `AvgPoolGrad` for the usual pooling — windows that tile the plane and lie wholly inside it
 * (2×2/2 'valid', as in LeNet-5) — written straight into the output: 4–20× faster than wasm's own
 * (bench/poolGrad.bench.ts). Any other geometry goes to the backend's own kernel, which stays the
 * reference for how windows cut by padding are counted.
 */
export function makeAvgPoolGrad(backendName: string, builtin: Builtin): BackendKernel {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
    const { filterSize, strides, pad } = attrs as unknown as AvgPoolGradAttrs;
    const info = backend_util.computePool2DInfo(
      input.shape as [number, number, number, number],
      filterSize,
      strides,
      1,
      pad,
    );
    const g = window2D(info);
    if (!tilesPlane(g) || !whole(g) || dy.dtype !== 'float32') {
      return runBuiltin('AvgPoolGrad', backendName, builtin, args);
    }
    const { ins, outs, finish } = floatIO(backend, [dy], [[...input.shape]]);
    spreadTiles2D(ins[0], g, outs[0]);
    return finish()[0];
  };
}

/**
 * Conv2DBackpropFilter on wasm against the forward convolution of the same layer (issue 12, item 2:
 * target about the cost of one forward convolution), batch 32, at the LeNet-5 and star-galaxy-small
 * shapes: Deepwire's kernel (WebAssembly SIMD reading the receptive fields from x), the XNNPACK
 * Conv2D over the batch-last x it falls back to, and the im2col + BatchMatMul fallback after that.
 * Interleaved; prints medians and ratios.
 *
 * Run: npx tsx bench/filterGradient.bench.ts   Env: DEEPWIRE_BENCH_RUNS (default 9). Never fails on time.
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../main/engine/backend';
import { type FilterGradientStrategy, makeConv2DBackpropFilter } from '../main/engine/kernels/conv2dBackpropFilter';

const RUNS = Number(process.env.DEEPWIRE_BENCH_RUNS ?? 9);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
type Shape4 = [number, number, number, number];
const LAYERS: [string, Shape4, Shape4, 'valid' | 'same'][] = [
  ['LeNet-5 conv1 28×28×1 → 6, 5×5', [32, 28, 28, 1], [5, 5, 1, 6], 'valid'],
  ['LeNet-5 conv2 14×14×6 → 16, 5×5', [32, 14, 14, 6], [5, 5, 6, 16], 'valid'],
  ['star-galaxy 44×44×5 → 8, 5×5', [32, 44, 44, 5], [5, 5, 5, 8], 'valid'],
  ['star-galaxy 40×40×8 → 8, 3×3', [32, 40, 40, 8], [3, 3, 8, 8], 'same'],
  ['star-galaxy 20×20×16 → 16, 3×3', [32, 20, 20, 16], [3, 3, 16, 16], 'same'],
  ['star-galaxy 10×10×32 → 32, 3×3', [32, 10, 10, 32], [3, 3, 32, 32], 'same'],
  ['VGG-style 28×28×64 → 64, 3×3', [32, 28, 28, 64], [3, 3, 64, 64], 'same'],
];

await selectBackend({ env: { DEEPWIRE_BACKEND: 'wasm' } });
const backend = tf.findBackend('wasm')!;
console.log(`wasm, batch 32, median of ${RUNS} interleaved runs (ms); ratios to the forward convolution`);
for (const [name, xShape, filterShape, pad] of LAYERS) {
  const x = tf.randomNormal(xShape) as tf.Tensor4D;
  const w = tf.randomNormal(filterShape) as tf.Tensor4D;
  const dy = tf.conv2d(x, w, 1, pad);
  const attrs = { strides: 1, pad, dataFormat: 'NHWC', filterShape } as unknown as tf.NamedAttrMap;
  const kernel = (strategy: FilterGradientStrategy) => {
    const k = makeConv2DBackpropFilter('wasm', undefined, strategy);
    return () => backend.disposeData(k({ inputs: { x, dy }, backend, attrs }).dataId);
  };
  const runs: Record<string, () => void> = {
    forward: () => tf.conv2d(x, w, 1, pad).dispose(),
    simd: kernel('simd'),
    conv2d: kernel('conv2d'),
    im2col: kernel('im2col'),
  };
  const times: Record<string, number[]> = { forward: [], simd: [], conv2d: [], im2col: [] };
  for (const f of Object.values(runs)) f();
  for (let i = 0; i < RUNS; i++) {
    const order = i % 2 ? Object.entries(runs).reverse() : Object.entries(runs);
    for (const [k, f] of order) {
      const t0 = performance.now();
      f();
      times[k].push(performance.now() - t0);
    }
  }
  const [fwd, simd, conv, im2col] = ['forward', 'simd', 'conv2d', 'im2col'].map((k) => median(times[k]));
  const vs = (ms: number) => `${ms.toFixed(2).padStart(6)} (×${(ms / fwd).toFixed(2)} forward)`;
  console.log(
    `  ${name.padEnd(34)} forward ${fwd.toFixed(2).padStart(6)} | SIMD ${vs(simd)} | Conv2D ${vs(conv)} | im2col ${vs(im2col)} | SIMD is ×${(conv / simd).toFixed(2)} as fast as Conv2D`,
  );
  tf.dispose([x, w, dy]);
}

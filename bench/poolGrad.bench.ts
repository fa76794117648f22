/**
 * Pooling gradients on wasm against their forward pooling (issue 12, item 2), batch 32, 2×2/2 at
 * the LeNet-5 and star-galaxy-small shapes: Deepwire's MaxPoolGrad (wasm's own routes gradients to
 * the wrong pixels) and Deepwire's AvgPoolGrad against wasm's own ("AvgPoolGrad (wasm's)").
 * Interleaved; prints medians and ratios to the forward pooling.
 *
 * Run: npx tsx bench/poolGrad.bench.ts   Env: DEEPWIRE_BENCH_RUNS (default 15). Never fails on time.
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../main/engine/backend';
import { builtinKernel } from '../main/engine/kernels/register';

const RUNS = Number(process.env.DEEPWIRE_BENCH_RUNS ?? 15);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const SHAPES: [string, [number, number, number, number]][] = [
  ['LeNet-5 S2 28×28×6', [32, 28, 28, 6]],
  ['LeNet-5 S4 10×10×16', [32, 10, 10, 16]],
  ['star-galaxy 40×40×8', [32, 40, 40, 8]],
  ['star-galaxy 20×20×16', [32, 20, 20, 16]],
  ['star-galaxy 10×10×32', [32, 10, 10, 32]],
];

await selectBackend({ env: { DEEPWIRE_BACKEND: 'wasm' } });
const run = (name: string, inputs: tf.NamedTensorMap, attrs: object) =>
  tf.dispose(tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as tf.Tensor);
console.log(`wasm, 2×2 stride 2 valid, batch 32, median of ${RUNS} interleaved runs (ms)`);
for (const [name, shape] of SHAPES) {
  const x = tf.randomNormal(shape) as tf.Tensor4D;
  const maxOut = tf.maxPool(x, 2, 2, 'valid');
  const dy = tf.randomNormal(maxOut.shape);
  const attrs = { filterSize: 2, strides: 2, pad: 'valid' };
  const f: Record<string, () => void> = {
    MaxPool: () => run('MaxPool', { x }, attrs),
    MaxPoolGrad: () => run('MaxPoolGrad', { dy, input: x, output: maxOut }, attrs),
    AvgPool: () => run('AvgPool', { x }, attrs),
    AvgPoolGrad: () => run('AvgPoolGrad', { dy: dy, input: x }, attrs),
    WasmAvgPoolGrad: () => {
      const backend = tf.backend();
      const out = builtinKernel('AvgPoolGrad', 'wasm')!.kernelFunc({
        inputs: { dy: dy, input: x },
        backend,
        attrs: attrs as unknown as tf.NamedAttrMap,
      }) as tf.TensorInfo;
      backend.disposeData(out.dataId);
    },
  };
  const t: Record<string, number[]> = {};
  for (const k in f) {
    t[k] = [];
    f[k]();
  }
  for (let i = 0; i < RUNS; i++) {
    for (const k of i % 2 ? Object.keys(f).reverse() : Object.keys(f)) {
      const t0 = performance.now();
      f[k]();
      t[k].push(performance.now() - t0);
    }
  }
  const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)]));
  console.log(
    `  ${name.padEnd(22)} MaxPool ${m.MaxPool.toFixed(2)} | MaxPoolGrad ${m.MaxPoolGrad.toFixed(2)} (×${(m.MaxPoolGrad / m.MaxPool).toFixed(1)}) | AvgPool ${m.AvgPool.toFixed(2)} | AvgPoolGrad ${m.AvgPoolGrad.toFixed(2)} (×${(m.AvgPoolGrad / m.AvgPool).toFixed(1)}; wasm's ${m.WasmAvgPoolGrad.toFixed(2)}, ×${(m.WasmAvgPoolGrad / m.AvgPoolGrad).toFixed(1)} ours)`,
  );
  tf.dispose([x, maxOut, dy]);
}

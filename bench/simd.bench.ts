/**
 * Deepwire's WebAssembly SIMD kernels on the wasm backend's memory (kernels/simd/) against what
 * they replace, interleaved in one process (issue 12): the bias gradient's Sum over leading axes
 * against wasm's own Sum, the Adam and RMSprop updates against the JavaScript loops, the ReLU,
 * tanh and sigmoid gradients (activationGrads.ts) against TF.js's own gradient ops, and the Dense
 * products (with new weights each time, as in training), the bias add, 2×2 max pooling's and
 * LeakyReLU's gradients and the strided/'valid' convolution input gradient against what runs
 * without the SIMD module (XNNPACK, wasm's own kernels, JavaScript loops).
 *
 * Run: npx tsx bench/simd.bench.ts   Env: DEEPWIRE_BENCH_RUNS (default 100). Prints medians; never fails on time.
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../main/engine/backend';
import { registerActivationGradients, unregisterActivationGradients } from '../main/engine/kernels/activationGrads';
import { ADAM_UPDATE, RMSPROP_UPDATE } from '../main/engine/kernels/optimizerUpdates';
import { useSimd } from '../main/engine/kernels/simd/simdModules';

const RUNS = Number(process.env.DEEPWIRE_BENCH_RUNS ?? 100);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median milliseconds of `f` with the SIMD kernels on and off, alternating; `setup` (untimed) makes its argument. */
function ab<T = void>(f: (arg: T) => void, setup: () => T = () => undefined as T): { simd: number; off: number } {
  const times = { simd: [] as number[], off: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    for (const mode of ['simd', 'off'] as const) {
      useSimd(mode === 'simd');
      const arg = setup();
      const t0 = performance.now();
      f(arg);
      times[mode].push(performance.now() - t0);
    }
  }
  useSimd(true);
  return { simd: median(times.simd), off: median(times.off) };
}

const row = (label: string, { simd, off }: { simd: number; off: number }, offName: string) =>
  console.log(
    `${label.padEnd(44)} SIMD ${simd.toFixed(3)} ms   ${offName} ${off.toFixed(3)} ms   ×${(off / simd).toFixed(1)}`,
  );

await selectBackend({ env: { DEEPWIRE_BACKEND: 'wasm' } });
for (const shape of [
  [32, 40, 40, 8],
  [32, 20, 20, 16],
  [32, 10, 10, 32],
  [32, 28, 28, 6],
]) {
  const x = tf.randomNormal(shape);
  const axes = shape.slice(0, -1).map((_, i) => i);
  row(
    `bias gradient: Sum of [${shape}] over [${axes}]`,
    ab(() => tf.sum(x, axes).dispose()),
    "wasm's Sum",
  );
  x.dispose();
}
for (const shape of [
  [784, 128],
  [800, 128],
  [3, 3, 32, 32],
]) {
  const [w, a, b, g] = [0, 1, 2, 3].map(() => tf.randomUniform(shape, 0, 0.1));
  const adam = { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, correction1: 0.5, correction2: 0.3 };
  const run = (kernel: string, inputs: tf.NamedTensorMap, attrs: tf.NamedAttrMap) => () =>
    tf.dispose(tf.engine().runKernel(kernel, inputs, attrs) as tf.Tensor[]);
  row(`Adam update of [${shape}]`, ab(run(ADAM_UPDATE, { value: w, m: a, v: b, gradient: g }, adam)), 'JS loop');
  const rms = { learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7 };
  row(
    `RMSprop update of [${shape}]`,
    ab(run(RMSPROP_UPDATE, { value: w, meanSquare: a, moment: b, gradient: g }, rms)),
    'JS loop',
  );
  tf.dispose([w, a, b, g]);
}
for (const [name, op] of [
  ['ReLU', tf.relu],
  ['tanh', tf.tanh],
  ['sigmoid', tf.sigmoid],
] as const) {
  const x = tf.randomNormal([32, 40, 40, 8]);
  const dy = tf.randomNormal([32, 40, 40, 8]);
  const y = op(x);
  const times = { ours: [] as number[], tfjs: [] as number[] };
  const gradient = tf.grad((t: tf.Tensor) => op(t));
  for (let i = 0; i < RUNS; i++) {
    for (const mode of ['ours', 'tfjs'] as const) {
      if (mode === 'ours') registerActivationGradients();
      else unregisterActivationGradients();
      const t0 = performance.now();
      gradient(x, dy).dispose(); // forward and gradient: the forward is the same both ways
      times[mode].push(performance.now() - t0);
    }
  }
  registerActivationGradients();
  const [ours, tfjs] = [median(times.ours), median(times.tfjs)];
  console.log(
    `${`${name} forward + gradient of [32,40,40,8]`.padEnd(44)} ours ${ours.toFixed(3)} ms   TF.js's ${tfjs.toFixed(3)} ms   ×${(tfjs / ours).toFixed(1)}`,
  );
  tf.dispose([x, dy, y]);
}

for (const [m, k, n] of [
  [32, 784, 128],
  [32, 400, 120],
  [32, 800, 128],
  [32, 120, 84],
]) {
  const x = tf.randomNormal([m, k]);
  const dy = tf.randomNormal([m, n]);
  const w = tf.randomNormal([k, n]);
  // A new weights tensor before each product, as after an optimizer step (XNNPACK packs it anew).
  const fresh = () => tf.add(w, 0);
  const use = (f: (v: tf.Tensor) => tf.Tensor) => (v: tf.Tensor) => tf.dispose([f(v), v]);
  row(
    `Dense ${k}→${n}, batch ${m}: x·W`,
    ab(
      use((v) => tf.matMul(x, v)),
      fresh,
    ),
    'XNNPACK',
  );
  row(
    `Dense ${k}→${n}, batch ${m}: dy·Wᵀ`,
    ab(
      use((v) => tf.matMul(dy, v, false, true)),
      fresh,
    ),
    'XNNPACK',
  );
  row(
    `Dense ${k}→${n}, batch ${m}: xᵀ·dy`,
    ab(() => tf.matMul(x, dy, true, false).dispose()),
    'XNNPACK',
  );
  tf.dispose([x, dy, w]);
}
for (const shape of [
  [32, 28, 28, 6],
  [32, 10],
]) {
  const x = tf.randomNormal(shape);
  const b = tf.randomNormal([shape.at(-1)!]);
  row(
    `bias add [${shape}] + [${shape.at(-1)}]`,
    ab(() => tf.add(x, b).dispose()),
    "wasm's Add",
  );
  tf.dispose([x, b]);
}
for (const shape of [
  [32, 40, 40, 8],
  [32, 20, 20, 16],
] as [number, number, number, number][]) {
  const x = tf.randomNormal(shape) as tf.Tensor4D;
  const y = tf.maxPool(x, 2, 2, 'valid');
  const dy = tf.randomNormal(y.shape);
  row(
    `MaxPoolGrad 2×2/2 of [${shape}]`,
    ab(() =>
      (
        tf
          .engine()
          .runKernel(
            'MaxPoolGrad',
            { dy, input: x, output: y },
            { filterSize: 2, strides: 2, pad: 'valid' },
          ) as tf.Tensor
      ).dispose(),
    ),
    'JS loop',
  );
  const leaky = tf.grad((t: tf.Tensor) => tf.leakyRelu(t, 0.2));
  row(
    `LeakyReLU forward + gradient of [${shape}]`,
    ab(() => leaky(x, x).dispose()),
    'JS loop',
  );
  tf.dispose([x, y, dy]);
}
for (const [name, xShape, filterShape, strides, pad] of [
  ['LeNet-5 conv2 14×14×6 → 16, 5×5 valid', [32, 14, 14, 6], [5, 5, 6, 16], 1, 'valid'],
  ['40×40×8 → 16, 3×3 stride 2 same', [32, 40, 40, 8], [3, 3, 8, 16], 2, 'same'],
] as const) {
  const w = tf.randomNormal([...filterShape]) as tf.Tensor4D;
  const dy = tf.conv2d(tf.randomNormal([...xShape]) as tf.Tensor4D, w, strides, pad);
  row(
    `Conv2DBackpropInput, ${name}`,
    ab(() =>
      tf.conv2dTranspose(dy as tf.Tensor4D, w, [...xShape] as [number, number, number, number], strides, pad).dispose(),
    ),
    'XNNPACK route',
  );
  tf.dispose([w, dy]);
}

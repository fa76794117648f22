/**
 * Deepwire's WebAssembly SIMD kernels on the wasm backend's memory (kernels/simd/) against what
 * they replace, interleaved in one process (issue 12): the bias gradient's Sum over leading axes
 * against wasm's own Sum, the Adam and RMSprop updates against the JavaScript loops, and the ReLU,
 * tanh and sigmoid gradients (activationGrads.ts) against TF.js's own gradient ops.
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

/** Median milliseconds of `f` with the SIMD kernels on and off, alternating. */
function ab(f: () => void): { simd: number; off: number } {
  const times = { simd: [] as number[], off: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    for (const mode of ['simd', 'off'] as const) {
      useSimd(mode === 'simd');
      const t0 = performance.now();
      f();
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

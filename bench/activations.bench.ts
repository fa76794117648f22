/**
 * Tanh and LeakyReLU on wasm (issue 12, item 2: "activations … and their gradients cheap"): Deepwire's
 * 2·σ(2x) − 1 (kernels/tanh.ts) against wasm's own scalar Tanh, at the activation shapes of
 * LeNet-5 (batch 32), with Sigmoid and Relu for scale. Interleaved; prints medians and the largest
 * difference from Math.tanh.
 *
 * Run: npx tsx bench/activations.bench.ts   Env: DEEPWIRE_BENCH_RUNS (default 31). Never fails on time.
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../main/engine/backend';
import { builtinKernel } from '../main/engine/kernels/register';

const RUNS = Number(process.env.DEEPWIRE_BENCH_RUNS ?? 31);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
await selectBackend({ env: { DEEPWIRE_BACKEND: 'wasm' } });
const backend = tf.backend();

/** Each function timed RUNS times (after two untimed rounds), the order alternating; medians in ms. */
function interleavedMedians(f: Record<string, () => void>): Record<string, number> {
  const t: Record<string, number[]> = Object.fromEntries(Object.keys(f).map((k) => [k, []]));
  for (let r = -2; r < RUNS; r++) {
    for (const k of r % 2 ? Object.keys(f) : Object.keys(f).reverse()) {
      const t0 = performance.now();
      f[k]();
      if (r >= 0) t[k].push(performance.now() - t0);
    }
  }
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)]));
}

console.log(`wasm, median of ${RUNS} interleaved runs (ms)`);
for (const [name, shape] of [
  ['LeNet-5 C1 28×28×6', [32, 28, 28, 6]],
  ['LeNet-5 C3 10×10×16', [32, 10, 10, 16]],
  ['LeNet-5 F5 120', [32, 120]],
] as [string, number[]][]) {
  const x = tf.randomNormal(shape, 0, 2);
  const f: Record<string, () => void> = {
    "wasm's Tanh": () => {
      const out = builtinKernel('Tanh', 'wasm')!.kernelFunc({ inputs: { x }, backend, attrs: {} }) as tf.TensorInfo;
      backend.disposeData(out.dataId);
    },
    "Deepwire's Tanh": () => tf.tanh(x).dispose(),
    Sigmoid: () => tf.sigmoid(x).dispose(),
    Relu: () => tf.relu(x).dispose(),
  };
  const m = interleavedMedians(f);
  const ours = tf.tanh(x);
  const exact = Array.from(x.dataSync(), Math.tanh);
  const diff = Array.from(ours.dataSync()).reduce((m, v, i) => Math.max(m, Math.abs(v - exact[i])), 0);
  ours.dispose();
  console.log(
    `  ${name.padEnd(22)} ${Object.entries(m)
      .map(([k, v]) => `${k} ${v.toFixed(3)}`)
      .join(
        ' | ',
      )} (×${(m["wasm's Tanh"] / m["Deepwire's Tanh"]).toFixed(1)}; max |Δ| from Math.tanh ${diff.toExponential(1)})`,
  );
  x.dispose();
}

console.log(`\nLeakyReLU (α 0.3) on wasm, median of ${RUNS} interleaved runs (ms)`);
for (const [name, shape] of [
  ['star-galaxy-small 40×40×16', [32, 40, 40, 16]],
  ['star-galaxy-small 10×10×64', [32, 10, 10, 64]],
] as [string, number[]][]) {
  const x = tf.randomNormal(shape);
  const dy = tf.randomNormal(shape);
  const f: Record<string, () => void> = {
    "wasm's LeakyRelu": () => {
      const out = builtinKernel('LeakyRelu', 'wasm')!.kernelFunc({
        inputs: { x },
        backend,
        attrs: { alpha: 0.3 },
      }) as tf.TensorInfo;
      backend.disposeData(out.dataId);
    },
    "Deepwire's (Prelu)": () => tf.leakyRelu(x, 0.3).dispose(),
    "TF.js's gradient": () => tf.tidy(() => tf.where(tf.greater(x, 0), dy, tf.mul(dy, 0.3))).dispose(),
    "Deepwire's gradient": () => tf.tidy(() => tf.mul(dy, tf.step(x, 0.3))).dispose(),
  };
  const m = interleavedMedians(f);
  console.log(
    `  ${name.padEnd(28)} ${Object.entries(m)
      .map(([k, v]) => `${k} ${v.toFixed(3)}`)
      .join(' | ')}`,
  );
  tf.dispose([x, dy]);
}

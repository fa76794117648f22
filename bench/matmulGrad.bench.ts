/**
 * Transposed matrix products on wasm (issue 12, item 2), Deepwire's BatchMatMul (kernels/
 * batchMatMul.ts) against wasm's own, at the shapes of Dense layers' gradients (batch 32).
 * Interleaved, every output disposed at once; prints medians.
 *
 * Run: npx tsx bench/matmulGrad.bench.ts   Env: DEEPWIRE_BENCH_RUNS (default 31). Never fails on time.
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../main/engine/backend';
import { builtinKernel, deepwireKernel } from '../main/engine/kernels/register';

const RUNS = Number(process.env.DEEPWIRE_BENCH_RUNS ?? 31);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

await selectBackend({ env: { DEEPWIRE_BACKEND: 'wasm' } });
const backend = tf.backend();
const run = (kernel: tf.KernelFunc | ((a: never) => tf.TensorInfo), inputs: tf.NamedTensorInfoMap, attrs: object) => {
  const out = (kernel as tf.KernelFunc)({ inputs, backend, attrs: attrs as tf.NamedAttrMap }) as tf.TensorInfo;
  backend.disposeData(out.dataId);
};

interface Case {
  name: string;
  kernel: 'BatchMatMul';
  inputs: tf.NamedTensorMap;
  attrs: object;
}
const t = (shape: number[]) => tf.randomNormal(shape);
const CASES: Case[] = [
  {
    name: 'Dense 784→128 forward x·W',
    kernel: 'BatchMatMul',
    inputs: { a: t([32, 784]), b: t([784, 128]) },
    attrs: { transposeA: false, transposeB: false },
  },
  {
    name: 'Dense 784→128 dx = dy·Wᵀ',
    kernel: 'BatchMatMul',
    inputs: { a: t([32, 128]), b: t([784, 128]) },
    attrs: { transposeA: false, transposeB: true },
  },
  {
    name: 'Dense 784→128 dW = xᵀ·dy',
    kernel: 'BatchMatMul',
    inputs: { a: t([32, 784]), b: t([32, 128]) },
    attrs: { transposeA: true, transposeB: false },
  },
  {
    name: 'Dense 128→10 dx = dy·Wᵀ',
    kernel: 'BatchMatMul',
    inputs: { a: t([32, 10]), b: t([128, 10]) },
    attrs: { transposeA: false, transposeB: true },
  },
];

console.log(`wasm, median of ${RUNS} interleaved runs (ms): wasm's own → Deepwire's`);
for (const c of CASES) {
  const theirs = builtinKernel(c.kernel, 'wasm')!.kernelFunc;
  const ours = deepwireKernel(c.kernel, 'wasm')!;
  const times = { theirs: [] as number[], ours: [] as number[] };
  const kernels = { theirs, ours };
  for (let r = -2; r < RUNS; r++) {
    for (const k of (r % 2 ? ['theirs', 'ours'] : ['ours', 'theirs']) as (keyof typeof kernels)[]) {
      const t0 = performance.now();
      run(kernels[k], c.inputs, c.attrs);
      if (r >= 0) times[k].push(performance.now() - t0);
    }
  }
  const [a, b] = [median(times.theirs), median(times.ours)];
  console.log(`  ${c.name.padEnd(38)} ${a.toFixed(3)} → ${b.toFixed(3)}  (×${(a / b).toFixed(2)})`);
  tf.dispose(Object.values(c.inputs));
}

/**
 * Conv2DBackpropFilter and LeNet training speed: the cpu backend's own kernel (baseline) against
 * Deepwire's on cpu and on wasm. Prints medians and ratios; never asserts on time.
 *
 *   npx tsx bench/kernels.bench.ts
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../main/engine/backend';
import {
  builtinKernel,
  deepwireKernel,
  registerTrainingKernels,
  unregisterTrainingKernels,
} from '../main/engine/kernels/register';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function randomArray(n: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.random() * 2 - 1;
  return a;
}

type KernelFn = (args: {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs: tf.NamedAttrMap;
}) => tf.TensorInfo | tf.TensorInfo[];

/** Median wall time of `kernel` on `backendName` for x, dy of the given shapes. */
function timeKernel(
  backendName: string,
  kernel: KernelFn,
  xShape: number[],
  filterShape: [number, number, number, number],
  runs: number,
): number {
  const backend = tf.findBackend(backendName)!;
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape,
    1,
    1,
    'valid',
  );
  const write = (shape: number[]) => ({
    dataId: backend.write(randomArray(shape.reduce((a, b) => a * b, 1)), shape, 'float32'),
    shape,
    dtype: 'float32' as const,
  });
  const x = write(xShape);
  const dy = write(info.outShape);
  const attrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape } as unknown as tf.NamedAttrMap;
  const times: number[] = [];
  for (let r = 0; r < runs + 1; r++) {
    const t0 = performance.now();
    const out = kernel({ inputs: { x, dy }, backend, attrs }) as tf.TensorInfo;
    backend.readSync(out.dataId);
    const t1 = performance.now();
    backend.disposeData(out.dataId);
    if (r > 0) times.push(t1 - t0); // the first run pays for JIT and wasm heap growth
  }
  backend.disposeData(x.dataId);
  backend.disposeData(dy.dataId);
  return median(times);
}

function lenet(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 5, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 120, activation: 'relu' }),
      tf.layers.dense({ units: 84, activation: 'relu' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
}

/** Examples per second of `model.fit` over `examples` random MNIST-shaped examples, batch 32. */
async function trainingSpeed(backendName: string, examples: number): Promise<number> {
  await tf.setBackend(backendName);
  const model = lenet();
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  const xs = tf.randomUniform([examples, 28, 28, 1]);
  const ys = tf.oneHot(tf.randomUniform([examples], 0, 10, 'int32') as tf.Tensor1D, 10).toFloat();
  await model.fit(xs.slice(0, 32), ys.slice(0, 32), { epochs: 1, batchSize: 32, verbose: 0 }); // warm-up
  const t0 = performance.now();
  await model.fit(xs, ys, { epochs: 1, batchSize: 32, verbose: 0 });
  const seconds = (performance.now() - t0) / 1000;
  tf.dispose([xs, ys]);
  model.dispose();
  return examples / seconds;
}

const fmt = (ms: number) => `${ms.toFixed(1).padStart(8)} ms`;

async function main(): Promise<void> {
  await selectBackend({ env: { DEEPWIRE_BACKEND: 'cpu' } });
  await selectBackend({ env: { DEEPWIRE_BACKEND: 'wasm' } });
  const baseline = builtinKernel('Conv2DBackpropFilter', 'cpu')!.kernelFunc as unknown as KernelFn;
  const oursCpu = deepwireKernel('Conv2DBackpropFilter', 'cpu') as unknown as KernelFn;
  const oursWasm = deepwireKernel('Conv2DBackpropFilter', 'wasm') as unknown as KernelFn;

  console.log('Conv2DBackpropFilter, batch 32, median wall time (ms)');
  const shapes: [string, number[], [number, number, number, number]][] = [
    ['28×28×1 → 6 filters 5×5 ', [32, 28, 28, 1], [5, 5, 1, 6]],
    ['14×14×6 → 16 filters 5×5', [32, 14, 14, 6], [5, 5, 6, 16]],
  ];
  for (const [name, xShape, filterShape] of shapes) {
    const base = timeKernel('cpu', baseline, xShape, filterShape, 3);
    const cpu = timeKernel('cpu', oursCpu, xShape, filterShape, 9);
    const wasm = timeKernel('wasm', oursWasm, xShape, filterShape, 9);
    console.log(
      `  ${name}  cpu built-in ${fmt(base)} | Deepwire cpu ${fmt(cpu)} (${(base / cpu).toFixed(1)}× faster) | Deepwire wasm ${fmt(wasm)} (${(base / wasm).toFixed(1)}× faster)`,
    );
  }

  console.log('\nLeNet-5 training (batch 32, random MNIST-shaped data), examples/second');
  unregisterTrainingKernels('cpu');
  const slow = await trainingSpeed('cpu', 64);
  registerTrainingKernels('cpu');
  const cpu = await trainingSpeed('cpu', 256);
  const wasm = await trainingSpeed('wasm', 512);
  console.log(`  cpu, built-in kernels      ${slow.toFixed(1).padStart(8)} ex/s`);
  console.log(`  cpu, Deepwire kernels      ${cpu.toFixed(1).padStart(8)} ex/s (${(cpu / slow).toFixed(1)}×)`);
  console.log(`  wasm, Deepwire kernels     ${wasm.toFixed(1).padStart(8)} ex/s (${(wasm / slow).toFixed(1)}×)`);
}

await main();

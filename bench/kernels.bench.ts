/**
 * Conv2DBackpropFilter and LeNet training speed: the cpu backend's own kernel (baseline) against
 * Deepwire's on cpu and on wasm; wasm's own Conv2DBackpropInput against Deepwire's (XNNPACK Conv2D
 * of the flipped filter), and a star-galaxy-small training step on wasm with each. Prints medians
 * and ratios; never asserts on time.
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
import { makeConv2DBackpropFilter } from '../main/engine/kernels/conv2dBackpropFilter';

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

/** Median wall time of a Conv2DBackpropInput `kernel` on wasm for dy, filter of the given shapes. */
function timeBackpropInput(
  kernel: KernelFn,
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  strides: number,
  pad: 'valid' | 'same',
  runs: number,
): number {
  const backend = tf.findBackend('wasm')!;
  const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, strides, 1, pad);
  const write = (shape: number[]) => ({
    dataId: backend.write(randomArray(shape.reduce((a, b) => a * b, 1)), shape, 'float32'),
    shape,
    dtype: 'float32' as const,
  });
  const dy = write(info.outShape);
  const filter = write(filterShape);
  const attrs = { strides, pad, dataFormat: 'NHWC', inputShape: xShape } as unknown as tf.NamedAttrMap;
  const times: number[] = [];
  for (let r = 0; r < runs + 1; r++) {
    const t0 = performance.now();
    const out = kernel({ inputs: { dy, filter }, backend, attrs }) as tf.TensorInfo;
    backend.readSync(out.dataId);
    const t1 = performance.now();
    backend.disposeData(out.dataId);
    if (r > 0) times.push(t1 - t0);
  }
  backend.disposeData(dy.dataId);
  backend.disposeData(filter.dataId);
  return median(times);
}

/** star-galaxy-small (templates/astronomy): 44×44×5, eight convs 8/16/32, three pools, fc 128. */
function starGalaxySmall(): tf.Sequential {
  const layers: tf.layers.Layer[] = [];
  const convs: [number, number, 'valid' | 'same'][] = [
    [8, 5, 'valid'],
    [8, 3, 'same'],
    [16, 3, 'same'],
    [16, 3, 'same'],
    [16, 3, 'same'],
    [32, 3, 'same'],
    [32, 3, 'same'],
    [32, 3, 'same'],
  ];
  convs.forEach(([filters, kernelSize, padding], i) => {
    layers.push(
      tf.layers.conv2d({ ...(i === 0 ? { inputShape: [44, 44, 5] } : {}), filters, kernelSize, padding }),
      tf.layers.leakyReLU({ alpha: 0.01 }),
    );
    if (i === 1 || i === 4 || i === 7) layers.push(tf.layers.maxPooling2d({ poolSize: 2 }));
  });
  layers.push(
    tf.layers.flatten(),
    tf.layers.dense({ units: 128 }),
    tf.layers.leakyReLU({ alpha: 0.01 }),
    tf.layers.dense({ units: 128 }),
    tf.layers.leakyReLU({ alpha: 0.01 }),
    tf.layers.dense({ units: 2, activation: 'softmax' }),
  );
  return tf.sequential({ layers });
}

/** Median ms of one star-galaxy-small training step (batch 32) on wasm with the kernels now registered. */
async function stepTime(steps: number): Promise<number> {
  await tf.setBackend('wasm');
  const model = starGalaxySmall();
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  const xs = tf.randomUniform([32, 44, 44, 5]);
  const ys = tf.oneHot(tf.randomUniform([32], 0, 2, 'int32') as tf.Tensor1D, 2).toFloat();
  const times: number[] = [];
  for (let i = 0; i < steps + 1; i++) {
    const t0 = performance.now();
    await model.trainOnBatch(xs, ys);
    if (i > 0) times.push(performance.now() - t0); // the first step pays for setup
  }
  tf.dispose([xs, ys]);
  model.dispose();
  return median(times);
}

/** Puts `config` in place of whatever `kernelName` on wasm is now, returning what was there. */
function swapWasmKernel(kernelName: string, config: tf.KernelConfig): tf.KernelConfig {
  const current = tf.getKernel(kernelName, 'wasm')!;
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel(config);
  return current;
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

  console.log(
    '\nConv2DBackpropFilter on wasm, batch 32 (star-galaxy-small shapes): im2col + BatchMatMul vs Deepwire (SIMD)',
  );
  const im2colWasm = makeConv2DBackpropFilter('wasm', undefined, 'im2col') as unknown as KernelFn;
  const filterShapes: [string, number[], [number, number, number, number]][] = [
    ['44×44×5 → 8 filters 5×5 ', [32, 44, 44, 5], [5, 5, 5, 8]],
    ['42×42×8 → 8 filters 3×3 ', [32, 42, 42, 8], [3, 3, 8, 8]],
    ['21×21×16 → 16 filters 3×3', [32, 21, 21, 16], [3, 3, 16, 16]],
    ['12×12×32 → 32 filters 3×3', [32, 12, 12, 32], [3, 3, 32, 32]],
  ];
  for (const [name, xShape, filterShape] of filterShapes) {
    const im2col = timeKernel('wasm', im2colWasm, xShape, filterShape, 9);
    const viaConv = timeKernel('wasm', oursWasm, xShape, filterShape, 9);
    console.log(`  ${name}  im2col ${fmt(im2col)} | SIMD ${fmt(viaConv)} (${(im2col / viaConv).toFixed(1)}× faster)`);
  }

  console.log('\nConv2DBackpropInput on wasm, batch 32 (star-galaxy-small shapes), median wall time (ms)');
  const builtinInput = builtinKernel('Conv2DBackpropInput', 'wasm')!.kernelFunc as unknown as KernelFn;
  const oursInput = deepwireKernel('Conv2DBackpropInput', 'wasm') as unknown as KernelFn;
  const inputShapes: [
    string,
    [number, number, number, number],
    [number, number, number, number],
    number,
    'valid' | 'same',
  ][] = [
    ['40×40×8 ← 8, 3×3 same     ', [32, 40, 40, 8], [3, 3, 8, 8], 1, 'same'],
    ['20×20×8 ← 16, 3×3 same    ', [32, 20, 20, 8], [3, 3, 8, 16], 1, 'same'],
    ['20×20×16 ← 16, 3×3 same   ', [32, 20, 20, 16], [3, 3, 16, 16], 1, 'same'],
    ['10×10×32 ← 32, 3×3 same   ', [32, 10, 10, 32], [3, 3, 32, 32], 1, 'same'],
    ['40×40×16 ← 32, 3×3 s2 same', [32, 40, 40, 16], [3, 3, 16, 32], 2, 'same'],
  ];
  for (const [name, xShape, filterShape, strides, pad] of inputShapes) {
    const own = timeBackpropInput(builtinInput, xShape, filterShape, strides, pad, 9);
    const mine = timeBackpropInput(oursInput, xShape, filterShape, strides, pad, 9);
    console.log(`  ${name}  wasm built-in ${fmt(own)} | Deepwire ${fmt(mine)} (${(own / mine).toFixed(1)}× faster)`);
  }

  console.log('\nstar-galaxy-small training step on wasm (batch 32), median wall time (ms)');
  const oursInputConfig = swapWasmKernel('Conv2DBackpropInput', builtinKernel('Conv2DBackpropInput', 'wasm')!);
  const oursFilterConfig = swapWasmKernel('Conv2DBackpropFilter', {
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: im2colWasm as unknown as tf.KernelFunc,
  });
  const before = await stepTime(7);
  swapWasmKernel('Conv2DBackpropInput', oursInputConfig);
  const inputOnly = await stepTime(7);
  swapWasmKernel('Conv2DBackpropFilter', oursFilterConfig);
  const after = await stepTime(7);
  console.log(`  before: wasm's Conv2DBackpropInput, im2col filter gradient  ${fmt(before)}`);
  console.log(
    `  Deepwire Conv2DBackpropInput, im2col filter gradient         ${fmt(inputOnly)} (${(before / inputOnly).toFixed(1)}× faster)`,
  );
  console.log(
    `  after: Deepwire Conv2DBackpropInput, Conv2D filter gradient ${fmt(after)} (${(before / after).toFixed(1)}× faster)`,
  );

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

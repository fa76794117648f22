import { backend_util, getKernel } from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackends, randomTensor, relativeError, runKernelOn } from './kernelTestHarness';
import { builtinKernel, deepwireKernel } from './register';

/**
 * The kernels Deepwire supplies because a backend's own one gives wrong gradients, each checked
 * against a reference that is right: the cpu kernel where cpu is right, and for the nearest-
 * neighbour resize (where cpu is the wrong one) the adjoint identity ⟨resize(x), dy⟩ = ⟨x, grad(dy)⟩.
 */
const POOLS = [
  { name: 'pool 2 stride 2 valid', x: [3, 6, 7, 4], filterSize: 2, strides: 2, pad: 'valid' as const },
  // SIMD on wasm: two blocks of four channels, every window whole.
  { name: 'pool 2 stride 2 valid, 8 channels', x: [2, 8, 6, 8], filterSize: 2, strides: 2, pad: 'valid' as const },
  { name: 'pool 2 stride 2 same, odd size', x: [2, 5, 5, 8], filterSize: 2, strides: 2, pad: 'same' as const },
  {
    name: 'pool 3 stride 2 same (overlapping, AlexNet)',
    x: [2, 9, 9, 3],
    filterSize: 3,
    strides: 2,
    pad: 'same' as const,
  },
  { name: 'pool 2 stride 1 valid (overlapping)', x: [2, 5, 5, 2], filterSize: 2, strides: 1, pad: 'valid' as const },
  { name: 'pool 3 stride 3 same', x: [2, 8, 8, 5], filterSize: 3, strides: 3, pad: 'same' as const },
  {
    name: '1-D pool 2 stride 2',
    x: [2, 1, 9, 3],
    filterSize: [1, 2] as [number, number],
    strides: [1, 2] as [number, number],
    pad: 'valid' as const,
  },
];

describe.each(['cpu', 'wasm'])('corrected gradient kernels on %s', (backendName) => {
  beforeAll(initBackends);

  it.each(POOLS)('MaxPoolGrad, $name, matches the cpu kernel', (c) => {
    const info = backend_util.computePool2DInfo(
      c.x as [number, number, number, number],
      c.filterSize,
      c.strides,
      1,
      c.pad,
    );
    const input = randomTensor(c.x, 11);
    const dy = randomTensor(info.outShape, 12);
    const output = { shape: info.outShape, values: new Float32Array(dy.values.length) };
    const attrs = { filterSize: c.filterSize, strides: c.strides, pad: c.pad };
    const ours = runKernelOn(backendName, deepwireKernel('MaxPoolGrad', backendName)!, { dy, input, output }, attrs);
    const reference = runKernelOn('cpu', getKernel('MaxPoolGrad', 'cpu')!.kernelFunc, { dy, input, output }, attrs);
    expect(relativeError(ours.values, reference.values)).toBeLessThanOrEqual(1e-6);
  });

  it.each([
    ...POOLS,
    {
      name: 'pool 2 stride 2 valid, odd size (last row and column in no window)',
      x: [2, 7, 5, 3],
      filterSize: 2,
      strides: 2,
      pad: 'valid' as const,
    },
    {
      name: 'pool 4×2 stride 4×2 valid',
      x: [2, 8, 6, 4],
      filterSize: [4, 2] as [number, number],
      strides: [4, 2] as [number, number],
      pad: 'valid' as const,
    },
  ])('AvgPoolGrad, $name, matches the cpu backend’s own kernel', (c) => {
    const info = backend_util.computePool2DInfo(
      c.x as [number, number, number, number],
      c.filterSize,
      c.strides,
      1,
      c.pad,
    );
    const input = randomTensor(c.x, 15);
    const dy = randomTensor(info.outShape, 16);
    const attrs = { filterSize: c.filterSize, strides: c.strides, pad: c.pad };
    const ours = runKernelOn(backendName, deepwireKernel('AvgPoolGrad', backendName)!, { dy, input }, attrs);
    const reference = runKernelOn('cpu', builtinKernel('AvgPoolGrad', 'cpu')!.kernelFunc, { dy, input }, attrs);
    expect(relativeError(ours.values, reference.values)).toBeLessThanOrEqual(1e-6);
  });

  it.each([
    [2, 6, 6, 3],
    [2, 7, 6, 8],
  ])(
    'MaxPoolGrad gives a tied window (ReLU zeros) its gradient once, at the first pixel, like the cpu kernel (%j)',
    (...shape) => {
      const input = randomTensor(shape, 13);
      input.values = input.values.map((v) => Math.max(0, Math.round(v))); // many exact ties at 0 and 1
      const attrs = { filterSize: 2, strides: 2, pad: 'valid' as const };
      const info = backend_util.computePool2DInfo(shape as [number, number, number, number], 2, 2, 1, 'valid');
      const dy = randomTensor(info.outShape, 14);
      const output = { shape: info.outShape, values: new Float32Array(dy.values.length) };
      const ours = runKernelOn(backendName, deepwireKernel('MaxPoolGrad', backendName)!, { dy, input, output }, attrs);
      const reference = runKernelOn('cpu', getKernel('MaxPoolGrad', 'cpu')!.kernelFunc, { dy, input, output }, attrs);
      expect(Array.from(ours.values)).toEqual(Array.from(reference.values));
    },
  );

  it.each([
    { name: 'pool 2 stride 2 valid', x: [2, 4, 6, 4, 3], filterSize: 2, strides: 2, pad: 'valid' as const },
    { name: 'pool 3 stride 2 same', x: [2, 5, 5, 5, 2], filterSize: 3, strides: 2, pad: 'same' as const },
  ])('MaxPool3DGrad, $name, matches the cpu kernel', (c) => {
    const info = backend_util.computePool3DInfo(
      c.x as [number, number, number, number, number],
      c.filterSize,
      c.strides,
      1,
      c.pad,
    );
    const input = randomTensor(c.x, 13);
    const dy = randomTensor(info.outShape, 14);
    const output = { shape: info.outShape, values: new Float32Array(dy.values.length) };
    const attrs = { filterSize: c.filterSize, strides: c.strides, pad: c.pad };
    const ours = runKernelOn(backendName, deepwireKernel('MaxPool3DGrad', backendName)!, { dy, input, output }, attrs);
    const reference = runKernelOn('cpu', getKernel('MaxPool3DGrad', 'cpu')!.kernelFunc, { dy, input, output }, attrs);
    expect(relativeError(ours.values, reference.values)).toBeLessThanOrEqual(1e-6);
  });

  it.each([
    { name: 'stride 1 valid', x: [2, 4, 5, 4, 3], filter: [2, 2, 2, 3, 4], strides: 1, pad: 'valid' as const },
    { name: 'stride 2 same', x: [2, 5, 5, 6, 2], filter: [3, 3, 3, 2, 3], strides: 2, pad: 'same' as const },
    { name: 'stride 3 valid', x: [1, 7, 7, 7, 2], filter: [3, 2, 3, 2, 2], strides: 3, pad: 'valid' as const },
  ])('Conv3DBackpropInputV2, $name, matches the cpu kernel', (c) => {
    const info = backend_util.computeConv3DInfo(
      c.x as [number, number, number, number, number],
      c.filter as [number, number, number, number, number],
      c.strides,
      1,
      c.pad,
    );
    const dy = randomTensor(info.outShape, 15);
    const filter = randomTensor(c.filter, 16);
    const attrs = { strides: c.strides, pad: c.pad, inputShape: c.x };
    const ours = runKernelOn(backendName, deepwireKernel('Conv3DBackpropInputV2', backendName)!, { dy, filter }, attrs);
    const reference = runKernelOn('cpu', getKernel('Conv3DBackpropInputV2', 'cpu')!.kernelFunc, { dy, filter }, attrs);
    expect(relativeError(ours.values, reference.values)).toBeLessThanOrEqual(1e-4);
  });

  it.each([
    { name: 'UpSampling2D ×2', from: [2, 3, 4, 3], size: [6, 8], alignCorners: false, halfPixelCenters: false },
    { name: 'non-integer ×1.5', from: [1, 4, 4, 2], size: [6, 6], alignCorners: false, halfPixelCenters: false },
    { name: 'align corners', from: [1, 4, 5, 2], size: [7, 9], alignCorners: true, halfPixelCenters: false },
    { name: 'half-pixel centers', from: [2, 5, 3, 1], size: [8, 7], alignCorners: false, halfPixelCenters: true },
    { name: 'downscale', from: [1, 7, 7, 2], size: [3, 4], alignCorners: false, halfPixelCenters: false },
  ])('ResizeNearestNeighborGrad, $name, is the adjoint of the forward resize', (c) => {
    const x = randomTensor(c.from, 17);
    const dy = randomTensor([c.from[0], ...c.size, c.from[3]], 18);
    const { alignCorners, halfPixelCenters } = c;
    const y = runKernelOn(
      'cpu',
      getKernel('ResizeNearestNeighbor', 'cpu')!.kernelFunc,
      { images: x },
      { alignCorners, halfPixelCenters, size: c.size },
    );
    const dx = runKernelOn(
      backendName,
      deepwireKernel('ResizeNearestNeighborGrad', backendName)!,
      { images: x, dy },
      { alignCorners, halfPixelCenters },
    );
    const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v * b[i], 0);
    expect(Math.abs(dot(y.values, dy.values) - dot(x.values, dx.values))).toBeLessThanOrEqual(
      1e-4 * Math.abs(dot(y.values, dy.values)),
    );
  });
});

it('pins the wrong built-in kernels Deepwire replaces, so an upgrade that fixes them is noticed', async () => {
  await initBackends();
  const input = randomTensor([2, 4, 4, 2], 19);
  const dy = randomTensor([2, 2, 2, 2], 20);
  const output = { shape: [2, 2, 2, 2], values: new Float32Array(16) };
  const attrs = { filterSize: 2, strides: 2, pad: 'valid' };
  const wasmOwn = runKernelOn('wasm', builtinKernel('MaxPoolGrad', 'wasm')!.kernelFunc, { dy, input, output }, attrs);
  const right = runKernelOn('cpu', getKernel('MaxPoolGrad', 'cpu')!.kernelFunc, { dy, input, output }, attrs);
  expect(relativeError(wasmOwn.values, right.values)).toBeGreaterThan(0.01);
});

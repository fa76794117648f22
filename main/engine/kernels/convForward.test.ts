import { backend_util, getKernel } from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeConvForward } from './convForward';
import { initBackends, randomTensor, relativeError, runKernelOn } from './kernelTestHarness';
import { builtinKernel, deepwireKernel } from './register';

type Pad = 'valid' | 'same' | number;
interface Case {
  name: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: Pad;
  dilations: number;
}

/** The SIMD kernel's blocks: 4 outputs in a row (5 and 7 leave a moved-back last block) × 8 channels. */
const CASES: Case[] = [
  {
    name: 'LeNet-5 conv1 28×28×1 → 6, 5×5 same',
    x: [2, 28, 28, 1],
    filter: [5, 5, 1, 6],
    strides: 1,
    pad: 'same',
    dilations: 1,
  },
  {
    name: 'star-galaxy 44×44×5 → 8, 5×5 valid',
    x: [2, 44, 44, 5],
    filter: [5, 5, 5, 8],
    strides: 1,
    pad: 'valid',
    dilations: 1,
  },
  { name: 'row of 5, 13 channels', x: [2, 3, 7, 3], filter: [3, 3, 3, 13], strides: 1, pad: 'valid', dilations: 1 },
  { name: 'stride 2 same, 7 wide', x: [2, 9, 13, 2], filter: [3, 3, 2, 9], strides: 2, pad: 'same', dilations: 1 },
  {
    name: 'strides [2, 1] explicit pad 1',
    x: [1, 8, 8, 3],
    filter: [3, 2, 3, 16],
    strides: [2, 1],
    pad: 1,
    dilations: 1,
  },
  { name: 'dilation 2 same', x: [2, 9, 11, 1], filter: [3, 3, 1, 4], strides: 1, pad: 'same', dilations: 2 },
  {
    name: '1-D light curve 1×180×1 → 8, 1×5',
    x: [3, 1, 180, 1],
    filter: [1, 5, 1, 8],
    strides: 1,
    pad: 'valid',
    dilations: 1,
  },
];

describe('Conv2D and FusedConv2D on wasm through the SIMD convolution', () => {
  beforeAll(initBackends);

  it.each(CASES)('Conv2D, $name, matches the cpu kernel', (c) => {
    const x = randomTensor(c.x, 1);
    const filter = randomTensor(c.filter, 2);
    const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', dilations: c.dilations };
    const kernel = makeConvForward('Conv2D', () => true)('wasm', () => builtinKernel('Conv2D', 'wasm'));
    const ours = runKernelOn('wasm', kernel, { x, filter }, attrs);
    const cpu = runKernelOn('cpu', getKernel('Conv2D', 'cpu')!.kernelFunc, { x, filter }, attrs);
    expect(ours.shape).toEqual(cpu.shape);
    expect(relativeError(ours.values, cpu.values)).toBeLessThanOrEqual(1e-5);
  });

  it.each(CASES.flatMap((c) => (['linear', 'relu'] as const).map((activation) => ({ ...c, activation }))))(
    'FusedConv2D with a bias, $activation, $name, matches the cpu kernel',
    (c) => {
      const x = randomTensor(c.x, 3);
      const filter = randomTensor(c.filter, 4);
      const bias = randomTensor([c.filter[3]], 5);
      const attrs = {
        strides: c.strides,
        pad: c.pad,
        dataFormat: 'NHWC',
        dilations: c.dilations,
        activation: c.activation,
        leakyreluAlpha: 0,
      };
      const kernel = makeConvForward('FusedConv2D', () => true)('wasm', () => builtinKernel('FusedConv2D', 'wasm'));
      const ours = runKernelOn('wasm', kernel, { x, filter, bias }, attrs);
      const cpu = runKernelOn('cpu', getKernel('FusedConv2D', 'cpu')!.kernelFunc, { x, filter, bias }, attrs);
      expect(ours.shape).toEqual(cpu.shape);
      expect(relativeError(ours.values, cpu.values)).toBeLessThanOrEqual(1e-5);
      if (c.activation === 'relu') expect(Math.min(...ours.values)).toBe(0);
    },
  );

  it('leaves rows narrower than 4 outputs, and other activations, to wasm’s own', () => {
    const x = randomTensor([1, 5, 3, 2], 6);
    const filter = randomTensor([3, 3, 2, 4], 7);
    const attrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1 };
    expect(backend_util.computeConv2DInfo([1, 5, 3, 2], [3, 3, 2, 4], 1, 1, 'valid').outWidth).toBe(1);
    const kernel = makeConvForward('Conv2D', () => true)('wasm', () => builtinKernel('Conv2D', 'wasm'));
    const ours = runKernelOn('wasm', kernel, { x, filter }, attrs);
    const own = runKernelOn('wasm', builtinKernel('Conv2D', 'wasm')!.kernelFunc, { x, filter }, attrs);
    expect(Array.from(ours.values)).toEqual(Array.from(own.values));
  });

  it('is registered on wasm for both kernels', () => {
    expect(deepwireKernel('Conv2D', 'wasm')).toBeDefined();
    expect(deepwireKernel('FusedConv2D', 'wasm')).toBeDefined();
  });
});

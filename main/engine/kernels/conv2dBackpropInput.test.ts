import { backend_util, getKernel } from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type HostTensor, initBackends, randomTensor, relativeError, runKernelOn } from './kernelTestHarness';
import { makeConv2DBackpropInput } from './conv2dBackpropInput';
import { builtinKernel, deepwireKernel } from './register';

type Pad = 'valid' | 'same' | number | [[number, number], [number, number], [number, number], [number, number]];
interface Case {
  name: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: Pad;
}

/** Strides 1/2/3 × padding valid/same × 1-D (conv1d's H = 1) and 2-D, batch 2, Cin 3, Cout 4. */
const CASES: Case[] = [];
for (const dims of ['1d', '2d'] as const) {
  const x: Case['x'] = dims === '1d' ? [2, 1, 13, 3] : [2, 9, 11, 3];
  const filter: Case['filter'] = dims === '1d' ? [1, 3, 3, 4] : [3, 3, 3, 4];
  for (const strides of [1, 2, 3]) {
    for (const pad of ['valid', 'same'] as const)
      CASES.push({ name: `${dims} stride ${strides} ${pad}`, x, filter, strides, pad });
  }
}
CASES.push(
  { name: '2d 5x5 stride 2 explicit pad 1', x: [3, 10, 10, 2], filter: [5, 5, 2, 6], strides: 2, pad: 1 },
  { name: '2d 4x4 even filter stride 2 same', x: [2, 12, 9, 3], filter: [4, 4, 3, 5], strides: 2, pad: 'same' },
  { name: '2d strides [2, 3] valid', x: [2, 11, 14, 2], filter: [3, 2, 2, 3], strides: [2, 3], pad: 'valid' },
  {
    name: '2d explicit padding wider than the filter (crops)',
    x: [2, 6, 7, 2],
    filter: [2, 3, 2, 3],
    strides: 2,
    pad: [
      [0, 0],
      [3, 4],
      [0, 5],
      [0, 0],
    ],
  },
  {
    name: '2d star-galaxy conv 40x40x8 → 16, 3x3 same',
    x: [2, 40, 40, 8],
    filter: [3, 3, 8, 16],
    strides: 1,
    pad: 'same',
  },
  { name: '2d 1x1 Cin 20', x: [2, 4, 4, 20], filter: [1, 1, 20, 5], strides: 1, pad: 'valid' },
  // LeNet-5's second convolution, and rows (positions) and columns (KH·KW·Cin) off the SIMD blocks.
  {
    name: '2d LeNet-5 conv2 14x14x6 → 16, 5x5 valid',
    x: [3, 14, 14, 6],
    filter: [5, 5, 6, 16],
    strides: 1,
    pad: 'valid',
  },
  { name: '2d 7 positions, 3x3 valid', x: [1, 9, 3, 1], filter: [3, 3, 1, 2], strides: 1, pad: 'valid' },
);

/** The cpu backend's own Conv2DBackpropInput. */
function reference(c: Case, dy: HostTensor, filter: HostTensor, dataFormat = 'NHWC'): Float32Array {
  const builtin = getKernel('Conv2DBackpropInput', 'cpu')!.kernelFunc;
  return runKernelOn('cpu', builtin, { dy, filter }, { strides: c.strides, pad: c.pad, dataFormat, inputShape: c.x })
    .values as Float32Array;
}

describe('Conv2DBackpropInput (forward Conv2D of the flipped filter over the stride-dilated dy)', () => {
  beforeAll(initBackends);

  describe.each([
    ['wasm', 'auto'],
    ['wasm', 'product'],
    ['wasm', 'convolution'],
    ['cpu', 'auto'],
  ] as const)('on %s, route %s', (backendName, route) => {
    it.each(CASES)('$name matches the cpu reference', (c) => {
      const info = backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad);
      const dy = randomTensor(info.outShape, 2);
      const filter = randomTensor(c.filter, 5);
      const ours = runKernelOn(
        backendName,
        makeConv2DBackpropInput(backendName, undefined, route),
        { dy, filter },
        { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x },
      );
      expect(ours.shape).toEqual(c.x);
      expect(relativeError(ours.values, reference(c, dy, filter))).toBeLessThanOrEqual(1e-4);
    });
  });

  it('gives the same gradient when the product route works in slices of positions', () => {
    const c = CASES.find((k) => k.name.startsWith('2d LeNet-5 conv2'))!;
    const info = backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad);
    const dy = randomTensor(info.outShape, 2);
    const filter = randomTensor(c.filter, 5);
    // Rows of 152 floats (150 rounded up to 8), 5 rows a slice: slices of 4 of the 300 positions.
    const kernel = makeConv2DBackpropInput('wasm', undefined, 'product', 5 * 152);
    const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x };
    const ours = runKernelOn('wasm', kernel, { dy, filter }, attrs);
    expect(relativeError(ours.values, reference(c, dy, filter))).toBeLessThanOrEqual(1e-4);
    // 7 output positions (a 9×3 input, 3×3 valid): slices of 4, the last one of 3.
    const d = CASES.find((k) => k.name.startsWith('2d 7 positions'))!;
    const dInfo = backend_util.computeConv2DInfo(d.x, d.filter, d.strides, 1, d.pad);
    const dDy = randomTensor(dInfo.outShape, 3);
    const dFilter = randomTensor(d.filter, 4);
    const sliced = runKernelOn(
      'wasm',
      makeConv2DBackpropInput('wasm', undefined, 'product', 1),
      { dy: dDy, filter: dFilter },
      {
        strides: d.strides,
        pad: d.pad,
        dataFormat: 'NHWC',
        inputShape: d.x,
      },
    );
    expect(relativeError(sliced.values, reference(d, dDy, dFilter))).toBeLessThanOrEqual(1e-4);
  });

  it('is the kernel registered on wasm, with the built-in kept as the fallback', () => {
    expect(getKernel('Conv2DBackpropInput', 'wasm')!.kernelFunc).not.toBe(
      builtinKernel('Conv2DBackpropInput', 'wasm')!.kernelFunc,
    );
    expect(deepwireKernel('Conv2DBackpropInput', 'wasm')).toBeDefined();
  });

  it('hands channels-first data to the built-in kernel', () => {
    const c: Case = { name: 'NCHW', x: [2, 3, 7, 6], filter: [3, 3, 3, 4], strides: 1, pad: 'same' };
    const dy = randomTensor([2, 4, 7, 6], 7);
    const filter = randomTensor(c.filter, 8);
    const ours = runKernelOn(
      'wasm',
      deepwireKernel('Conv2DBackpropInput', 'wasm')!,
      { dy, filter },
      { strides: 1, pad: 'same', dataFormat: 'NCHW', inputShape: c.x },
    );
    const own = runKernelOn(
      'wasm',
      builtinKernel('Conv2DBackpropInput', 'wasm')!.kernelFunc,
      { dy, filter },
      { strides: 1, pad: 'same', dataFormat: 'NCHW', inputShape: c.x },
    );
    expect(relativeError(ours.values, own.values)).toBe(0);
  });
});

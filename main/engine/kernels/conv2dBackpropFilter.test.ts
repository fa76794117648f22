import { backend_util } from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type HostTensor, initBackends, randomTensor, relativeError, runKernelOn } from './kernelTestHarness';
import { makeConv2DBackpropFilter } from './conv2dBackpropFilter';
import { builtinKernel, deepwireKernel } from './register';

type Pad = 'valid' | 'same' | number;
interface Case {
  name: string;
  x: number[];
  filter: [number, number, number, number];
  strides: number;
  pad: Pad;
  dilations: number;
}

/** Strides 1/2/3 × padding valid/same × 1-D (conv1d's H = 1) and 2-D, batch 2, Cin 3, Cout 4. */
const CASES: Case[] = [];
for (const dims of ['1d', '2d'] as const) {
  const x = dims === '1d' ? [2, 1, 13, 3] : [2, 9, 11, 3];
  const filter: [number, number, number, number] = dims === '1d' ? [1, 3, 3, 4] : [3, 3, 3, 4];
  for (const strides of [1, 2, 3]) {
    for (const pad of ['valid', 'same'] as const)
      CASES.push({ name: `${dims} stride ${strides} ${pad}`, x, filter, strides, pad, dilations: 1 });
  }
  for (const pad of ['valid', 'same'] as const)
    CASES.push({ name: `${dims} dilation 2 ${pad}`, x, filter, strides: 1, pad, dilations: 2 });
}
CASES.push({
  name: '2d 5x5 stride 2 explicit pad 1',
  x: [3, 10, 10, 2],
  filter: [5, 5, 2, 6],
  strides: 2,
  pad: 1,
  dilations: 1,
});
// The SIMD kernel's blocks: 4 filter rows (K = 25 leaves 1) × 8 channels (13 leaves 5), one row
// or column of outputs, and a strided 1×1 filter that skips input pixels.
CASES.push({
  name: '2d 5x5 Cin 1 Cout 13 same',
  x: [3, 7, 6, 1],
  filter: [5, 5, 1, 13],
  strides: 1,
  pad: 'same',
  dilations: 1,
});
CASES.push({
  name: '2d one output row',
  x: [2, 3, 9, 2],
  filter: [3, 2, 2, 9],
  strides: 1,
  pad: 'valid',
  dilations: 1,
});
CASES.push({ name: '2d 1x1 stride 2', x: [2, 7, 7, 5], filter: [1, 1, 5, 8], strides: 2, pad: 'valid', dilations: 1 });
CASES.push({
  name: '2d 1x1 Cin 20 (contiguous copy path)',
  x: [2, 4, 4, 20],
  filter: [1, 1, 20, 5],
  strides: 1,
  pad: 'valid',
  dilations: 1,
});

/**
 * The cpu backend's own kernel, which has no dilation: a dilated filter is an effective filter of
 * size (K−1)·d+1 with zeros between taps, so its gradient is the effective filter's gradient
 * sampled every d taps.
 */
function reference(c: Case, x: HostTensor, dy: HostTensor): Float32Array {
  const [KH, KW, Cin, Cout] = c.filter;
  const d = c.dilations;
  const effective: [number, number, number, number] = [(KH - 1) * d + 1, (KW - 1) * d + 1, Cin, Cout];
  const builtin = builtinKernel('Conv2DBackpropFilter', 'cpu')!.kernelFunc;
  const full = runKernelOn(
    'cpu',
    builtin,
    { x, dy },
    { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: effective },
  ).values;
  const out = new Float32Array(KH * KW * Cin * Cout);
  for (let kh = 0; kh < KH; kh++) {
    for (let kw = 0; kw < KW; kw++) {
      const src = (kh * d * effective[1] + kw * d) * Cin * Cout;
      out.set(full.subarray(src, src + Cin * Cout), (kh * KW + kw) * Cin * Cout);
    }
  }
  return out;
}

describe('Conv2DBackpropFilter (SIMD on wasm, XNNPACK Conv2D, im2col + BatchMatMul)', () => {
  beforeAll(initBackends);

  describe.each([
    ['cpu', 'im2col'],
    ['wasm', 'simd'],
    ['wasm', 'conv2d'],
    ['wasm', 'im2col'],
  ] as const)('on %s (%s)', (backendName, strategy) => {
    it.each(CASES)('$name matches the cpu reference', (c) => {
      const info = backend_util.computeConv2DInfo(
        c.x as [number, number, number, number],
        c.filter,
        c.strides,
        c.dilations,
        c.pad,
      );
      const x = randomTensor(c.x, 1);
      const dy = randomTensor(info.outShape, 2);
      const ours = runKernelOn(
        backendName,
        makeConv2DBackpropFilter(backendName, undefined, strategy),
        { x, dy },
        {
          strides: c.strides,
          pad: c.pad,
          dataFormat: 'NHWC',
          filterShape: c.filter,
          dilations: c.dilations,
        },
      );
      expect(ours.shape).toEqual(c.filter);
      expect(relativeError(ours.values, reference(c, x, dy))).toBeLessThanOrEqual(1e-4);
    });
  });

  it('gives the same result when a large input is processed in slices of output positions', () => {
    const c = CASES.find((k) => k.name === '2d stride 2 same')!;
    const info = backend_util.computeConv2DInfo(c.x as [number, number, number, number], c.filter, c.strides, 1, c.pad);
    const x = randomTensor(c.x, 3);
    const dy = randomTensor(info.outShape, 4);
    const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter };
    for (const backendName of ['cpu', 'wasm']) {
      // 7 positions × 27 patch values per slice: 40 positions become 6 slices, the last one short.
      const sliced = runKernelOn(
        backendName,
        makeConv2DBackpropFilter(backendName, 7 * 27, 'im2col'),
        { x, dy },
        attrs,
      );
      expect(relativeError(sliced.values, reference(c, x, dy))).toBeLessThanOrEqual(1e-4);
    }
  });

  it('gives zeros, on every route, for a convolution with no outputs (a stride-2 3×3 over 2 rows)', () => {
    const x = randomTensor([1, 2, 5, 1], 1);
    const dy = { shape: [1, 0, 2, 8], values: new Float32Array(0) };
    const attrs = { strides: 2, pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 3, 1, 8] };
    for (const strategy of ['simd', 'conv2d', 'im2col'] as const) {
      const dW = runKernelOn('wasm', makeConv2DBackpropFilter('wasm', undefined, strategy), { x, dy }, attrs);
      expect(dW.shape).toEqual([3, 3, 1, 8]);
      expect(Array.from(dW.values).every((v) => v === 0)).toBe(true);
    }
  });

  it('refuses channels-first data instead of computing garbage', () => {
    const x = randomTensor([1, 4, 4, 1], 1);
    const dy = randomTensor([1, 2, 2, 1], 2);
    expect(() =>
      runKernelOn(
        'wasm',
        deepwireKernel('Conv2DBackpropFilter', 'wasm')!,
        { x, dy },
        { strides: 1, pad: 'valid', dataFormat: 'NCHW', filterShape: [3, 3, 1, 1] },
      ),
    ).toThrow(/NHWC/);
  });
});

import { backend_util } from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type HostTensor, initBackends, randomTensor, relativeError, runKernelOn } from './kernelTestHarness';
import { builtinKernel, deepwireKernel } from './register';

interface Case {
  name: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number;
  pad: 'valid' | 'same';
  dilations: number;
}

/** Strides 1/2/3 × valid/same × 1-D and 2-D, batch 2, 3 channels, depthMultiplier 1 and 2, dilation 1/2. */
const CASES: Case[] = [];
for (const dims of ['1d', '2d'] as const) {
  for (const multiplier of [1, 2]) {
    const x: Case['x'] = dims === '1d' ? [2, 1, 13, 3] : [2, 9, 11, 3];
    const filter: Case['filter'] = dims === '1d' ? [1, 3, 3, multiplier] : [3, 3, 3, multiplier];
    for (const strides of [1, 2, 3]) {
      for (const pad of ['valid', 'same'] as const)
        CASES.push({ name: `${dims} M${multiplier} stride ${strides} ${pad}`, x, filter, strides, pad, dilations: 1 });
    }
    for (const pad of ['valid', 'same'] as const)
      CASES.push({ name: `${dims} M${multiplier} dilation 2 ${pad}`, x, filter, strides: 1, pad, dilations: 2 });
  }
}

/**
 * The cpu kernels accept `dilations` but ignore it in their loops (tfjs's gradient refuses dilated
 * depthwise convolutions, so nothing reaches them). A dilated filter equals an effective filter of
 * size (K−1)·d+1 with zeros between taps, so the reference runs the undilated kernel on that and,
 * for the filter gradient, samples every d-th tap.
 */
function effectiveShape(c: Case): [number, number, number, number] {
  const [KH, KW, C, M] = c.filter;
  return [(KH - 1) * c.dilations + 1, (KW - 1) * c.dilations + 1, C, M];
}

function referenceFilterGradient(c: Case, x: HostTensor, dy: HostTensor): ArrayLike<number> {
  const eff = effectiveShape(c);
  const attrs = { strides: c.strides, dilations: 1, pad: c.pad, filterShape: eff };
  const full = runKernelOn(
    'cpu',
    builtinKernel('DepthwiseConv2dNativeBackpropFilter', 'cpu')!.kernelFunc,
    { x, dy },
    attrs,
  ).values;
  const [KH, KW, C, M] = c.filter;
  const out = new Float32Array(KH * KW * C * M);
  for (let kh = 0; kh < KH; kh++) {
    for (let kw = 0; kw < KW; kw++) {
      const src = (kh * c.dilations * eff[1] + kw * c.dilations) * C * M;
      out.set(full.subarray(src, src + C * M), (kh * KW + kw) * C * M);
    }
  }
  return out;
}

function referenceInputGradient(c: Case, dy: HostTensor, filter: HostTensor): ArrayLike<number> {
  const eff = effectiveShape(c);
  const [KH, KW, C, M] = c.filter;
  const dilated = new Float32Array(eff.reduce((a, b) => a * b, 1));
  for (let kh = 0; kh < KH; kh++) {
    for (let kw = 0; kw < KW; kw++) {
      const src = (kh * KW + kw) * C * M;
      dilated.set(
        filter.values.subarray(src, src + C * M) as Float32Array,
        (kh * c.dilations * eff[1] + kw * c.dilations) * C * M,
      );
    }
  }
  const attrs = { strides: c.strides, dilations: 1, pad: c.pad, inputShape: c.x };
  return runKernelOn(
    'cpu',
    builtinKernel('DepthwiseConv2dNativeBackpropInput', 'cpu')!.kernelFunc,
    { dy, filter: { shape: eff, values: dilated } },
    attrs,
  ).values;
}

describe.each(['cpu', 'wasm'])('depthwise convolution gradients on %s', (backendName) => {
  beforeAll(initBackends);

  it.each(CASES)('filter gradient, $name, matches the cpu reference', (c) => {
    const info = backend_util.computeConv2DInfo(c.x, c.filter, c.strides, c.dilations, c.pad, undefined, true);
    const x = randomTensor(c.x, 5);
    const dy = randomTensor(info.outShape, 6);
    const attrs = { strides: c.strides, dilations: c.dilations, pad: c.pad, filterShape: c.filter };
    const ours = runKernelOn(
      backendName,
      deepwireKernel('DepthwiseConv2dNativeBackpropFilter', backendName)!,
      { x, dy },
      attrs,
    );
    expect(ours.shape).toEqual(c.filter);
    expect(relativeError(ours.values, referenceFilterGradient(c, x, dy))).toBeLessThanOrEqual(1e-4);
  });

  it.each(CASES)('input gradient, $name, matches the cpu reference', (c) => {
    const info = backend_util.computeConv2DInfo(c.x, c.filter, c.strides, c.dilations, c.pad, undefined, true);
    const filter = randomTensor(c.filter, 7);
    const dy = randomTensor(info.outShape, 8);
    const attrs = { strides: c.strides, dilations: c.dilations, pad: c.pad, inputShape: c.x };
    const ours = runKernelOn(
      backendName,
      deepwireKernel('DepthwiseConv2dNativeBackpropInput', backendName)!,
      { dy, filter },
      attrs,
    );
    expect(ours.shape).toEqual(c.x);
    expect(relativeError(ours.values, referenceInputGradient(c, dy, filter))).toBeLessThanOrEqual(1e-4);
  });
});

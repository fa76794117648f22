import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackends, randomValues, relativeError } from './kernelTestHarness';
import { registerDilatedConvGradients, unregisterDilatedConvGradients } from './dilatedConvGradients';
import { registerTrainingKernels, unregisterTrainingKernels } from './register';

type Pad = 'valid' | 'same' | number;
type Op = 'conv2d' | 'conv1d' | 'depthwise' | 'separable';

interface Case {
  name: string;
  op: Op;
  x: number[];
  /** Spatial dims first, then the two channel dims (conv1d: [K, Cin, Cout]). */
  filter: number[];
  dilations: number[];
  pad: Pad;
}

const CASES: Case[] = [];
for (const d of [2, 3]) {
  for (const pad of ['valid', 'same'] as const) {
    CASES.push({
      name: `Conv2D 3×3 dilation ${d} ${pad}`,
      op: 'conv2d',
      x: [2, 9, 10, 3],
      filter: [3, 3, 3, 4],
      dilations: [d, d],
      pad,
    });
    CASES.push({
      name: `Conv1D k3 dilation ${d} ${pad}`,
      op: 'conv1d',
      x: [2, 17, 3],
      filter: [3, 3, 4],
      dilations: [d],
      pad,
    });
    CASES.push({
      name: `DepthwiseConv2D M2 dilation ${d} ${pad}`,
      op: 'depthwise',
      x: [2, 9, 10, 3],
      filter: [3, 3, 3, 2],
      dilations: [d, d],
      pad,
    });
  }
}
CASES.push(
  // An even effective size (2 + 1·2 = 4): 'same' pads asymmetrically, 1 before and 2 after.
  {
    name: 'Conv2D 2×2 dilation 3 same (asymmetric padding)',
    op: 'conv2d',
    x: [2, 8, 7, 2],
    filter: [2, 2, 2, 3],
    dilations: [3, 3],
    pad: 'same',
  },
  {
    name: 'Conv2D 3×3 dilation [1, 2] same',
    op: 'conv2d',
    x: [2, 7, 9, 3],
    filter: [3, 3, 3, 2],
    dilations: [1, 2],
    pad: 'same',
  },
  {
    name: 'Conv2D 3×3 dilation 2 explicit pad 1',
    op: 'conv2d',
    x: [2, 8, 8, 2],
    filter: [3, 3, 2, 3],
    dilations: [2, 2],
    pad: 1,
  },
  {
    name: 'DepthwiseConv2D M2 dilation [2, 1] valid',
    op: 'depthwise',
    x: [2, 9, 6, 2],
    filter: [3, 2, 2, 2],
    dilations: [2, 1],
    pad: 'valid',
  },
  {
    name: 'SeparableConv2D M2 dilation 2 same (depthwise part)',
    op: 'separable',
    x: [2, 8, 9, 3],
    filter: [3, 3, 3, 2],
    dilations: [2, 2],
    pad: 'same',
  },
  {
    name: 'Conv2D undilated (TF.js own gradient)',
    op: 'conv2d',
    x: [2, 6, 6, 3],
    filter: [3, 3, 3, 4],
    dilations: [1, 1],
    pad: 'same',
  },
  {
    name: 'DepthwiseConv2D undilated (TF.js own gradient)',
    op: 'depthwise',
    x: [2, 6, 6, 3],
    filter: [3, 3, 3, 2],
    dilations: [1, 1],
    pad: 'valid',
  },
);

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
/** SeparableConv2D's fixed pointwise filter: [1, 1, Cin·M, 5]. */
const pointwiseShape = (c: Case) => [1, 1, c.filter[2] * c.filter[3], 5];
const pointwise = (c: Case) =>
  tf.tensor4d(randomValues(size(pointwiseShape(c)), 33), pointwiseShape(c) as [number, number, number, number]);

function forward(c: Case, x: tf.Tensor, w: tf.Tensor, dilations: number[]): tf.Tensor {
  const pad = c.pad as 'valid' | 'same';
  switch (c.op) {
    case 'conv1d':
      return tf.conv1d(x as tf.Tensor3D, w as tf.Tensor3D, 1, pad, 'NWC', dilations[0]);
    case 'conv2d':
      return tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, pad, 'NHWC', dilations as [number, number]);
    case 'depthwise':
      return tf.depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, pad, 'NHWC', dilations as [number, number]);
    case 'separable':
      return tf.separableConv2d(
        x as tf.Tensor4D,
        w as tf.Tensor4D,
        pointwise(c),
        1,
        pad,
        dilations as [number, number],
        'NHWC',
      );
  }
}

/** dx and dW of Σ conv(x, W)·r for fixed random x, W, r, on the active backend. */
function gradients(
  c: Case,
  filterShape: number[],
  filterValues: Float32Array,
  dilations: number[],
): { dx: Float32Array; dW: Float32Array } {
  return tf.tidy(() => {
    const x = tf.tensor(randomValues(size(c.x), 31), c.x);
    const w = tf.tensor(filterValues, filterShape);
    const f = (a: tf.Tensor, b: tf.Tensor) => {
      const y = forward(c, a, b, dilations);
      return tf.sum(tf.mul(y, tf.tensor(randomValues(y.size, 32), y.shape)));
    };
    const [dx, dW] = tf.grads(f)([x, w]);
    return { dx: dx.dataSync() as Float32Array, dW: dW.dataSync() as Float32Array };
  });
}

/**
 * The reference: cpu autodiff of the *undilated* convolution with the expanded filter (zeros
 * between taps, built here on the host), whose filter gradient is then sampled at the real taps.
 */
async function reference(c: Case): Promise<{ dx: Float32Array; dW: Float32Array }> {
  const spatial = c.dilations.length;
  const k = c.filter.slice(0, spatial);
  const e = k.map((kk, i) => (kk - 1) * c.dilations[i] + 1);
  const inner = c.filter[spatial] * c.filter[spatial + 1];
  const expandedShape = [...e, ...c.filter.slice(spatial)];
  const w = randomValues(size(c.filter), 30);
  const expanded = new Float32Array(size(expandedShape));
  const taps: [number, number][] = [];
  for (let i = 0; i < size(k); i++) {
    const kh = spatial === 2 ? Math.floor(i / k[1]) : 0;
    const kw = spatial === 2 ? i % k[1] : i;
    const at = spatial === 2 ? kh * c.dilations[0] * e[1] + kw * c.dilations[1] : kw * c.dilations[0];
    taps.push([i, at]);
    expanded.set(w.subarray(i * inner, (i + 1) * inner), at * inner);
  }
  const prev = tf.getBackend();
  await tf.setBackend('cpu');
  const full = gradients(
    c,
    expandedShape,
    expanded,
    c.dilations.map(() => 1),
  );
  await tf.setBackend(prev);
  const dW = new Float32Array(size(c.filter));
  for (const [i, at] of taps) dW.set(full.dW.subarray(at * inner, (at + 1) * inner), i * inner);
  return { dx: full.dx, dW };
}

async function check(c: Case): Promise<{ dx: number; dW: number }> {
  const ref = await reference(c);
  const ours = gradients(c, c.filter, randomValues(size(c.filter), 30), c.dilations);
  return { dx: relativeError(ours.dx, ref.dx), dW: relativeError(ours.dW, ref.dW) };
}

const worst = { dx: 0, dW: 0 };
afterAll(() =>
  console.log(
    `dilated conv gradients, max relative error vs the reference: dx ${worst.dx.toExponential(2)}, dW ${worst.dW.toExponential(2)}`,
  ),
);

describe.each(['cpu', 'wasm'])('dilated convolution gradients on %s', (backendName) => {
  beforeAll(async () => {
    await initBackends();
    await tf.setBackend(backendName);
  });

  it.each(CASES)('$name: dx and dW match cpu autodiff of the expanded-filter convolution', async (c) => {
    const err = await check(c);
    worst.dx = Math.max(worst.dx, err.dx);
    worst.dW = Math.max(worst.dW, err.dW);
    expect(err.dx).toBeLessThanOrEqual(1e-4);
    expect(err.dW).toBeLessThanOrEqual(1e-4);
  });

  /*
   * A check that needs no gradient code at all: Σ conv(x, W)·r is linear in W (and in x), so
   * ⟨dW, v⟩ = (L(W + v) − L(W − v)) / 2 exactly, up to rounding, using only TF.js's forward
   * dilated convolution. It guards the reference above as much as our gradients.
   */
  it.each(CASES.filter((c) => c.op !== 'separable'))(
    '$name: ⟨dW, v⟩ and ⟨dx, u⟩ agree with central differences of the forward pass',
    (c) => {
      const xv = randomValues(size(c.x), 31);
      const wv = randomValues(size(c.filter), 30);
      const { dx, dW } = gradients(c, c.filter, wv, c.dilations);
      const loss = (xs: Float32Array, ws: Float32Array) =>
        tf.tidy(() => {
          const y = forward(c, tf.tensor(xs, c.x), tf.tensor(ws, c.filter), c.dilations);
          return tf.sum(tf.mul(y, tf.tensor(randomValues(y.size, 32), y.shape))).dataSync()[0];
        });
      const along = (base: Float32Array, dir: Float32Array, sign: number) => base.map((b, i) => b + sign * dir[i]);
      const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i], 0);
      const v = randomValues(wv.length, 34);
      const u = randomValues(xv.length, 35);
      const byW = (loss(xv, along(wv, v, 1)) - loss(xv, along(wv, v, -1))) / 2;
      const byX = (loss(along(xv, u, 1), wv) - loss(along(xv, u, -1), wv)) / 2;
      expect(Math.abs(dot(dW, v) - byW)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(byW)));
      expect(Math.abs(dot(dx, u) - byX)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(byX)));
    },
  );

  it('refuses strides above 1 together with dilation above 1, plainly', () => {
    const x = tf.zeros([1, 9, 9, 1]);
    const w = tf.zeros([3, 3, 1, 1]);
    const dy = tf.zeros([1, 3, 3, 1]);
    const attrs = { strides: [2, 2], dilations: [2, 2], pad: 'valid', dataFormat: 'NHWC' };
    expect(() => tf.getGradient('Conv2D')!.gradFunc(dy, [x, w], attrs)).toThrow(
      /strides above 1 together with dilations above 1/,
    );
    expect(() => tf.getGradient('DepthwiseConv2dNative')!.gradFunc(dy, [x, w], attrs)).toThrow(
      /strides above 1 together with dilations above 1/,
    );
    tf.dispose([x, w, dy]);
  });
});

describe('the fold-back path (backends whose filter-gradient kernel ignores dilations)', () => {
  beforeAll(async () => {
    await initBackends();
    unregisterDilatedConvGradients();
    registerDilatedConvGradients(() => false);
  });
  afterAll(() => {
    unregisterDilatedConvGradients();
    registerTrainingKernels('wasm');
  });

  it.each(['cpu', 'wasm'])('dW and dx still match on %s', async (backendName) => {
    await tf.setBackend(backendName);
    for (const c of CASES.filter((k) => k.dilations.some((d) => d > 1))) {
      const err = await check(c);
      worst.dx = Math.max(worst.dx, err.dx);
      worst.dW = Math.max(worst.dW, err.dW);
      expect(err.dx, c.name).toBeLessThanOrEqual(1e-4);
      expect(err.dW, c.name).toBeLessThanOrEqual(1e-4);
    }
  });
});

describe('registration', () => {
  it('is idempotent, and unregistering every backend restores TF.js’s own gradients', async () => {
    await initBackends();
    const ours = tf.getGradient('Conv2D');
    registerTrainingKernels('wasm');
    registerTrainingKernels('cpu');
    expect(tf.getGradient('Conv2D')).toBe(ours);
    unregisterTrainingKernels('wasm');
    expect(tf.getGradient('Conv2D')).toBe(ours);
    unregisterTrainingKernels('cpu');
    const restored = tf.getGradient('Conv2D')!;
    expect(restored).not.toBe(ours);
    const dy = tf.zeros([1, 3, 3, 1]);
    expect(() =>
      restored.gradFunc(dy, [tf.zeros([1, 7, 7, 1]), tf.zeros([3, 3, 1, 1])], {
        strides: 1,
        dilations: 2,
        pad: 'valid',
        dataFormat: 'NHWC',
      }),
    ).toThrow(/not yet supported/);
    registerTrainingKernels('cpu');
    registerTrainingKernels('wasm');
    expect(tf.getGradient('DepthwiseConv2dNative')).not.toBe(restored);
  });
});

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackends, randomTensor, runKernelOn } from './kernelTestHarness';
import { builtinKernel, deepwireKernel } from './register';

describe('Tanh on wasm (2·σ(2x) − 1)', () => {
  beforeAll(initBackends);

  it('is within 3e-7 of the exact tanh everywhere, ±1 far out, and NaN stays NaN', () => {
    const x = randomTensor([4, 50, 50], 9);
    x.values = x.values.map((v, i) => (i % 7 === 0 ? v * 30 : v * 3)); // many saturated values too
    x.values[0] = Number.NaN;
    x.values[1] = Infinity;
    x.values[2] = -Infinity;
    x.values[3] = 0;
    const ours = runKernelOn('wasm', deepwireKernel('Tanh', 'wasm')!, { x }, {});
    let worst = 0;
    x.values.forEach((v, i) => {
      if (i > 0) worst = Math.max(worst, Math.abs(ours.values[i] - Math.tanh(v)));
    });
    expect(worst).toBeLessThan(3e-7);
    expect(Number.isNaN(ours.values[0])).toBe(true);
    expect([ours.values[1], ours.values[2], ours.values[3]]).toEqual([1, -1, 0]);
    const theirs = runKernelOn('wasm', builtinKernel('Tanh', 'wasm')!.kernelFunc, { x }, {});
    expect(theirs.shape).toEqual(ours.shape);
  });

  it('keeps tanh’s gradient, 1 − tanh², and leaves no tensor behind', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor(randomTensor([200], 10).values.map((v) => v * 4));
    const before = tf.memory().numTensors;
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.tanh(t)))(x);
    const expected = Array.from(x.dataSync(), (v) => 1 - Math.tanh(v) ** 2);
    Array.from(g.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackends, randomTensor, runKernelOn } from './kernelTestHarness';
import { LEAKY_RELU_GRAD } from './leakyRelu';
import { builtinKernel, deepwireKernel } from './register';

describe('LeakyReLU on wasm (Prelu) and its gradient (dy · step(x, α))', () => {
  beforeAll(initBackends);

  it.each([
    { shape: [4, 9, 9, 5], alpha: 0.2 },
    { shape: [7, 33], alpha: 0.01 },
    { shape: [11], alpha: 0.3 },
  ])('gives wasm’s own values exactly, $shape, α $alpha', ({ shape, alpha }) => {
    const x = randomTensor(shape, 21);
    x.values[0] = 0;
    x.values[1] = Number.NaN;
    const ours = runKernelOn('wasm', deepwireKernel('LeakyRelu', 'wasm')!, { x }, { alpha });
    const theirs = runKernelOn('wasm', builtinKernel('LeakyRelu', 'wasm')!.kernelFunc, { x }, { alpha });
    expect(ours.shape).toEqual(theirs.shape);
    expect(Array.from(ours.values)).toEqual(Array.from(theirs.values));
  });

  it.each(['wasm', 'cpu'])('has the gradient 1 for x > 0 and α elsewhere on %s, leaving no tensor', async (backend) => {
    await tf.setBackend(backend);
    const values = Array.from(randomTensor([300], 22).values);
    values[0] = 0;
    const x = tf.tensor(values);
    const w = tf.tensor(Array.from(randomTensor([300], 23).values));
    const before = tf.memory().numTensors;
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.leakyRelu(t, 0.2), w)))(x);
    const wv = w.dataSync();
    Array.from(g.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(wv[i] * (values[i] > 0 ? 1 : 0.2), 6));
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, w]);
    await tf.setBackend('wasm');
  });
});

describe('the one-kernel LeakyReLU gradient', () => {
  beforeAll(initBackends);

  // Sizes around the four lanes (vector loop, scalar tail, both), with 0, NaN and ±∞ among x.
  it.each(['wasm', 'cpu'].flatMap((backend) => [1, 3, 4, 7, 1001].map((n) => ({ backend, n }))))(
    'equals dy · step(x, α) bit for bit on $backend, $n values',
    async ({ backend, n }) => {
      await tf.setBackend(backend);
      const xs = Array.from(randomTensor([n], 31).values);
      [0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0].forEach((v, i) => {
        if (i < n) xs[(i * 7) % n] = v;
      });
      const x = tf.tensor(xs);
      const dy = tf.tensor(Array.from(randomTensor([n], 32).values));
      const ours = tf.engine().runKernel(LEAKY_RELU_GRAD, { dy, x }, { alpha: 0.3 }) as tf.Tensor;
      const composite = tf.mul(dy, tf.step(x, 0.3));
      expect(Array.from(ours.dataSync())).toEqual(Array.from(composite.dataSync()));
      tf.dispose([x, dy, ours, composite]);
      await tf.setBackend('wasm');
    },
  );
});

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RELU_GRAD, SIGMOID_GRAD, TANH_GRAD } from './activationGrads';
import { initBackends, randomTensor } from './kernelTestHarness';

/** Values around the cases the formulas single out: 0, NaN, ±∞, saturated outputs. */
function inputs(n: number, seed: number): number[] {
  const values = Array.from(randomTensor([n], seed).values, (v) => v * 4);
  const special = [0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 30, -30, -0];
  special.forEach((v, i) => i < n && (values[(i * 7) % n] = v));
  return values;
}

/** TF.js 4.22's own gradient formulas, written out with its ops. */
const REFERENCE: Record<
  string,
  { op: (x: tf.Tensor) => tf.Tensor; grad: (x: tf.Tensor, y: tf.Tensor, dy: tf.Tensor) => tf.Tensor }
> = {
  [RELU_GRAD]: { op: tf.relu, grad: (x, _y, dy) => tf.mul(dy, tf.cast(tf.step(x), 'float32')) },
  [TANH_GRAD]: { op: tf.tanh, grad: (_x, y, dy) => tf.mul(tf.sub(1, tf.square(y)), dy) },
  [SIGMOID_GRAD]: { op: tf.sigmoid, grad: (_x, y, dy) => tf.mul(dy, tf.mul(y, tf.sub(1, y))) },
};

describe('ReLU, tanh and sigmoid gradients as one kernel each', () => {
  beforeAll(initBackends);

  it.each(
    ['wasm', 'cpu'].flatMap((backend) =>
      Object.keys(REFERENCE).flatMap((kernel) => [1, 3, 4, 7, 1001].map((n) => ({ backend, kernel, n }))),
    ),
  )('$kernel on $backend, $n values: TF.js’s formula exactly, through tf.grad', async ({ backend, kernel, n }) => {
    await tf.setBackend(backend);
    const { op, grad } = REFERENCE[kernel];
    const x = tf.tensor(inputs(n, n));
    const dy = tf.tensor(inputs(n, n + 100));
    const before = tf.memory().numTensors;
    const got = tf.grad((t: tf.Tensor) => op(t))(x, dy);
    const want = tf.tidy(() => grad(x, op(x), dy));
    expect(Array.from(got.dataSync())).toEqual(Array.from(want.dataSync()));
    // It ran as Deepwire's kernel, not as TF.js's ops.
    const names = (
      await tf.profile(() =>
        tf
          .grad((t: tf.Tensor) => op(t))(x, dy)
          .dispose(),
      )
    ).kernels.map((k) => k.name);
    expect(names).toContain(kernel);
    expect(names).not.toContain('Multiply');
    tf.dispose([got, want]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, dy]);
    await tf.setBackend('wasm');
  });
});

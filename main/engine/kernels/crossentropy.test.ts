import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Loss } from '../../../shared/training/options';
import { batchLoss, exampleLoss } from '../losses';
import { accuracyFor } from '../metrics';
import { ACCURACY, CROSSENTROPY } from './crossentropy';
import { initBackends } from './kernelTestHarness';

/** Runs `f` with Deepwire's kernel `name` unregistered on the current backend: TF.js's composite. */
function composite<T>(name: string, f: () => T): T {
  const config = tf.getKernel(name, tf.getBackend())!;
  expect(config).toBeDefined();
  tf.unregisterKernel(name, tf.getBackend());
  try {
    return f();
  } finally {
    tf.registerKernel(config);
  }
}

const close = (got: ArrayLike<number>, want: ArrayLike<number>, tol = 1e-5) => {
  expect(got.length).toBe(want.length);
  Array.from(want).forEach((w, i) => {
    if (Number.isNaN(w)) expect(got[i]).toBeNaN();
    else expect(Math.abs(got[i] - w)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(w)));
  });
};

/**
 * Rows of probabilities as a network gives them, and the cases the clip and the rescaling act on:
 * softmax rows; a row that does not sum to 1; a row whose labelled class is below ε (clipped:
 * no gradient through it); a row at 1 − ε and above.
 */
function probabilities(): tf.Tensor2D {
  const soft = tf.softmax(tf.randomNormal([5, 4], 0, 2, 'float32', 7)) as tf.Tensor2D;
  const odd = tf.tensor2d([
    [0.2, 0.3, 0.1, 0.1],
    [1e-9, 0.5, 0.25, 0.25],
    [1, 1e-9, 0, 0],
  ]);
  return tf.concat([soft, odd]) as tf.Tensor2D;
}
const LABELS = [0, 3, 1, 2, 2, 1, 0, 0];

describe('the fused cross-entropy and accuracy kernels', () => {
  beforeAll(initBackends);

  it.each(['wasm', 'cpu'])('give the composite’s losses and gradients, sparse and one-hot (%s)', async (backend) => {
    await tf.setBackend(backend);
    const p = probabilities();
    const sparse = tf.tensor2d(LABELS, [LABELS.length, 1]);
    const onehot = tf.oneHot(tf.tensor1d(LABELS, 'int32'), 4).toFloat();
    const soft = tf.tensor2d(
      Array.from({ length: LABELS.length * 4 }, (_, i) => ((i * 7) % 5) / 10),
      [LABELS.length, 4],
    );
    const weights = tf.randomUniform([LABELS.length], 0.5, 2, 'float32', 9);
    for (const [loss, targets] of [
      ['sparseCategoricalCrossentropy', sparse],
      ['categoricalCrossentropy', onehot],
      ['categoricalCrossentropy', soft],
    ] as [Loss, tf.Tensor][]) {
      const values = () => exampleLoss(loss, targets, p).dataSync();
      const gradP = () =>
        tf
          .grad((q: tf.Tensor) => tf.sum(tf.mul(exampleLoss(loss, targets, q), weights)))(p)
          .dataSync();
      close(values(), composite(CROSSENTROPY, values));
      close(gradP(), composite(CROSSENTROPY, gradP));
      if (targets !== sparse) {
        const gradT = () =>
          tf
            .grad((t: tf.Tensor) => tf.sum(tf.mul(exampleLoss(loss, t, p), weights)))(targets)
            .dataSync();
        close(gradT(), composite(CROSSENTROPY, gradT));
      }
    }
    // The clipped labelled class (row 6) has no gradient but through the rescaling.
    const g = tf
      .grad((q: tf.Tensor) => batchLoss('sparseCategoricalCrossentropy', sparse, q))(p)
      .arraySync() as number[][];
    expect(g[6].every((v) => Math.abs(v) < 1)).toBe(true);
    tf.dispose([p, sparse, onehot, soft, weights]);
    await tf.setBackend('wasm');
  });

  it('runs as two kernels in a training step, and a NaN probability gives a NaN loss', async () => {
    const p = tf.variable(probabilities());
    const t = tf.tensor2d(LABELS, [LABELS.length, 1]);
    const names = (
      await tf.profile(() => tf.variableGrads(() => batchLoss('sparseCategoricalCrossentropy', t, p), [p]))
    ).kernels.map((k) => k.name);
    expect(names).toContain('DeepwireCrossentropy');
    expect(names).toContain('DeepwireCrossentropyGrad');
    expect(names).not.toContain('Log');
    expect(names.length).toBeLessThan(12); // the composite ran ~40
    const withNaN = tf.tensor2d([[Number.NaN, 0.5, 0.25, 0.25]]);
    expect(exampleLoss('sparseCategoricalCrossentropy', tf.tensor2d([[1]]), withNaN).dataSync()[0]).toBeNaN();
    expect(exampleLoss('categoricalCrossentropy', tf.tensor2d([[0, 1, 0, 0]]), withNaN).dataSync()[0]).toBeNaN();
    tf.dispose([p, t, withNaN]);
  });

  it.each(['wasm', 'cpu'])(
    'accuracy equals the composite’s: sparse, one-hot, 0.5 and 0 thresholds (%s)',
    async (backend) => {
      await tf.setBackend(backend);
      const p = probabilities();
      // Ties: row 5 has two equal top classes; the first wins in both.
      const cases: [Loss, number, tf.Tensor, tf.Tensor][] = [
        ['sparseCategoricalCrossentropy', 4, tf.tensor2d(LABELS, [LABELS.length, 1]), p],
        ['categoricalCrossentropy', 4, tf.oneHot(tf.tensor1d(LABELS, 'int32'), 4).toFloat(), p],
        [
          'binaryCrossentropy',
          1,
          tf.tensor2d([0, 1, 1, 0, 1], [5, 1]),
          tf.tensor2d([0.2, 0.7, 0.4, 0.5, 0.51], [5, 1]),
        ],
        ['hinge', 1, tf.tensor2d([-1, 1, 1, -1], [4, 1]), tf.tensor2d([-0.3, 0.2, -0.1, 0], [4, 1])],
      ];
      for (const [loss, units, t, q] of cases) {
        const fn = accuracyFor(loss, units);
        const got = fn(t, q).dataSync();
        const want = composite(ACCURACY, () => fn(t, q).dataSync());
        expect(Array.from(got)).toEqual(Array.from(want));
        expect(got.some((v) => v === 1) && got.some((v) => v === 0)).toBe(true); // both outcomes tested
      }
      await tf.setBackend('wasm');
    },
  );
});

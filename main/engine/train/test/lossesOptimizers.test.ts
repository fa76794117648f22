import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOSSES, OPTIMIZERS, type Loss } from '../../../../shared/training/options';
import { LOSS_FUNCTIONS } from '../../losses';
import { xorProject } from './projects';
import { runSession } from './runSession';
import { useTestBackend } from './testBackend';

beforeAll(async () => {
  await useTestBackend();
});

/** Output layer and labels each loss pairs with on the 2-class XOR set. */
function outputFor(loss: Loss): Record<string, unknown> {
  if (loss === 'categoricalCrossentropy' || loss === 'sparseCategoricalCrossentropy' || loss === 'kld')
    return { units: 2, activation: 'softmax' };
  if (loss === 'binaryCrossentropy') return { units: 1, activation: 'sigmoid' };
  return { units: 1, activation: 'tanh' };
}

describe('losses', () => {
  it.each(LOSSES.map((l) => [l]))('%s trains a step with a finite, falling loss', async (loss) => {
    const project = xorProject({ loss, epochs: 2, dataset: { builtin: 'xor', options: { size: 200 } } });
    project.graph.nodes[3].params = outputFor(loss);
    const { events, end, session } = await runSession(project);
    expect(end.type).toBe('finished');
    const losses = events.flatMap((e) => (e.type === 'epoch' ? [e.metrics.loss] : []));
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[1]).toBeLessThan(losses[0]);
    session.dispose();
  });

  it('match their formulas on known values', () => {
    const v = (loss: Loss, t: number[][], p: number[][]) =>
      tf.tidy(() => LOSS_FUNCTIONS[loss](tf.tensor2d(t), tf.tensor2d(p)).arraySync() as number[]);
    expect(v('meanSquaredError', [[1, 0]], [[0.5, 0.5]])[0]).toBeCloseTo(0.25);
    expect(v('hinge', [[1]], [[0.3]])[0]).toBeCloseTo(0.7);
    expect(v('squaredHinge', [[-1]], [[0.5]])[0]).toBeCloseTo(2.25);
    expect(v('exponential', [[1]], [[2]])[0]).toBeCloseTo(Math.exp(-2));
    expect(v('logistic', [[-1]], [[1]])[0]).toBeCloseTo(Math.log2(1 + Math.E));
    expect(v('huber', [[0]], [[3]])[0]).toBeCloseTo(2.5);
    expect(v('logcosh', [[0]], [[1]])[0]).toBeCloseTo(Math.log(Math.cosh(1)));
    expect(v('binaryCrossentropy', [[1]], [[0.8]])[0]).toBeCloseTo(-Math.log(0.8));
    expect(v('categoricalCrossentropy', [[0, 1]], [[0.25, 0.75]])[0]).toBeCloseTo(-Math.log(0.75));
    expect(v('sparseCategoricalCrossentropy', [[1]], [[0.25, 0.75]])[0]).toBeCloseTo(-Math.log(0.75));
    expect(v('kld', [[0.5, 0.5]], [[0.25, 0.75]])[0]).toBeCloseTo(0.5 * Math.log(2) + 0.5 * Math.log(2 / 3));
  });
});

// Each optimizer's update rule is checked step by step in main/engine/optimizers.test.ts; here, that
// a project naming it trains through a whole session.
describe('optimizers', () => {
  it.each([...OPTIMIZERS.map((o) => [o, {}] as const), ['momentum', { nesterov: true }] as const])(
    '%s %o runs a training session to the end with finite losses',
    async (kind, extra) => {
      const project = xorProject({
        epochs: 2,
        optimizer: { kind, ...extra },
        dataset: { builtin: 'xor', options: { size: 200 } },
      });
      const { events, end, session } = await runSession(project);
      expect(end.type).toBe('finished');
      const losses = events.flatMap((e) => (e.type === 'epoch' ? [e.metrics.loss] : []));
      expect(losses.every(Number.isFinite)).toBe(true);
      session.dispose();
    },
  );
});

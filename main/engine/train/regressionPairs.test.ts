import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluationResultSchema } from '../../../shared/protocol/trainerEvents';
import { MAX_REGRESSION_POINTS, SplitEvaluator } from './evaluateSplit';
import type { SplitTensors } from './prepareData';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A model that says 2 × its input (one Dense weight, no bias). */
function doubler(): tf.LayersModel {
  const model = tf.sequential({
    layers: [tf.layers.dense({ units: 1, inputShape: [1], useBias: false, kernelInitializer: 'ones' })],
  });
  model.layers[0].setWeights([tf.tensor2d([[2]])]);
  return model;
}

/** A split of n examples: inputs 0, 1, …; standardised targets equal to the inputs. */
function split(n: number, from = 0): SplitTensors {
  const v = Array.from({ length: n }, (_, i) => from + i);
  return { x: tf.tensor2d(v, [n, 1]), y: tf.tensor2d(v, [n, 1]), indices: v };
}

describe('a regression’s predicted-against-true pairs', () => {
  it('are in the targets’ own units (standardisation undone), capped, and fit the event schema', () => {
    const scaler = { mean: [10], std: [2] };
    const evaluator = new SplitEvaluator(
      doubler(),
      'test',
      'meanSquaredError',
      {},
      {
        targetScaler: scaler,
        targetNames: ['disc size'],
      },
    );
    const chunks = [split(300), split(300, 300)];
    for (const c of chunks) evaluator.add(c);
    const { regression } = evaluator.result();
    expect(regression!.targetNames).toEqual(['disc size']);
    expect(regression!.actual).toHaveLength(MAX_REGRESSION_POINTS);
    expect(regression!.predicted).toHaveLength(MAX_REGRESSION_POINTS);
    // Example 3: truth 3 → 3 × 2 + 10 = 16; the model said 6 → 6 × 2 + 10 = 22.
    expect([regression!.actual[3], regression!.predicted[3]]).toEqual([16, 22]);
    // The second chunk's first example (index 300) follows the first chunk's.
    expect(regression!.actual[300]).toBe(610);
    expect(evaluationResultSchema.safeParse(evaluator.result()).success).toBe(true);
    for (const c of chunks) tf.dispose([c.x, c.y]);
  });

  it('are absent when there is no target scaling (classifiers, reconstructions)', () => {
    const s = split(4);
    const result = new SplitEvaluator(doubler(), 'test', 'meanSquaredError', {}).add(s).result();
    expect(result.regression).toBeUndefined();
    expect(result.examples).toHaveLength(4);
    tf.dispose([s.x, s.y]);
  });
});

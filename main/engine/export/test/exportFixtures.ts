import * as tf from '@tensorflow/tfjs';
import type { ReferenceBatch } from '../types';

/** A small deterministic generator (mulberry32), so fixtures are the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Gives every weight random values (variances positive), so a check compares trained-looking
 * numbers: fresh BatchNormalization statistics (0 and 1) and zero biases would hide a wrong mapping.
 */
export function randomizeWeights(model: tf.LayersModel, seed: number, scale = 0.5): void {
  const next = rng(seed);
  for (const layer of model.layers) {
    if (layer.weights.length === 0) continue;
    const values = layer.weights.map((w) => {
      const n = (w.shape as number[]).reduce((p, d) => p * d, 1);
      const variance = /variance/.test(w.originalName);
      const v = Float32Array.from({ length: n }, () => (variance ? 0.5 + next() : (next() * 2 - 1) * scale));
      return tf.tensor(v, w.shape as number[]);
    });
    layer.setWeights(values);
    tf.dispose(values);
  }
}

/** A seeded batch for the model's (single) input and the model's own outputs on it. */
export function referenceBatch(
  model: tf.LayersModel,
  examples: number,
  seed: number,
  intInputs?: number,
): ReferenceBatch {
  const next = rng(seed);
  const shape = [examples, ...model.inputs[0].shape.slice(1).map((d) => d ?? 12)];
  const n = shape.reduce((p, d) => p * d, 1);
  const values = Float32Array.from({ length: n }, () => (intInputs ? Math.floor(next() * intInputs) : next() * 2 - 1));
  const output = tf.tidy(() => {
    const y = model.predict(tf.tensor(values, shape)) as tf.Tensor;
    return { shape: y.shape, values: y.dataSync() as Float32Array };
  });
  return { input: { shape, values }, output };
}

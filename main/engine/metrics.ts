import * as tf from '@tensorflow/tfjs';
import type { Loss, Metric } from '../../shared/training/options';
import { SIGNED_LABEL_LOSSES } from '../../shared/training/checkTraining';
import { ACCURACY } from './kernels/crossentropy';
import { asRows } from './losses';

/** A metric: per-example values, shape [batch]; averaged over examples like Keras. */
export type MetricFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/**
 * Accuracy as fits the output and the labels: class indices (sparse loss) against the argmax;
 * one-hot against the argmax; a single output thresholded at 0.5 (0/1 labels) or 0 (±1 labels).
 */
export function accuracyFor(loss: Loss, units: number): MetricFn {
  const threshold = SIGNED_LABEL_LOSSES.includes(loss) ? 0 : 0.5;
  const composite = composedAccuracy(loss, units, threshold);
  const mode = loss === 'sparseCategoricalCrossentropy' ? 'sparse' : units > 1 ? 'onehot' : 'threshold';
  // One kernel where Deepwire has it (cpu, wasm; kernels/crossentropy.ts), TF.js's ops elsewhere.
  return (t, p) =>
    tf.getKernel(ACCURACY, tf.getBackend()) && p.rank === 2
      ? (tf.engine().runKernel(ACCURACY, { targets: t, preds: p }, { mode, threshold }) as tf.Tensor)
      : composite(t, p);
}

function composedAccuracy(loss: Loss, units: number, threshold: number): MetricFn {
  if (loss === 'sparseCategoricalCrossentropy') {
    return (t, p) => tf.cast(tf.equal(tf.cast(tf.reshape(t, [-1]), 'int32'), tf.argMax(p, -1)), 'float32');
  }
  if (units > 1) return (t, p) => tf.cast(tf.equal(tf.argMax(t, -1), tf.argMax(p, -1)), 'float32');
  return (t, p) => tf.cast(tf.equal(tf.greater(t, threshold), tf.greater(p, threshold)), 'float32').reshape([-1]);
}

/** The metric functions by name, for this loss and output width. */
export function metricFns(metrics: readonly Metric[], loss: Loss, units: number): Record<string, MetricFn> {
  const out: Record<string, MetricFn> = {};
  for (const m of metrics) {
    switch (m) {
      case 'accuracy':
        out.accuracy = accuracyFor(loss, units);
        break;
      case 'mae':
        out.mae = (t, p) => tf.mean(tf.abs(tf.sub(asRows(p), asRows(t))), -1);
        break;
      case 'mse':
        out.mse = (t, p) => tf.mean(tf.square(tf.sub(asRows(p), asRows(t))), -1);
        break;
      default: {
        const unknown: never = m;
        throw new Error(`Unknown metric ${String(unknown)}`);
      }
    }
  }
  return out;
}

import * as tf from '@tensorflow/tfjs';
import type { Loss, Metric } from '../../../shared/training/options';
import { batchLoss } from '../losses';
import { metricFns, type MetricFn } from '../metrics';
import { unscaleTensor, type TargetScaler } from '../train/prepareData';

/** The metric functions a run reports; on standardised regression targets, in the targets' own units. */
export function trainingMetrics(
  metrics: readonly Metric[],
  loss: Loss,
  units: number,
  scaler?: TargetScaler,
): Record<string, MetricFn> {
  const fns = metricFns(metrics, loss, units);
  if (!scaler) return fns;
  return Object.fromEntries(
    Object.entries(fns).map(([name, fn]) => [
      name,
      (t: tf.Tensor, p: tf.Tensor) => fn(unscaleTensor(t, scaler), unscaleTensor(p, scaler)),
    ]),
  );
}

/**
 * What one batch minimises: the loss on (x, y) plus the layers' regularisation losses. The batch
 * means of the metrics are pushed to `parts`, kept out of the caller's tidy, for the caller to dispose.
 */
export function objective(
  model: tf.LayersModel,
  loss: Loss,
  metrics: Record<string, MetricFn>,
  x: tf.Tensor,
  y: tf.Tensor,
  parts: tf.Tensor[],
): tf.Scalar {
  const p = model.apply(x, { training: true }) as tf.Tensor;
  const l = batchLoss(loss, y, p);
  for (const fn of Object.values(metrics)) parts.push(tf.keep(tf.mean(fn(y, p))));
  const reg = model.calculateLosses();
  return reg.length ? (tf.addN([l, ...reg]) as tf.Scalar) : l;
}

/** The loss and the metrics of a batch as one array (one read-back), `parts` disposed. */
export function readValues(cost: tf.Scalar, parts: tf.Tensor[]): Float32Array {
  const out = tf.tidy(() => tf.stack([cost, ...parts]).dataSync() as Float32Array);
  tf.dispose(parts);
  return out;
}

import * as tf from '@tensorflow/tfjs';
import { SIGNED_LABEL_LOSSES } from '../../../shared/training/checkTraining';
import type { Loss } from '../../../shared/training/options';
import type { Dataset } from '../datasets/types';

/**
 * One split as tensors: x [n, ...inputShape], y [n, labelWidth] (or y = x itself when the model
 * rebuilds its input), plus the raw class indices.
 */
export interface SplitTensors {
  x: tf.Tensor;
  y: tf.Tensor;
  /** Classification: the class index of each example (for confusion matrices). */
  classes?: Int32Array;
  /** Indices into the dataset. */
  indices: number[];
}

/** How labels are encoded for a loss and an output width. */
export interface LabelEncoding {
  width: number;
  encode(datasetY: Float32Array, index: number, out: Float32Array, offset: number): void;
}

/**
 * Regression targets are trained standardised, (y − mean) / std per target with the training
 * split's statistics, so targets of any size and very different ranges (a Sérsic index up to 6
 * next to an axis ratio below 1) start the output layer near zero and weigh alike in the loss.
 * Reported errors and predictions are turned back into the targets' own units.
 */
export interface TargetScaler {
  mean: number[];
  std: number[];
}

/** Mean and standard deviation of each regression target over the examples at `indices`. */
export function fitTargetScaler(dataset: Dataset, indices: number[]): TargetScaler {
  const t = dataset.targetNames?.length ?? 1;
  const mean = new Array<number>(t).fill(0);
  const sq = new Array<number>(t).fill(0);
  for (const i of indices) for (let k = 0; k < t; k++) mean[k] += dataset.y[i * t + k];
  const n = Math.max(1, indices.length);
  for (let k = 0; k < t; k++) mean[k] /= n;
  for (const i of indices) for (let k = 0; k < t; k++) sq[k] += (dataset.y[i * t + k] - mean[k]) ** 2;
  // A constant target (std 0) is only shifted, not divided by zero.
  const std = sq.map((s) => Math.sqrt(s / n) || 1);
  return { mean, std };
}

/** Values in standardised units back in the targets' own units (rows of `mean.length`). */
export function unscaleValues(values: ArrayLike<number>, scaler: TargetScaler): number[] {
  const t = scaler.mean.length;
  return Array.from(values, (v, i) => v * scaler.std[i % t] + scaler.mean[i % t]);
}

/** A [batch, targets] tensor in standardised units back in the targets' own units. */
export function unscaleTensor(t: tf.Tensor, scaler: TargetScaler): tf.Tensor {
  return tf.add(tf.mul(t, tf.tensor1d(scaler.std)), tf.tensor1d(scaler.mean));
}

/**
 * Labels as the loss wants them: regression targets standardised with `scaler` (as they are
 * without one); class indices for the sparse loss; 0/1 for one output unit; one-hot for several;
 * and −1/+1 instead of 0/1 for the margin losses (hinge, squaredHinge, exponential, logistic).
 */
export function labelEncoding(
  dataset: Pick<Dataset, 'task' | 'targetNames'>,
  loss: Loss,
  units: number,
  scaler?: TargetScaler,
): LabelEncoding {
  if (dataset.task === 'regression') {
    const t = dataset.targetNames?.length ?? 1;
    if (!scaler) return { width: t, encode: (y, i, out, o) => out.set(y.subarray(i * t, i * t + t), o) };
    return {
      width: t,
      encode: (y, i, out, o) => {
        for (let k = 0; k < t; k++) out[o + k] = (y[i * t + k] - scaler.mean[k]) / scaler.std[k];
      },
    };
  }
  if (loss === 'sparseCategoricalCrossentropy') return { width: 1, encode: (y, i, out, o) => (out[o] = y[i]) };
  const neg = SIGNED_LABEL_LOSSES.includes(loss) ? -1 : 0;
  if (units === 1) return { width: 1, encode: (y, i, out, o) => (out[o] = y[i] > 0 ? 1 : neg) };
  return {
    width: units,
    encode: (y, i, out, o) => {
      out.fill(neg, o, o + units);
      out[o + y[i]] = 1;
    },
  };
}

/** What the model is trained to output: encoded labels, or (`'input'`) the examples themselves. */
export type Targets = LabelEncoding | 'input';

/**
 * Gathers the examples at `indices` into tensors. With `'input'` targets, y is x (one tensor, not a
 * copy: dispose it once) and there are no classes, so no confusion matrix is made.
 */
export function splitTensors(dataset: Dataset, indices: number[], targets: Targets): SplitTensors {
  const per = dataset.inputShape.reduce((p, d) => p * d, 1);
  const xs = new Float32Array(indices.length * per);
  indices.forEach((idx, row) => xs.set(dataset.x.subarray(idx * per, idx * per + per), row * per));
  const x = tf.tensor(xs, [indices.length, ...dataset.inputShape]);
  if (targets === 'input') return { x, y: x, indices };
  const ys = new Float32Array(indices.length * targets.width);
  indices.forEach((idx, row) => targets.encode(dataset.y, idx, ys, row * targets.width));
  const classes = dataset.task === 'classification' ? Int32Array.from(indices, (i) => dataset.y[i]) : undefined;
  return { x, y: tf.tensor2d(ys, [indices.length, targets.width]), classes, indices };
}

/** Frees a split's tensors (y once when it is x). */
export function disposeSplit(split: SplitTensors): void {
  tf.dispose(split.y === split.x ? [split.x] : [split.x, split.y]);
}

/**
 * Train/validation index lists: the dataset's own validation split when it has one, else the last
 * `validationSplit` of the training examples (as Keras's fit does).
 */
export function trainValidation(dataset: Dataset, validationSplit: number): { train: number[]; validation: number[] } {
  if (dataset.splits.validation.length > 0 || validationSplit <= 0) {
    return { train: dataset.splits.train, validation: dataset.splits.validation };
  }
  const cut = Math.floor(dataset.splits.train.length * (1 - validationSplit));
  return { train: dataset.splits.train.slice(0, cut), validation: dataset.splits.train.slice(cut) };
}

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
 * Labels as the loss wants them: regression targets as they are; class indices for the sparse
 * loss; 0/1 for one output unit; one-hot for several; and −1/+1 instead of 0/1 for the margin
 * losses (hinge, squaredHinge, exponential, logistic).
 */
export function labelEncoding(dataset: Dataset, loss: Loss, units: number): LabelEncoding {
  if (dataset.task === 'regression') {
    const t = dataset.targetNames?.length ?? 1;
    return { width: t, encode: (y, i, out, o) => out.set(y.subarray(i * t, i * t + t), o) };
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

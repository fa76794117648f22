import * as tf from '@tensorflow/tfjs';
import type { EvaluationResult, MetricValues } from '../../../shared/protocol/trainer';
import type { Loss } from '../../../shared/training/options';
import { exampleLoss } from '../losses';
import type { MetricFn } from '../metrics';
import { unscaleValues, type SplitTensors, type TargetScaler } from './prepareData';

/** Batches for evaluation: bigger than training batches, they need no gradients. */
const EVAL_BATCH = 256;

/** Mean loss and metrics of `model` over a split, in batches (no gradients, no leaks). */
export function evaluateMetrics(
  model: tf.LayersModel,
  split: SplitTensors,
  loss: Loss,
  metrics: Record<string, MetricFn>,
): MetricValues {
  const n = split.x.shape[0];
  const names = Object.keys(metrics);
  const sums = new Float64Array(names.length + 1);
  for (let start = 0; start < n; start += EVAL_BATCH) {
    const size = Math.min(EVAL_BATCH, n - start);
    const values = tf.tidy(() => {
      const x = tf.slice(split.x, start, size);
      const y = tf.slice(split.y, start, size);
      const p = model.predict(x) as tf.Tensor;
      const parts = [tf.sum(exampleLoss(loss, y, p)), ...names.map((m) => tf.sum(metrics[m](y, p)))];
      return tf.stack(parts).dataSync();
    });
    values.forEach((v, i) => (sums[i] += v));
  }
  const out: MetricValues = { loss: sums[0] / Math.max(1, n) };
  names.forEach((m, i) => (out[m] = sums[i + 1] / Math.max(1, n)));
  return out;
}

/** How many test examples are returned with what the model said. */
const EXAMPLES = 12;
/** Examples carry their input values (for the UI to draw) up to this many values each (96×96×3). */
const MAX_EXAMPLE_VALUES = 96 * 96 * 3;

/** The first `count` examples' inputs, each flattened channels-last; none when they are too big. */
function exampleInputs(split: SplitTensors, count: number): number[][] | undefined {
  const per = split.x.size / Math.max(1, split.x.shape[0]);
  if (per > MAX_EXAMPLE_VALUES || count === 0) return undefined;
  const values = tf.tidy(() => tf.slice(split.x, 0, count).dataSync());
  return Array.from({ length: count }, (_, i) => Array.from(values.subarray(i * per, (i + 1) * per)));
}

/**
 * The final evaluation: loss and metrics, and for classifiers a confusion matrix (rows = true
 * class, columns = predicted), per-class accuracy and a few examples with predicted/true (and their
 * input values `x`, flattened channels-last, unless an example is bigger than 96×96×3). Without
 * `classNames` (regression, reconstruction) the examples carry every output value; for a
 * reconstruction the metrics are its error (loss, mse) and there is no confusion matrix.
 */
export function evaluateSplit(
  model: tf.LayersModel,
  split: SplitTensors,
  which: EvaluationResult['split'],
  loss: Loss,
  metrics: Record<string, MetricFn>,
  options: { classNames?: string[]; targetScaler?: TargetScaler } = {},
): EvaluationResult {
  const { classNames, targetScaler } = options;
  const result: EvaluationResult = { split: which, metrics: evaluateMetrics(model, split, loss, metrics) };
  const n = split.x.shape[0];
  const preds = tf.tidy(() => {
    const parts: tf.Tensor[] = [];
    for (let s = 0; s < n; s += EVAL_BATCH)
      parts.push(model.predict(tf.slice(split.x, s, Math.min(EVAL_BATCH, n - s))) as tf.Tensor);
    return parts.length ? tf.concat(parts) : tf.zeros([0, 1]);
  });
  const p = preds.dataSync() as Float32Array;
  // Values per example: units for a classifier or regressor, every pixel for a reconstruction.
  const width = n ? preds.size / n : 1;
  preds.dispose();
  const inputs = exampleInputs(split, Math.min(EXAMPLES, n));
  const withInput = <T extends object>(example: T, i: number): T => (inputs ? { ...example, x: inputs[i] } : example);
  if (split.classes && classNames) {
    const k = classNames.length;
    const threshold =
      loss === 'hinge' || loss === 'squaredHinge' || loss === 'exponential' || loss === 'logistic' ? 0 : 0.5;
    const predicted = (i: number): { cls: number; confidence: number } => {
      if (width === 1) {
        const v = p[i];
        return { cls: v > threshold ? 1 : 0, confidence: threshold === 0.5 ? (v > 0.5 ? v : 1 - v) : Math.abs(v) };
      }
      let best = 0;
      for (let c = 1; c < width; c++) if (p[i * width + c] > p[i * width + best]) best = c;
      return { cls: best, confidence: p[i * width + best] };
    };
    const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    const examples: NonNullable<EvaluationResult['examples']> = [];
    for (let i = 0; i < n; i++) {
      const { cls, confidence } = predicted(i);
      const actual = split.classes[i];
      if (cls < k) confusion[actual][cls]++;
      if (examples.length < EXAMPLES)
        examples.push(withInput({ index: split.indices[i], actual, predicted: cls, confidence }, i));
    }
    result.confusion = confusion;
    result.classNames = classNames;
    result.perClassAccuracy = confusion.map((row, c) => {
      const total = row.reduce((a, b) => a + b, 0);
      return total ? row[c] / total : 0;
    });
    result.examples = examples;
  } else {
    const shown = Math.min(EXAMPLES, n);
    const y = tf.tidy(() => tf.slice(split.y, 0, shown).dataSync());
    const yw = shown ? y.length / shown : 1;
    const inUnits = (v: Float32Array | Int32Array | Uint8Array) =>
      targetScaler ? unscaleValues(v, targetScaler) : Array.from(v);
    result.examples = Array.from({ length: shown }, (_, i) =>
      withInput(
        {
          index: split.indices[i],
          actual: inUnits(y.subarray(i * yw, i * yw + yw)),
          predicted: inUnits(p.subarray(i * width, i * width + width)),
        },
        i,
      ),
    );
  }
  return result;
}

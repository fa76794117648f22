import * as tf from '@tensorflow/tfjs';
import type { EvaluationResult, MetricValues } from '../../../shared/protocol/trainer';
import type { Loss } from '../../../shared/training/options';
import { exampleLoss } from '../losses';
import type { MetricFn } from '../metrics';
import { unscaleValues, type SplitTensors, type TargetScaler } from './prepareData';

/** Batches for evaluation: bigger than training batches, they need no gradients. */
export const EVAL_BATCH = 256;

/** Losses trained on probabilities: their outputs (sigmoid, softmax) are shown as confidences. */
export const PROBABILITY_LOSSES = new Set<Loss>([
  'binaryCrossentropy',
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'kld',
]);

/** Sums of the loss and each metric over a split's examples, in batches (no gradients, no leaks). */
export function metricSums(
  model: tf.LayersModel,
  split: SplitTensors,
  loss: Loss,
  metrics: Record<string, MetricFn>,
): Float64Array {
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
  return sums;
}

/** Metric sums over `n` examples as means. */
export function metricMeans(sums: Float64Array, names: string[], n: number): MetricValues {
  const out: MetricValues = { loss: sums[0] / Math.max(1, n) };
  names.forEach((m, i) => (out[m] = sums[i + 1] / Math.max(1, n)));
  return out;
}

/** Mean loss and metrics of `model` over a split, in batches (no gradients, no leaks). */
export function evaluateMetrics(
  model: tf.LayersModel,
  split: SplitTensors,
  loss: Loss,
  metrics: Record<string, MetricFn>,
): MetricValues {
  return metricMeans(metricSums(model, split, loss, metrics), Object.keys(metrics), split.x.shape[0]);
}

/** How many test examples are returned with what the model said. */
const EXAMPLES = 12;
/** Examples carry their input values (for the UI to draw) up to this many values each (96×96×3). */
const MAX_EXAMPLE_VALUES = 96 * 96 * 3;
/** A regression's predicted-against-true pairs cover at most this many examples of the split. */
export const MAX_REGRESSION_POINTS = 500;

export interface EvaluationOptions {
  classNames?: string[];
  /** Regression: its targets are standardised with this; predictions and truths are reported unscaled. */
  targetScaler?: TargetScaler;
  /** Regression: the targets' names (for the predicted-against-true plot). */
  targetNames?: string[];
  /** Puts an example's input values back in the data's own units for showing (file data). */
  displayX?: (x: number[]) => number[];
}

/**
 * The final evaluation, built from a split given whole or in chunks (file data read from disk):
 * loss and metrics, and for classifiers a confusion matrix (rows = true class, columns =
 * predicted), per-class accuracy and a few examples with predicted/true (and their input values
 * `x`, flattened channels-last, unless an example is bigger than 96×96×3). Without `classNames`
 * (regression, reconstruction) the examples carry every output value; for a reconstruction the
 * metrics are its error (loss, mse) and there is no confusion matrix.
 */
export class SplitEvaluator {
  private readonly sums: Float64Array;
  private n = 0;
  private readonly confusion?: number[][];
  private readonly examples: NonNullable<EvaluationResult['examples']> = [];
  private classified = false;
  /** Regression: predicted and true values in the targets' units, up to MAX_REGRESSION_POINTS examples. */
  private readonly pairs = { actual: [] as number[], predicted: [] as number[] };

  constructor(
    private readonly model: tf.LayersModel,
    private readonly which: EvaluationResult['split'],
    private readonly loss: Loss,
    private readonly metrics: Record<string, MetricFn>,
    private readonly options: EvaluationOptions = {},
  ) {
    this.sums = new Float64Array(Object.keys(metrics).length + 1);
    const k = options.classNames?.length;
    if (k) this.confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  }

  /** Adds one chunk of the split. */
  add(split: SplitTensors): this {
    const { model, loss } = this;
    metricSums(model, split, loss, this.metrics).forEach((v, i) => (this.sums[i] += v));
    const n = split.x.shape[0];
    this.n += n;
    if (n === 0) return this;
    const preds = tf.tidy(() => {
      const parts: tf.Tensor[] = [];
      for (let s = 0; s < n; s += EVAL_BATCH)
        parts.push(model.predict(tf.slice(split.x, s, Math.min(EVAL_BATCH, n - s))) as tf.Tensor);
      return tf.concat(parts);
    });
    const p = preds.dataSync() as Float32Array;
    // Values per example: units for a classifier or regressor, every pixel for a reconstruction.
    const width = preds.size / n;
    preds.dispose();
    const room = Math.max(0, Math.min(EXAMPLES - this.examples.length, n));
    const inputs = this.exampleInputs(split, room);
    const withInput = <T extends object>(example: T, i: number): T => (inputs ? { ...example, x: inputs[i] } : example);
    const { classNames, targetScaler } = this.options;
    const classifying = !!(split.classes && classNames && this.confusion);
    if (split.classes && classNames && this.confusion) {
      this.classified = true;
      const threshold =
        loss === 'hinge' || loss === 'squaredHinge' || loss === 'exponential' || loss === 'logistic' ? 0 : 0.5;
      // Only outputs a probability loss was trained on, and that lie in [0, 1], are probabilities;
      // a margin (hinge, a linear output) of 1.98 is a score, not "198 %".
      const probabilities = PROBABILITY_LOSSES.has(loss) && p.every((v) => v >= 0 && v <= 1);
      const said = (cls: number, value: number) =>
        probabilities ? { cls, confidence: value } : { cls, score: Number(value.toPrecision(4)) };
      const predicted = (i: number): { cls: number; confidence?: number; score?: number } => {
        if (width === 1) {
          const v = p[i];
          const cls = v > threshold ? 1 : 0;
          return said(cls, probabilities ? (cls ? v : 1 - v) : v);
        }
        let best = 0;
        for (let c = 1; c < width; c++) if (p[i * width + c] > p[i * width + best]) best = c;
        return said(best, p[i * width + best]);
      };
      const k = classNames.length;
      for (let i = 0; i < n; i++) {
        const { cls, ...value } = predicted(i);
        const actual = split.classes[i];
        if (cls < k) this.confusion[actual][cls]++;
        if (i < room) this.examples.push(withInput({ index: split.indices[i], actual, predicted: cls, ...value }, i));
      }
    } else if (targetScaler) {
      this.addPairs(split, p, width);
    }
    if (!classifying && room > 0) {
      const y = tf.tidy(() => tf.slice(split.y, 0, room).dataSync());
      const yw = y.length / room;
      const inUnits = (v: Float32Array | Int32Array | Uint8Array) =>
        targetScaler ? unscaleValues(v, targetScaler) : Array.from(v);
      for (let i = 0; i < room; i++)
        this.examples.push(
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
    return this;
  }

  /** A regression chunk's predicted and true values, in the targets' units, while there is room. */
  private addPairs(split: SplitTensors, p: Float32Array, width: number): void {
    const scaler = this.options.targetScaler!;
    const take = Math.min(split.x.shape[0], MAX_REGRESSION_POINTS - this.pairs.actual.length / width);
    if (take <= 0) return;
    const y = tf.tidy(() => tf.slice(split.y, 0, take).dataSync());
    const tidy = (v: number) => Number(v.toPrecision(5));
    this.pairs.actual.push(...unscaleValues(y, scaler).map(tidy));
    this.pairs.predicted.push(...unscaleValues(p.subarray(0, take * width), scaler).map(tidy));
  }

  /** The first `count` examples' inputs, each flattened channels-last; none when they are too big. */
  private exampleInputs(split: SplitTensors, count: number): number[][] | undefined {
    const per = split.x.size / Math.max(1, split.x.shape[0]);
    if (per > MAX_EXAMPLE_VALUES || count === 0) return undefined;
    const values = tf.tidy(() => tf.slice(split.x, 0, count).dataSync());
    const show = this.options.displayX ?? ((x: number[]) => x);
    return Array.from({ length: count }, (_, i) => show(Array.from(values.subarray(i * per, (i + 1) * per))));
  }

  result(): EvaluationResult {
    const result: EvaluationResult = {
      split: this.which,
      metrics: metricMeans(this.sums, Object.keys(this.metrics), this.n),
    };
    const { classNames } = this.options;
    if (this.confusion && classNames && (this.classified || this.n === 0)) {
      result.confusion = this.confusion;
      result.classNames = classNames;
      result.perClassAccuracy = this.confusion.map((row, c) => {
        const total = row.reduce((a, b) => a + b, 0);
        return total ? row[c] / total : 0;
      });
    }
    result.examples = this.examples;
    const { targetScaler, targetNames } = this.options;
    if (targetScaler && this.pairs.actual.length) {
      const t = targetScaler.mean.length;
      const names = Array.from({ length: t }, (_, k) => targetNames?.[k] ?? (t === 1 ? 'value' : `target ${k + 1}`));
      result.regression = { targetNames: names, ...this.pairs };
    }
    return result;
  }
}

/** {@link SplitEvaluator} over one split held whole. */
export function evaluateSplit(
  model: tf.LayersModel,
  split: SplitTensors,
  which: EvaluationResult['split'],
  loss: Loss,
  metrics: Record<string, MetricFn>,
  options: EvaluationOptions = {},
): EvaluationResult {
  return new SplitEvaluator(model, which, loss, metrics, options).add(split).result();
}

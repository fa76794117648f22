import type * as tf from '@tensorflow/tfjs';
import { hashSeed, Rng } from '../datasets/rng';
import type { Dataset } from '../datasets/types';
import { disposeSplit, splitTensors, trainValidation, type SplitTensors, type Targets } from './prepareData';

/** One training batch as tensors; the loop disposes them after the step. */
export interface TrainBatch {
  x: tf.Tensor;
  y: tf.Tensor;
  size: number;
}

export type SplitName = 'train' | 'validation' | 'test';

/**
 * The examples a session trains and evaluates on, whether they sit in memory (built-in datasets,
 * small files) or are read from disk batch by batch (big files): the loop and the evaluation see
 * only batches and chunks.
 */
export interface TrainingData {
  readonly counts: Record<SplitName, number>;
  /** One epoch of the training split in a seeded order for `epoch`. */
  trainBatches(epoch: number, batchSize: number): AsyncIterable<TrainBatch>;
  /** Calls `use` with the split's examples, whole or in chunks, in a fixed order. */
  eachChunk(which: SplitName, use: (chunk: SplitTensors) => void): Promise<void>;
  /** The example whose activations are shown (the first test example), batch of one. */
  probeExample(): Promise<tf.Tensor>;
  dispose(): void;
}

/** Salt of the training order; unchanged since the first trainer, so built-in runs repeat exactly. */
const ORDER_SALT = 0xba7c4;

/**
 * A dataset held in memory as tensors per split. Each epoch's order is one seeded shuffle of the
 * training examples; each batch is copied row by row from the dataset's arrays into new tensors
 * (wasm's Gather took up to 3 ms a batch for 32 light curves, most of a step; bench/engineStep.bench.ts).
 */
export class MemoryTrainingData implements TrainingData {
  /** The dataset's indices of the training examples. */
  private readonly trainIndices: number[];
  /** The training split as tensors, made only if asked for whole (the decision boundary's points). */
  private train: SplitTensors | null = null;
  private readonly validation: SplitTensors | null;
  private readonly test: SplitTensors | null;
  private readonly probeIndex: number;
  readonly counts: Record<SplitName, number>;

  constructor(
    private readonly dataset: Dataset,
    validationSplit: number,
    private readonly targets: Targets,
    private readonly seed: number,
  ) {
    const { train, validation } = trainValidation(dataset, validationSplit);
    this.trainIndices = train;
    this.validation = validation.length ? splitTensors(dataset, validation, targets) : null;
    this.test = dataset.splits.test.length ? splitTensors(dataset, dataset.splits.test, targets) : null;
    this.probeIndex = dataset.splits.test[0] ?? validation[0] ?? train[0];
    this.counts = { train: train.length, validation: validation.length, test: dataset.splits.test.length };
  }

  async *trainBatches(epoch: number, batchSize: number): AsyncGenerator<TrainBatch> {
    const n = this.counts.train;
    const order = new Rng(hashSeed(this.seed, epoch, ORDER_SALT)).shuffle(Array.from({ length: n }, (_, i) => i));
    for (let b = 0; b * batchSize < n; b++) {
      const idx = order.slice(b * batchSize, (b + 1) * batchSize);
      const { x, y } = splitTensors(
        this.dataset,
        idx.map((i) => this.trainIndices[i]),
        this.targets,
      );
      yield { x, y, size: idx.length };
    }
  }

  async eachChunk(which: SplitName, use: (chunk: SplitTensors) => void): Promise<void> {
    if (which === 'train') this.train ??= splitTensors(this.dataset, this.trainIndices, this.targets);
    const split = which === 'train' ? this.train : which === 'validation' ? this.validation : this.test;
    if (split) use(split);
  }

  async probeExample(): Promise<tf.Tensor> {
    return splitTensors(this.dataset, [this.probeIndex], 'input').x;
  }

  dispose(): void {
    if (this.train) disposeSplit(this.train);
    if (this.validation) disposeSplit(this.validation);
    if (this.test) disposeSplit(this.test);
  }
}

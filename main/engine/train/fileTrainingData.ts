import * as tf from '@tensorflow/tfjs';
import type { FileLoader, FlatBatch } from '../data/loader';
import type { InputScaling } from '../data/normalise';
import type { SplitTensors, Targets } from './prepareData';
import { EVAL_BATCH } from './evaluateSplit';
import type { SplitName, TrainBatch, TrainingData } from './trainingData';

/** Examples per chunk handed to the evaluation (a few evaluation batches). */
const EVAL_CHUNK = EVAL_BATCH * 4;

/**
 * A file too big for memory, read from disk as it trains: batches come from the loader (seeded
 * chunk order and shuffle buffer), standardised with the training split's statistics; the
 * validation and test splits are read in file order, chunk by chunk, whenever they are evaluated.
 */
export class FileTrainingData implements TrainingData {
  constructor(
    private readonly loader: FileLoader,
    private readonly scaling: InputScaling,
    private readonly targets: Targets,
    private readonly inputShape: number[],
    readonly counts: Record<SplitName, number>,
  ) {}

  /** Labels as the loss wants them, from the reader's class indices or targets. */
  private tensors(batch: FlatBatch): SplitTensors {
    const n = batch.indices.length;
    const x = tf.tensor(batch.x, [n, ...this.inputShape]);
    if (this.targets === 'input') return { x, y: x, indices: batch.indices };
    const t = this.targets;
    const ys = new Float32Array(n * t.width);
    for (let i = 0; i < n; i++) t.encode(batch.y, i, ys, i * t.width);
    const classification = this.loader.source.description.task === 'classification';
    return {
      x,
      y: tf.tensor2d(ys, [n, t.width]),
      classes: classification ? Int32Array.from(batch.y) : undefined,
      indices: batch.indices,
    };
  }

  async *trainBatches(epoch: number, batchSize: number): AsyncGenerator<TrainBatch> {
    for await (const batch of this.loader.trainBatches(epoch, batchSize, this.scaling, this.counts.train)) {
      const { x, y } = this.tensors(batch);
      yield { x, y, size: batch.indices.length };
    }
  }

  async eachChunk(which: SplitName, use: (chunk: SplitTensors) => void): Promise<void> {
    for await (const batch of this.loader.splitBatches(which, EVAL_CHUNK, this.scaling)) {
      const chunk = this.tensors(batch);
      try {
        use(chunk);
      } finally {
        tf.dispose(chunk.y === chunk.x ? [chunk.x] : [chunk.x, chunk.y]);
      }
    }
  }

  async probeExample(): Promise<tf.Tensor> {
    for (const which of ['test', 'validation', 'train'] as const) {
      if (!this.counts[which]) continue;
      for await (const batch of this.loader.splitBatches(which, 1, this.scaling))
        return tf.tensor(batch.x, [1, ...this.inputShape]);
    }
    return tf.zeros([1, ...this.inputShape]);
  }

  dispose(): void {
    void this.loader.source.close();
  }
}

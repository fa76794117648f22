import { applyScaling, ScalingAccumulator, scalingPlan, type InputScaling } from './normalise';
import { ShuffleBuffer, chunkOrder } from './shuffle';
import { splitCode, splitOfIndex, type SplitFractions, type SplitName } from './splits';
import type { DataSource, Examples } from './types';

/** Encoded data up to this size is read into memory once (fast epochs); bigger data is streamed. */
export const MATERIALISE_BYTES = 256 * 1024 ** 2;
/** Bytes of examples read from disk per chunk. */
const CHUNK_BYTES = 4 * 1024 ** 2;
/** Bytes of examples the shuffle buffer holds. */
const BUFFER_BYTES = 32 * 1024 ** 2;

/** The materialise limit: `DEEPWIRE_MATERIALISE_MB` (0 streams everything; for tests and the bench). */
export function materialiseLimit(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.DEEPWIRE_MATERIALISE_MB);
  return env.DEEPWIRE_MATERIALISE_MB !== undefined && Number.isFinite(mb) && mb >= 0
    ? mb * 1024 ** 2
    : MATERIALISE_BYTES;
}

/** A batch of examples as flat arrays: x rows of `per`, y rows of `yWidth`, and their file indices. */
export interface FlatBatch {
  x: Float32Array;
  y: Float32Array;
  indices: number[];
}

/** What one pass over the file found, before training. */
export interface ScanResult {
  counts: Record<SplitName, number>;
  /** Standardisation fitted on the training split only. */
  scaling: InputScaling;
  /** Regression: mean and spread of each target over the training split. */
  targetStats?: { mean: number[]; std: number[] };
  /** Examples per class in each split (classification). */
  classCounts?: Record<SplitName, number[]>;
  /** The first example with a missing or infinite label, when there is one. */
  badLabel?: number;
  /** Examples with an infinite value anywhere, or NaN where nothing fills it (images, one-hot). */
  badInputs: { count: number; first: number };
  /** Data small enough for memory: every example, encoded but not standardised, and its split (0/1/2). */
  materialised?: { x: Float32Array; y: Float32Array; split: Uint8Array };
}

export interface LoaderOptions {
  /** Examples used (the file's, or its first `size`). */
  examples: number;
  seed: number;
  fractions: SplitFractions;
  /** Splits come from the reader's split column rather than the hash. */
  splitColumn: boolean;
  /** Read everything into memory in {@link FileLoader.scan} when it fits in this many bytes. */
  materialiseBytes?: number;
  /** Overrides for tests: examples per chunk and in the shuffle buffer. */
  chunkExamples?: number;
  bufferExamples?: number;
}

/**
 * Reads a DataSource for training without ever holding more than a chunk, a shuffle buffer and a
 * batch: splits per example (seeded hash, or the split column), statistics from the training
 * split, training batches in a seeded order (chunks shuffled per epoch, then a shuffle buffer), and
 * the validation and test examples in file order.
 */
export class FileLoader {
  readonly per: number;
  readonly yWidth: number;
  readonly chunk: number;
  private readonly classification: boolean;

  constructor(
    readonly source: DataSource,
    readonly options: LoaderOptions,
  ) {
    const d = source.description;
    this.per = d.inputShape.reduce((p, x) => p * x, 1);
    this.classification = d.task === 'classification';
    this.yWidth = this.classification ? 1 : Math.max(1, d.targetNames?.length ?? 1);
    this.chunk = options.chunkExamples ?? Math.max(1, Math.min(65536, Math.floor(CHUNK_BYTES / (this.per * 4))));
  }

  get chunks(): number {
    return Math.ceil(this.options.examples / this.chunk);
  }

  /** Whether {@link scan} keeps every example in memory. */
  get materialises(): boolean {
    return this.options.examples * (this.per + this.yWidth) * 4 <= (this.options.materialiseBytes ?? MATERIALISE_BYTES);
  }

  /** The split of example `index` (of a chunk read at `start`). */
  private splitOf(examples: Examples, i: number, index: number): SplitName {
    if (this.options.splitColumn && examples.split) return examples.split[i];
    return splitOfIndex(index, this.options.seed, this.options.fractions);
  }

  /** Chunks in `order`, each with its first index; the next one is read while this one is used. */
  private async *read(order: readonly number[]): AsyncGenerator<{ start: number; examples: Examples }> {
    const n = this.options.examples;
    const fetch = (k: number) => {
      const start = order[k] * this.chunk;
      return this.source.readRange(start, Math.min(n, start + this.chunk)).then((examples) => ({ start, examples }));
    };
    let next: Promise<{ start: number; examples: Examples }> | null = order.length ? fetch(0) : null;
    try {
      for (let k = 0; k < order.length; k++) {
        const current = await next!;
        next = k + 1 < order.length ? fetch(k + 1) : null;
        yield current;
      }
    } finally {
      // Stopped early: the read ahead is not wanted, and must not become an unhandled rejection.
      next?.catch(() => {});
    }
  }

  private fileOrder(): number[] {
    return Array.from({ length: this.chunks }, (_, i) => i);
  }

  /**
   * One pass over the file: split counts, standardisation and target statistics from the training
   * split, labels and values checked, and (small data) every example kept.
   */
  async scan(): Promise<ScanResult> {
    const d = this.source.description;
    const { per, yWidth } = this;
    const plan = scalingPlan(d);
    const acc = new ScalingAccumulator(plan, per);
    const counts: Record<SplitName, number> = { train: 0, validation: 0, test: 0 };
    const k = d.classes?.length ?? 0;
    const classCounts = this.classification
      ? {
          train: new Array<number>(k).fill(0),
          validation: new Array<number>(k).fill(0),
          test: new Array<number>(k).fill(0),
        }
      : undefined;
    const tSum = new Float64Array(yWidth);
    const tSq = new Float64Array(yWidth);
    const n = this.options.examples;
    const keep = this.materialises;
    const all = keep
      ? { x: new Float32Array(n * per), y: new Float32Array(n * yWidth), split: new Uint8Array(n) }
      : undefined;
    // Where NaN is filled in by standardisation (a missing table cell); anywhere else it is refused.
    const fillable = new Uint8Array(per);
    if (plan.kind === 'global') fillable.fill(1);
    if (plan.kind === 'features') for (const p of plan.positions) fillable[p] = 1;
    let badLabel: number | undefined;
    const badInputs = { count: 0, first: -1 };
    for await (const { start, examples } of this.read(this.fileOrder())) {
      const { x, y } = examples;
      const rows = x.length / per;
      for (let i = 0; i < rows; i++) {
        const index = start + i;
        const split = this.splitOf(examples, i, index);
        counts[split]++;
        for (let t = 0; t < yWidth; t++) {
          const v = y[i * yWidth + t];
          const ok =
            Number.isFinite(v) && (!this.classification || (Number.isInteger(v) && v >= 0 && v < Math.max(k, 1)));
          if (!ok && badLabel === undefined) badLabel = index;
        }
        for (let j = 0; j < per; j++) {
          const v = x[i * per + j];
          if (Number.isFinite(v) || (Number.isNaN(v) && fillable[j])) continue;
          if (badInputs.first < 0) badInputs.first = index;
          badInputs.count++;
          break;
        }
        if (split === 'train') {
          acc.add(x, i);
          if (!this.classification)
            for (let t = 0; t < yWidth; t++) {
              const v = y[i * yWidth + t];
              tSum[t] += v;
              tSq[t] += v * v;
            }
        }
        if (classCounts && Number.isInteger(y[i]) && y[i] >= 0 && y[i] < k) classCounts[split][y[i]]++;
        if (all) all.split[index] = splitCode(split);
      }
      if (all) {
        all.x.set(x, start * per);
        all.y.set(y, start * yWidth);
      }
    }
    let targetStats: ScanResult['targetStats'];
    if (!this.classification) {
      const m = Math.max(1, counts.train);
      const mean = Array.from(tSum, (s) => s / m);
      const std = Array.from(tSq, (q, t) => Math.sqrt(Math.max(0, q / m - mean[t] ** 2)) || 1);
      targetStats = { mean, std };
    }
    return {
      counts,
      scaling: acc.result(),
      targetStats,
      classCounts,
      badLabel,
      badInputs,
      materialised: all,
    };
  }

  /**
   * One epoch of the training split in batches of `batchSize`, standardised with `scaling`: chunks
   * in a seeded order per epoch, each example through a seeded shuffle buffer, every training
   * example exactly once.
   */
  async *trainBatches(
    epoch: number,
    batchSize: number,
    scaling: InputScaling,
    trainCount: number,
  ): AsyncGenerator<FlatBatch> {
    const { per, yWidth } = this;
    const capacity = Math.max(
      1,
      Math.min(
        trainCount,
        this.options.bufferExamples ?? Math.max(batchSize, Math.floor(BUFFER_BYTES / ((per + yWidth) * 4))),
      ),
    );
    const buffer = new ShuffleBuffer(capacity, per, yWidth, this.options.seed, epoch);
    let batch = newBatch(batchSize, per, yWidth);
    const take = (): FlatBatch | null => {
      batch.indices.push(buffer.takeInto(batch.x, batch.y, batch.indices.length));
      if (batch.indices.length < batchSize) return null;
      const full = batch;
      batch = newBatch(batchSize, per, yWidth);
      applyScaling(full.x, per, scaling);
      return full;
    };
    for await (const { start, examples } of this.read(chunkOrder(this.chunks, this.options.seed, epoch))) {
      const rows = examples.x.length / per;
      for (let i = 0; i < rows; i++) {
        if (this.splitOf(examples, i, start + i) !== 'train') continue;
        if (buffer.full) {
          const out = take();
          if (out) yield out;
        }
        buffer.push(examples.x, examples.y, i, start + i);
      }
    }
    while (buffer.size > 0) {
      const out = take();
      if (out) yield out;
    }
    if (batch.indices.length) yield finish(batch, per, yWidth, scaling);
  }

  /** The examples of one split in file order, `size` at a time, standardised with `scaling`. */
  async *splitBatches(which: SplitName, size: number, scaling: InputScaling): AsyncGenerator<FlatBatch> {
    const { per, yWidth } = this;
    let batch = newBatch(size, per, yWidth);
    for await (const { start, examples } of this.read(this.fileOrder())) {
      const rows = examples.x.length / per;
      for (let i = 0; i < rows; i++) {
        if (this.splitOf(examples, i, start + i) !== which) continue;
        const row = batch.indices.length;
        batch.x.set(examples.x.subarray(i * per, (i + 1) * per), row * per);
        batch.y.set(examples.y.subarray(i * yWidth, (i + 1) * yWidth), row * yWidth);
        batch.indices.push(start + i);
        if (batch.indices.length === size) {
          applyScaling(batch.x, per, scaling);
          yield batch;
          batch = newBatch(size, per, yWidth);
        }
      }
    }
    if (batch.indices.length) yield finish(batch, per, yWidth, scaling);
  }
}

function newBatch(size: number, per: number, yWidth: number): FlatBatch {
  return { x: new Float32Array(size * per), y: new Float32Array(size * yWidth), indices: [] };
}

/** A last, short batch cut to its length and standardised. */
function finish(batch: FlatBatch, per: number, yWidth: number, scaling: InputScaling): FlatBatch {
  const n = batch.indices.length;
  const x = batch.x.slice(0, n * per);
  applyScaling(x, per, scaling);
  return { x, y: batch.y.slice(0, n * yWidth), indices: batch.indices };
}

import * as tf from '@tensorflow/tfjs';
import type { TargetScaler } from '../train/prepareData';
import { GradientPool } from './gradientPool';
import { slotBytes, slotViews, topologyWithoutInitializers, weightLayout, type WeightLayout } from './layout';
import { objective, readValues } from './objective';
import { SingleStepper, type StepContext, type Stepper } from './stepper';
import { ThreadTrial } from './threadTrial';
import { balancedShardSizes } from './threads';

/** What the workers need besides the model to compute the same loss and metrics. */
export interface ParallelOptions {
  threads: number;
  backend: string;
  metricNames: string[];
  units: number;
  targetScaler?: TargetScaler;
  /** Time the first steps both ways and keep the threads only if they are faster (default true; tests pass their own). */
  trial?: boolean | ThreadTrial;
  /** Told once, in plain words, if the trial goes back to one thread. */
  onNote?(message: string): void;
}

type Dtype = 'float32' | 'int32';
const dtypeOf = (t: tf.Tensor): Dtype => (t.dtype === 'int32' ? 'int32' : 'float32');

/**
 * Data-parallel steps: the batch is cut into `threads` shards; this thread computes the gradient of
 * the first while each gradient worker computes one other on its own copy of the model (with this
 * step's weights, shared through a SharedArrayBuffer). The gradients are averaged weighted by shard
 * size — the mean loss's gradient on the whole batch — and one optimizer step is applied here; its
 * weights go to the workers with the next step. BatchNormalization normalises each shard by the
 * shard's own statistics (as PyTorch's DistributedDataParallel does without SyncBatchNorm) and its
 * moving mean and variance become the shard-weighted mean of the threads' (the moving mean is then
 * exactly the whole batch's). Until every worker is ready, steps run here on the whole batch.
 */
export class ParallelStepper implements Stepper {
  private readonly single: SingleStepper;
  private readonly layout: WeightLayout;
  private readonly weights: SharedArrayBuffer;
  private readonly slots: SharedArrayBuffer[];
  readonly pool: GradientPool;
  private readonly shardBytes = { x: 0, y: 0 };
  private readonly inputs: { x?: SharedArrayBuffer; y?: SharedArrayBuffer }[];
  private readonly sum: Float32Array;
  private readonly trial: ThreadTrial | null;
  private readonly onNote?: (message: string) => void;
  /** The trial found one thread faster: the workers are stopped and every step runs here. */
  private solo = false;
  /** Each thread's examples per millisecond (this one first), smoothed; the shards follow them. */
  private readonly rates: number[];

  constructor(
    private readonly c: StepContext,
    o: ParallelOptions,
  ) {
    this.single = new SingleStepper(c);
    this.trial = o.trial === false ? null : o.trial === true || !o.trial ? new ThreadTrial() : o.trial;
    this.onNote = o.onNote;
    this.layout = weightLayout(c.model);
    this.weights = new SharedArrayBuffer(this.layout.totalSize * 4);
    const workers = o.threads - 1;
    this.rates = new Array<number>(o.threads).fill(0);
    this.slots = Array.from({ length: workers }, () => new SharedArrayBuffer(slotBytes(this.layout)));
    this.inputs = this.slots.map(() => ({}));
    this.sum = new Float32Array(this.layout.gradSize + this.layout.movingSize);
    const topology = topologyWithoutInitializers(c.model);
    this.pool = new GradientPool(
      this.slots.map((slot) => ({
        backend: o.backend,
        topology,
        loss: c.loss,
        metrics: o.metricNames,
        units: o.units,
        targetScaler: o.targetScaler,
        weights: this.weights,
        slot,
      })),
    );
  }

  get threads(): number {
    return this.pool.ready && !this.solo ? this.pool.size + 1 : 1;
  }

  /** Resolves once every worker is ready (rejects if one failed): for tests and benchmarks. */
  async whenReady(): Promise<void> {
    while (!this.pool.ready) {
      if (this.pool.failure) throw this.pool.failure;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async step(x: tf.Tensor, y: tf.Tensor): Promise<Float32Array> {
    if (this.solo) return this.single.stepNow(x, y);
    if (this.pool.failure) throw this.pool.failure;
    const sizes = this.shardsFor(x.shape[0]);
    if (!this.pool.ready || sizes.includes(0)) return this.single.stepNow(x, y);
    if (!this.trial) return this.parallelStep(x, y, sizes);
    const mode = this.trial.next();
    const t0 = performance.now();
    const values = mode === 'parallel' ? await this.parallelStep(x, y, sizes) : this.single.stepNow(x, y);
    const before = this.trial.decision;
    const decision = this.trial.record(mode, performance.now() - t0);
    if (decision === 'single' && !before) this.goSolo();
    return values;
  }

  /** The trial found one thread faster: say so once and stop the workers. */
  private goSolo(): void {
    this.solo = true;
    const threads = this.pool.size + 1;
    const [p, s] = [this.trial!.parallelMs(), this.trial!.singleMs()];
    this.onNote?.(
      `Training on 1 thread from here: split over ${threads} threads a batch took ${p.toFixed(1)} ms against ${s.toFixed(1)} ms on one (the machine is busy, or the steps are too small to split), so the other threads were stopped.`,
    );
    void this.pool.close();
  }

  /** The shard sizes of the next parallel step (even until every thread has been timed). */
  shardsFor(n: number): number[] {
    return balancedShardSizes(n, this.rates);
  }

  /** Folds one measured shard into thread k's speed. */
  private timed(k: number, examples: number, ms: number): void {
    const rate = examples / Math.max(ms, 1e-3);
    this.rates[k] = this.rates[k] > 0 ? 0.7 * this.rates[k] + 0.3 * rate : rate;
  }

  private async parallelStep(x: tf.Tensor, y: tf.Tensor, sizes: number[]): Promise<Float32Array> {
    const n = x.shape[0];
    const { model, optimizer, vars, loss, metrics } = this.c;
    const all = new Float32Array(this.weights);
    model.weights.forEach((w, i) => all.set(w.read().dataSync() as Float32Array, this.layout.weights[i].offset));
    const done = this.sendShards(x, y, sizes);
    done.catch(() => {}); // awaited below; a worker may fail before this thread's shard is done
    const started = performance.now();
    const share = sizes.map((s) => s / n);
    let values = new Float64Array(0);
    tf.tidy(() => {
      const x0 = tf.slice(x, 0, sizes[0]);
      const y0 = y === x ? x0 : tf.slice(y, 0, sizes[0]);
      const parts: tf.Tensor[] = [];
      const { value, grads } = optimizer.computeGradients(() => objective(model, loss, metrics, x0, y0, parts), vars);
      let at = 0;
      for (const v of vars) {
        const g = grads[v.name].dataSync() as Float32Array;
        for (let i = 0; i < g.length; i++) this.sum[at + i] = g[i] * share[0];
        at += g.length;
      }
      for (const i of this.layout.moving) {
        const s = model.weights[i].read().dataSync() as Float32Array;
        for (let j = 0; j < s.length; j++) this.sum[at + j] = s[j] * share[0];
        at += s.length;
      }
      values = Float64Array.from(readValues(value, parts), (v) => v * share[0]);
    });
    this.timed(0, sizes[0], performance.now() - started);
    await done;
    this.slots.forEach((slot, k) => {
      const w = share[k + 1];
      const view = slotViews(slot, this.layout);
      const g = this.layout.gradSize;
      for (let i = 0; i < g; i++) this.sum[i] += view.grads[i] * w;
      for (let i = 0; i < this.layout.movingSize; i++) this.sum[g + i] += view.moving[i] * w;
      for (let i = 0; i < values.length; i++) values[i] += view.values[i] * w;
    });
    tf.tidy(() => {
      let at = 0;
      const named: tf.NamedTensorMap = {};
      for (const v of vars) {
        named[v.name] = tf.tensor(this.sum.slice(at, at + v.size), v.shape);
        at += v.size;
      }
      optimizer.applyGradients(named);
      for (const i of this.layout.moving) {
        const w = model.weights[i];
        const size = this.layout.weights[i].size;
        (w.read() as tf.Variable).assign(tf.tensor(this.sum.slice(at, at + size), w.shape as number[]));
        at += size;
      }
    });
    return Float32Array.from(values);
  }

  /** Copies each worker's shard into its shared buffers and tells it to start; records each one's speed. */
  private sendShards(x: tf.Tensor, y: tf.Tensor, sizes: number[]): Promise<void[]> {
    const xs = x.dataSync() as Float32Array | Int32Array;
    const ys = y === x ? null : (y.dataSync() as Float32Array | Int32Array);
    const perX = xs.length / x.shape[0];
    const perY = ys ? ys.length / y.shape[0] : 0;
    const maxShard = Math.max(...sizes.slice(1));
    const grow = maxShard * perX * 4 > this.shardBytes.x || maxShard * perY * 4 > this.shardBytes.y;
    if (grow) {
      this.shardBytes.x = maxShard * perX * 4;
      this.shardBytes.y = Math.max(4, maxShard * perY * 4);
      this.inputs.forEach((b) => {
        b.x = new SharedArrayBuffer(this.shardBytes.x);
        b.y = new SharedArrayBuffer(this.shardBytes.y);
      });
    }
    let start = sizes[0];
    return Promise.all(
      this.inputs.map((b, k) => {
        const s = sizes[k + 1];
        const typed = (buffer: SharedArrayBuffer, like: Float32Array | Int32Array) =>
          like instanceof Int32Array ? new Int32Array(buffer) : new Float32Array(buffer);
        typed(b.x!, xs).set(xs.subarray(start * perX, (start + s) * perX));
        if (ys) typed(b.y!, ys).set(ys.subarray(start * perY, (start + s) * perY));
        start += s;
        const step = this.pool.step(k, {
          type: 'step',
          n: s,
          xShape: [s, ...x.shape.slice(1)],
          xDtype: dtypeOf(x),
          yShape: ys ? [s, ...y.shape.slice(1)] : null,
          yDtype: dtypeOf(y),
          ...(grow ? { x: b.x, y: b.y } : {}),
        });
        return step.then((ms) => this.timed(k + 1, s, ms));
      }),
    );
  }

  async dispose(): Promise<void> {
    await this.pool.close();
  }
}

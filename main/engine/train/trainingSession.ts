import * as tf from '@tensorflow/tfjs';
import type { EvaluationResult, LayerActivation, MetricValues, TrainerEvent } from '../../../shared/protocol/trainer';
import { diagnoseRun } from '../../../shared/training/runHealth';
import { applyScaling, unapplyScaling } from '../data/normalise';
import type { MetricFn } from '../metrics';
import { makeOptimizer } from '../optimizers';
import { trainingMetrics } from '../parallel/objective';
import { ParallelStepper } from '../parallel/parallelStepper';
import { trainWithoutInputGradient } from './inputLayers';
import { SingleStepper, type StepContext, type Stepper } from '../parallel/stepper';
import { BoundaryView, makeBoundaryProbe, type BoundaryProbe } from './boundary';
import { metricMeans, metricSums, SplitEvaluator } from './evaluateSplit';
import { FileTrainingData } from './fileTrainingData';
import { labelEncoding, unscaleTensor } from './prepareData';
import { makeProbe, probeActivations, type Probe } from './probe';
import type { RunSetup } from './setupRun';
import { TrainingError } from './trainingError';
import { MemoryTrainingData, type TrainingData } from './trainingData';
import { WeightSnapshot } from './weightSnapshot';

/** Batch events are throttled to at most one per this many milliseconds (≤ 20 per second). */
const BATCH_EVENT_MS = 50;

type Finished = Extract<TrainerEvent, { type: 'finished' }>;
type Failed = Extract<TrainerEvent, { type: 'failed' }>;

export interface SessionOptions {
  runId: string;
  backend: { backend: string; device: string };
  /**
   * Threads the steps run on (see parallel/threads.ts planThreads): above 1, each batch is split
   * over data-parallel gradient workers. Default 1.
   */
  threads?: number;
  /**
   * Start the first batch only once every gradient worker is ready, and keep the threads without
   * timing them against one thread first (tests, benchmarks).
   */
  waitForThreads?: boolean;
  emit(event: TrainerEvent): void;
  /** First epoch number (> 0 when continuing an earlier run). */
  initialEpoch?: number;
  /** Called after every epoch with the weights of that epoch (e.g. to save the model). */
  afterEpoch?(epochsCompleted: number): Promise<void>;
}

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));
/**
 * How often the loop lets messages in (a stop, a predict request) between batches: each turn of
 * the event loop cost 0.3–0.5 ms, 5 % of a small network's step, when taken after every batch.
 */
const YIELD_MS = 15;

/**
 * One training run in this process: a custom loop (optimizer.minimize per batch inside tf.tidy) so
 * that it can stop after any batch, catch a NaN loss on the batch it appears and go back to the
 * last good weights, shuffle with its own seed, and keep tensor memory flat.
 */
export class TrainingSession {
  private stopRequested = false;
  private readonly data: TrainingData;
  private readonly metrics: Record<string, MetricFn>;
  private readonly probe: Probe;
  private probeTensor: tf.Tensor | null = null;
  /** Two-value inputs: the network's output over the plane (null: nothing to draw). */
  private readonly boundaryProbe: BoundaryProbe | null;
  private boundary?: BoundaryView;
  private readonly snapshot = new WeightSnapshot();
  private epochsCompleted = 0;
  private lastTrain?: MetricValues;
  private lastValidation?: MetricValues;
  /** The first batch's loss and each epoch's, to tell a run that diverged (shared/training/runHealth.ts). */
  private startLoss?: number;
  private readonly epochLosses: number[] = [];
  /** The running loop's stepper (one thread, or data-parallel workers). */
  private stepperInUse: Stepper | null = null;

  constructor(
    readonly setup: RunSetup,
    graph: Parameters<typeof makeProbe>[1],
    private readonly options: SessionOptions,
  ) {
    const { dataset, loss, units, source } = setup;
    const targets = setup.target === 'input' ? 'input' : labelEncoding(dataset, loss, units, setup.targetScaler);
    this.data =
      source.kind === 'memory'
        ? new MemoryTrainingData(source.dataset, setup.validationSplit, targets, setup.seed)
        : new FileTrainingData(source.loader, source.scaling, targets, dataset.inputShape, source.counts);
    this.metrics = trainingMetrics(setup.metrics, loss, units, setup.targetScaler);
    this.probe = makeProbe(setup.model, graph);
    this.boundaryProbe = makeBoundaryProbe(setup.model, graph, { loss, task: dataset.task, target: setup.target });
  }

  private async probeExample(): Promise<tf.Tensor> {
    this.probeTensor ??= await this.data.probeExample();
    return this.probeTensor;
  }

  /** Class names when the model classifies (not when it rebuilds its input). */
  private get classNames(): string[] | undefined {
    return this.setup.target === 'labels' ? this.setup.dataset.classNames : undefined;
  }

  /** Asks the loop to stop after the current batch; the weights so far are kept. */
  stop(): void {
    this.stopRequested = true;
  }

  /** The run this session trains or serves. */
  get runId(): string {
    return this.options.runId;
  }

  get model(): tf.LayersModel {
    return this.setup.model;
  }

  /** The stepper of the run in progress (null before and after it). */
  get stepper(): Stepper | null {
    return this.stepperInUse;
  }

  private makeStepper(optimizer: tf.Optimizer, vars: tf.Variable[]): Stepper {
    const { setup } = this;
    trainWithoutInputGradient(setup.model);
    const c: StepContext = { model: setup.model, optimizer, vars, loss: setup.loss, metrics: this.metrics };
    const threads = this.options.threads ?? 1;
    if (threads <= 1) return new SingleStepper(c);
    return new ParallelStepper(c, {
      threads,
      backend: this.options.backend.backend,
      metricNames: Object.keys(this.metrics),
      units: setup.units,
      targetScaler: setup.targetScaler,
      // Tests and benchmarks that wait for the threads measure them, without the trial.
      trial: !this.options.waitForThreads,
      onNote: (message) => this.options.emit({ type: 'log', level: 'info', message }),
    });
  }

  /** Trains for the configured epochs and returns the closing event (also emitted). */
  async run(): Promise<Finished | Failed> {
    const { setup, options } = this;
    const { model, batchSize, epochs } = setup;
    const initialEpoch = options.initialEpoch ?? 0;
    const n = this.data.counts.train;
    const batchesPerEpoch = Math.ceil(n / batchSize);
    const optimizer = makeOptimizer(setup.optimizer);
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const names = Object.keys(this.metrics);
    const runId = options.runId;
    const { dataset } = setup;
    options.emit({
      type: 'started',
      runId,
      backend: options.backend.backend,
      device: options.backend.device,
      params: { trainable: setup.analysis.totals.trainable, nonTrainable: setup.analysis.totals.nonTrainable },
      epochs,
      initialEpoch,
      batchesPerEpoch,
      dataset: {
        id: dataset.id,
        train: n,
        validation: this.data.counts.validation,
        test: this.data.counts.test,
        classNames: this.classNames,
        inputShape: dataset.inputShape,
        ...(setup.dataKind ? { kind: setup.dataKind } : {}),
        ...(setup.warnings.length ? { warnings: setup.warnings } : {}),
      },
    });
    for (const message of setup.notes) options.emit({ type: 'log', level: 'info', message });
    for (const message of setup.warnings) options.emit({ type: 'log', level: 'warn', message });
    await this.emitActivations(initialEpoch);
    let lastBatchEvent = 0;
    let lastYield = performance.now();
    let epochSecondsTotal = 0;
    // Gradient workers (if any) start here and join once ready; until then steps run on this thread.
    const stepper = (this.stepperInUse = this.makeStepper(optimizer, vars));
    try {
      if (options.waitForThreads && stepper instanceof ParallelStepper) await stepper.whenReady();
      for (let e = 0; e < epochs && !this.stopRequested; e++) {
        const epoch = initialEpoch + e;
        this.snapshot.take(model);
        const sums = new Float64Array(names.length + 1);
        let seen = 0;
        let b = 0;
        const t0 = performance.now();
        for await (const batch of this.data.trainBatches(epoch, batchSize)) {
          const { x, y, size } = batch;
          let values: Float32Array;
          try {
            values = await stepper.step(x, y);
          } finally {
            tf.dispose(y === x ? [x] : [x, y]);
          }
          if (!Number.isFinite(values[0])) return this.failNaN(epoch, b, values[0]);
          this.startLoss ??= values[0];
          values.forEach((v, i) => (sums[i] += v * size));
          seen += size;
          const now = performance.now();
          if (now - lastBatchEvent >= BATCH_EVENT_MS || b === batchesPerEpoch - 1) {
            lastBatchEvent = now;
            options.emit({ type: 'batch', runId, epoch, batch: b, batchesPerEpoch, metrics: toMetrics(values, names) });
          }
          b++;
          if (performance.now() - lastYield >= YIELD_MS) {
            await yieldToEvents();
            lastYield = performance.now();
          }
          if (this.stopRequested) break;
        }
        const seconds = (performance.now() - t0) / 1000;
        const complete = seen === n;
        if (!complete) break; // stopped mid-epoch: no partial epoch row
        epochSecondsTotal += seconds;
        this.epochsCompleted = e + 1;
        this.lastTrain = toMetrics(
          Array.from(sums, (s) => s / seen),
          names,
        );
        this.epochLosses.push(this.lastTrain.loss);
        this.lastValidation = this.data.counts.validation ? await this.validationMetrics() : undefined;
        options.emit({
          type: 'epoch',
          runId,
          epoch,
          epochs: initialEpoch + epochs,
          metrics: this.lastTrain,
          validation: this.lastValidation,
          seconds,
          examplesPerSecond: seen / Math.max(seconds, 1e-9),
          etaSeconds: (epochSecondsTotal / (e + 1)) * (epochs - e - 1),
          ...(options.threads && options.threads > 1 ? { threads: stepper.threads } : {}),
        });
        await this.emitActivations(epoch + 1);
        await options.afterEpoch?.(initialEpoch + this.epochsCompleted);
      }
    } finally {
      this.stepperInUse = null;
      await stepper.dispose();
      optimizer.dispose();
      this.snapshot.dispose();
    }
    const stopped = this.stopRequested && this.epochsCompleted < epochs;
    const test = (await this.evaluate()).result;
    const finished: Finished = {
      type: 'finished',
      runId,
      reason: stopped ? 'stopped' : 'completed',
      epochsCompleted: initialEpoch + this.epochsCompleted,
      final: { train: this.lastTrain, validation: this.lastValidation, test },
    };
    const warning = diagnoseRun({
      startLoss: this.startLoss,
      epochLosses: this.epochLosses,
      accuracy: (this.lastValidation ?? this.lastTrain)?.accuracy,
      classes: this.classNames?.length,
      learningRate: setup.optimizer.learningRate,
      optimizer: setup.optimizer.kind,
    });
    if (warning) finished.warning = warning;
    options.emit({ type: 'evaluation', runId, result: test });
    options.emit(finished);
    return finished;
  }

  private failNaN(epoch: number, batch: number, value: number): Failed {
    this.snapshot.restore(this.setup.model);
    const lr = this.setup.optimizer.learningRate;
    const failed: Failed = {
      type: 'failed',
      runId: this.options.runId,
      code: 'nan-loss',
      message: `The loss became ${Number.isNaN(value) ? 'NaN (not a number)' : 'infinite'} in epoch ${epoch + 1}, batch ${batch + 1}: the weights blew up, so training stopped. The weights from before that epoch are kept.`,
      hint: `Lower the learning rate${lr !== undefined ? ` (now ${lr}; try ${lr / 10})` : ''}, normalise the inputs, or use a loss that suits the output (cross-entropy needs a sigmoid or softmax).`,
    };
    this.options.emit(failed);
    return failed;
  }

  /** The probe example's activations (and first conv filters), emitted as an `activations` event. */
  async emitActivations(
    epoch = (this.options.initialEpoch ?? 0) + this.epochsCompleted,
    requestId?: string,
  ): Promise<void> {
    const { layers, filters } = probeActivations(this.probe, await this.probeExample());
    this.options.emit({ type: 'activations', runId: this.options.runId, epoch, requestId, layers, filters });
    if (!requestId) await this.emitBoundary(epoch);
  }

  /** The decision boundary after `epoch` epochs (two-value inputs), throttled; the first and last always. */
  private async emitBoundary(epoch: number): Promise<void> {
    if (!this.boundaryProbe) return;
    this.boundary ??= await BoundaryView.create(this.boundaryProbe, this.data, this.setup.targetScaler);
    const first = this.options.initialEpoch ?? 0;
    const always = epoch === first || epoch >= first + this.setup.epochs || this.stopRequested;
    const event = this.boundary.next(this.options.runId, epoch, always);
    if (event) this.options.emit(event);
  }

  /** Mean loss and metrics over the validation split. */
  private async validationMetrics(): Promise<MetricValues> {
    const { model, loss } = this.setup;
    const names = Object.keys(this.metrics);
    const sums = new Float64Array(names.length + 1);
    await this.data.eachChunk('validation', (chunk) =>
      metricSums(model, chunk, loss, this.metrics).forEach((v, i) => (sums[i] += v)),
    );
    return metricMeans(sums, names, this.data.counts.validation);
  }

  /** Evaluation on the test split (the validation split when there is no test split). */
  async evaluate(): Promise<{ result: EvaluationResult }> {
    const { counts } = this.data;
    const which = counts.test ? 'test' : counts.validation ? 'validation' : 'train';
    const { loss, targetScaler, inputScaling } = this.setup;
    const per = this.setup.dataset.inputShape.reduce((p, d) => p * d, 1);
    const evaluator = new SplitEvaluator(this.model, which === 'test' ? 'test' : 'validation', loss, this.metrics, {
      classNames: this.classNames,
      targetScaler,
      targetNames: this.setup.dataset.targetNames,
      displayX: inputScaling && inputScaling.kind !== 'none' ? (x) => unapplyScaling(x, per, inputScaling) : undefined,
    });
    await this.data.eachChunk(which, (chunk) => evaluator.add(chunk));
    return { result: evaluator.result() };
  }

  /**
   * One raw example's outputs (as {@link predict}) and every layer's activations for it: the Train
   * panel's "Try it" view (issue 14, section 2.3).
   */
  tryInput(input: number[]): { outputs: number[]; layers: LayerActivation[] } {
    const outputs = this.predict([input])[0];
    const shape = this.setup.dataset.inputShape;
    const values = Float32Array.from(input);
    if (this.setup.inputScaling) applyScaling(values, values.length, this.setup.inputScaling);
    const example = tf.tensor(values, [1, ...shape]);
    try {
      return { outputs, layers: probeActivations(this.probe, example).layers };
    } finally {
      example.dispose();
    }
  }

  /** Model outputs for raw examples (each flattened to the input's size), one flat row per example. */
  predict(inputs: number[][]): number[][] {
    const shape = this.setup.dataset.inputShape;
    const per = shape.reduce((p, d) => p * d, 1);
    for (const row of inputs) {
      if (row.length !== per)
        throw new TrainingError(
          'dataset-mismatch',
          `Each example needs ${per} numbers (shape [${shape.join(', ')}]), but one has ${row.length}.`,
        );
    }
    const values = Float32Array.from(inputs.flat());
    // Inputs come in the data's own units: standardised as the model was trained.
    if (this.setup.inputScaling) applyScaling(values, per, this.setup.inputScaling);
    return tf.tidy(() => {
      const p = this.model.predict(tf.tensor(values, [inputs.length, ...shape])) as tf.Tensor;
      const rows = tf.reshape(p, [inputs.length, -1]);
      return (this.setup.targetScaler ? unscaleTensor(rows, this.setup.targetScaler) : rows).arraySync() as number[][];
    });
  }

  /** Frees every tensor the session holds (the model too). */
  dispose(): void {
    this.data.dispose();
    this.probeTensor?.dispose();
    this.boundary?.dispose();
    this.snapshot.dispose();
    this.model.dispose();
  }
}

function toMetrics(values: ArrayLike<number>, names: string[]): MetricValues {
  const out: MetricValues = { loss: values[0] };
  names.forEach((m, i) => (out[m] = values[i + 1]));
  return out;
}

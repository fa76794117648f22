import type * as tf from '@tensorflow/tfjs';
import { analyzeGraph, type GraphAnalysis } from '../../../shared/graph/analyzeGraph';
import type { Graph } from '../../../shared/graph/types';
import { checkTraining, proposeLoss } from '../../../shared/training/checkTraining';
import { datasetRequest } from '../../../shared/training/datasetOptions';
import { modelFacts } from '../../../shared/training/modelFacts';
import {
  TRAINING_DEFAULTS,
  type Loss,
  type Metric,
  type OptimizerConfig,
  type TrainingConfig,
  type TrainingTarget,
} from '../../../shared/training/options';
import { compileGraph } from '../compile';
import { getDatasetInfo, loadDataset } from '../datasets';
import { withGenerationProgress } from '../datasets/generationProgress';
import type { TrainerPhase } from '../../../shared/protocol/trainer';
import { datasetCacheDir } from '../datasets/cacheFolder';
import type { Dataset } from '../datasets/types';
import { applyInitialWeights, freezeLayers, initialWeightsNotes } from '../weights/initialWeights';
import { readWeightsFile, WeightsFileError } from '../weights/readWeights';
import { fitTargetScaler, trainValidation, type TargetScaler } from './prepareData';
import { TrainingError } from './trainingError';
import type { DataKind } from '../../../shared/data/facts';
import type { FileDatasetRef } from '../../../shared/project/schema';
import type { DataRecord } from '../data/dataRecord';
import type { InputScaling } from '../data/normalise';
import { openFileDataset, type FileRunData } from './fileDataset';

/** What the trainer needs to know of a dataset besides its examples. */
export type DatasetMeta = Pick<Dataset, 'id' | 'task' | 'inputShape' | 'classNames' | 'targetNames'>;

/** The project fields a run reads. */
export interface RunProject {
  name?: string;
  graph: Graph;
  /** Initial weights as the project file names them (for the notes; the path to read is an option). */
  weights?: string;
  training?: TrainingConfig;
}

/** Everything settled before the first batch: data, model, loss and the training settings. */
export interface RunSetup {
  /** What the data is (a built-in dataset whole, or the user's file's id, task, shape and classes). */
  dataset: DatasetMeta;
  /** Where the examples come from: in memory, or streamed from the user's file. */
  source: FileRunData['source'];
  /** The user's file: how its inputs are standardised (saved with the run as input-scaling.json). */
  inputScaling?: InputScaling;
  /** The user's file: what the run trains on (saved with the run as data.json). */
  dataRecord?: DataRecord;
  /** How examples are best shown (the user's file; built-in datasets say it in their catalogue). */
  dataKind?: DataKind;
  /** Things to warn about when the run starts (the data changed since the last run). */
  warnings: string[];
  model: tf.LayersModel;
  analysis: GraphAnalysis;
  loss: Loss;
  metrics: Metric[];
  optimizer: OptimizerConfig;
  batchSize: number;
  epochs: number;
  validationSplit: number;
  seed: number;
  /** Output units (the model's single output; values per example for a reconstruction). */
  units: number;
  /** What the model learns to output: the labels, or its own input (an autoencoder). */
  target: TrainingTarget;
  /** Things the run changed from the project's settings, said once when it starts (log lines). */
  notes: string[];
  /** Regression on labels: how the targets are standardised for training (see TargetScaler). */
  targetScaler?: TargetScaler;
}

/** What a run is doing before its first batch, said as it happens (a `phase` event). */
export type PhaseListener = (phase: TrainerPhase, message: string, progress?: number) => void;

/** Lets a phase message leave the process before a long synchronous step (compiling) holds it. */
const yieldToSend = () => new Promise<void>((resolve) => setImmediate(resolve));

/** "54,170", "1.2 M", "138 M": a weight count as people say it. */
export function formatWeights(n: number): string {
  if (n < 1e6) return n.toLocaleString('en-US');
  return `${(n / 1e6).toPrecision(n < 1e7 ? 2 : 3).replace(/\.0$/, '')} M`;
}

/** A built-in dataset, saying how far its generation is (at most five times a second). */
async function loadBuiltinWithPhases(t: TrainingConfig, seed: number, say: PhaseListener): Promise<Dataset> {
  const ref = t.dataset;
  let what = 'the dataset';
  if (ref && 'builtin' in ref) {
    try {
      const info = getDatasetInfo(String(ref.builtin));
      const size = datasetRequest(ref.options as Record<string, unknown> | undefined).size ?? info.defaultSize;
      what = `${size.toLocaleString('en-US')} examples of ${info.title}`;
    } catch {
      // An unknown id: loadProjectDataset says so.
    }
  }
  say('data', `Preparing ${what}…`);
  let last = 0;
  return withGenerationProgress(
    (done, total) => {
      const now = Date.now();
      if (done < total && now - last < 200) return;
      last = now;
      say('data', `Generating ${what}…`, done / total);
    },
    () => loadProjectDataset(t, seed),
  );
}

/** Loads the project's dataset with its options (`size`, split fractions, generator params). */
export async function loadProjectDataset(training: TrainingConfig | undefined, seed: number): Promise<Dataset> {
  const ref = training?.dataset;
  if (!ref) {
    throw new TrainingError(
      'dataset-missing',
      'The project does not say which dataset to train on.',
      'Choose a dataset in the training panel (for example XOR or MNIST).',
    );
  }
  if (!('builtin' in ref)) {
    throw new TrainingError(
      'dataset-missing',
      'The dataset names neither a built-in dataset nor a file.',
      'Choose a dataset in the training panel, or give the dataset a "file".',
    );
  }
  // The options are read by the same shared rule as the Train panel's check.
  return loadDataset(String(ref.builtin), {
    seed,
    cacheDir: datasetCacheDir(),
    ...datasetRequest(ref.options as Record<string, unknown> | undefined),
  });
}

/**
 * Checks the graph, loads the dataset, checks that model, loss and data fit together, and compiles
 * the model (or takes `initialModel` to continue an earlier run).
 *
 * @throws TrainingError 'invalid-graph', 'dataset-missing', 'dataset-mismatch' or 'loss-mismatch'.
 */
export async function setupRun(
  project: RunProject,
  options: {
    epochs?: number;
    initialModel?: tf.LayersModel;
    targetScaler?: TargetScaler;
    /**
     * The project's initial weights (`project.weights`), already resolved to a model.json path by
     * whoever knows where the project file is (the host, the CLI). Ignored with `initialModel`,
     * whose weights are the trained ones.
     */
    initialWeights?: string;
    /** The user's data: where a relative `file` is (the project file's folder). */
    dataBase?: string;
    /** A continued run's input standardisation (its model was trained with it). */
    inputScaling?: InputScaling;
    /** An earlier run's data record, so a change of the data is said. */
    previousData?: { runId: string; record: DataRecord };
    /** Told what is being done before training can start (loading the data, initialising weights). */
    onPhase?: PhaseListener;
  } = {},
): Promise<RunSetup> {
  const say = options.onPhase ?? (() => {});
  const t = project.training ?? {};
  const seed = t.seed ?? TRAINING_DEFAULTS.seed;
  const analysis = analyzeGraph(project.graph);
  const problem = analysis.problems.find((p) => p.severity === 'error');
  if (problem) throw new TrainingError('invalid-graph', problem.message, problem.hint);
  if (analysis.outputs.length !== 1) {
    throw new TrainingError(
      'invalid-graph',
      `The network has ${analysis.outputs.length} outputs (${analysis.outputs.join(', ')}); training needs exactly one.`,
      'Join the branches with Add or Concatenate before a single output layer, or delete the unused one.',
    );
  }
  const facts = modelFacts(project.graph, analysis)!;
  const ref = t.dataset;
  let file: FileRunData | undefined;
  if (ref && 'file' in ref && typeof ref.file === 'string') {
    say('data', `Reading your data (${ref.file})…`);
    const inputShape = facts.inputShapes.length === 1 ? facts.inputShapes[0].slice(1) : [];
    file = await openFileDataset(ref as FileDatasetRef, {
      seed,
      validationSplit: t.validationSplit,
      inputShape: inputShape.length && inputShape.every((d) => d !== null) ? (inputShape as number[]) : undefined,
      baseDir: options.dataBase,
      inputScaling: options.inputScaling,
      targetScaler: options.targetScaler,
      previous: options.previousData,
    });
  }
  const dataset: DatasetMeta = file ? file.meta : await loadBuiltinWithPhases(t, seed, say);
  if (!file) checkFinite(dataset as Dataset);
  const data = {
    id: dataset.id,
    task: dataset.task,
    inputShape: dataset.inputShape,
    classes: dataset.classNames?.length,
    targets: dataset.targetNames?.length,
  };
  // The file dataset is refused with what the reader found, before any tensor exists.
  const release = () => (file?.source.kind === 'stream' ? file.source.loader.source.close() : undefined);
  const target = t.target ?? 'labels';
  const loss = t.loss ?? proposeLoss(facts.outputShape, facts.outputActivation, data, target);
  const pairing = checkTraining(loss, facts, data, target);
  if (pairing) {
    await release();
    throw new TrainingError(pairing.code, pairing.message, pairing.hint);
  }
  const notes: string[] = [...(file?.notes ?? [])];
  let metrics = t.metrics ?? (dataset.task === 'classification' && target === 'labels' ? ['accuracy'] : ['mae']);
  if (target === 'input') {
    if (loss === 'binaryCrossentropy' && !file) checkProbabilityInputs(dataset as Dataset);
    if (metrics.includes('accuracy')) {
      metrics = metrics.filter((m) => m !== 'accuracy');
      notes.push(
        'Accuracy is left out: this network rebuilds its input, so there are no classes to be right or wrong about. Watch the loss and the reconstruction error (mse).',
      );
    }
    if (!metrics.includes('mse')) metrics = [...metrics, 'mse'];
  }

  // The user's file is split by its own fractions (validationSplit is its default for validation).
  const validationSplit = file ? 0 : (t.validationSplit ?? TRAINING_DEFAULTS.validationSplit);
  let targetScaler: TargetScaler | undefined;
  if (dataset.task === 'regression' && target === 'labels') {
    // A continued run keeps the scaling its model was trained with.
    targetScaler = file
      ? file.targetScaler!
      : (options.targetScaler ??
        fitTargetScaler(dataset as Dataset, trainValidation(dataset as Dataset, validationSplit).train));
    const each = targetScaler.mean.map(
      (m, k) =>
        `${dataset.targetNames?.[k] ?? `target ${k + 1}`} mean ${m.toPrecision(3)}, sd ${targetScaler!.std[k].toPrecision(3)}`,
    );
    notes.push(
      `Targets are standardised for training with the training examples' mean and spread (${each.join('; ')}): the loss is in those standard units, mae and mse in the targets' own units.`,
    );
  }

  if (!options.initialModel) {
    say('model', `Initialising ${formatWeights(analysis.totals.trainable + analysis.totals.nonTrainable)} weights…`);
    await yieldToSend();
  }
  const model = options.initialModel ?? compileGraph(project.graph, { seed, name: project.name }).model;
  if (!options.initialModel && options.initialWeights) {
    let stored;
    try {
      stored = await readWeightsFile(options.initialWeights);
    } catch (err) {
      if (err instanceof WeightsFileError) throw new TrainingError('weights-missing', err.message, err.hint);
      throw err;
    }
    const report = applyInitialWeights(model, project.graph, stored);
    notes.push(...initialWeightsNotes(report, project.weights ?? options.initialWeights));
  }
  // Frozen before the session collects the trainable weights, so the optimizer never sees them.
  const frozen = freezeLayers(model, project.graph);
  if (frozen.length > 0) {
    notes.push(
      `${frozen.length} layer${frozen.length === 1 ? ' is' : 's are'} frozen (their weights stay as they are): ${frozen.join(', ')}.`,
    );
  }
  return {
    targetScaler,
    dataset,
    source: file ? file.source : { kind: 'memory', dataset: dataset as Dataset },
    ...(file ? { inputScaling: file.scaling, dataRecord: file.record, dataKind: file.kind } : {}),
    warnings: file?.warnings ?? [],
    model,
    analysis,
    loss,
    target,
    notes,
    metrics,
    optimizer: t.optimizer ?? TRAINING_DEFAULTS.optimizer,
    batchSize: t.batchSize ?? TRAINING_DEFAULTS.batchSize,
    epochs: options.epochs ?? t.epochs ?? TRAINING_DEFAULTS.epochs,
    validationSplit,
    seed,
    units: facts.outputShape.slice(1).reduce<number>((p, d) => p * (d ?? 1), 1),
  };
}

/**
 * Refuses examples with NaN or infinite values. One such example poisons training silently: its
 * gradient turns the first layer's weights into NaN, and behind a ReLU (relu(NaN) = 0 on wasm) the
 * loss stays finite while the model collapses to predicting the mean.
 */
function checkFinite(dataset: Dataset): void {
  const per = dataset.inputShape.reduce((p, d) => p * d, 1);
  let first = -1;
  let count = 0;
  for (let i = 0; i < dataset.x.length; i++) {
    if (Number.isFinite(dataset.x[i])) continue;
    const example = Math.floor(i / per);
    if (first < 0) first = example;
    count++;
    i = (example + 1) * per - 1; // count each example once
  }
  for (let i = 0; i < dataset.y.length && count === 0; i++) if (!Number.isFinite(dataset.y[i])) count = -1;
  if (count > 0) {
    throw new TrainingError(
      'dataset-mismatch',
      `${count} example${count === 1 ? '' : 's'} of the dataset "${dataset.id}" contain${count === 1 ? 's' : ''} missing or infinite values (the first is example ${first}).`,
      'Remove or fill in those examples before training.',
    );
  }
  if (count < 0) {
    throw new TrainingError(
      'dataset-mismatch',
      `Some labels of the dataset "${dataset.id}" are missing or infinite.`,
      'Remove or fill in those examples before training.',
    );
  }
}

/**
 * Binary cross-entropy against the input treats each input value as a probability, so the inputs
 * must lie in [0, 1] (MNIST's pixels do; standardised or magnitude data do not).
 */
function checkProbabilityInputs(dataset: Dataset): void {
  let min = Infinity;
  let max = -Infinity;
  for (const v of dataset.x) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min < 0 || max > 1) {
    throw new TrainingError(
      'loss-mismatch',
      `Binary cross-entropy can only rebuild inputs between 0 and 1, but the dataset "${dataset.id}" has values from ${min.toPrecision(3)} to ${max.toPrecision(3)}.`,
      'Use meanSquaredError for this dataset.',
    );
  }
}

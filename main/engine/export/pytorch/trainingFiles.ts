import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { proposeLoss } from '../../../../shared/training/checkTraining';
import { modelFacts } from '../../../../shared/training/modelFacts';
import { OPTIMIZER_DEFAULTS, TRAINING_DEFAULTS, type Loss } from '../../../../shared/training/options';
import type { Dataset } from '../../datasets/types';
import { fitTargetScaler, trainValidation } from '../../train/prepareData';
import { openFileDataset } from '../../train/fileDataset';
import { loadProjectDataset } from '../../train/setupRun';
import type { FileDatasetRef } from '../../../../shared/project/schema';
import type { ExportSource } from '../types';
import type { TorchModel } from './modelPy';
import { encodeNpz, type NpyArray } from './npz';
import { pytorchReadme } from './readme';
import { trainPy } from './trainPy';

/** What train.py is told about the run (its SETTINGS). */
export interface TrainSettings {
  loss: Loss;
  optimizer: Record<string, unknown>;
  batchSize: number;
  epochs: number;
  seed: number;
  target: 'labels' | 'input';
  task: 'classification' | 'regression';
  units: number;
  targetScaler: { mean: number[]; std: number[] } | null;
  classNames: string[] | null;
  /** How to get data.npz when Deepwire did not write it. */
  dataNote: string;
}

/** The examples at `indices` as x [n, …inputShape] and y (class indices, or targets in their own units). */
function splitArrays(ds: Dataset, indices: number[]): { x: NpyArray; y: NpyArray } {
  const per = ds.inputShape.reduce((p, d) => p * d, 1);
  const x = new Float32Array(indices.length * per);
  indices.forEach((i, r) => x.set(ds.x.subarray(i * per, (i + 1) * per), r * per));
  if (ds.task === 'classification') {
    return {
      x: { shape: [indices.length, ...ds.inputShape], values: x },
      y: { shape: [indices.length], values: Int32Array.from(indices, (i) => ds.y[i]) },
    };
  }
  const t = ds.targetNames?.length ?? 1;
  const y = new Float32Array(indices.length * t);
  indices.forEach((i, r) => y.set(ds.y.subarray(i * t, (i + 1) * t), r * t));
  return { x: { shape: [indices.length, ...ds.inputShape], values: x }, y: { shape: [indices.length, t], values: y } };
}

/** data.npz: the train/validation split the run used (Keras-style when the data has none) and the test split. */
async function writeSplits(dataset: Dataset, validationSplit: number, dir: string): Promise<void> {
  const { train, validation } = trainValidation(dataset, validationSplit);
  const parts = {
    train: splitArrays(dataset, train),
    val: splitArrays(dataset, validation),
    test: splitArrays(dataset, dataset.splits.test),
  };
  const arrays: Record<string, NpyArray> = {};
  for (const [name, a] of Object.entries(parts)) {
    arrays[`x_${name}`] = a.x;
    arrays[`y_${name}`] = a.y;
  }
  await writeFile(join(dir, 'data.npz'), encodeNpz(arrays));
}

/**
 * The user's file read as a run reads it (same split seed, same input standardisation), when the
 * reader keeps it in memory (small data); undefined when it is streamed or cannot be opened from
 * here — the README then says how to make data.npz.
 */
async function smallFileDataset(source: ExportSource, seed: number, validationSplit: number) {
  const ref = source.project.training?.dataset as FileDatasetRef;
  const input = source.analysis.inputs.length === 1 ? source.analysis.nodes.get(source.analysis.inputs[0]) : undefined;
  const shape = input?.outputShape?.slice(1);
  try {
    const data = await openFileDataset(ref, {
      seed,
      validationSplit,
      inputShape: shape?.every((d) => d !== null) ? (shape as number[]) : undefined,
      targetScaler: source.targetScaler,
    });
    if (data.source.kind === 'memory') return data.source.dataset;
    await data.source.loader.source.close();
  } catch {
    // Not found from here, or unreadable: the README explains what to do instead.
  }
  return undefined;
}

/**
 * Writes train.py, data.npz (a built-in dataset regenerated exactly as the run loaded it, split as
 * the run split it) and README.md. The user's own file is referred to, not copied.
 */
export async function writeTrainingFiles(source: ExportSource, dir: string, model: TorchModel): Promise<string[]> {
  const t = source.project.training ?? {};
  const seed = t.seed ?? TRAINING_DEFAULTS.seed;
  const validationSplit = t.validationSplit ?? TRAINING_DEFAULTS.validationSplit;
  const target = t.target ?? 'labels';
  const facts = modelFacts(source.project.graph, source.analysis);
  const units = facts ? facts.outputShape.slice(1).reduce<number>((p, d) => p * (d ?? 1), 1) : 1;
  const ref = t.dataset as Record<string, unknown> | undefined;
  const written: string[] = [];
  let dataset: Dataset | undefined;
  let dataNote: string;
  if (ref && 'builtin' in ref) {
    dataset = await loadProjectDataset(t, seed);
    await writeSplits(dataset, validationSplit, dir);
    written.push('data.npz');
    dataNote = `data.npz holds the built-in dataset "${dataset.id}" as the run generated it (seed ${seed}).`;
  } else if (ref && 'file' in ref) {
    dataset = await smallFileDataset(source, seed, validationSplit);
    if (dataset) {
      await writeSplits(dataset, validationSplit, dir);
      written.push('data.npz');
      dataNote = `data.npz holds your file ${String(ref.file)} as the run read it: split with seed ${seed}, inputs standardised as the run did (the model expects them so).`;
    } else {
      dataNote = `The run trained on your file ${String(ref.file)}${ref.format ? ` (${String(ref.format)})` : ''}, too large to copy here or not found from ${process.cwd()}. Save it as data.npz with arrays x_train, y_train, x_val, y_val (channels-last inputs, standardised as the run did; class numbers or targets), or pass --data.`;
    }
  } else {
    dataNote =
      'The project names no dataset: make data.npz with arrays x_train, y_train, x_val, y_val, or pass --data.';
  }

  const task = dataset?.task ?? (source.targetScaler ? 'regression' : 'classification');
  const loss =
    t.loss ??
    (facts && dataset
      ? proposeLoss(facts.outputShape, facts.outputActivation, { task, classes: dataset.classNames?.length }, target)
      : 'meanSquaredError');
  let scaler = source.targetScaler ?? null;
  if (!scaler && dataset && task === 'regression' && target === 'labels') {
    scaler = fitTargetScaler(dataset, trainValidation(dataset, validationSplit).train);
  }
  const optimizer = t.optimizer ?? TRAINING_DEFAULTS.optimizer;
  const settings: TrainSettings = {
    loss,
    optimizer: {
      ...OPTIMIZER_DEFAULTS[optimizer.kind],
      ...Object.fromEntries(Object.entries(optimizer).filter(([, v]) => v !== undefined)),
    },
    batchSize: t.batchSize ?? TRAINING_DEFAULTS.batchSize,
    epochs: t.epochs ?? TRAINING_DEFAULTS.epochs,
    seed,
    target,
    task,
    units,
    targetScaler: scaler,
    classNames: source.classNames ?? dataset?.classNames ?? null,
    dataNote,
  };
  await writeFile(join(dir, 'train.py'), trainPy(JSON.stringify(settings, null, 2), '0.1.0'));
  await writeFile(join(dir, 'README.md'), pytorchReadme(source, settings, written.includes('data.npz'), model));
  return ['train.py', ...written, 'README.md'];
}

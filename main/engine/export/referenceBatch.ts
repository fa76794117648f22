import type * as tf from '@tensorflow/tfjs';
import { TRAINING_DEFAULTS } from '../../../shared/training/options';
import { isAbsolute, resolve } from 'node:path';
import { openDataSource } from '../data/index';
import type { DataOptions } from '../data/types';
import { loadProjectDataset } from '../train/setupRun';
import { predictRaw, scaleInputs } from './predict';
import type { ExportSource, ReferenceBatch } from './types';

/** Examples in the check batch: enough to cover classes and values, quick for VGG-size models. */
export const REFERENCE_EXAMPLES = 8;
/** Length given to a dimension the Input leaves free (a sequence of any length). */
const FREE_DIMENSION = 12;

/** Where the check batch came from, for deepwire-export.json and the README. */
export interface ReferenceBatchInfo {
  batch: ReferenceBatch;
  origin: string;
  /** Class names of the dataset, when it was loaded and is a classification. */
  classNames?: string[];
  /** Names of the regression targets, when the dataset was loaded and has them. */
  targetNames?: string[];
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The smallest inputDim of an Embedding the input feeds: random inputs must be valid indices. */
function embeddingRange(model: tf.LayersModel): number | undefined {
  const dims = model.layers
    .filter((l) => l.getClassName() === 'Embedding')
    .map((l) => Number((l.getConfig() as { inputDim?: number }).inputDim));
  return dims.length ? Math.min(...dims) : undefined;
}

/** A seeded batch: uniform in [0, 1) (indices for an Embedding), free dimensions set to 12. */
export function randomBatch(model: tf.LayersModel, examples: number, seed: number): ReferenceBatch {
  const next = mulberry32(seed);
  const shape = [examples, ...model.inputs[0].shape.slice(1).map((d) => d ?? FREE_DIMENSION)];
  const range = embeddingRange(model);
  const count = shape.reduce((p, d) => p * d, 1);
  const values = Float32Array.from({ length: count }, () => (range ? Math.floor(next() * range) : next()));
  const input = { shape, values };
  return { input, output: predictRaw(model, input) };
}

/**
 * The fixed batch every export is checked on: the first examples of the dataset's test split (the
 * validation or training split when it has none), or a seeded random batch when the project has no
 * dataset Deepwire can load here. Outputs are the TF.js model's own (raw: before target scaling).
 */
export async function referenceBatchFor(
  source: ExportSource,
  examples = REFERENCE_EXAMPLES,
): Promise<ReferenceBatchInfo> {
  const seed = source.project.training?.seed ?? TRAINING_DEFAULTS.seed;
  const inputShape = source.model.inputs[0].shape.slice(1);
  let why = 'the project names no dataset';
  const fileRef = source.project.training?.dataset as { file?: unknown } | undefined;
  if (typeof fileRef?.file === 'string') {
    try {
      return await fileBatch(source, fileRef.file, examples);
    } catch (err) {
      why = `its data file could not be read here (${(err as Error).message})`;
    }
  } else if (source.project.training?.dataset) {
    try {
      const dataset = await loadProjectDataset(source.project.training, seed);
      const fits =
        dataset.inputShape.length === inputShape.length &&
        dataset.inputShape.every((d, i) => inputShape[i] === null || inputShape[i] === d);
      if (fits) {
        const split = dataset.splits.test.length ? 'test' : dataset.splits.validation.length ? 'validation' : 'train';
        const indices = dataset.splits[split].slice(0, examples);
        const per = dataset.inputShape.reduce((p, d) => p * d, 1);
        const values = new Float32Array(indices.length * per);
        indices.forEach((idx, row) => values.set(dataset.x.subarray(idx * per, idx * per + per), row * per));
        const input = { shape: [indices.length, ...dataset.inputShape], values };
        const classification = dataset.task === 'classification' && source.project.training.target !== 'input';
        return {
          batch: { input, output: predictRaw(source.model, input) },
          origin: `the first ${indices.length} examples of the ${split} split of ${dataset.id}`,
          ...(classification && dataset.classNames ? { classNames: dataset.classNames } : {}),
          ...(dataset.task === 'regression' && dataset.targetNames ? { targetNames: dataset.targetNames } : {}),
        };
      }
      why = `the dataset's examples (${dataset.inputShape.join('×')}) do not fit the Input`;
    } catch (err) {
      why = `the dataset could not be loaded here (${(err as Error).message})`;
    }
  }
  return {
    batch: randomBatch(source.model, examples, seed),
    origin: `${examples} seeded random examples (seed ${seed}), because ${why}`,
  };
}

/**
 * The first examples of the user's data file (a run on its own data), standardised as in training:
 * the file named in the run's project (absolute in a run; relative to the project or run folder).
 */
async function fileBatch(source: ExportSource, file: string, examples: number): Promise<ReferenceBatchInfo> {
  const path = isAbsolute(file) ? file : resolve(source.runDir ?? process.cwd(), file);
  const { file: _file, ...options } = source.project.training!.dataset as Record<string, unknown>;
  const inputShape = source.model.inputs[0].shape.slice(1);
  const data = await openDataSource(path, options as DataOptions, {
    inputShape: inputShape.every((d) => d !== null) ? (inputShape as number[]) : undefined,
  });
  try {
    const n = Math.min(examples, data.description.examples);
    if (n === 0) throw new Error('it has no examples');
    const { x } = await data.readRange(0, n);
    const input = scaleInputs({ shape: [n, ...data.description.inputShape], values: x }, source.inputScaling);
    const classes = data.description.classes?.map((c) => c.name);
    return {
      batch: { input, output: predictRaw(source.model, input) },
      origin: `the first ${n} examples of ${path}, standardised as in training`,
      ...(data.description.task === 'classification' && classes ? { classNames: classes } : {}),
      ...(data.description.targetNames ? { targetNames: data.description.targetNames } : {}),
    };
  } finally {
    await data.close();
  }
}

/**
 * Built-in datasets: the TensorFlow Playground 2-D sets, MNIST, and the astronomy case studies of the
 * lecture. Pure TypeScript (no tfjs): each set is a Float32Array of inputs, one of labels/targets and
 * seeded split index lists, ready for the trainer to wrap in tensors. See README.md for the physics.
 */
import { shapeFromRule } from '../../../shared/training/datasetOptions';
import { BUILTIN_DATASETS } from './builtinDatasets';
import { cachedGenerate } from './cachedGenerate';
import { type DatasetDefinition } from './definition';
import { DatasetError } from './errors';
import { resolveParams } from './resolveParams';
import { previewExampleCount } from '../previewLimits';
import { makeSplits } from './splits';
import { type Dataset, type DatasetInfo, type DatasetPreview, type LoadDatasetOptions } from './types';

export * from './types';
export { DatasetError, DATASET_ERROR_CODES, type DatasetErrorCode } from './errors';

function findDefinition(id: string): DatasetDefinition {
  const def = BUILTIN_DATASETS.find((d) => d.info.id === id);
  if (!def) {
    throw new DatasetError(
      'unknown-dataset',
      `There is no built-in dataset called "${id}".`,
      `Built-in datasets: ${BUILTIN_DATASETS.map((d) => d.info.id).join(', ')}.`,
    );
  }
  return def;
}

/** The catalogue of built-in datasets (cheap: generates nothing). */
export function listDatasets(): DatasetInfo[] {
  return BUILTIN_DATASETS.map((d) => structuredClone(d.info));
}

/** The catalogue entry of one dataset; throws a DatasetError('unknown-dataset') for an unknown id. */
export function getDatasetInfo(id: string): DatasetInfo {
  return structuredClone(findDefinition(id).info);
}

function checkSize(info: DatasetInfo, size: number): void {
  // Asking for more than the set has is its own mistake (issue 13, item 15: it was reported as a
  // missing dataset), with the largest size that works.
  if (Number.isInteger(size) && size > info.maxSize) {
    throw new DatasetError(
      'too-large',
      `Dataset "${info.id}" has at most ${info.maxSize} examples; the project asks for ${size}.`,
      `Set the dataset's size to ${info.maxSize} or fewer (its default is ${info.defaultSize}).`,
    );
  }
  if (!Number.isInteger(size) || size < 1) {
    throw new DatasetError(
      'bad-option',
      `Dataset "${info.id}" can have from 1 to ${info.maxSize} examples; got ${size}.`,
      `Its default is ${info.defaultSize}.`,
    );
  }
}

/**
 * Generates (or, for MNIST, reads) a built-in dataset. Deterministic: the same id and options give
 * byte-identical `x`, `y` and `splits`. With `options.cacheDir` the arrays of the slow sets are read
 * from / written to the disk cache there (cachedGenerate.ts). Large science sets yield to the event loop while they are
 * generated, and stop early when `options.signal` is aborted.
 *
 * @throws DatasetError with code 'unknown-dataset', 'bad-option', 'too-large', 'data-missing' or 'aborted'.
 */
export async function loadDataset(id: string, options: LoadDatasetOptions): Promise<Dataset> {
  const def = findDefinition(id);
  const { info } = def;
  if (!Number.isInteger(options.seed)) {
    throw new DatasetError('bad-option', `The dataset seed must be a whole number; got ${options.seed}.`);
  }
  const size = options.size ?? info.defaultSize;
  checkSize(info, size);
  const params = resolveParams(id, info.params, options.params);
  // Validate the split before spending seconds on generation.
  const splits = makeSplits(size, options.seed, options.validationFraction, options.testFraction);
  const inputShape = shapeFromRule(info.shapeRule, params);
  const expect = {
    xLength: size * inputShape.reduce((a, b) => a * b, 1),
    yLength: size * (info.task === 'regression' ? (info.targetNames?.length ?? 1) : 1),
  };
  const request = { size, seed: options.seed, params, signal: options.signal };
  const { x, y, source } = await cachedGenerate(def, request, expect, options.cacheDir);
  return {
    id,
    title: info.title,
    description: info.description,
    task: info.task,
    inputShape,
    x,
    y,
    ...(info.classNames ? { classNames: [...info.classNames] } : {}),
    ...(info.targetNames ? { targetNames: [...info.targetNames] } : {}),
    splits,
    seed: options.seed,
    size,
    params,
    source,
  };
}

/**
 * The first `count` examples of the dataset generated with `options`, as plain numbers for the UI.
 * For per-example generators only those examples are generated, so previewing a science set is fast.
 * Bounded whatever `count` asks (PREVIEW_LIMITS: examples and bytes), before anything is generated.
 */
export async function previewDataset(id: string, options: LoadDatasetOptions, count: number): Promise<DatasetPreview> {
  const def = findDefinition(id);
  const size = options.size ?? def.info.defaultSize;
  const shape = shapeFromRule(def.info.shapeRule, resolveParams(id, def.info.params, options.params));
  const values = shape.reduce((a, b) => a * b, 1) + (def.info.targetNames?.length ?? 1);
  const n = Math.min(previewExampleCount(count, values), size);
  const data = await loadDataset(id, {
    ...options,
    size: def.prefixStable ? Math.max(1, n) : size,
    validationFraction: 0,
    testFraction: 0,
  });
  const exampleLength = data.inputShape.reduce((a, b) => a * b, 1);
  const targetLength = data.task === 'regression' ? (data.targetNames?.length ?? 1) : 1;
  const examples = Array.from({ length: n }, (_, i) => {
    const x = Array.from(data.x.subarray(i * exampleLength, (i + 1) * exampleLength));
    if (data.task === 'classification') {
      const y = data.y[i];
      return { index: i, x, y, label: data.classNames?.[y] };
    }
    return { index: i, x, y: Array.from(data.y.subarray(i * targetLength, (i + 1) * targetLength)) };
  });
  return { info: structuredClone(def.info), inputShape: data.inputShape, examples };
}

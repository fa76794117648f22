import { isAbsolute, resolve } from 'node:path';
import { dataKind, fileDatasetFacts, type DataKind } from '../../../shared/data/facts';
import type { FileDatasetRef } from '../../../shared/project/schema';
import { fingerprintData } from '../data/dataHash';
import type { DataRecord } from '../data/dataRecord';
import { describeDataChange, describeRead } from '../data/dataRecord';
import { DataError, openDataSource } from '../data/index';
import { FileLoader, materialiseLimit } from '../data/loader';
import { applyScaling, type InputScaling } from '../data/normalise';
import { resolveFractions, splitFromCode } from '../data/splits';
import type { DataOptions, DataSource } from '../data/types';
import type { Dataset } from '../datasets/types';
import type { TargetScaler } from './prepareData';
import { TrainingError } from './trainingError';

/** What a run on the user's own file needs beyond the model: the data, how it was scaled, its record. */
export interface FileRunData {
  /** Examples in memory (small data) or the loader that streams them. */
  source:
    | { kind: 'memory'; dataset: Dataset }
    | {
        kind: 'stream';
        loader: FileLoader;
        counts: Record<'train' | 'validation' | 'test', number>;
        scaling: InputScaling;
      };
  meta: Pick<Dataset, 'id' | 'task' | 'inputShape' | 'classNames' | 'targetNames'>;
  kind: DataKind;
  scaling: InputScaling;
  /** Regression: the targets' statistics over the training split. */
  targetScaler?: TargetScaler;
  record: DataRecord;
  notes: string[];
  warnings: string[];
}

export interface FileDataOptions {
  seed: number;
  /** training.validationSplit, used when the dataset names no validationFraction. */
  validationSplit?: number;
  /** The model's input shape without the batch (images are resized to it). */
  inputShape?: number[];
  /** Where a relative `file` is looked for (the project file's folder); default the working directory. */
  baseDir?: string;
  /** A continued run's standardisation (the model was trained with it). */
  inputScaling?: InputScaling;
  targetScaler?: TargetScaler;
  /** An earlier run's data record, to say whether the data changed since. */
  previous?: { runId: string; record: DataRecord };
  /** Opens the data (tests pass a source in memory). */
  open?: (path: string, options: DataOptions, open: { inputShape?: number[] }) => Promise<DataSource>;
}

/** `file` of the dataset as an absolute path. */
export function dataPath(ref: Pick<FileDatasetRef, 'file'>, baseDir?: string): string {
  return isAbsolute(ref.file) ? ref.file : resolve(baseDir ?? process.cwd(), ref.file);
}

const where = (p: { where?: string }) => (p.where ? ` (${p.where})` : '');

/**
 * Opens the user's data for a run: reads its description, refuses it with the reader's words when
 * it cannot train, makes one pass to split it, check it and fit the standardisation on the
 * training split, hashes it, and keeps it in memory when it is small (else streams it).
 *
 * @throws TrainingError 'dataset-missing' (cannot read) or 'dataset-mismatch' (cannot train on it)
 */
export async function openFileDataset(ref: FileDatasetRef, options: FileDataOptions): Promise<FileRunData> {
  const path = dataPath(ref, options.baseDir);
  const { file: _file, ...dataOptions } = ref;
  let source: DataSource;
  try {
    source = await (options.open ?? openDataSource)(path, dataOptions as DataOptions, {
      inputShape: options.inputShape,
    });
  } catch (err) {
    if (err instanceof DataError) throw new TrainingError('dataset-missing', err.message, err.hint);
    throw err;
  }
  try {
    return await prepare(source, ref, path, options);
  } catch (err) {
    await source.close();
    throw err;
  }
}

async function prepare(
  source: DataSource,
  ref: FileDatasetRef,
  path: string,
  options: FileDataOptions,
): Promise<FileRunData> {
  const d = source.description;
  const error = d.problems.find((p) => p.severity === 'error');
  if (error) throw new TrainingError('dataset-mismatch', `${error.message}${where(error)}`, error.hint);
  const examples = Math.min(d.examples, ref.size ?? Infinity);
  if (examples < 2)
    throw new TrainingError(
      'dataset-mismatch',
      `${path} has ${examples === 0 ? 'no examples' : 'only one example'} to train on.`,
      'Add more rows or files.',
    );
  let fractions;
  try {
    fractions = resolveFractions(ref, options.validationSplit);
  } catch (err) {
    throw new TrainingError(
      'dataset-mismatch',
      (err as Error).message,
      'Change validationFraction or testFraction of the dataset.',
    );
  }
  const loader = new FileLoader(source, {
    examples,
    seed: options.seed,
    fractions,
    // A split column the project names, or one the reader found (train/valid/test picture folders).
    splitColumn: !!(ref.splitColumn ?? d.splitColumn),
    materialiseBytes: materialiseLimit(),
  });
  const scan = await loader.scan();
  if (scan.badLabel !== undefined) {
    throw new TrainingError(
      'dataset-mismatch',
      `Example ${scan.badLabel + 1} of ${path} has a missing or unusable ${d.task === 'classification' ? 'class' : 'target value'}${d.target ? ` in "${d.target}"` : ''}.`,
      'Fill in or remove that row, or choose another target.',
    );
  }
  if (scan.badInputs.count > 0) {
    throw new TrainingError(
      'dataset-mismatch',
      `${scan.badInputs.count} example${scan.badInputs.count === 1 ? '' : 's'} of ${path} contain${scan.badInputs.count === 1 ? 's' : ''} missing or infinite values (the first is example ${scan.badInputs.first + 1}).`,
      'Remove or fill in those values before training.',
    );
  }
  if (scan.counts.train === 0)
    throw new TrainingError(
      'dataset-mismatch',
      `No example of ${path} fell in the training split.`,
      'Lower validationFraction and testFraction, or check the split column.',
    );
  const scaling = options.inputScaling ?? scan.scaling;
  const fingerprint = await fingerprintData(path);
  const id = fileDatasetFacts(d).id;
  const meta = {
    id,
    task: d.task,
    inputShape: d.inputShape,
    classNames: d.task === 'classification' ? d.classes?.map((c) => c.name) : undefined,
    targetNames: d.task === 'regression' ? (d.targetNames ?? [d.target ?? 'target']) : undefined,
  };
  const record: DataRecord = {
    ...fingerprint,
    file: ref.file,
    format: d.format,
    options: Object.fromEntries(Object.entries(ref).filter(([k]) => k !== 'file')) as DataRecord['options'],
    examples,
    inputShape: d.inputShape,
    task: d.task,
    ...(d.target ? { target: d.target } : {}),
    ...(d.classes ? { classes: d.classes } : {}),
    ...(meta.targetNames ? { targetNames: meta.targetNames } : {}),
    ...(d.features ? { features: d.features.map((f) => ({ name: f.name, type: f.type })) } : {}),
    ...(d.columns ? { columns: d.columns.map((c) => ({ name: c.name, type: c.type })) } : {}),
    ...(d.dtype ? { dtype: d.dtype } : {}),
    seed: options.seed,
    fractions,
    ...((ref.splitColumn ?? d.splitColumn) ? { splitColumn: ref.splitColumn ?? d.splitColumn } : {}),
    splits: scan.counts,
    read: scan.materialised ? 'memory' : 'streamed',
  };
  const notes = [describeRead(record)];
  const warnings = options.previous ? describeDataChange(options.previous.record, record, options.previous.runId) : [];
  if (scaling.kind === 'features')
    notes.push(
      `Inputs are standardised with the training split's mean and spread (${scaling.names.length} of ${meta.inputShape.reduce((p, x) => p * x, 1)} inputs${scaling.names.length <= 6 ? `: ${scaling.names.join(', ')}` : ''}); one-hot categories stay 0/1. The statistics are saved with the run.`,
    );
  if (scaling.kind === 'global')
    notes.push(
      `Inputs are standardised with one mean (${scaling.mean.toPrecision(4)}) and spread (${scaling.std.toPrecision(4)}) of every value in the training split, saved with the run.`,
    );
  if (d.skipped) notes.push(`${d.skipped} unreadable example${d.skipped === 1 ? ' was' : 's were'} skipped.`);
  const targetScaler = d.task === 'regression' ? (options.targetScaler ?? scan.targetStats) : undefined;
  const kind = dataKind(d);
  if (!scan.materialised)
    return {
      source: { kind: 'stream', loader, counts: scan.counts, scaling },
      meta,
      kind,
      scaling,
      targetScaler,
      record,
      notes,
      warnings,
    };
  await source.close();
  const { x, y, split } = scan.materialised;
  const per = meta.inputShape.reduce((p, v) => p * v, 1);
  const filled = applyScaling(x, per, scaling);
  if (filled)
    notes.push(`${filled} missing value${filled === 1 ? ' was' : 's were'} filled in with the training mean.`);
  const splits: Dataset['splits'] = { train: [], validation: [], test: [] };
  split.forEach((c, i) => splits[splitFromCode(c)].push(i));
  const dataset: Dataset = {
    ...meta,
    title: id,
    description: path,
    x,
    y,
    splits,
    seed: options.seed,
    size: examples,
    params: {},
  };
  return { source: { kind: 'memory', dataset }, meta, kind, scaling, targetScaler, record, notes, warnings };
}

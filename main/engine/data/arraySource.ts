import { basename } from 'node:path';
import { exampleSize, labelCount, type ArrayReader, type Labels } from './arrays';
import type { DataDescription, DataFileFormat, DataProblem, DataSource, Examples, OpenDataOptions } from './types';

/** What {@link arraySource} needs: the arrays, what was found while opening them, and how to close. */
export interface ArraySourceSpec {
  format: DataFileFormat;
  path: string;
  bytes: number;
  x: ArrayReader;
  labels?: Labels;
  /** The y array, file or column, as the user names it. */
  target?: string;
  /** Use only the first `size` examples. */
  size?: number;
  open?: OpenDataOptions;
  problems: DataProblem[];
  close(): Promise<void>;
}

/** Bytes of float32 the value-range sample reads at most (spread over the file in 8 pieces). */
const SAMPLE_BYTES = 32 * 1024 * 1024;

const product = (s: number[]) => s.reduce((a, b) => a * b, 1);
const shapeText = (s: number[]) => s.join('×');

/**
 * A DataSource over arrays whose first axis counts examples: x read by range, y (small) in memory.
 * Checks the lengths agree, samples x for its value range and NaNs, and chooses the input shape:
 * the network's Input shape when it holds the same number of values (reshaping channels-last data is
 * free), otherwise the array's own shape, with a channel axis added to 2-D images.
 */
export async function arraySource(spec: ArraySourceSpec): Promise<DataSource> {
  const { x, labels, problems } = spec;
  const where = basename(spec.path);
  let examples = x.shape[0] ?? 0;
  if (labels) {
    const ny = labelCount(labels);
    if (ny !== examples) {
      problems.push({
        severity: 'error',
        code: 'length-mismatch',
        message: `${x.name} has ${examples} examples but ${spec.target ?? 'y'} has ${ny} labels; they must match one for one.`,
        where,
        hint: 'Pick the x and y that belong together, or cut the longer one to the length of the shorter.',
      });
      examples = Math.min(examples, ny);
    }
  } else {
    problems.push({
      severity: 'warning',
      code: 'no-labels',
      message: `No labels were found for ${x.name}: only a network that rebuilds its input (an autoencoder) can train on it.`,
      where,
      hint: 'Name the labels with the y option (a file beside it for .npy, an array name for .npz and HDF5).',
    });
  }
  if (spec.size !== undefined) examples = Math.min(examples, spec.size);
  if (examples === 0) {
    problems.push({
      severity: 'error',
      code: 'no-examples',
      message: `${x.name} holds no examples.`,
      where,
      hint: 'Pick an array whose first axis counts the examples.',
    });
  }

  const inputShape = chooseInputShape(x, spec.open?.inputShape, where, problems);
  const range = await sampleRange(x, examples, where, problems);
  const width = exampleSize(x.shape);

  const description: DataDescription = {
    format: spec.format,
    path: spec.path,
    bytes: spec.bytes,
    examples,
    inputShape,
    task: labels?.kind === 'classes' ? 'classification' : 'regression',
    classes: labels?.kind === 'classes' ? labels.classes : undefined,
    targetNames: labels?.kind === 'values' ? labels.names : labels ? undefined : [],
    target: spec.target,
    dtype: x.dtype,
    range,
    problems,
  };

  return {
    description,
    async readRange(start, end): Promise<Examples> {
      start = Math.max(0, Math.min(start, examples));
      end = Math.max(start, Math.min(end, examples));
      const xs = end > start ? await x.read(start, end) : new Float32Array(0);
      if (xs.length !== (end - start) * width)
        throw new Error(`read ${xs.length} values of ${x.name}, expected ${(end - start) * width}`);
      let y = new Float32Array(0);
      if (labels?.kind === 'classes') y = labels.index.slice(start, end);
      else if (labels) y = labels.values.slice(start * labels.width, end * labels.width);
      return { x: xs, y };
    },
    close: spec.close,
  };
}

function chooseInputShape(
  x: ArrayReader,
  wanted: number[] | undefined,
  where: string,
  problems: DataProblem[],
): number[] {
  const own = x.shape.slice(1);
  const natural = own.length === 0 ? [1] : own.length === 2 ? [...own, 1] : own;
  if (!wanted || wanted.length === 0) return natural;
  if (product(wanted) === product(natural)) return [...wanted];
  problems.push({
    severity: 'warning',
    code: 'shape-mismatch',
    message: `Each example of ${x.name} is ${shapeText(natural)} (${product(natural)} values), but the network's Input takes ${shapeText(wanted)} (${product(wanted)} values).`,
    where,
    hint: `Set the Input layer's shape to ${shapeText(natural)} ("Fit the network to the data" does it).`,
  });
  return natural;
}

/** The value range over up to 8 evenly spread pieces of x, and a warning for NaN or infinite values. */
async function sampleRange(x: ArrayReader, examples: number, where: string, problems: DataProblem[]) {
  const width = exampleSize(x.shape);
  const budget = Math.max(1, Math.floor(SAMPLE_BYTES / 4 / Math.max(1, width)));
  const pieces = examples <= budget ? [[0, examples]] : spread(examples, budget, 8);
  let lo = Infinity;
  let hi = -Infinity;
  let firstBad = -1;
  let bad = 0;
  for (const [s, e] of pieces) {
    if (e <= s) continue;
    const v = await x.read(s, e);
    for (let i = 0; i < v.length; i++) {
      const a = v[i];
      if (Number.isFinite(a)) {
        if (a < lo) lo = a;
        if (a > hi) hi = a;
      } else {
        if (firstBad < 0) firstBad = s + Math.floor(i / width);
        bad++;
      }
    }
  }
  if (bad > 0) {
    problems.push({
      severity: 'error',
      code: 'not-a-number',
      message: `${x.name} holds values that are not numbers (NaN or infinite): ${bad} in the part Deepwire looked at, the first in example ${firstBad}.`,
      where,
      hint: 'Replace them (for example with 0 or the mean) or leave those examples out before training.',
    });
  }
  return lo <= hi ? ([lo, hi] as [number, number]) : undefined;
}

function spread(examples: number, budget: number, parts: number): [number, number][] {
  const each = Math.max(1, Math.floor(budget / parts));
  return Array.from({ length: parts }, (_, k) => {
    const s = Math.floor(((examples - each) * k) / (parts - 1));
    return [s, Math.min(examples, s + each)];
  });
}

import type { DataProblem } from './types';

/**
 * One stored array (a `.npy` file, an npz member, an HDF5 dataset, a FITS image): its first axis
 * counts examples. Readers implement it; {@link arraySource} turns an x and a y into a DataSource.
 */
export interface ArrayReader {
  /** How the user names it: 'x', 'labels.npy', '/train/images', 'HDU 1'. */
  name: string;
  /** NumPy order (FITS axes reversed): shape[0] examples, the rest one example. */
  shape: number[];
  /** As stored, e.g. '<f4', 'int16', 'BITPIX -32'. */
  dtype: string;
  /** Integers or booleans: labels stored this way name classes. */
  whole: boolean;
  /** Rows [start, end), flattened C order (the last axis fastest). */
  read(start: number, end: number): Promise<Float32Array>;
  /** Arrays of text (NumPy 'U'/'S', HDF5 strings): every value. Labels only. */
  strings?(): Promise<string[]>;
}

/** What the network learns to output, held in memory (one value or a few per example). */
export type Labels =
  | { kind: 'classes'; classes: { name: string; count: number }[]; index: Float32Array }
  | { kind: 'values'; names: string[]; values: Float32Array; width: number };

/** Text in code-point order: the same order on every machine and locale (class names, files). */
export const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const labelCount = (l: Labels) => (l.kind === 'classes' ? l.index.length : l.values.length / l.width);

/** Values per example of an array. */
export const exampleSize = (shape: number[]) => shape.slice(1).reduce((a, b) => a * b, 1);

/**
 * Class labels from text, in sorted order (code points, so every machine agrees).
 * `missing` marks values that are no label (empty cells); they get index NaN.
 */
export function classesFromText(values: string[], missing: (v: string) => boolean = (v) => v === ''): Labels {
  const counts = new Map<string, number>();
  for (const v of values) if (!missing(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
  const names = [...counts.keys()].sort(byCodePoint);
  const at = new Map(names.map((n, i) => [n, i]));
  const index = new Float32Array(values.length);
  values.forEach((v, i) => (index[i] = at.get(v) ?? NaN));
  return { kind: 'classes', classes: names.map((name) => ({ name, count: counts.get(name)! })), index };
}

/**
 * Labels from a stored y array. Integers, booleans and text name classes (sorted: numbers by value);
 * a 2-D array whose rows are one-hot names classes 0…k−1; anything else is numbers to predict.
 */
export async function readLabels(y: ArrayReader, where: string, problems: DataProblem[]): Promise<Labels> {
  const n = y.shape[0] ?? 0;
  let labels: Labels;
  if (y.strings) {
    labels = classesFromText((await y.strings()).map((s) => s.trim()));
  } else {
    const values = await y.read(0, n);
    const width = exampleSize(y.shape);
    const oneHot = width > 1 && isOneHot(values, width);
    if (oneHot) {
      const index = new Float32Array(n);
      const counts = new Array<number>(width).fill(0);
      for (let i = 0; i < n; i++) {
        const k = values.subarray(i * width, (i + 1) * width).indexOf(1);
        index[i] = k;
        counts[k]++;
      }
      labels = { kind: 'classes', classes: counts.map((count, k) => ({ name: String(k), count })), index };
    } else if (width === 1 && y.whole) {
      labels = classesFromNumbers(values);
    } else {
      const names = width === 1 ? [y.name] : Array.from({ length: width }, (_, k) => `${y.name}[${k}]`);
      labels = { kind: 'values', names, values, width };
      lookLikeClasses(values, width, y.name, where, problems);
    }
  }
  checkLabels(labels, y.name, where, problems);
  return labels;
}

function isOneHot(values: Float32Array, width: number): boolean {
  for (let i = 0; i < values.length; i += width) {
    let ones = 0;
    for (let k = 0; k < width; k++) {
      const v = values[i + k];
      if (v === 1) ones++;
      else if (v !== 0) return false;
    }
    if (ones !== 1) return false;
  }
  return values.length > 0;
}

function classesFromNumbers(values: Float32Array): Labels {
  const counts = new Map<number, number>();
  for (const v of values) if (!Number.isNaN(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
  const sorted = [...counts.keys()].sort((a, b) => a - b);
  const at = new Map(sorted.map((v, i) => [v, i]));
  const index = values.map((v) => at.get(v) ?? NaN);
  return { kind: 'classes', classes: sorted.map((v) => ({ name: String(v), count: counts.get(v)! })), index };
}

/** Decimals that are all a few whole numbers were probably meant as classes: say how to get that. */
function lookLikeClasses(values: Float32Array, width: number, name: string, where: string, problems: DataProblem[]) {
  if (width !== 1 || values.length === 0) return;
  const seen = new Set<number>();
  for (const v of values) {
    if (!Number.isInteger(v)) return;
    seen.add(v);
    if (seen.size > 10) return;
  }
  if (seen.size < 2) return;
  problems.push({
    severity: 'warning',
    code: 'classes-as-decimals',
    message: `${name} holds only the whole numbers ${[...seen].sort((a, b) => a - b).join(', ')}, stored as decimals, so Deepwire reads them as numbers to predict (regression).`,
    where,
    hint: `If they are classes, store them as integers (in NumPy: y.astype("int64")).`,
  });
}

function checkLabels(labels: Labels, name: string, where: string, problems: DataProblem[]) {
  const values = labels.kind === 'classes' ? labels.index : labels.values;
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    const count = values.reduce((s, v) => s + (Number.isFinite(v) ? 0 : 1), 0);
    const at = labels.kind === 'classes' ? bad : Math.floor(bad / labels.width);
    problems.push({
      severity: 'error',
      code: 'missing-labels',
      message: `${count} of the labels in ${name} are missing or not a number (the first at example ${at}).`,
      where,
      hint: 'Give every example a label, or leave out the examples without one.',
    });
  }
  const distinct =
    labels.kind === 'classes' ? labels.classes.length : labels.width === 1 ? new Set(labels.values).size : 2;
  if (distinct === 1) {
    const only = labels.kind === 'classes' ? labels.classes[0].name : String(labels.values[0]);
    problems.push({
      severity: 'error',
      code: labels.kind === 'classes' ? 'one-class' : 'single-target-value',
      message: `Every label in ${name} is ${only}: there is nothing to tell apart, so the network cannot learn anything.`,
      where,
      hint: 'Use labels with at least two different values, or pick another array for y.',
    });
  }
}

import { DataError } from './errors';
import { cellKey, cellNumber, columnProblems, type Cell, type TypedColumn } from './tableColumns';
import type { DataDescription, DataFileFormat, DataOptions, DataProblem } from './types';

type Split = 'train' | 'validation' | 'test';
const SPLIT_NAMES: Record<string, Split> = {
  train: 'train',
  training: 'train',
  validation: 'validation',
  valid: 'validation',
  val: 'validation',
  dev: 'validation',
  test: 'test',
  testing: 'test',
};

/** Which columns a table's examples are made of, and how a row becomes x and y. */
export interface TablePlan {
  target: TypedColumn;
  targetIndex: number;
  features: { column: TypedColumn; index: number; offset: number; width: number }[];
  /** Values per example after one-hot encoding. */
  inputWidth: number;
  /** Values of y per example: 1 (a class index or a number) or a FITS vector column's width. */
  targetWidth: number;
  task: DataDescription['task'];
  splitIndex?: number;
  /** Write a row's target at y[at …]; false when it has none (the row is left out). */
  targetOf(cell: Cell, y: Float32Array, at: number): boolean;
  /** Write a row's features at x[at …]; x must hold zeros there (one-hot writes only the ones). */
  encode(cells: Cell[], x: Float32Array, at: number): void;
  splitOf(cell: Cell): Split;
}

/**
 * Choose the target (default: the last column) and the features (default: every number and
 * category column but the target and the split column) and say what is doubtful about them.
 * A category or text target means classification, a number target regression.
 *
 * @param where - how to name a row in messages ("data.csv, line 12")
 */
export function planTable(
  columns: TypedColumn[],
  options: DataOptions,
  where: (row: number) => string,
  file: string,
  problems: DataProblem[],
): TablePlan {
  const names = columns.map((c) => c.info.name);
  const find = (name: string, what: string) => {
    const i = names.indexOf(name);
    if (i < 0) {
      throw new DataError(
        'no-such-column',
        `${file} has no column '${name}' (asked for as the ${what}).`,
        `Its columns are: ${names.join(', ')}.`,
      );
    }
    return i;
  };
  const splitIndex = options.splitColumn !== undefined ? find(options.splitColumn, 'split column') : undefined;
  const last = names.length - 1 === splitIndex ? names.length - 2 : names.length - 1;
  const targetIndex = options.target !== undefined ? find(options.target, 'target') : last;
  const target = columns[targetIndex];
  if (targetIndex < 0 || !target)
    throw new DataError(
      'no-such-column',
      `${file} has no column to learn.`,
      'A table needs at least one column besides the split column.',
    );
  const task: DataDescription['task'] = target.info.type === 'number' ? 'regression' : 'classification';
  problems.push(...targetProblems(target, file), ...columnProblems(target, 'target', where));

  const chosen = options.features?.map((f) => find(f, 'feature')) ?? columns.map((_, i) => i);
  const features: TablePlan['features'] = [];
  let offset = 0;
  for (const index of chosen) {
    const column = columns[index];
    const { name, type } = column.info;
    if (index === targetIndex || index === splitIndex) continue;
    if (type === 'empty') {
      problems.push({
        severity: 'warning',
        code: 'empty-column',
        message: `Column '${name}' is empty: it is left out.`,
        where: file,
      });
      continue;
    }
    if (type === 'text') {
      if (options.features) {
        problems.push({
          severity: 'error',
          code: 'text-feature',
          message: `Column '${name}' holds text (names, notes or identifiers, nearly all different), which the network cannot use as a feature.`,
          where: file,
          hint: `Leave '${name}' out of the features.`,
        });
      }
      continue;
    }
    const width = type === 'category' ? column.info.categories!.length : (column.info.width ?? 1);
    features.push({ column, index, offset, width });
    offset += width;
    problems.push(...columnProblems(column, 'feature', where));
  }
  if (features.length === 0) {
    problems.push({
      severity: 'error',
      code: 'no-features',
      message: `No column is left to feed the network: the features must be number or category columns other than the target '${target.info.name}'.`,
      where: file,
      hint: 'Pick the feature columns, or another target.',
    });
  }
  const splitColumn = splitIndex !== undefined ? columns[splitIndex] : undefined;
  if (splitColumn) problems.push(...splitProblems(splitColumn, file));

  const targetWidth = task === 'regression' ? (target.info.width ?? 1) : 1;
  return {
    target,
    targetIndex,
    features,
    inputWidth: offset,
    targetWidth,
    task,
    splitIndex,
    targetOf(cell, y, at) {
      if (task === 'classification') {
        const k = target.index?.get(cellKey(cell));
        if (k === undefined) return false;
        y[at] = k;
        return true;
      }
      if (cell !== null && typeof cell === 'object') {
        for (let i = 0; i < targetWidth; i++) if (!Number.isFinite(cell[i])) return false;
        for (let i = 0; i < targetWidth; i++) y[at + i] = cell[i];
        return true;
      }
      const v = cellNumber(cell);
      if (!Number.isFinite(v)) return false;
      y[at] = v;
      return true;
    },
    // A missing number stays NaN here: the loader fills it with the training split's mean when it
    // standardises, so validation and test rows never leak into the value the network sees.
    encode(cells, x, at) {
      for (const f of features) {
        const cell = cells[f.index];
        const c = f.column;
        const o = at + f.offset;
        if (c.index) {
          const k = c.index.get(cellKey(cell));
          if (k !== undefined) x[o + k] = 1;
        } else if (cell !== null && typeof cell === 'object') {
          for (let i = 0; i < f.width; i++) x[o + i] = Number.isFinite(cell[i]) ? cell[i] : NaN;
        } else {
          const v = cellNumber(cell);
          x[o] = Number.isFinite(v) ? v : NaN;
        }
      }
    },
    splitOf: (cell) => SPLIT_NAMES[cellKey(cell).toLowerCase()] ?? 'train',
  };
}

function targetProblems(target: TypedColumn, file: string): DataProblem[] {
  const { name, type, categories, min, max } = target.info;
  const problem = (code: string, message: string, hint: string): DataProblem[] => [
    { severity: 'error', code, message, where: `${file}, column '${name}'`, hint },
  ];
  if (type === 'empty')
    return problem(
      'empty-target',
      `The target column '${name}' is empty.`,
      'Pick a column that holds what the network should learn.',
    );
  if (type === 'text' && target.overflow) {
    return problem(
      'too-many-classes',
      `The target column '${name}' holds more than 1000 different values: too many to be classes.`,
      'Pick a column of class names or of numbers to predict.',
    );
  }
  if (type !== 'number' && categories!.length === 1) {
    return problem(
      'one-class',
      `Every row of the target column '${name}' is "${categories![0].name}": with one class there is nothing to tell apart.`,
      'Pick a target column with at least two different values.',
    );
  }
  if (type === 'number' && min === max) {
    return problem(
      'single-target-value',
      `Every row of the target column '${name}' is ${min}: there is nothing to learn.`,
      'Pick a target column whose values vary.',
    );
  }
  if (
    type === 'number' &&
    !target.overflow &&
    target.tally.values.size <= 10 &&
    [...target.tally.values.keys()].every((k) => Number.isInteger(Number(k)))
  ) {
    return [
      {
        severity: 'warning',
        code: 'classes-as-numbers',
        message: `The target column '${name}' holds only the whole numbers ${[...target.tally.values.keys()].sort((a, b) => Number(a) - Number(b)).join(', ')}: Deepwire reads them as numbers to predict (regression).`,
        where: `${file}, column '${name}'`,
        hint: 'If they are classes, write them as names (for example "class 1") in the file.',
      },
    ];
  }
  return [];
}

function splitProblems(c: TypedColumn, file: string): DataProblem[] {
  const values = c.tally.values;
  const odd = [...values.keys()].filter((v) => !(v.toLowerCase() in SPLIT_NAMES));
  const out: DataProblem[] = [];
  if (c.overflow || odd.length > 0) {
    out.push({
      severity: 'error',
      code: 'bad-split-value',
      message: `The split column '${c.info.name}' holds ${
        c.overflow
          ? 'many values'
          : odd
              .slice(0, 5)
              .map((v) => `"${v}"`)
              .join(', ')
      } besides train, validation and test.`,
      where: `${file}, column '${c.info.name}'`,
      hint: 'Write train, validation or test in every row of the split column.',
    });
  }
  if (c.info.missing > 0) {
    out.push({
      severity: 'warning',
      code: 'missing-split',
      message: `${c.info.missing} rows have no value in the split column '${c.info.name}': they are used for training.`,
      where: `${file}, column '${c.info.name}'`,
    });
  }
  return out;
}

/**
 * The row that holds example `e` when the sorted rows `skipped` are no examples: e plus the skipped
 * rows before it (binary search); `next` is the first entry of `skipped` after it.
 */
export function rowOfExample(skipped: number[], e: number): { row: number; next: number } {
  let lo = 0;
  let hi = skipped.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (skipped[mid] - mid <= e) lo = mid + 1;
    else hi = mid;
  }
  return { row: e + lo, next: lo };
}

/** What a table read with `plan` is: the same for CSV files and FITS binary tables. */
export function tableDescription(
  plan: TablePlan,
  columns: TypedColumn[],
  d: {
    format: DataFileFormat;
    path: string;
    bytes: number;
    examples: number;
    splitColumn?: string;
    problems: DataProblem[];
  },
): DataDescription {
  const name = plan.target.info.name;
  const regression = plan.task === 'regression';
  return {
    ...d,
    inputShape: [plan.inputWidth],
    task: plan.task,
    classes: regression ? undefined : plan.target.info.categories,
    targetNames: !regression
      ? undefined
      : plan.targetWidth === 1
        ? [name]
        : Array.from({ length: plan.targetWidth }, (_, k) => `${name}[${k}]`),
    target: name,
    features: plan.features.map((f) => f.column.info),
    columns: columns.map((c) => c.info),
    problems: d.problems,
  };
}

/** The warning for rows left out because their target cell is empty. */
export function missingTargetProblem(plan: TablePlan, count: number, where: string): DataProblem {
  return {
    severity: 'warning',
    code: 'missing-target',
    message: `${count} ${count === 1 ? 'row has' : 'rows have'} no value in the target column '${plan.target.info.name}' (the first at ${where}): left out.`,
    where,
    hint: 'Fill in the missing values, or accept that these rows are not used.',
  };
}

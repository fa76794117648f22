import type { DatasetInfo as ProtocolDatasetInfo } from '../../../shared/protocol/client';
import type { DatasetParamSpec, DatasetParamValue, ShapeRule } from '../../../shared/training/datasetOptions';

/** What a dataset asks of a model. Const array so menus and types share one source (STYLE.md 5). */
export const DATASET_TASKS = ['classification', 'regression'] as const;
export type DatasetTask = (typeof DATASET_TASKS)[number];

/** How the UI should preview one example: a scatter point, an image (H×W×C), or a 1-D series (L×1). */
export const PREVIEW_KINDS = ['points2d', 'image', 'series'] as const;
export type PreviewKind = (typeof PREVIEW_KINDS)[number];

/** Index lists into `Dataset.x`/`Dataset.y`; disjoint, together covering every example once. */
export interface DatasetSplits {
  train: number[];
  validation: number[];
  test: number[];
}

export type { DatasetParamSpec, DatasetParamValue } from '../../../shared/training/datasetOptions';

/**
 * A fully materialised dataset: every example in one flat typed array, channels-last.
 *
 * - classification: `y[i]` is the class index of example i (0 … classNames.length − 1).
 * - regression: `y` holds N × targetNames.length values, row-major.
 */
export interface Dataset {
  id: string;
  title: string;
  /** Documentation shown to the user: the model that generated the data, its parameters, the noise. */
  description: string;
  task: DatasetTask;
  /** Shape of one example, channels-last, without the batch dimension. */
  inputShape: number[];
  /** N × prod(inputShape) values. */
  x: Float32Array;
  y: Float32Array;
  classNames?: string[];
  targetNames?: string[];
  splits: DatasetSplits;
  seed: number;
  /** Number of examples N. */
  size: number;
  /** The dataset parameters actually used (defaults filled in), for reproducing the set exactly. */
  params: Record<string, DatasetParamValue>;
  /** Whether x and y were generated now or read from the disk cache (absent: generated). */
  source?: 'generated' | 'cache';
}

/** The catalogue entry of a built-in dataset: everything the UI shows before generating it. */
export interface DatasetInfo extends ProtocolDatasetInfo {
  task: DatasetTask;
  kind: PreviewKind;
  /** Input shape at the default parameters (image size, series length may be changed by params). */
  inputShape: number[];
  /** The input shape for any parameters (see ShapeRule); the panel evaluates the same rule. */
  shapeRule: ShapeRule;
  defaultSize: number;
  /** Largest `size` accepted (MNIST ships 10,000 digits; generated sets are capped to bound memory). */
  maxSize: number;
  params: DatasetParamSpec[];
  /** Papers or sources the generator follows. */
  references: string[];
}

/** Options for {@link loadDataset}. Everything but the seed has a default. */
export interface LoadDatasetOptions {
  /** Same seed (and same other options) ⇒ byte-identical x, y and splits. */
  seed: number;
  /** Number of examples; defaults to the dataset's `defaultSize`. */
  size?: number;
  /** Fraction of examples held out for validation (default 0.1). */
  validationFraction?: number;
  /** Fraction of examples held out for the final test (default 0.1). */
  testFraction?: number;
  /** Dataset-specific parameters (see `DatasetInfo.params`); unknown names are refused. */
  params?: Record<string, unknown>;
  /** Generation checks this between chunks of examples and stops with an error when aborted. */
  signal?: AbortSignal;
  /** The disk cache folder for generated sets (see cacheFolder.ts); absent: always generate. */
  cacheDir?: string;
}

/** One example as plain numbers, for the UI's preview and for JSON messages. */
export interface PreviewExample {
  /** Index into the full dataset generated with the same options. */
  index: number;
  /** Raw input values, flattened channels-last (length prod(inputShape)). */
  x: number[];
  /** Class index (classification) or target vector (regression). */
  y: number | number[];
  /** Class name for classification. */
  label?: string;
}

/** A few examples plus the catalogue entry, shaped like the protocol's `DatasetPreview`. */
export interface DatasetPreview {
  info: DatasetInfo;
  /** The actual input shape for the options used (may differ from `info.inputShape`). */
  inputShape: number[];
  examples: PreviewExample[];
}

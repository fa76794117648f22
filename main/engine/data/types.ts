import type { DataFileFormat, FileDatasetRef } from '../../../shared/project/schema';

/**
 * The user's own data: what a reader understood of a file or folder, and how examples are read from
 * it. Readers (csv, images, npy/npz, fits, hdf5) implement {@link DataSource}; the trainer's loader
 * builds splits, shuffling and normalisation on top of `readRange`, so no reader ever has to hold
 * the whole file in memory.
 */

export type { DataFileFormat, FileDatasetRef };

/** How a table column was typed from its values. */
export const COLUMN_TYPES = ['number', 'category', 'text', 'empty'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface ColumnInfo {
  name: string;
  type: ColumnType;
  /** Cells that were empty (or NaN / NULL / NA). */
  missing: number;
  /** Category columns: the values in a stable order (sorted), with their counts. */
  categories?: { name: string; count: number }[];
  /** Number columns: the range of the values seen. */
  min?: number;
  max?: number;
  /** Vector columns (FITS tables): values per row. */
  width?: number;
}

/** Something wrong or doubtful in the data, named in plain words with where it is. */
export interface DataProblem {
  severity: 'error' | 'warning';
  /** Stable code, e.g. 'ragged-row', 'text-in-number-column', 'one-class', 'corrupt-image'. */
  code: string;
  message: string;
  /** File, row, column or image name. */
  where?: string;
  hint?: string;
}

/** What Deepwire reads in a data file or folder (`deepwire data inspect --json` prints this). */
export interface DataDescription {
  format: DataFileFormat;
  /** Absolute path of the file or folder read. */
  path: string;
  /** Bytes on disk (a folder: the sum of its images). */
  bytes: number;
  examples: number;
  /** Shape of one example as the network gets it (features after one-hot encoding), channels-last. */
  inputShape: number[];
  task: 'classification' | 'regression';
  /** Classification: class names in a stable order, with counts over the whole file. */
  classes?: { name: string; count: number }[];
  /** Regression: names of the targets (one per output unit). */
  targetNames?: string[];
  /** The target column or array. */
  target?: string;
  /** Tables: the feature columns fed to the network (in order) … */
  features?: ColumnInfo[];
  /** … and every column, for the UI to offer. */
  columns?: ColumnInfo[];
  /** Arrays: element type as stored (e.g. '<f4', 'int16', 'BITPIX -32'). */
  dtype?: string;
  /** Arrays and images: the smallest and largest input value seen (after scaling). */
  range?: [number, number];
  /** Examples skipped as unreadable (corrupt images), reported with `problems`. */
  skipped?: number;
  /** A column or array of per-example split names, when the options chose one. */
  splitColumn?: string;
  problems: DataProblem[];
}

/** A run of examples, channels-last: x is n × prod(inputShape); y is n class indices or n × targets. */
export interface Examples {
  x: Float32Array;
  y: Float32Array;
  /** With `splitColumn`: each example's split. */
  split?: ('train' | 'validation' | 'test')[];
}

export interface DataSource {
  readonly description: DataDescription;
  /**
   * Examples [start, end) in file order, encoded (one-hot categories, images scaled to 0..1) but not
   * standardised: the loader standardises with training-split statistics. Reads only what it needs.
   */
  readRange(start: number, end: number): Promise<Examples>;
  close(): Promise<void>;
}

/** What the network expects, so readers can size images and check shapes. */
export interface OpenDataOptions {
  /** The Input layer's shape without the batch dimension (images: [h, w, channels]). */
  inputShape?: number[];
}

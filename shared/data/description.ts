import type { DataFileFormat } from '../project/schema';

/**
 * What Deepwire understood of the user's own data file or folder: the shapes shared by the engine's
 * readers (main/engine/data), the protocol (EngineClient.describeData) and the renderer's checks.
 * Pure types, so the renderer can import them.
 */

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

import type { DataFileFormat, FileDatasetRef } from '../../../shared/project/schema';

/**
 * The user's own data: what a reader understood of a file or folder, and how examples are read from
 * it. Readers (csv, images, npy/npz, fits, hdf5) implement {@link DataSource}; the trainer's loader
 * builds splits, shuffling and normalisation on top of `readRange`, so no reader ever has to hold
 * the whole file in memory.
 */

export type { DataFileFormat, FileDatasetRef };

/**
 * The dataset options of the project file: everything but `file`. (`Omit<FileDatasetRef, 'file'>`
 * would keep only the index signature, the schema's objects being loose; both are accepted.)
 */
export type DataOptions = Partial<
  Pick<
    FileDatasetRef,
    | 'format'
    | 'target'
    | 'features'
    | 'imageSize'
    | 'x'
    | 'y'
    | 'hdu'
    | 'labelHdu'
    | 'splitColumn'
    | 'size'
    | 'validationFraction'
    | 'testFraction'
  >
>;

import type { DataDescription } from '../../../shared/data/description';

/* The description types live in shared/ so the protocol and the renderer use the same ones. */
export { COLUMN_TYPES } from '../../../shared/data/description';
export type { ColumnType, ColumnInfo, DataProblem, DataDescription } from '../../../shared/data/description';

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

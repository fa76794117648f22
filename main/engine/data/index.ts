import { open, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { openCsv } from './csv';
import { DataError } from './errors';
import { openNpy } from './npy';
import type { DataFileFormat, DataOptions, DataSource, OpenDataOptions } from './types';

export type * from './types';
export { DataError, DATA_ERROR_CODES, type DataErrorCode } from './errors';

type Opener = (path: string, options: DataOptions, open?: OpenDataOptions) => Promise<DataSource>;

/** One reader per format, each loaded when first used (sharp and h5wasm are large). */
const OPENERS: Record<DataFileFormat, () => Promise<Opener>> = {
  csv: async () => openCsv,
  npy: async () => openNpy,
  npz: async () => (await import('./npz')).openNpz,
  images: async () => (await import('./images')).openImageFolder,
  fits: async () => (await import('./fits')).openFits,
  hdf5: async () => (await import('./hdf5')).openHdf5,
};

const EXTENSIONS: [RegExp, DataFileFormat][] = [
  [/\.(csv|tsv|tab|txt|dat)$/i, 'csv'],
  [/\.npy$/i, 'npy'],
  [/\.npz$/i, 'npz'],
  [/\.(fits|fit|fts)(\.gz)?$/i, 'fits'],
  [/\.(h5|hdf5|hdf|he5)$/i, 'hdf5'],
];

const IMAGE_FILE = /\.(png|jpe?g|webp|tiff?|gif|bmp)$/i;

/**
 * What format a file or folder holds: a folder is an image folder; otherwise the extension, and
 * failing that the first bytes (NumPy, zip, FITS, HDF5 signatures; anything else is read as text).
 */
export async function detectFormat(path: string): Promise<DataFileFormat> {
  const info = await stat(path);
  if (info.isDirectory()) return 'images';
  const byName = EXTENSIONS.find(([re]) => re.test(path));
  if (byName) return byName[1];
  if (IMAGE_FILE.test(path)) {
    throw new DataError(
      'unknown-format',
      `${basename(path)} is a single picture.`,
      'Pick the folder that holds one sub-folder of pictures per class.',
    );
  }
  const handle = await open(path, 'r');
  const head = Buffer.alloc(16);
  try {
    await handle.read(head, 0, 16, 0);
  } finally {
    await handle.close();
  }
  if (head.subarray(0, 6).equals(Buffer.from('\x93NUMPY', 'latin1'))) return 'npy';
  if (head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return 'npz';
  if (head.toString('latin1', 0, 9) === 'SIMPLE  =') return 'fits';
  if (head.subarray(0, 8).equals(Buffer.from('\x89HDF\r\n\x1a\n', 'latin1'))) return 'hdf5';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'fits';
  return 'csv';
}

/**
 * Open the user's data: a table, an image folder, NumPy, FITS or HDF5 file, the format told by
 * `options.format` or detected from the file. Resolves when the data is described (one pass over
 * tables, a check of every image); examples are then read by range.
 *
 * @param path - the file or folder (absolute, or relative to the working directory)
 * @param options - the project file's dataset options (target, features, x, y, hdu, …)
 * @param open - what the network expects (its Input shape sizes images and is checked against arrays)
 * @throws DataError when the data cannot be read at all; readable data with faults opens, and its
 *   `description.problems` say what is wrong
 */
export async function openDataSource(
  path: string,
  options: DataOptions = {},
  open?: OpenDataOptions,
): Promise<DataSource> {
  const abs = resolve(path);
  try {
    await stat(abs);
  } catch {
    throw new DataError(
      'not-found',
      `Deepwire cannot find ${path}.`,
      'Check the path: it is read relative to the project file (or the folder you are in, on the command line).',
    );
  }
  const format = options.format ?? (await detectFormat(abs));
  const opener = await OPENERS[format]();
  try {
    return await opener(abs, options, open);
  } catch (e) {
    if (e instanceof DataError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    throw new DataError(
      'unreadable',
      `Deepwire could not read ${basename(abs)} as ${format}: ${message}`,
      'Check that the file is complete and of the format its name says.',
    );
  }
}

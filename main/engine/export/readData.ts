import type { FileDatasetRef } from '../../../shared/project/schema';
import { DataError, openDataSource } from '../data/index';
import type { DataOptions } from '../data/types';
import { ExportError } from './exportError';
import type { ExportSource } from './types';

/** Examples read per call: a few MB of a table or of small images. */
const CHUNK = 1024;

/**
 * Every example of a data file or folder (`deepwire predict --data`), read with the run's dataset
 * options (target, features, x/y arrays, HDU, image size) and encoded as for training (one-hot
 * categories, pictures scaled to 0..1), not yet standardised. A run on a built-in dataset has no
 * file options: the file is read with Deepwire's defaults.
 */
export async function readDataFile(
  path: string,
  source: ExportSource,
): Promise<{ shape: number[]; values: Float32Array }> {
  const ref = source.project.training?.dataset as Partial<FileDatasetRef> | undefined;
  const { file: _file, builtin: _builtin, options: _options, ...options } = (ref ?? {}) as Record<string, unknown>;
  const inputShape = source.model.inputs[0].shape.slice(1).map((d) => d ?? 0);
  let data;
  try {
    data = await openDataSource(path, options as DataOptions, {
      inputShape: inputShape.every((d) => d > 0) ? inputShape : undefined,
    });
  } catch (err) {
    if (err instanceof DataError) throw new ExportError(err.message, err.hint);
    throw err;
  }
  try {
    const d = data.description;
    const blocking = d.problems.find((p) => p.severity === 'error');
    if (blocking) throw new ExportError(`${path}: ${blocking.message}`, blocking.hint);
    const per = d.inputShape.reduce((p, n) => p * n, 1);
    const values = new Float32Array(d.examples * per);
    for (let start = 0; start < d.examples; start += CHUNK) {
      const end = Math.min(d.examples, start + CHUNK);
      values.set((await data.readRange(start, end)).x, start * per);
    }
    return { shape: [d.examples, ...d.inputShape], values };
  } finally {
    await data.close();
  }
}

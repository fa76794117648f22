import { DataError } from './errors';
import type { DataSource } from './types';

/** Not written yet: the reader for this format comes in a later commit. */
export async function openNpz(path: string): Promise<DataSource> {
  throw new DataError('unsupported', `Reading ${path} (npz) is not written yet.`);
}

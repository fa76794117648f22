import { DataError } from './errors';
import type { DataSource } from './types';

/** Not written yet: the reader for this format comes in a later commit. */
export async function openFits(path: string): Promise<DataSource> {
  throw new DataError('unsupported', `Reading ${path} (fits) is not written yet.`);
}

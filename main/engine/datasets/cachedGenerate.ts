import { datasetCacheLimit, pruneDatasetCache } from './cacheFolder';
import { type DatasetDefinition, type GenerateRequest, type GeneratedData } from './definition';
import { type DatasetCacheKey, readCachedDataset, writeCachedDataset } from './diskCache';

/** Where the arrays of a load came from, for logs and the benchmark. */
export type DatasetSource = 'generated' | 'cache';

/**
 * Runs `def.generate(request)`, or reads its result back from the disk cache in `cacheDir` when an
 * intact entry for the same id, seed, size, params and generator version exists. Sets without a
 * `diskCache` marker (the millisecond Playground sets) and a missing `cacheDir` always generate.
 */
export async function cachedGenerate(
  def: DatasetDefinition,
  request: GenerateRequest,
  expect: { xLength: number; yLength: number },
  cacheDir: string | undefined,
): Promise<GeneratedData & { source: DatasetSource }> {
  if (!cacheDir || !def.diskCache) return { ...(await def.generate(request)), source: 'generated' };
  const key: DatasetCacheKey = {
    id: def.info.id,
    seed: request.seed,
    size: request.size,
    params: request.params,
    version: def.diskCache.version,
  };
  const cached = await readCachedDataset(cacheDir, key, expect);
  if (cached) return { ...cached, source: 'cache' };
  const data = await def.generate(request);
  if (data.x.length === expect.xLength && data.y.length === expect.yLength) {
    if (await writeCachedDataset(cacheDir, key, data)) await pruneDatasetCache(cacheDir, datasetCacheLimit());
  }
  return { ...data, source: 'generated' };
}

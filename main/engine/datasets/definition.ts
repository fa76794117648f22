import { type DatasetInfo, type DatasetParamValue } from './types';

/** What a generator is asked for: the parameters are already validated and defaulted. */
export interface GenerateRequest {
  size: number;
  seed: number;
  params: Record<string, DatasetParamValue>;
  signal?: AbortSignal;
}

/** The raw arrays a generator returns; the registry adds splits and metadata. */
export interface GeneratedData {
  x: Float32Array;
  y: Float32Array;
}

/** One built-in dataset: its catalogue entry and how to make it. Internal to the registry. */
export interface DatasetDefinition {
  info: DatasetInfo;
  /**
   * True when example i does not depend on the requested size (one random stream per example).
   * Previews then generate only the first few examples instead of the whole set.
   */
  prefixStable: boolean;
  /**
   * Present for sets worth keeping on disk (seconds to generate or parse; see diskCache.ts).
   * `version` is part of the cache key: bump it whenever the generator's output changes for the
   * same id, seed, size and params, so no stale entry is ever read back.
   */
  diskCache?: { version: number };
  generate(request: GenerateRequest): Promise<GeneratedData>;
}

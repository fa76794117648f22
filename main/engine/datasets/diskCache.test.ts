import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { datasetCacheDir, pruneDatasetCache } from './cacheFolder';
import { cachedGenerate } from './cachedGenerate';
import { type DatasetDefinition } from './definition';
import { cacheFileName, type DatasetCacheKey, readCachedDataset, writeCachedDataset } from './diskCache';
import { loadDataset } from './index';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dw-dataset-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const key: DatasetCacheKey = { id: 'fake', seed: 3, size: 4, params: { a: 1, b: 'x' }, version: 1 };
const expect6 = { xLength: 8, yLength: 4 };

/** A generator that counts its calls and returns values made from the seed. */
function fakeDefinition(marker: DatasetDefinition['diskCache'] | 'none' = { version: 1 }) {
  const diskCache = marker === 'none' ? undefined : marker;
  const calls = { n: 0 };
  const def = {
    info: { id: 'fake' },
    prefixStable: true,
    diskCache,
    generate: async ({ seed, size }: { seed: number; size: number }) => {
      calls.n++;
      return {
        x: Float32Array.from({ length: 2 * size }, (_, i) => seed + i / 7),
        y: Float32Array.from({ length: size }, (_, i) => i % 2),
      };
    },
  } as unknown as DatasetDefinition;
  return { def, calls };
}
const request = { seed: 3, size: 4, params: { a: 1, b: 'x' } };

describe('dataset disk cache', () => {
  it('generates once, then reads the same bytes back', async () => {
    const { def, calls } = fakeDefinition();
    const first = await cachedGenerate(def, request, expect6, dir);
    const second = await cachedGenerate(def, request, expect6, dir);
    expect(calls.n).toBe(1);
    expect([first.source, second.source]).toEqual(['generated', 'cache']);
    expect(Array.from(second.x)).toEqual(Array.from(first.x));
    expect(Array.from(second.y)).toEqual(Array.from(first.y));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keys on id, seed, size, params and generator version, not on the order of params', () => {
    const name = cacheFileName(key);
    expect(cacheFileName({ ...key, params: { b: 'x', a: 1 } })).toBe(name);
    for (const other of [
      { ...key, id: 'other' },
      { ...key, seed: 4 },
      { ...key, size: 5 },
      { ...key, params: { a: 2, b: 'x' } },
      { ...key, version: 2 },
    ]) {
      expect(cacheFileName(other)).not.toBe(name);
    }
  });

  it('a new generator version never reads the old entry', async () => {
    const v1 = fakeDefinition({ version: 1 });
    await cachedGenerate(v1.def, request, expect6, dir);
    const v2 = fakeDefinition({ version: 2 });
    expect((await cachedGenerate(v2.def, request, expect6, dir)).source).toBe('generated');
    expect(v2.calls.n).toBe(1);
  });

  it.each([
    ['truncated', (b: Buffer) => b.subarray(0, b.length - 3)],
    ['a flipped payload byte', (b: Buffer) => ((b[b.length - 5] ^= 0x40), b)],
    ['a wrong magic', (b: Buffer) => (b.write('XXXXXXXX', 0, 'latin1'), b)],
    ['empty', () => Buffer.alloc(0)],
  ])('a %s entry is deleted and regenerated, not trusted', async (_, damage) => {
    const { def, calls } = fakeDefinition();
    const good = await cachedGenerate(def, request, expect6, dir);
    const file = join(dir, cacheFileName(key));
    writeFileSync(file, damage(readFileSync(file)));
    expect(await readCachedDataset(dir, key, expect6)).toBeUndefined();
    const again = await cachedGenerate(def, request, expect6, dir);
    expect(again.source).toBe('generated');
    expect(calls.n).toBe(2);
    expect(Array.from(again.x)).toEqual(Array.from(good.x));
    // …and the entry was written again, intact.
    expect((await cachedGenerate(def, request, expect6, dir)).source).toBe('cache');
  });

  it('an entry whose lengths differ from what the request needs is not used', async () => {
    const { def } = fakeDefinition();
    await cachedGenerate(def, request, expect6, dir);
    expect(await readCachedDataset(dir, key, { xLength: 8, yLength: 8 })).toBeUndefined();
  });

  it('a folder that cannot be written leaves training to the generator', async () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    const { def, calls } = fakeDefinition();
    expect(await writeCachedDataset(join(file, 'sub'), key, await def.generate(request))).toBe(false);
    const out = await cachedGenerate(def, request, expect6, join(file, 'sub'));
    expect(out.source).toBe('generated');
    expect(calls.n).toBe(2);
  });

  it('sets without a disk-cache marker, or without a folder, always generate', async () => {
    const plain = fakeDefinition('none');
    await cachedGenerate(plain.def, request, expect6, dir);
    await cachedGenerate(plain.def, request, expect6, dir);
    expect(plain.calls.n).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
    const marked = fakeDefinition();
    await cachedGenerate(marked.def, request, expect6, undefined);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('pruning drops the least recently used entries beyond the limit and stale temporary files', async () => {
    const { def } = fakeDefinition();
    for (const seed of [1, 2, 3]) await cachedGenerate(def, { ...request, seed }, expect6, dir);
    const files = readdirSync(dir);
    const oldest = join(dir, cacheFileName({ ...key, seed: 1 }));
    utimesSync(oldest, new Date(1000), new Date(1000));
    writeFileSync(join(dir, 'x.f32.1-ab.tmp'), 'partial');
    utimesSync(join(dir, 'x.f32.1-ab.tmp'), new Date(1000), new Date(1000));
    const one = statSync(oldest).size;
    await pruneDatasetCache(dir, 2 * one);
    const left = readdirSync(dir);
    expect(left).toHaveLength(2);
    expect(left).not.toContain(cacheFileName({ ...key, seed: 1 }));
    expect(files).toContain(cacheFileName({ ...key, seed: 1 }));
  });

  it('finds the folder from DEEPWIRE_CACHE_DIR or the platform, and can be turned off', () => {
    expect(datasetCacheDir({ DEEPWIRE_CACHE_DIR: '/c' }, 'linux', '/h')).toBe(join('/c', 'datasets'));
    expect(datasetCacheDir({ DEEPWIRE_CACHE_DIR: 'off' }, 'linux', '/h')).toBeUndefined();
    expect(datasetCacheDir({}, 'linux', '/h')).toBe(join('/h', '.cache', 'deepwire', 'datasets'));
    expect(datasetCacheDir({ XDG_CACHE_HOME: '/x' }, 'linux', '/h')).toBe(join('/x', 'deepwire', 'datasets'));
    expect(datasetCacheDir({}, 'darwin', '/h')).toBe(join('/h', 'Library', 'Caches', 'deepwire', 'datasets'));
    expect(datasetCacheDir({ LOCALAPPDATA: 'C:/L' }, 'win32', '/h')).toBe(join('C:/L', 'deepwire', 'datasets'));
  });

  it('a real science set comes back from the cache byte-identical to a fresh generation', async () => {
    const options = { seed: 5, size: 24, params: { length: 128 } };
    const fresh = await loadDataset('exoplanet-transits', options);
    const first = await loadDataset('exoplanet-transits', { ...options, cacheDir: dir });
    const second = await loadDataset('exoplanet-transits', { ...options, cacheDir: dir });
    expect([fresh.source, first.source, second.source]).toEqual(['generated', 'generated', 'cache']);
    const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    expect(bytes(second.x).equals(bytes(fresh.x))).toBe(true);
    expect(bytes(second.y).equals(bytes(fresh.y))).toBe(true);
    expect(second.splits).toEqual(fresh.splits);
  });
});

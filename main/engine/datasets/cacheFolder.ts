import { readdir, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where generated datasets are cached: `$DEEPWIRE_CACHE_DIR/datasets` when set (`off` turns the
 * cache off), else the platform's user cache folder — `$XDG_CACHE_HOME` or `~/.cache` on Linux,
 * `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows — under `deepwire/datasets`.
 *
 * @returns undefined when the cache is turned off
 */
export function datasetCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string | undefined {
  const own = env.DEEPWIRE_CACHE_DIR?.trim();
  if (own) return own.toLowerCase() === 'off' ? undefined : join(own, 'datasets');
  const base =
    platform === 'win32'
      ? env.LOCALAPPDATA?.trim() || join(home, 'AppData', 'Local')
      : platform === 'darwin'
        ? join(home, 'Library', 'Caches')
        : env.XDG_CACHE_HOME?.trim() || join(home, '.cache');
  return join(base, 'deepwire', 'datasets');
}

/** The cache's size limit in bytes: `DEEPWIRE_CACHE_MB` (default 2048 MB). */
export function datasetCacheLimit(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.DEEPWIRE_CACHE_MB);
  return (Number.isFinite(mb) && mb >= 0 ? mb : 2048) * 1024 * 1024;
}

/** Temporary files of writers that died are removed after this long. */
const STALE_TMP_MS = 60 * 60 * 1000;

/**
 * Deletes the least recently used entries until the folder holds at most `limitBytes`, and
 * temporary files older than an hour (a writer that crashed). Best effort.
 */
export async function pruneDatasetCache(dir: string, limitBytes: number, now = Date.now()): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  const entries: { path: string; size: number; used: number }[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) continue;
    if (name.endsWith('.tmp')) {
      if (now - info.mtimeMs > STALE_TMP_MS) await rm(path, { force: true }).catch(() => undefined);
    } else if (name.endsWith('.f32')) entries.push({ path, size: info.size, used: info.mtimeMs });
  }
  let total = entries.reduce((sum, e) => sum + e.size, 0);
  for (const e of entries.sort((a, b) => a.used - b.used)) {
    if (total <= limitBytes) break;
    await rm(e.path, { force: true }).catch(() => undefined);
    total -= e.size;
  }
}

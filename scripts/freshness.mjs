// Is a build output older than its sources? Used by start.mjs to rebuild only what changed.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SKIP = new Set(['node_modules', 'dist', '.git', 'test-results']);

/** Newest modification time (ms) of any file under `paths` (files or folders); 0 if none exist. */
export function newestMtime(paths) {
  let newest = 0;
  const visit = (path) => {
    let info;
    try {
      info = statSync(path);
    } catch {
      return;
    }
    if (info.isDirectory()) {
      for (const name of readdirSync(path)) if (!SKIP.has(name)) visit(join(path, name));
    } else if (info.mtimeMs > newest) {
      newest = info.mtimeMs;
    }
  };
  paths.forEach(visit);
  return newest;
}

/** True when `output` is missing or older than the newest file under `sources`. */
export function isStale(output, sources) {
  let built;
  try {
    built = statSync(output).mtimeMs;
  } catch {
    return true;
  }
  return newestMtime(sources) > built;
}

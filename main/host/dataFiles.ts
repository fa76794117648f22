import { existsSync, realpathSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { DataFileEntry, DataFileListing } from '../../shared/protocol/client';
import { HostError } from './hostError';
import { isInside } from './projectPaths';

/** Files the data chooser offers (the formats Deepwire reads). */
const DATA_FILE = /\.(csv|tsv|tab|txt|dat|npy|npz|fits|fit|fts|fits\.gz|fit\.gz|h5|hdf5|hdf|he5)$/i;
/** Folders never worth offering: tools' and caches' own. */
const SKIPPED = new Set(['node_modules', '__pycache__', 'dist', 'out']);
/** At most this many entries per folder listing. */
const MAX_ENTRIES = 500;

const real = (path: string) => (existsSync(path) ? realpathSync(path) : path);

/** Whether `path` stays inside `root`, also once symbolic links are followed. */
export function insideRoot(root: string, path: string): boolean {
  return isInside(root, path) && isInside(real(root), real(path));
}

/**
 * Where the user's data is for a project: `file` against the project file's folder (from
 * `projectPath`, a path in the desktop app or a name in the browser shell, else `root`). With
 * `confine` (the browser shell, whose clients are whoever has the token) both must lie inside
 * `root`, with no `..`, absolute path or symbolic link leading out.
 *
 * @throws HostError 'bad-request' for a path outside the served folder
 */
export function resolveDataPath(
  file: string,
  projectPath: string | undefined,
  root: string,
  confine: boolean,
): { path: string; projectDir: string } {
  const base = resolve(root);
  const projectFile = projectPath ? (isAbsolute(projectPath) ? projectPath : resolve(base, projectPath)) : undefined;
  const projectDir = projectFile ? dirname(projectFile) : base;
  const path = isAbsolute(file) ? file : resolve(projectDir, file);
  if (confine && !(insideRoot(base, projectDir) && insideRoot(base, path))) {
    throw new HostError(
      'bad-request',
      `The data "${file}" is outside the folder Deepwire serves (${base}).`,
      'Put the data inside that folder and choose it again, or start deepwire serve in the folder that holds it.',
    );
  }
  return { path, projectDir };
}

/**
 * One folder of data under `root` for the browser shell's chooser: sub-folders (an image folder is
 * chosen as a folder) and files of the formats Deepwire reads, folders first, by name. `dir` is
 * relative to the root; anything leading outside it is refused.
 */
export async function listDataFiles(root: string, dir = ''): Promise<DataFileListing> {
  const base = resolve(root);
  const here = resolve(base, dir);
  if (isAbsolute(dir) || !insideRoot(base, here)) {
    throw new HostError(
      'bad-request',
      `"${dir}" is outside the folder Deepwire serves (${base}).`,
      'Choose a folder inside it.',
    );
  }
  let entries;
  try {
    entries = await readdir(here, { withFileTypes: true });
  } catch {
    throw new HostError(
      'not-found',
      `There is no folder "${dir}" in ${base}.`,
      'Go back to the top folder and choose again.',
    );
  }
  const rel = (p: string) => relative(base, p).split(sep).join('/');
  const out: DataFileEntry[] = [];
  let truncated = false;
  const visible = entries
    .filter((e) => !e.name.startsWith('.') && !SKIPPED.has(e.name))
    .sort((a, b) => Number(b.isDirectory()) - Number(a.isDirectory()) || a.name.localeCompare(b.name));
  for (const e of visible) {
    const p = join(here, e.name);
    if (!insideRoot(base, p)) continue; // a link out of the folder is not offered
    let info;
    try {
      info = await stat(p);
    } catch {
      continue;
    }
    if (!info.isDirectory() && !(info.isFile() && DATA_FILE.test(e.name))) continue;
    if (out.length === MAX_ENTRIES) {
      truncated = true;
      break;
    }
    out.push({
      name: e.name,
      path: rel(p),
      kind: info.isDirectory() ? 'folder' : 'file',
      ...(info.isFile() ? { bytes: info.size } : {}),
    });
  }
  const dirRel = rel(here);
  return {
    root: base,
    dir: dirRel,
    ...(dirRel ? { parent: rel(dirname(here)) } : {}),
    entries: out,
    ...(truncated ? { truncated } : {}),
  };
}

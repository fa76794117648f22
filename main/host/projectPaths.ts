import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { HostError } from './hostError';

/** `child` is `parent` or lies inside it (lexically; both absolute). */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The real path where it exists (symlinks followed), else the path as given. */
function real(path: string): string {
  return existsSync(path) ? realpathSync(path) : path;
}

/**
 * Resolves a path a project file names (`weights`) against the project file's folder, and refuses
 * one that leads outside it — by `..`, an absolute path or a symbolic link — because a project file
 * from someone else must not make Deepwire read whatever it names on this machine.
 *
 * @throws HostError 'bad-request' naming the field and the path.
 */
export function resolveInsideProject(projectDir: string, ref: string, field: string): string {
  const dir = resolve(projectDir);
  const target = resolve(dir, ref);
  if (!isInside(dir, target) || !isInside(real(dir), real(target))) {
    throw new HostError(
      'bad-request',
      `The project's ${field} "${ref}" points outside the project's folder (${dir}).`,
      `Keep the ${field} inside the folder of the project file (for example "model.weights/model.json") and name it relative to the project file.`,
    );
  }
  return target;
}

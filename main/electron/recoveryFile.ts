import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../engine/files/atomicWrite';

/**
 * The largest recovery text accepted from the page. A project with a thousand layers is well under
 * a megabyte; the cap only stops a runaway (or compromised) page from filling the user's disk.
 */
export const MAX_RECOVERY_BYTES = 32 * 1024 * 1024;

/** The desktop app's recovery file: what the preload's `window.deepwire.recovery` reaches. */
export interface RecoveryFile {
  read(): Promise<string | null>;
  write(text: unknown): Promise<void>;
  clear(): Promise<void>;
}

/**
 * The one file, at `path` in the user-data folder, where the open project's unsaved edits wait for
 * the next start (issue 13, item 5). Written atomically (temp file, fsync, rename), so a crash
 * mid-write leaves the previous copy, never half of one. The page chooses no path: it sends text.
 */
export function recoveryFile(path: string): RecoveryFile {
  // Writes one after another: an older text finishing after a newer one must not win.
  let queue: Promise<unknown> = Promise.resolve();
  const inOrder = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    read: () =>
      inOrder(async () => {
        try {
          return await readFile(path, 'utf8');
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
          throw error;
        }
      }),
    write: (text) => {
      if (typeof text !== 'string') return Promise.reject(new Error('The recovery copy must be text.'));
      if (Buffer.byteLength(text) > MAX_RECOVERY_BYTES)
        return Promise.reject(
          new Error(`The recovery copy is larger than ${MAX_RECOVERY_BYTES / 1024 / 1024} MB and was not kept.`),
        );
      return inOrder(async () => {
        await mkdir(dirname(path), { recursive: true });
        await writeFileAtomic(path, text);
      });
    },
    clear: () => inOrder(() => rm(path, { force: true })),
  };
}

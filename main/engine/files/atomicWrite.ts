import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { open, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/*
 * Every file Deepwire writes goes through here (issue 13, item 4): writing straight over a file
 * means a full disk or a crash mid-write leaves it cut short — a user's project became invalid
 * JSON that way. Instead: a temporary file in the same folder (so the rename stays on one file
 * system and is atomic), fsync, rename over the target, fsync the folder. A reader sees the old
 * file or the new one, never half of one; on failure the temporary file is removed and the old
 * file is untouched.
 */

/** The temporary name beside `target`: hidden, unique per process and call, ends in `.tmp`. */
function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Writes through a symbolic link to the file it names, as a plain write would. */
async function resolveTarget(path: string): Promise<string> {
  return realpath(path).catch(() => path);
}

/**
 * Replaces `path` with `data` atomically (see above). Keeps an existing file's permissions.
 * @throws the file system's error (ENOSPC, EROFS, EACCES…) after removing the temporary file.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const target = await resolveTarget(path);
  const mode = (await stat(target).catch(() => null))?.mode;
  const tmp = tempPathFor(target);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(tmp, 'wx', mode === undefined ? 0o666 : mode & 0o7777);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(tmp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(tmp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(target));
}

/** {@link writeFileAtomic} for the few places that must write synchronously (the recent-files list). */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  let target = path;
  try {
    target = realpathSync(path);
  } catch {
    // a new file
  }
  let mode = 0o666;
  try {
    mode = statSync(target).mode & 0o7777;
  } catch {
    // a new file
  }
  const tmp = tempPathFor(target);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', mode);
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    let written = 0;
    while (written < bytes.byteLength) written += writeSync(fd, bytes, written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, target);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** Makes a rename durable across a power cut; best effort (Windows cannot open a folder for fsync). */
async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // not supported here: the rename is still atomic, only not yet durable
  }
}

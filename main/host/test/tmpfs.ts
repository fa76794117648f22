import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A small tmpfs mounted for a fault test; `undefined` from {@link mountTmpfs} when it cannot be. */
export interface Tmpfs {
  dir: string;
  unmount(): void;
}

/**
 * Mounts a tmpfs of `size` (e.g. '256k') with extra mount `options` (e.g. 'ro'), to make a real
 * full or read-only file system. Needs root (or CAP_SYS_ADMIN); elsewhere it returns the reason it
 * could not, and the caller skips its test with that message rather than pretend.
 */
export function mountTmpfs(size: string, options = ''): Tmpfs | string {
  if (process.platform !== 'linux') return 'tmpfs mounts need Linux';
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root; run the fault suite as root to cover a full disk';
  const dir = mkdtempSync(join(tmpdir(), 'deepwire-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}${options ? `,${options}` : ''}`, 'tmpfs', dir], {
      stdio: 'pipe',
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return `could not mount a tmpfs (${(error as Error).message.split('\n')[0]})`;
  }
  return {
    dir,
    unmount() {
      try {
        execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

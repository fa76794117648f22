import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mountTmpfs } from '../../host/test/tmpfs';
import { writeFileAtomic, writeFileAtomicSync } from './atomicWrite';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deepwire-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic (issue 13, item 4)', () => {
  it('writes, replaces, keeps the permissions, leaves no temporary file', async () => {
    const file = join(dir, 'p.deepwire.json');
    await writeFileAtomic(file, 'one');
    await chmod(file, 0o640);
    await writeFileAtomic(file, new TextEncoder().encode('two'));
    expect(await readFile(file, 'utf8')).toBe('two');
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    writeFileAtomicSync(file, 'three');
    expect(await readFile(file, 'utf8')).toBe('three');
    expect(await readdir(dir)).toEqual(['p.deepwire.json']);
  });

  it('writes through a symbolic link to the file it names', async () => {
    await writeFile(join(dir, 'real.json'), 'old');
    await symlink(join(dir, 'real.json'), join(dir, 'link.json'));
    await writeFileAtomic(join(dir, 'link.json'), 'new');
    expect(await readFile(join(dir, 'real.json'), 'utf8')).toBe('new');
    expect((await stat(join(dir, 'link.json'))).isFile()).toBe(true);
  });

  it('on a full disk: throws ENOSPC, the old file is intact, no temporary file is left', async (ctx) => {
    const fs = mountTmpfs('256k');
    if (typeof fs === 'string') return ctx.skip(fs);
    try {
      const file = join(fs.dir, 'project.deepwire.json');
      const old = `${JSON.stringify({ name: 'kept' })}\n`;
      await writeFileAtomic(file, old);
      await expect(writeFileAtomic(file, 'x'.repeat(1024 * 1024))).rejects.toMatchObject({ code: 'ENOSPC' });
      expect(await readFile(file, 'utf8')).toBe(old);
      expect(await readdir(fs.dir)).toEqual(['project.deepwire.json']);
      expect(() => writeFileAtomicSync(file, 'y'.repeat(1024 * 1024))).toThrow(/ENOSPC/);
      expect(await readdir(fs.dir)).toEqual(['project.deepwire.json']);
    } finally {
      fs.unmount();
    }
  });

  it('a process killed mid-save leaves the old file or the new one, never a cut-short one', async () => {
    const file = join(dir, 'big.json');
    const script = fileURLToPath(new URL('./test/saveForever.ts', import.meta.url));
    const results: string[] = [];
    for (let attempt = 0; attempt < 1; attempt++) {
      const child = spawn(process.execPath, ['--import', 'tsx', script, file], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      // Wait until it has saved at least once, then kill it at an arbitrary moment of a later save.
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((r) => setTimeout(r, 50 + attempt * 37));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const text = await readFile(file, 'utf8');
      const value = JSON.parse(text) as { fill: string; n: number };
      results.push(`${value.n}:${value.fill.length}`);
      expect(value.fill.length).toBe(1024 * 1024);
    }
    expect(results).toHaveLength(1);
    // kill -9 cannot clean up: at most the one temporary file of the save it interrupted, per kill.
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp')).length).toBeLessThanOrEqual(1);
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_RECOVERY_BYTES, recoveryFile } from './recoveryFile';

const dirs: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deepwire-recovery-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('recoveryFile (issue 13, item 5)', () => {
  it('reads null before anything is kept, then the last text written, and nothing after clear', async () => {
    const dir = scratch();
    const path = join(dir, 'recovery', 'unsaved-project.json');
    const file = recoveryFile(path);
    expect(await file.read()).toBeNull();
    // Not awaited one by one: the second write is queued behind the first and wins.
    await Promise.all([file.write('first'), file.write('second')]);
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(await file.read()).toBe('second');
    // No temporary files left beside it.
    expect(readdirSync(join(dir, 'recovery'))).toEqual(['unsaved-project.json']);
    await file.clear();
    expect(await file.read()).toBeNull();
    await file.clear(); // clearing twice is fine
  });

  it('refuses what is not text, or is larger than the cap, and keeps the copy it had', async () => {
    const path = join(scratch(), 'unsaved-project.json');
    const file = recoveryFile(path);
    await file.write('kept');
    await expect(file.write({ not: 'text' })).rejects.toThrow(/must be text/);
    await expect(file.write('x'.repeat(MAX_RECOVERY_BYTES + 1))).rejects.toThrow(/larger than 32 MB/);
    expect(await file.read()).toBe('kept');
  });
});

import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { trainerEntry } from './trainerEntry';

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

/** A repository with one source file and (optionally) the bundle, each with its own time. */
function repo(sourceAt: number, bundleAt?: number): string {
  const root = mkdtempSync(join(tmpdir(), 'dw-entry-'));
  roots.push(root);
  const put = (path: string, at: number) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), '');
    utimesSync(join(root, path), at, at);
  };
  put('main/engine/trainerMain.ts', sourceAt);
  put('shared/a.ts', sourceAt);
  if (bundleAt !== undefined) {
    put('dist/main/trainer.cjs', bundleAt);
    put('dist/main/gradientWorker.cjs', bundleAt);
  }
  return root;
}

describe('the trainer the CLI and serve fork', () => {
  it('is the bundle when it is newer than every source', () => {
    const root = repo(1_000, 2_000);
    expect(trainerEntry(root, {})).toBe(join(root, 'dist/main/trainer.cjs'));
  });

  it('is the source when a source changed after the bundle, or there is no bundle', () => {
    expect(trainerEntry(repo(3_000, 2_000), {})).toMatch(/main\/engine\/trainerMain\.ts$/);
    expect(trainerEntry(repo(1_000), {})).toMatch(/main\/engine\/trainerMain\.ts$/);
  });

  it('is the source when asked (DEEPWIRE_TRAINER=source)', () => {
    expect(trainerEntry(repo(1_000, 2_000), { DEEPWIRE_TRAINER: 'source' })).toMatch(/trainerMain\.ts$/);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pythonExecutable } from '../engine/export/pythonRunner';
import { makeRun } from '../engine/export/test/runFixture';
import { runExportCommand } from './export';

/*
 * `deepwire export RUN --format pytorch|keras`: the folders the command writes, with the exporters'
 * check run on the run's test split, and train.py usable on the data.npz it wrote.
 */

let root: string;
const hasTorch = spawnSync(pythonExecutable(), ['-c', 'import torch, h5py'], { encoding: 'utf8' }).status === 0;
const python = hasTorch || process.env.CI ? it : it.skip;

beforeAll(async () => {
  vi.stubEnv('DEEPWIRE_BACKEND', 'cpu');
  root = await mkdtemp(join(tmpdir(), 'dw-export-pt-keras-'));
  vi.stubEnv('DEEPWIRE_RUNS_DIR', join(root, 'runs'));
  await makeRun(join(root, 'runs'), 'run-ok', { classNames: ['negative', 'positive'] });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(root, { recursive: true, force: true });
});

async function exportCli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  try {
    const code = await runExportCommand(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('deepwire export --format pytorch|keras', () => {
  python(
    'pytorch: model.py, model.safetensors, train.py, data.npz and README, checked; train.py trains on the data',
    async () => {
      const out = join(root, 'pt');
      const r = await exportCli('run-ok', '--format', 'pytorch', '--out', out);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/Check passed: max relative error/);
      expect((await readdir(out)).sort()).toEqual([
        'README.md',
        'data.npz',
        'deepwire-export.json',
        'model.py',
        'model.safetensors',
        'train.py',
      ]);
      const meta = JSON.parse(await readFile(join(out, 'deepwire-export.json'), 'utf8'));
      expect(meta.check).toMatchObject({ status: 'passed' });
      expect(meta.check.runtime).toMatch(/PyTorch/);
      const readme = await readFile(join(out, 'README.md'), 'utf8');
      expect(readme).toMatch(/torch\.distributed\.run --nproc_per_node=4 train\.py/);
      const t = spawnSync(pythonExecutable(), ['train.py', '--epochs', '1'], { cwd: out, encoding: 'utf8' });
      expect(t.status, t.stderr).toBe(0);
      expect(t.stdout).toMatch(/epoch 1\/1: loss [0-9.]+, val_loss/);
    },
    180_000,
  );

  python(
    'keras: model.keras, model.py and README, checked by the NumPy interpreter',
    async () => {
      const out = join(root, 'keras');
      const r = await exportCli('run-ok', '--format', 'keras', '--out', out);
      expect(r.code, r.err).toBe(0);
      expect((await readdir(out)).sort()).toEqual(['README.md', 'deepwire-export.json', 'model.keras', 'model.py']);
      const meta = JSON.parse(await readFile(join(out, 'deepwire-export.json'), 'utf8'));
      expect(meta.check).toMatchObject({ status: 'passed' });
      expect(meta.check.runtime).toMatch(/NumPy .*Keras itself not run/);
      expect(await readFile(join(out, 'README.md'), 'utf8')).toMatch(/Keras itself did not load/);
    },
    180_000,
  );
});

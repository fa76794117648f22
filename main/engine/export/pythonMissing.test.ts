import * as tf from '@tensorflow/tfjs';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { kerasExporter } from './keras';
import { pytorchExporter } from './pytorch';
import { referenceBatch, sourceFromGraph } from './testFixtures';
import { chain } from './trapGraphs';

/*
 * Without a usable Python the PyTorch and Keras checks are skipped with the reason and what to do,
 * and the files are still written: no Python at all (DEEPWIRE_PYTHON pointing nowhere), and a
 * Python without torch/h5py (a stand-in script that fails the import the way Python does).
 */

const root = mkdtempSync(join(tmpdir(), 'dw-python-missing-'));
const noTorch = join(root, 'python-without-modules');
writeFileSync(noTorch, '#!/bin/sh\necho "ModuleNotFoundError: No module named \'torch\'" >&2\nexit 1\n');
chmodSync(noTorch, 0o755);
const noH5py = join(root, 'python-without-h5py');
writeFileSync(noH5py, '#!/bin/sh\necho "ModuleNotFoundError: No module named \'h5py\'" >&2\nexit 1\n');
chmodSync(noH5py, 0o755);

const source = () => sourceFromGraph(chain([4], [['Dense', { units: 2 }]]));
let n = 0;
async function exported(exporter: typeof pytorchExporter) {
  const dir = join(root, `e${n++}`);
  mkdirSync(dir);
  const s = source();
  const files = await exporter.write(s, dir);
  return { dir, files, batch: referenceBatch(s.model, 2) };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => vi.unstubAllEnvs());
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('checks that cannot run', () => {
  it('no Python at all: skipped, saying how to fix it', async () => {
    vi.stubEnv('DEEPWIRE_PYTHON', join(root, 'nowhere', 'python3'));
    const { dir, files, batch } = await exported(pytorchExporter);
    expect(files).toContain('model.py');
    const r = await pytorchExporter.check(dir, batch);
    expect(r).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/could not be started.*DEEPWIRE_PYTHON/),
    });
  });

  it('a Python without torch: the PyTorch check is skipped, naming the module', async () => {
    vi.stubEnv('DEEPWIRE_PYTHON', noTorch);
    const { dir, batch } = await exported(pytorchExporter);
    expect(await pytorchExporter.check(dir, batch)).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/has no torch module; install it/),
    });
  });

  it('a Python without h5py: the Keras check is skipped, naming the module', async () => {
    vi.stubEnv('DEEPWIRE_PYTHON', noH5py);
    const { dir, batch } = await exported(kerasExporter);
    expect(await kerasExporter.check(dir, batch)).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/has no h5py module/),
    });
  });

  it('a model with two inputs: both checks skipped, saying why (the reference batch has one)', async () => {
    const graph = {
      nodes: [
        { id: 'a', kind: 'Input', params: { shape: [3] } },
        { id: 'b', kind: 'Input', params: { shape: [3] } },
        { id: 'sum', kind: 'Add', params: {} },
      ],
      edges: [
        { source: 'a', target: 'sum' },
        { source: 'b', target: 'sum' },
      ],
    };
    const s = sourceFromGraph(graph);
    const batch = {
      input: { shape: [1, 3], values: new Float32Array(3) },
      output: { shape: [1, 3], values: new Float32Array(3) },
    };
    for (const exporter of [pytorchExporter, kerasExporter]) {
      const dir = join(root, `two-${exporter.format}`);
      mkdirSync(dir);
      await exporter.write(s, dir);
      const r = await exporter.check(dir, batch);
      if (r.status === 'skipped' && /module|started/.test(r.reason) && !process.env.CI) continue;
      expect(r).toMatchObject({ status: 'skipped', reason: expect.stringContaining('has 2 inputs') });
    }
  });
});

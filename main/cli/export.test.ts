import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadSource, resolveTarget } from '../engine/export/exportSource';
import { ExportError } from '../engine/export/exportError';
import { runExport, ExportCheckFailed } from '../engine/export/runExport';
import { makeRun, projectFile, XOR_GRAPH } from '../engine/export/test/runFixture';
import type { Exporter } from '../engine/export/types';
import { runExportCommand } from './export';

let root: string;

beforeAll(async () => {
  vi.stubEnv('DEEPWIRE_BACKEND', 'cpu');
  root = await mkdtemp(join(tmpdir(), 'dw-export-'));
  vi.stubEnv('DEEPWIRE_RUNS_DIR', join(root, 'runs'));
  await makeRun(join(root, 'runs'), 'run-ok', { classNames: ['negative', 'positive'] });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(root, { recursive: true, force: true });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  return { out, err, restore: () => (log.mockRestore(), error.mockRestore()) };
}

async function exportCli(...args: string[]) {
  const c = capture();
  try {
    const code = await runExportCommand(args);
    return { code, out: c.out.join('\n'), err: c.err.join('\n') };
  } finally {
    c.restore();
  }
}

/** Nothing but the named entries in a folder: no temporary or replaced folders left behind. */
const entries = async (dir: string) => (await readdir(dir)).sort();

describe('deepwire export', () => {
  it('exports a run by id to ONNX with the check, deepwire-export.json and a README', async () => {
    const out = join(root, 'a', 'onnx');
    const r = await exportCli('run-ok', '--format', 'onnx', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Check passed: max relative error/);
    expect(await entries(out)).toEqual(['README.md', 'deepwire-export.json', 'model.onnx']);
    const meta = JSON.parse(await readFile(join(out, 'deepwire-export.json'), 'utf8'));
    expect(meta).toMatchObject({
      format: 'deepwire-export',
      exportFormat: 'onnx',
      source: { run: 'run-ok', project: 'Fixture' },
      versions: { onnxIrVersion: 8, onnxOpset: 13 },
      input: { name: 'input', shape: [null, 2] },
      output: { name: 'output', classNames: ['negative', 'positive'] },
      check: { status: 'passed', examples: 8 },
    });
    expect(meta.check.batch).toMatch(/test split of xor/);
    expect(await readFile(join(out, 'README.md'), 'utf8')).toMatch(/deepwire predict run-ok --input x\.npy/);
    expect(await entries(join(root, 'a'))).toEqual(['onnx']);
  });

  it('exports to TF.js (model.json loadable by tf.loadLayersModel, checked by reloading)', async () => {
    const out = join(root, 'tfjs');
    const r = await exportCli(join(root, 'runs', 'run-ok'), '--format', 'tfjs', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(await entries(out)).toEqual(['README.md', 'deepwire-export.json', 'model.json', 'weights.bin']);
    const meta = JSON.parse(await readFile(join(out, 'deepwire-export.json'), 'utf8'));
    expect(meta.check).toMatchObject({ status: 'passed', maxRelativeError: 0 });
  });

  it('refuses an existing folder without --force and leaves it as it was', async () => {
    const out = join(root, 'b', 'existing');
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'keep.txt'), 'mine');
    const r = await exportCli('run-ok', '--format', 'onnx', '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/already exists[\s\S]*--force/);
    expect(await entries(out)).toEqual(['keep.txt']);
    expect(await entries(join(root, 'b'))).toEqual(['existing']);
  });

  it('--force replaces the folder and leaves nothing else beside it', async () => {
    const out = join(root, 'c', 'existing');
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'old.txt'), 'old');
    const r = await exportCli('run-ok', '--format', 'onnx', '--out', out, '--force');
    expect(r.code, r.err).toBe(0);
    expect(await entries(out)).toEqual(['README.md', 'deepwire-export.json', 'model.onnx']);
    expect(await entries(join(root, 'c'))).toEqual(['existing']);
  });

  it('refuses a failed run and a run without a saved model; nothing is written', async () => {
    await makeRun(join(root, 'runs'), 'run-failed', { status: 'failed' });
    await makeRun(join(root, 'runs'), 'run-empty', { model: false });
    const failed = await exportCli('run-failed', '--format', 'onnx', '--out', join(root, 'd', 'x'));
    expect(failed.code).toBe(2);
    expect(failed.err).toMatch(/run-failed failed \(The loss became NaN\)/);
    const empty = await exportCli('run-empty', '--format', 'onnx', '--out', join(root, 'd', 'y'));
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/has no saved model/);
    await expect(readdir(join(root, 'd'))).rejects.toThrow();
  });

  it('refuses a layer ONNX cannot express, naming the node; nothing is left half-written', async () => {
    const graph = {
      nodes: [
        { id: 'seq', kind: 'Input', params: { shape: [5, 2] } },
        { id: 'rnn', kind: 'SimpleRNN', params: { units: 3, activation: 'selu' } },
      ],
      edges: [{ source: 'seq', target: 'rnn' }],
    };
    const path = join(root, 'e', 'rnn.deepwire.json');
    await mkdir(join(root, 'e'), { recursive: true });
    await writeFile(path, JSON.stringify(projectFile(graph, { training: undefined })));
    const r = await exportCli(path, '--format', 'onnx', '--out', join(root, 'e', 'out'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/rnn \(SimpleRNN\): the activation "selu" cannot run inside ONNX's SimpleRNN operator/);
    expect(await entries(join(root, 'e'))).toEqual(['rnn.deepwire.json']);
  });

  it('exports a project file (untrained architecture) and says so', async () => {
    const path = join(root, 'xor.deepwire.json');
    await writeFile(path, JSON.stringify(projectFile(XOR_GRAPH)));
    const r = await exportCli(path, '--format', 'onnx', '--out', join(root, 'proj'));
    expect(r.code, r.err).toBe(0);
    const meta = JSON.parse(await readFile(join(root, 'proj', 'deepwire-export.json'), 'utf8'));
    expect(meta.source.weights).toMatch(/untrained/);
    expect(meta.check.status).toBe('passed');
  });

  it("checks a run on the user's own file on that file's first examples, standardised as in training", async () => {
    const csv = join(root, 'xor.csv');
    await writeFile(csv, 'a,b,label\n0,0,no\n0,1,yes\n1,0,yes\n1,1,no\n');
    await makeRun(join(root, 'runs'), 'run-file', {
      training: { dataset: { file: csv, target: 'label' }, seed: 3 },
      inputScaling: { kind: 'features', positions: [0, 1], names: ['a', 'b'], mean: [0.5, 0.5], std: [0.5, 0.5] },
    });
    const out = join(root, 'file-onnx');
    const r = await exportCli('run-file', '--format', 'onnx', '--out', out);
    expect(r.code, r.err).toBe(0);
    const meta = JSON.parse(await readFile(join(out, 'deepwire-export.json'), 'utf8'));
    expect(meta.check).toMatchObject({ status: 'passed', examples: 4 });
    expect(meta.check.batch).toMatch(/first 4 examples of .*xor\.csv, standardised/);
    expect(meta.input.scaling).toMatchObject({ kind: 'features', mean: [0.5, 0.5] });
    expect(meta.output.classNames).toEqual(['no', 'yes']);
  });

  it('bad arguments: unknown format, missing --out (exit 2)', async () => {
    expect((await exportCli('run-ok', '--format', 'caffe', '--out', join(root, 'z'))).code).toBe(2);
    expect((await exportCli('run-ok', '--format', 'onnx')).code).toBe(2);
  });
});

describe('runExport never leaves a half-written folder', () => {
  const failingWrite: Exporter = {
    format: 'onnx',
    async write(_source, dir) {
      await writeFile(join(dir, 'partial.bin'), 'half');
      throw new ExportError('disk full (simulated)');
    },
    check: async () => ({ status: 'skipped', reason: 'never reached' }),
  };
  const failingCheck: Exporter = {
    format: 'onnx',
    write: async (_source, dir) => (await writeFile(join(dir, 'model.onnx'), 'wrong'), ['model.onnx']),
    check: async () => ({
      status: 'failed',
      maxRelativeError: 0.5,
      tolerance: 1e-4,
      runtime: 'fake',
      examples: 8,
      detail: 'off',
    }),
  };

  it.each([
    ['a write that fails midway', failingWrite, ExportError],
    ['a check that fails', failingCheck, ExportCheckFailed],
  ] as const)(
    '%s: the existing folder (with --force) is kept, no temporary folder remains',
    async (_n, exporter, type) => {
      const parent = join(root, `f-${exporter === failingWrite ? 'w' : 'c'}`);
      const out = join(parent, 'export');
      await mkdir(out, { recursive: true });
      await writeFile(join(out, 'previous.txt'), 'previous export');
      const loaded = await loadSource(await resolveTarget('run-ok', join(root, 'runs')));
      await expect(runExport(loaded, { format: 'onnx', out, force: true, target: 'run-ok', exporter })).rejects.toThrow(
        type,
      );
      expect(await entries(parent)).toEqual(['export']);
      expect(await entries(out)).toEqual(['previous.txt']);
    },
  );
});

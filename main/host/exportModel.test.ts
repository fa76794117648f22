import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportOutcome } from '../../shared/protocol/exports';
import { makeRun, projectFile, XOR_GRAPH } from '../engine/export/test/runFixture';
import { fakeCatalog } from './test/hostFixtures';
import { Host } from './host';
import { fileRunStore } from './runStore';
import { forkTrainerLauncher } from './trainerLauncher';
import { TRAINER_ENTRY } from './trainerProcess';

/*
 * EngineClient.exportModel end to end in the host: the export runs in a real trainer process (the
 * host never loads TF.js), into <served folder>/exports/<name> in the browser shell.
 */

let root: string;
let host: Host;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dw-host-export-'));
  const runs = fileRunStore(join(root, 'runs'));
  await makeRun(runs.root, 'run-ok');
  await makeRun(runs.root, 'run-failed', { status: 'failed' });
  host = new Host({
    catalog: fakeCatalog,
    runs,
    launchTrainer: forkTrainerLauncher(TRAINER_ENTRY, { env: { ...process.env, DEEPWIRE_BACKEND: 'cpu' } }),
    projectRoot: join(root, 'served'),
    confineToProjectRoot: true,
    shutdownGraceMs: 500,
  });
});
afterAll(async () => {
  await host.shutdown();
  await rm(root, { recursive: true, force: true });
});

describe('host exportModel', () => {
  it('exports a run into exports/<name>; refuses to overwrite it unless forced; exports a project', async () => {
    const first = await host.call('exportModel', [{ format: 'onnx', runId: 'run-ok', destination: 'xor-onnx' }]);
    expect(first.ok, JSON.stringify(first)).toBe(true);
    const outcome = (first as { value: ExportOutcome }).value;
    expect(outcome.dir).toBe(join(root, 'served', 'exports', 'xor-onnx'));
    expect(outcome.check).toMatchObject({ status: 'passed' });
    expect((await readdir(outcome.dir)).sort()).toEqual(['README.md', 'deepwire-export.json', 'model.onnx']);

    const again = await host.call('exportModel', [{ format: 'onnx', runId: 'run-ok', destination: 'xor-onnx' }]);
    expect(again).toMatchObject({ ok: false, error: { code: 'exists' } });
    // Replaced on request, here by the canvas's project (its untrained architecture) in TF.js.
    const forced = await host.call('exportModel', [
      { format: 'tfjs', project: projectFile(XOR_GRAPH), destination: 'xor-onnx', force: true },
    ]);
    expect(forced.ok, JSON.stringify(forced)).toBe(true);
    expect((await readdir(outcome.dir)).sort()).toEqual([
      'README.md',
      'deepwire-export.json',
      'model.json',
      'weights.bin',
    ]);
  });

  it('says why a failed run cannot be exported; refuses paths it was not given', async () => {
    const failed = await host.call('exportModel', [{ format: 'onnx', runId: 'run-failed', destination: 'nope' }]);
    expect(failed).toMatchObject({ ok: false, error: { code: 'export-refused' } });
    expect((failed as { error: { message: string } }).error.message).toMatch(/failed \(The loss became NaN\)/);
    const outside = await host.call('exportModel', [
      { format: 'onnx', runId: 'run-ok', destination: '/tmp/elsewhere' },
    ]);
    expect(outside).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const dots = await host.call('exportModel', [{ format: 'onnx', runId: 'run-ok', destination: '../up' }]);
    expect(dots).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const both = await host.call('exportModel', [
      { format: 'onnx', runId: 'run-ok', project: projectFile(XOR_GRAPH), destination: 'both' },
    ]);
    expect(both).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await readdir(join(root, 'served', 'exports'))).not.toContain('nope');
  });
});

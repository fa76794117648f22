import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newProject } from '../../shared/project';
import type { TrainerCommand } from '../../shared/protocol/trainer';
import { Host } from './host';
import { resolveInsideProject } from './projectPaths';
import { fileRunStore } from './runStore';
import { fakeCatalog } from './test/hostFixtures';
import type { TrainerLauncher } from './trainerLauncher';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dw-paths-'));
  await mkdir(join(root, 'proj', 'net.weights'), { recursive: true });
  await writeFile(join(root, 'proj', 'net.weights', 'model.json'), '{}');
  await writeFile(join(root, 'secret.json'), '{}');
  await symlink(join(root, 'secret.json'), join(root, 'proj', 'link.json'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('resolveInsideProject', () => {
  it('resolves a path relative to the project folder', () => {
    const dir = join(root, 'proj');
    expect(resolveInsideProject(dir, 'net.weights/model.json', 'weights')).toBe(join(dir, 'net.weights', 'model.json'));
    expect(resolveInsideProject(dir, './net.weights/../net.weights/model.json', 'weights')).toBe(
      join(dir, 'net.weights', 'model.json'),
    );
  });

  it.each([['../secret.json'], ['/etc/passwd'], ['net.weights/../../secret.json'], ['link.json']])(
    'refuses %s, which leads outside the project folder',
    (ref) => {
      expect(() => resolveInsideProject(join(root, 'proj'), ref, 'weights')).toThrow(
        /points outside the project's folder/,
      );
    },
  );
});

/** A launcher that records the start command and ends the run at once (no process). */
function recordingLauncher(starts: TrainerCommand[]): TrainerLauncher {
  return () => {
    let onMessage: (m: unknown) => void = () => {};
    let onExit: (e: { code: number; signal: null }) => void = () => {};
    setTimeout(() => onMessage({ type: 'ready', pid: 1 }), 0);
    return {
      pid: 1,
      send(command) {
        if (command.type === 'start') {
          starts.push(command);
          onMessage({ type: 'failed', runId: command.runId, code: 'internal', message: 'test' });
        }
        if (command.type === 'shutdown') setTimeout(() => onExit({ code: 0, signal: null }), 0);
      },
      onMessage: (l) => (onMessage = l),
      onExit: (l) => (onExit = l),
      kill: () => onExit({ code: 0, signal: null }),
    };
  };
}

describe('Host: a project’s initial weights', () => {
  const host = (starts: TrainerCommand[], confine: boolean) =>
    new Host({
      catalog: fakeCatalog,
      runs: fileRunStore(join(root, 'runs')),
      launchTrainer: recordingLauncher(starts),
      projectRoot: root,
      confineToProjectRoot: confine,
    });

  it('are looked for next to the project file (a path under Electron, a name in the served folder)', async () => {
    const starts: TrainerCommand[] = [];
    const h = host(starts, true);
    const p = { ...newProject('W1'), weights: 'net.weights/model.json' };
    expect(await h.call('startRun', [p, { projectPath: join(root, 'proj', 'w.deepwire.json') }])).toMatchObject({
      ok: true,
    });
    const q = { ...newProject('W2'), weights: 'proj/net.weights/model.json' };
    expect(await h.call('startRun', [q, { projectPath: 'w.deepwire.json' }])).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 50));
    expect(starts.map((s) => s.type === 'start' && s.initialWeights)).toEqual([
      join(root, 'proj', 'net.weights', 'model.json'),
      join(root, 'proj', 'net.weights', 'model.json'),
    ]);
    await h.shutdown();
  });

  it('refuses weights outside the project folder, and (browser shell) a project outside the served folder', async () => {
    const starts: TrainerCommand[] = [];
    const h = host(starts, true);
    const out = await h.call('startRun', [
      { ...newProject('W3'), weights: '../secret.json' },
      { projectPath: 'proj/w.deepwire.json' },
    ]);
    expect(out).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(!out.ok && out.error.message).toMatch(/points outside the project's folder/);
    const away = await h.call('startRun', [
      { ...newProject('W4'), weights: 'model.json' },
      { projectPath: '/tmp/elsewhere/w.deepwire.json' },
    ]);
    expect(!away.ok && away.error.message).toMatch(/outside the folder Deepwire serves/);
    expect(starts).toEqual([]);
    await h.shutdown();
  });
});

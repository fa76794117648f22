import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newProject } from '../../shared/project';
import { fileRunStore, type RunStore } from './runStore';

let root: string;
let store: RunStore;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'deepwire-runs-'));
  store = fileRunStore(root);
});
afterEach(() => rm(root, { recursive: true, force: true }));

const ids = (runs: { runId: string }[]) => runs.map((r) => r.runId).sort();

describe('fileRunStore.list', () => {
  it('records the project id and keeps a project’s runs across a rename', async () => {
    const { runId } = await store.create(newProject('Before', 'p-1'));
    expect((await store.get(runId)).summary).toMatchObject({ projectName: 'Before', projectId: 'p-1' });
    expect(ids(await store.list('After', 'p-1'))).toEqual([runId]);
    expect(await store.list('After')).toEqual([]); // by name alone (an older client) it is not "After"'s
  });

  it('does not share runs between two projects with the same name', async () => {
    const a = await store.create(newProject('Untitled', 'a'));
    const b = await store.create(newProject('Untitled', 'b'));
    expect(ids(await store.list('Untitled', 'a'))).toEqual([a.runId]);
    expect(ids(await store.list('Untitled', 'b'))).toEqual([b.runId]);
    expect(ids(await store.list('Untitled'))).toEqual(ids([a, b]));
  });

  it('still finds runs recorded before projects had ids, by name', async () => {
    const dir = join(root, 'old-run');
    await mkdir(dir);
    const old = { runId: 'old-run', projectName: 'Tiny', createdAt: '2025-01-01T00:00:00.000Z', status: 'completed' };
    await writeFile(join(dir, 'summary.json'), JSON.stringify({ ...old, epochsCompleted: 1 }));
    const fresh = await store.create(newProject('Tiny', 'x'));
    const noId = await store.create(newProject('Tiny'));
    expect(ids(await store.list('Tiny', 'x'))).toEqual(ids([old, fresh, noId]));
    expect(ids(await store.list('Other', 'x'))).toEqual([fresh.runId]);
    expect(ids(await store.list('Tiny'))).toEqual(ids([old, fresh, noId]));
  });
});

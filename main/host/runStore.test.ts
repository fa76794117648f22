import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newProject } from '../../shared/project';
import { fileRunStore, type RunStore } from './runStore';
import { RUNS_INDEX_FILE } from './runsIndex';

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

describe('the persistent runs index (issue 13, item 7)', () => {
  const summaryOf = (runId: string, projectName = 'Tiny') => ({
    runId,
    projectName,
    createdAt: '2026-01-01T00:00:00.000Z',
    status: 'completed',
    epochsCompleted: 2,
  });
  async function writeRun(runId: string, summary: object = summaryOf(runId)): Promise<void> {
    await mkdir(join(root, runId), { recursive: true });
    await writeFile(join(root, runId, 'summary.json'), JSON.stringify(summary));
  }

  it('a new store lists from the index while the summaries are unchanged, and re-reads one that changed', async () => {
    await writeRun('run-a');
    await writeRun('run-b');
    expect(ids(await store.list('Tiny'))).toEqual(['run-a', 'run-b']);
    const index = JSON.parse(await readFile(join(root, RUNS_INDEX_FILE), 'utf8'));
    expect(Object.keys(index.runs).sort()).toEqual(['run-a', 'run-b']);

    // Proof that the index is read: an entry that still matches its file's mtime and size is
    // believed (here edited to say 9 epochs) without opening the summary.
    index.runs['run-a'][2].epochsCompleted = 9;
    await writeFile(join(root, RUNS_INDEX_FILE), JSON.stringify(index));
    const byId = async (s: RunStore) => new Map((await s.list('Tiny')).map((r) => [r.runId, r]));
    expect((await byId(fileRunStore(root))).get('run-a')?.epochsCompleted).toBe(9);

    // A summary rewritten since (other size and mtime) is read again, never taken from the index.
    await writeRun('run-a', { ...summaryOf('run-a'), status: 'stopped', epochsCompleted: 1, note: 'longer now' });
    expect((await byId(fileRunStore(root))).get('run-a')).toMatchObject({ status: 'stopped', epochsCompleted: 1 });
  });

  it('drops deleted runs, adds new ones, and is not itself listed as a run', async () => {
    await writeRun('run-a');
    await store.list('Tiny');
    await rm(join(root, 'run-a'), { recursive: true });
    await writeRun('run-c');
    expect(ids(await fileRunStore(root).list('Tiny'))).toEqual(['run-c']);
    const index = JSON.parse(await readFile(join(root, RUNS_INDEX_FILE), 'utf8'));
    expect(Object.keys(index.runs)).toEqual(['run-c']);
  });

  it.each([
    ['not JSON', '{"format":"deepwire-runs-index",'],
    ['another format', JSON.stringify({ format: 'x', version: 1, runs: { 'run-a': [0, 0, summaryOf('gone')] } })],
    [
      'entries of the wrong shape',
      JSON.stringify({ format: 'deepwire-runs-index', version: 1, runs: { 'run-a': 1, ['__proto__']: [1, 2, 3] } }),
    ],
  ])('an index that is %s is ignored and rewritten', async (_name, text) => {
    await writeRun('run-a');
    await writeFile(join(root, RUNS_INDEX_FILE), text);
    expect(await store.list('Tiny')).toMatchObject([summaryOf('run-a')]);
    const index = JSON.parse(await readFile(join(root, RUNS_INDEX_FILE), 'utf8'));
    expect(index).toMatchObject({ format: 'deepwire-runs-index', version: 1 });
    expect(Object.keys(index.runs)).toEqual(['run-a']);
  });

  it('never indexes a running run (its status depends on a live process)', async () => {
    await writeRun('run-r', { ...summaryOf('run-r'), status: 'running' });
    expect(await store.list('Tiny')).toMatchObject([{ runId: 'run-r', status: 'running' }]);
    const index = await readFile(join(root, RUNS_INDEX_FILE), 'utf8').catch(() => '{"runs":{}}');
    expect(Object.keys(JSON.parse(index).runs)).toEqual([]);
  });
});

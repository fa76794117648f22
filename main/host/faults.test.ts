import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newProject } from '../../shared/project';
import { runTrain } from '../cli/train';
import { Host } from './host';
import { OWNER_FILE } from './runListing';
import { fileRunStore, type RunStore } from './runStore';
import { fakeCatalog, FAKE_TRAINER } from './test/hostFixtures';
import { mountTmpfs } from './test/tmpfs';
import { forkTrainerLauncher } from './trainerLauncher';

// The fault suite (issue 13): what happens to runs when processes die, the disk fills up or turns
// read-only, run folders are damaged, or file descriptors run short.

let root: string;
let store: RunStore;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'deepwire-faults-'));
  store = fileRunStore(root);
});
afterEach(() => rm(root, { recursive: true, force: true }));

const TSX = ['--import', 'tsx'];
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** A pid that surely belongs to no process: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => child.once('exit', r));
  return child.pid!;
}

describe('runs stuck at running (item 6)', () => {
  it('a running run whose process is gone is listed, read and recovered as failed "interrupted"', async () => {
    const a = await store.create(newProject('Tiny'));
    const b = await store.create(newProject('Tiny'));
    await store.setOwner(a.runId, await deadPid());
    await store.setOwner(b.runId, process.pid); // alive: left alone
    const listed = await store.list('Tiny');
    expect(listed.find((r) => r.runId === a.runId)).toMatchObject({
      status: 'failed',
      failure: { code: 'interrupted', hint: expect.stringContaining('Continue') },
    });
    expect(listed.find((r) => r.runId === b.runId)).toMatchObject({ status: 'running' });
    // Written to disk, so every later reader agrees.
    expect(JSON.parse(await readFile(join(a.runDir, 'summary.json'), 'utf8'))).toMatchObject({ status: 'failed' });

    const c = await store.create(newProject('Other'));
    await store.setOwner(c.runId, await deadPid());
    expect(await store.recoverInterrupted()).toEqual([c.runId]);
    expect((await store.get(c.runId)).summary.status).toBe('failed');
  });

  it('kill -9 of the host mid-run: the next host marks the run interrupted', async () => {
    const child = spawn(process.execPath, [...TSX, here('./test/hostChild.ts'), root], {
      env: { ...process.env, FAKE_TRAINER: 'hang' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const runId = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        const m = /"started":"([^"]+)"/.exec(d.toString());
        if (m) resolve(m[1]);
      });
      child.once('exit', () => reject(new Error('the host child exited before its run started')));
    });
    await expect
      .poll(async () => (await readFile(join(root, runId, OWNER_FILE), 'utf8').catch(() => '')).length)
      .toBeGreaterThan(0);
    const owner = JSON.parse(await readFile(join(root, runId, OWNER_FILE), 'utf8')) as { pid: number };
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // Its trainer notices the closed channel and exits.
    await expect
      .poll(
        () => {
          try {
            process.kill(owner.pid, 0);
            return 'alive';
          } catch {
            return 'gone';
          }
        },
        { timeout: 15_000 },
      )
      .toBe('gone');
    expect((JSON.parse(await readFile(join(root, runId, 'summary.json'), 'utf8')) as { status: string }).status).toBe(
      'running',
    );

    const host = new Host({ catalog: fakeCatalog, runs: store, launchTrainer: forkTrainerLauncher(FAKE_TRAINER) });
    await host.shutdown(); // waits for the start-up recovery
    expect((await store.get(runId)).summary).toMatchObject({ status: 'failed', failure: { code: 'interrupted' } });
  });
});

describe('damaged run folders are listed as broken, with the reason (item 7)', () => {
  it.each([
    ['an empty run folder', (dir: string) => mkdirSync(dir), 'it has no summary.json'],
    ['an empty summary', (dir: string) => (mkdirSync(dir), writeFileSync(join(dir, 'summary.json'), '')), 'empty'],
    [
      'a cut-short summary',
      (dir: string) => (mkdirSync(dir), writeFileSync(join(dir, 'summary.json'), '{"runId":"x","proj')),
      'not valid JSON',
    ],
    [
      'a summary without a run’s fields',
      (dir: string) => (mkdirSync(dir), writeFileSync(join(dir, 'summary.json'), '[1,2]')),
      'lacks the fields',
    ],
    [
      'a summary that is a folder',
      (dir: string) => mkdirSync(join(dir, 'summary.json'), { recursive: true }),
      'EISDIR',
    ],
  ])('%s', async (_name, damage, reason) => {
    const good = await store.create(newProject('Tiny'));
    const runId = '20250101-120000-tiny-abcdef';
    damage(join(root, runId));
    writeFileSync(join(root, 'notes.txt'), 'not a run'); // a stray file is not a run
    const listed = await store.list('Tiny');
    expect(listed.map((r) => r.runId).sort()).toEqual([runId, good.runId].sort());
    expect(listed.find((r) => r.runId === runId)).toMatchObject({
      status: 'failed',
      createdAt: '2025-01-01T12:00:00.000Z',
      failure: { code: 'broken', message: expect.stringContaining(reason) },
    });
    expect(await store.list('Other')).toEqual([]); // matched to its project by the name in its id
  });

  it('a broken summary beside a readable project file is matched by the project’s id', async () => {
    const { runId, runDir } = await store.create(newProject('Renamed later', 'p-9'));
    await writeFile(join(runDir, 'summary.json'), '{');
    expect(await store.list('New name', 'p-9')).toMatchObject([{ runId, failure: { code: 'broken' } }]);
  });
});

describe('2,000 runs under a low file limit (item 7)', () => {
  it('lists all of them with ulimit -n 256, in four concurrent calls', async () => {
    for (let i = 0; i < 2000; i++) {
      const runId = `20250101-120000-many-${String(i).padStart(6, '0')}`;
      mkdirSync(join(root, runId));
      writeFileSync(
        join(root, runId, 'summary.json'),
        JSON.stringify({
          runId,
          projectName: 'Many',
          createdAt: '2025-01-01T12:00:00.000Z',
          status: 'completed',
          epochsCompleted: 1,
        }),
      );
    }
    const script = here('./test/listRunsChild.ts');
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        'sh',
        ['-c', `ulimit -n 256 && exec "${process.execPath}" --import tsx "${script}" "${root}"`],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`exit ${code}: ${text}`))));
    });
    expect(JSON.parse(out)).toEqual({ limit: '256', counts: [2000, 2000, 2000, 2000] });
  });
});

describe('a runs folder that is full, read-only or not a folder (item 11)', () => {
  it('not a folder: create says so plainly; deepwire train exits 2', async () => {
    const file = join(root, 'runs-is-a-file');
    await writeFile(file, 'x');
    const bad = fileRunStore(join(file, 'runs'));
    await expect(bad.create(newProject('Tiny'))).rejects.toMatchObject({
      code: 'runs-folder',
      message: expect.stringContaining('is not a folder'),
      hint: expect.stringContaining('DEEPWIRE_RUNS_DIR'),
    });
    await expect(bad.list('Tiny')).rejects.toMatchObject({ code: 'runs-folder' });
    const project = join(root, 'p.deepwire.json');
    await writeFile(project, JSON.stringify(newProject('Tiny')));
    expect(await runTrain([project, '--out', join(file, 'runs')])).toBe(2);
  });

  it('full disk (a 256 KB tmpfs): a plain message, no run folder or temporary file left, exit 2', async (ctx) => {
    const fs = mountTmpfs('256k');
    if (typeof fs === 'string') return ctx.skip(fs);
    try {
      await writeFile(join(fs.dir, 'filler'), Buffer.alloc(250 * 1024)).catch(() => undefined);
      const full = fileRunStore(join(fs.dir, 'runs'));
      const big = { ...newProject('Tiny'), description: 'x'.repeat(64 * 1024) };
      await expect(full.create(big)).rejects.toMatchObject({
        code: 'runs-folder',
        message: expect.stringContaining('is full'),
      });
      expect(await readdir(join(fs.dir, 'runs')).catch(() => [])).toEqual([]);
      const project = join(root, 'p.deepwire.json');
      await writeFile(project, JSON.stringify(big));
      expect(await runTrain([project, '--out', join(fs.dir, 'runs')])).toBe(2);
      expect(await readdir(join(fs.dir, 'runs')).catch(() => [])).toEqual([]);
    } finally {
      fs.unmount();
    }
  });

  it('read-only disk: a plain message; listing still works', async (ctx) => {
    const fs = mountTmpfs('64k', 'ro');
    if (typeof fs === 'string') return ctx.skip(fs);
    try {
      const ro = fileRunStore(fs.dir);
      await expect(ro.create(newProject('Tiny'))).rejects.toMatchObject({
        code: 'runs-folder',
        message: expect.stringContaining('read-only'),
      });
      expect(await ro.list('Tiny')).toEqual([]);
    } finally {
      fs.unmount();
    }
  });
});

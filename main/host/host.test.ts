import { afterEach, describe, expect, it } from 'vitest';
import type { TrainerEvent } from '../../shared/protocol/trainer';
import { makeHost, project, waitFor } from './test/hostFixtures';

type Fixture = Awaited<ReturnType<typeof makeHost>>;
let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

const isType =
  <T extends TrainerEvent['type']>(type: T, runId?: string) =>
  (e: TrainerEvent): boolean =>
    e.type === type && (!runId || ('runId' in e && e.runId === runId));

describe('Host call validation', () => {
  it('refuses an unknown method with a plain message and keeps serving', async () => {
    fixture = await makeHost();
    const r = await fixture.host.call('deleteEverything', []);
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(!r.ok && r.error.message).toContain('deleteEverything');
    expect(await fixture.host.call('listTemplates', [])).toMatchObject({
      ok: true,
      value: [{ id: 'tiny.deepwire.json' }],
    });
  });

  it.each([
    ['loadTemplate', [42]],
    ['loadTemplate', ['../../etc/passwd']],
    ['loadTemplate', []],
    ['previewDataset', ['mnist', -1]],
    ['startRun', [{ format: 'something-else' }]],
    ['getRun', ['../outside']],
    ['listTemplates', ['extra']],
    ['listTemplates', 'not-an-array'],
  ])('refuses %s with bad args %j', async (method, args) => {
    fixture = await makeHost();
    const r = await fixture.host.call(method, args);
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('passes an engine error code, message and hint through', async () => {
    fixture = await makeHost();
    const r = await fixture.host.call('previewDataset', ['nope', 3]);
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'unknown-dataset',
        message: 'There is no built-in dataset called "nope".',
        hint: 'Pick one from the list.',
      },
    });
  });

  it('leaves file dialogs to the shell', async () => {
    fixture = await makeHost();
    expect(await fixture.host.call('openProjectFile', [])).toMatchObject({ ok: false, error: { code: 'shell-only' } });
  });

  it('says when a run is unknown or no longer training', async () => {
    fixture = await makeHost();
    expect(await fixture.host.call('getRun', ['no-such-run'])).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await fixture.host.call('requestActivations', ['no-such-run'])).toMatchObject({
      ok: false,
      error: { code: 'run-not-active' },
    });
    expect(await fixture.host.call('stopRun', ['no-such-run'])).toEqual({ ok: true, value: undefined });
  });
});

describe('Host runs', () => {
  it('runs a trainer, fans its events out to every subscriber, and records the run', async () => {
    fixture = await makeHost('complete');
    const second: TrainerEvent[] = [];
    const unsubscribe = fixture.host.subscribe((e) => second.push(e));
    const r = await fixture.host.call('startRun', [project('Fan out'), { epochs: 2 }]);
    expect(r.ok).toBe(true);
    const { runId } = (r as { value: { runId: string } }).value;
    await waitFor(fixture.events, isType('finished', runId));
    expect(fixture.events.map((e) => e.type)).toEqual([
      'started',
      'epoch',
      'activations',
      'epoch',
      'activations',
      'finished',
    ]);
    expect(second.map((e) => e.type)).toEqual(fixture.events.map((e) => e.type));
    const act = fixture.events.find(isType('activations')) as Extract<TrainerEvent, { type: 'activations' }>;
    expect(act.layers[0].data).toBeInstanceOf(Uint8Array);
    expect([...act.layers[0].data.slice(0, 3)]).toEqual([1, 18, 35]);

    unsubscribe();
    const runs = await fixture.host.call('listRuns', ['Fan out']);
    expect(runs).toMatchObject({ ok: true, value: [{ runId, projectName: 'Fan out' }] });
    const detail = await fixture.host.call('getRun', [runId]);
    expect(detail).toMatchObject({ ok: true, value: { summary: { runId }, project: { name: 'Fan out' } } });
  });

  it('records which run a continued run continues (the runs list says so)', async () => {
    fixture = await makeHost('complete');
    const first = await fixture.host.call('startRun', [project('Goes on'), { epochs: 1 }]);
    const parent = (first as { value: { runId: string } }).value.runId;
    await waitFor(fixture.events, isType('finished', parent));
    const next = await fixture.host.call('startRun', [project('Goes on'), { epochs: 1, continueFrom: parent }]);
    const child = (next as { value: { runId: string } }).value.runId;
    await waitFor(fixture.events, isType('finished', child));
    const runs = await fixture.host.call('listRuns', ['Goes on']);
    const summaries = (runs as { value: { runId: string; continues?: string }[] }).value;
    expect(summaries.find((r) => r.runId === child)?.continues).toBe(parent);
    expect(summaries.find((r) => r.runId === parent)?.continues).toBeUndefined();
  });

  it('lists a project’s runs by its id: a rename keeps them, a same-named project does not see them', async () => {
    fixture = await makeHost('complete');
    const mine = { ...project('Untitled'), id: 'mine' };
    const started = await fixture.host.call('startRun', [mine, { epochs: 1 }]);
    const runId = (started as { value: { runId: string } }).value.runId;
    await waitFor(fixture.events, isType('finished', runId));
    const list = async (args: unknown[]) =>
      ((await fixture!.host.call('listRuns', args)) as { value: { runId: string; projectId?: string }[] }).value;
    expect(await list(['Renamed', 'mine'])).toMatchObject([{ runId, projectId: 'mine' }]);
    expect(await list(['Untitled', 'theirs'])).toEqual([]);
    expect(await list(['Untitled'])).toMatchObject([{ runId }]);
    expect(await fixture.host.call('listRuns', ['Untitled', 42])).toMatchObject({ ok: false });
  });

  it('refuses a second run of a project that is training, replays its state, and stops it', async () => {
    fixture = await makeHost('hang');
    const { value } = (await fixture.host.call('startRun', [project('Busy')])) as { value: { runId: string } };
    await waitFor(fixture.events, isType('activations', value.runId));

    const again = await fixture.host.call('startRun', [project('Busy')]);
    expect(again).toMatchObject({ ok: false, error: { code: 'run-active' } });
    expect(!again.ok && again.error.message).toContain('already training');

    const replayed: TrainerEvent[] = [];
    fixture.host.replay((e) => replayed.push(e));
    expect(replayed.map((e) => e.type)).toEqual(['started', 'epoch', 'activations']);

    expect(await fixture.host.call('requestActivations', [value.runId])).toEqual({ ok: true, value: undefined });
    await waitFor(fixture.events, (e) => e.type === 'activations' && !!e.requestId);

    await fixture.host.call('stopRun', [value.runId]);
    await waitFor(fixture.events, isType('finished', value.runId));
    expect(fixture.events.find(isType('finished'))).toMatchObject({ reason: 'stopped' });
  });

  it('a second Stop ends a stuck trainer, and the runs list says stopped, not running', async () => {
    fixture = await makeHost('stuck');
    const { value } = (await fixture.host.call('startRun', [project('Stuck')])) as { value: { runId: string } };
    await waitFor(fixture.events, isType('epoch', value.runId));
    await fixture.host.call('stopRun', [value.runId]);
    await new Promise((r) => setTimeout(r, 100));
    expect(fixture.events.find(isType('finished', value.runId))).toBeUndefined();
    await fixture.host.call('stopRun', [value.runId]);
    // The trainer reported epoch 0 (epochs count from 0) before it stuck: one epoch completed.
    expect(await waitFor(fixture.events, isType('finished', value.runId))).toMatchObject({
      reason: 'stopped',
      epochsCompleted: 1,
    });
    await expect
      .poll(async () => (await fixture!.runs.get(value.runId)).summary)
      .toMatchObject({
        status: 'stopped',
        epochsCompleted: 1,
        final: { train: { loss: 0.5 } },
      });
  });

  it('reports a trainer that crashes as a failed run and goes on serving', async () => {
    fixture = await makeHost('crash');
    const { value } = (await fixture.host.call('startRun', [project('Crashy')])) as { value: { runId: string } };
    const failed = await waitFor(fixture.events, isType('failed', value.runId));
    expect(failed).toMatchObject({ code: 'crashed' });
    expect((failed as { hint: string }).hint).toContain('(Detail: exit code 3');
    expect(fixture.host.activeRunIds()).toEqual([]);
    expect(await fixture.host.call('backendInfo', [])).toMatchObject({ ok: true, value: { backend: 'cpu' } });
    // The summary on disk says so too (written just after the event).
    await expect.poll(async () => (await fixture!.runs.get(value.runId)).summary.status).toBe('failed');
  });

  it('reports a trainer killed from outside (SIGKILL) as failed, and can start again', async () => {
    fixture = await makeHost('hang');
    const { value } = (await fixture.host.call('startRun', [project('Killed')])) as { value: { runId: string } };
    await waitFor(fixture.events, isType('epoch', value.runId));
    process.kill(fixture.pids[0]!, 'SIGKILL');
    const failed = await waitFor(fixture.events, isType('failed', value.runId));
    expect(failed).toMatchObject({ code: 'crashed' });
    expect((failed as { message: string; hint: string }).message).toMatch(/training process ended unexpectedly/);
    expect((failed as { message: string; hint: string }).hint).toContain('(Detail: signal SIGKILL.)');
    expect(await fixture.host.call('listTemplates', [])).toMatchObject({ ok: true });
    expect(await fixture.host.call('startRun', [project('Killed')])).toMatchObject({ ok: true });
  });
});

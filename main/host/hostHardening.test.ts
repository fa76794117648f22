import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMaxTrainers } from './host';
import { makeHost, project, waitFor } from './test/hostFixtures';

// Regressions for issue 13: calls that used to crash the host or leave a run `running` for ever.

type Fixture = Awaited<ReturnType<typeof makeHost>>;
let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

describe('Host hardening', () => {
  it('refuses a startRun nested 3,500 deep before it reaches the trainer (item 3)', async () => {
    fixture = await makeHost();
    const deep = JSON.parse(`${'['.repeat(3500)}${']'.repeat(3500)}`) as unknown;
    const r = await fixture.host.call('startRun', [{ ...project(), extra: deep }]);
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await fixture.host.call('listTemplates', [])).toMatchObject({ ok: true });
    expect(await fixture.runs.list('Tiny')).toEqual([]); // no empty run folder left behind
  });

  it('a trainer that fails before it knows its run id still ends that run (item 3)', async () => {
    fixture = await makeHost('early');
    const r = await fixture.host.call('startRun', [project()]);
    expect(r.ok).toBe(true);
    const runId = (r as { value: { runId: string } }).value.runId;
    const failed = await waitFor(fixture.events, (e) => e.type === 'failed');
    expect(failed).toMatchObject({ runId, message: 'Maximum call stack size exceeded' });
    await expect.poll(async () => (await fixture!.runs.get(runId)).summary.status).toBe('failed');
    await expect.poll(() => fixture!.host.activeRunIds()).toEqual([]);
  });

  it('never throws out of call(), whatever it is given', async () => {
    fixture = await makeHost();
    const cyclic: Record<string, unknown> = { format: 'deepwire-project' };
    cyclic.self = cyclic;
    for (const [method, args] of [
      ['startRun', [cyclic]],
      [Symbol('x'), []],
      ['getRun', { length: 1e9 }],
      [null, null],
    ] as const) {
      await expect(fixture.host.call(method, args)).resolves.toMatchObject({ ok: false });
    }
  });
});

describe('Concurrent-trainer cap (issue 13, item 14)', () => {
  it('with the cap reached refuses one more run as busy, saying why; after one ends a new one starts', async () => {
    const cap = 2;
    fixture = await makeHost('hang', undefined, { maxTrainers: cap });
    const started: string[] = [];
    for (let i = 0; i < cap; i++) {
      const r = await fixture.host.call('startRun', [project(`Net ${i}`)]);
      expect(r, `run ${i}`).toMatchObject({ ok: true });
      started.push((r as { value: { runId: string } }).value.runId);
    }
    // Trainers that are up (a Stop sent before a trainer has read its start would be lost).
    for (const id of started) await waitFor(fixture.events, (e) => e.type === 'epoch' && e.runId === id);
    const refused = await fixture.host.call('startRun', [project('One too many')]);
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'busy',
        message: `2 runs are training already; this machine trains at most ${cap} at once (one per processor core).`,
        hint: expect.stringContaining('DEEPWIRE_MAX_TRAINERS'),
      },
    });
    // The refused run left nothing behind.
    expect(await fixture.runs.list('One too many')).toEqual([]);
    expect(fixture.pids).toHaveLength(cap);

    expect(await fixture.host.call('stopRun', [started[0]])).toMatchObject({ ok: true });
    // The cap counts runs that have not ended: the trainer's `finished` frees its place.
    await waitFor(fixture.events, (e) => e.type === 'finished' && e.runId === started[0]);
    const again = await fixture.host.call('startRun', [project('One too many')]);
    expect(again).toMatchObject({ ok: true });
    const runId = (again as { value: { runId: string } }).value.runId;
    await waitFor(fixture.events, (e) => e.type === 'started' && e.runId === runId);
    expect(fixture.pids).toHaveLength(cap + 1);
    // Full again: the next one is refused the same way.
    expect(await fixture.host.call('startRun', [project('Yet another')])).toMatchObject({
      ok: false,
      error: { code: 'busy' },
    });
  });

  it('DEEPWIRE_MAX_TRAINERS sets the default; nonsense falls back to the number of cores', () => {
    expect(defaultMaxTrainers({ DEEPWIRE_MAX_TRAINERS: '3' })).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'many', ''])
      expect(defaultMaxTrainers({ DEEPWIRE_MAX_TRAINERS: bad }), bad).toBe(Math.max(1, availableParallelism()));
    expect(defaultMaxTrainers({})).toBe(Math.max(1, availableParallelism()));
  });
});

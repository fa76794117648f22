import { afterEach, describe, expect, it } from 'vitest';
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

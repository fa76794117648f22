/**
 * One contract for trainer events (issue 15, item 2): the fakes' scripts and a real trainer's stream
 * pass the same checks against `trainerEventSchema` — every message valid, and nothing in it the
 * schema does not know (the parsed event equals the message, so no field is silently dropped).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTrainerEvent, type TrainerEvent } from '../../shared/protocol/trainerEvents';
import type { TrainerCommand } from '../../shared/protocol/trainer';
import { speedReplySchema } from '../../shared/protocol/speed';
import { xorProject } from '../engine/train/test/projects';
import { createFakeEngine, scriptedRun, storedRun } from '../../renderer/src/testing/fakeEngine';
import { FAKE_TRAINER } from './test/hostFixtures';
import { forkTrainerLauncher } from './trainerLauncher';
import { TRAINER_ENTRY } from './trainerProcess';

const root = mkdtempSync(join(tmpdir(), 'deepwire-contract-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The same checks for every stream: each message follows the contract exactly. */
function expectContract(messages: unknown[]): void {
  expect(messages.length).toBeGreaterThan(0);
  for (const message of messages) {
    const checked = checkTrainerEvent(message);
    expect(checked.ok ? 'ok' : checked.problem).toBe('ok');
    if (checked.ok) expect(checked.event).toEqual(message);
  }
}

/** Runs a trainer process (real or fake), sends `commands` after `ready`, collects its messages until `until`. */
function collect(
  entry: string,
  env: NodeJS.ProcessEnv,
  commands: (events: unknown[]) => TrainerCommand[],
  until: (events: unknown[]) => boolean,
): Promise<unknown[]> {
  const handle = forkTrainerLauncher(entry, { env: { ...process.env, ...env } })({ runId: 'contract' });
  const events: unknown[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      handle.kill();
      reject(new Error(`timed out: ${JSON.stringify(events)}`));
    }, 50_000);
    const sent = new Set<number>();
    handle.onMessage((m) => {
      events.push(m);
      commands(events).forEach((c, i) => {
        if (sent.has(i)) return;
        sent.add(i);
        handle.send(c);
      });
      if (until(events)) {
        clearTimeout(timer);
        handle.kill();
        resolve(events);
      }
    });
    handle.onExit(() => {
      clearTimeout(timer);
      resolve(events);
    });
  });
}

const typeOf = (m: unknown) => (m as { type: string }).type;
const has = (events: unknown[], type: string) => events.some((e) => typeOf(e) === type);
const start = (runId: string, project = xorProject({ epochs: 2 })): TrainerCommand => ({
  type: 'start',
  runId,
  project: { ...project },
  runDir: join(root, runId),
  backend: 'cpu',
});

describe('the fake engine (renderer tests, story page, benchmark)', () => {
  it.each([
    ['a whole run', scriptedRun('run-1')],
    ['without validation', scriptedRun('run-2', { validation: false, epochs: 1, batchesPerEpoch: 3 })],
    ['a failed run', scriptedRun('run-3', { failAfterEpochs: 1 })],
    ['a continued run', scriptedRun('run-4', { initialEpoch: 3, epochs: 2 })],
    ['a stored run’s history', storedRun('run-5', 'P', '2026-01-01T00:00:00Z').history],
  ])('%s follows the contract', (_name, events) => expectContract(events));

  it('refuses to emit an event that breaks the contract, naming the field', () => {
    const engine = createFakeEngine();
    expect(() => engine.emit({ type: 'epoch', runId: 'r', epoch: -1 } as unknown as TrainerEvent)).toThrow(
      /"epoch" event's field epoch/,
    );
  });
});

describe('the fake trainer process (host and server tests)', () => {
  it('complete: started, epochs, activations, finished — and an activations request', async () => {
    const events = await collect(
      FAKE_TRAINER,
      { FAKE_TRAINER: 'complete' },
      (ev) => [start('f1'), ...(has(ev, 'finished') ? [{ type: 'activations', requestId: 'a1' } as const] : [])],
      (ev) => ev.some((e) => (e as { requestId?: string }).requestId === 'a1'),
    );
    expect(events.map(typeOf)).toEqual(
      expect.arrayContaining(['ready', 'started', 'epoch', 'activations', 'finished']),
    );
    expectContract(events);
  });

  it('hang then stop, and early failure', async () => {
    const hang = await collect(
      FAKE_TRAINER,
      { FAKE_TRAINER: 'hang' },
      (ev) => [start('f2'), ...(has(ev, 'activations') ? [{ type: 'stop' } as const] : [])],
      (ev) => has(ev, 'finished'),
    );
    const early = await collect(
      FAKE_TRAINER,
      { FAKE_TRAINER: 'early' },
      () => [start('f3')],
      (ev) => has(ev, 'failed'),
    );
    expectContract(hang);
    expectContract(early);
  });
});

describe('a real trainer process', () => {
  it('a short XOR run, an evaluation, a prediction and a speed measurement: every message follows the contract', async () => {
    const events = await collect(
      TRAINER_ENTRY,
      {},
      (ev): TrainerCommand[] => [
        start('real'),
        ...(has(ev, 'finished')
          ? [
              { type: 'evaluate', requestId: 'e1' } as const,
              { type: 'predict', requestId: 'p1', inputs: [[0.5, -0.5]] } as TrainerCommand,
              { type: 'measure-speed', requestId: 's1', backend: 'wasm' } as const,
            ]
          : []),
      ],
      (ev) => has(ev, 'prediction') && has(ev, 'evaluation') && has(ev, 'speed-measured'),
    );
    // The speed measurement is a reply of its own (speed.ts), checked with its own schema.
    const speed = speedReplySchema.parse(events.find((e) => typeOf(e) === 'speed-measured'));
    expect(speed.type === 'speed-measured' && speed.speed).toMatchObject({ backend: 'wasm', source: 'calibration' });
    expectContract(events.filter((e) => typeOf(e) !== 'speed-measured'));
    const types = events.map(typeOf);
    for (const t of [
      'ready',
      'phase',
      'started',
      'batch',
      'epoch',
      'activations',
      'evaluation',
      'finished',
      'prediction',
    ])
      expect(types).toContain(t);
    // What it does before the first batch, in order, all before the first batch (issue 14.6).
    const phases = events.filter((e) => typeOf(e) === 'phase') as Extract<TrainerEvent, { type: 'phase' }>[];
    expect([...new Set(phases.map((p) => p.phase))]).toEqual(['backend', 'data', 'model', 'first-batch']);
    expect(types.lastIndexOf('phase')).toBeLessThan(types.indexOf('batch'));
    expect(phases.find((p) => p.phase === 'data')?.message).toBe('Preparing 500 examples of Exclusive or…');
    expect(phases.find((p) => p.phase === 'model')?.message).toBe('Initialising 193 weights…');
  }, 60_000);
});

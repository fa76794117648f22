import { describe, expect, it } from 'vitest';
import type { TrainerCommand } from '../../shared/protocol/trainer';
import { RunPredictor } from './runPredictor';
import type { TrainerExit, TrainerHandle } from './trainerLauncher';

/** A trainer stand-in: says ready, then answers each predict with `answer`. */
function fakeLauncher(answer: (c: Extract<TrainerCommand, { type: 'predict' }>) => unknown) {
  const launched: { sent: TrainerCommand[]; exit(e: TrainerExit): void }[] = [];
  const launch = (): TrainerHandle => {
    let onMessage: (m: unknown) => void = () => {};
    let onExit: (e: TrainerExit) => void = () => {};
    const me = { sent: [] as TrainerCommand[], exit: (e: TrainerExit) => onExit(e) };
    launched.push(me);
    return {
      send(c) {
        me.sent.push(c);
        const reply = c.type === 'predict' ? answer(c) : undefined;
        if (reply) setTimeout(() => onMessage(reply), 0);
      },
      onMessage(l) {
        onMessage = l;
        setTimeout(() => l({ type: 'ready' }), 0);
      },
      onExit(l) {
        onExit = l;
      },
      kill() {},
    };
  };
  return { launch, launched };
}

describe('RunPredictor', () => {
  it('starts one trainer, asks for activations on the run folder, and reuses it', async () => {
    const { launch, launched } = fakeLauncher((c) => ({
      type: 'prediction',
      runId: 'r',
      requestId: c.requestId,
      outputs: [[c.inputs[0][0] * 2]],
      layers: [],
    }));
    const p = new RunPredictor(launch);
    expect(await p.tryInput('/runs/a', [1, 2])).toEqual({ outputs: [2], layers: [] });
    expect(await p.tryInput('/runs/a', [3, 2])).toEqual({ outputs: [6], layers: [] });
    expect(launched).toHaveLength(1);
    expect(launched[0].sent[0]).toMatchObject({ type: 'predict', runDir: '/runs/a', activations: true });
  });

  it('a refused example is a bad-request with the trainer message', async () => {
    const { launch } = fakeLauncher((c) => ({
      type: 'log',
      level: 'warn',
      requestId: c.requestId,
      message: 'Each example needs 784 numbers, but one has 3.',
    }));
    await expect(new RunPredictor(launch).tryInput('/runs/a', [1, 2, 3])).rejects.toMatchObject({
      code: 'bad-request',
      message: 'Each example needs 784 numbers, but one has 3.',
    });
  });

  it('a trainer that dies fails the waiting example and the next one starts another', async () => {
    const { launch, launched } = fakeLauncher(() => undefined);
    const p = new RunPredictor(launch);
    const waiting = p.tryInput('/runs/a', [1]);
    await new Promise((r) => setTimeout(r, 5));
    launched[0].exit({ code: 1, signal: null });
    await expect(waiting).rejects.toThrow(/ended/);
    void p.tryInput('/runs/a', [1]).catch(() => {});
    expect(launched).toHaveLength(2);
  });

  it('an idle trainer is shut down, and the next example starts another', async () => {
    const { launch, launched } = fakeLauncher((c) => ({
      type: 'prediction',
      runId: 'r',
      requestId: c.requestId,
      outputs: [[1]],
    }));
    const p = new RunPredictor(launch, 20);
    await p.tryInput('/runs/a', [1]);
    await new Promise((r) => setTimeout(r, 60));
    expect(launched[0].sent.at(-1)).toEqual({ type: 'shutdown' });
    await p.tryInput('/runs/a', [1]);
    expect(launched).toHaveLength(2);
  });
});

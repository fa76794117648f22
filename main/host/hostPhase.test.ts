import { describe, expect, it, vi } from 'vitest';
import type { TrainerCommand, TrainerEvent } from '../../shared/protocol/trainer';
import { makeHost, project } from './test/hostFixtures';
import type { TrainerLauncher } from './trainerLauncher';

/** An in-process trainer that, once started, says its phase; `next()` sends its first batch. */
function phasedTrainer() {
  let listener: (m: unknown) => void = () => {};
  let runId = '';
  let exit: (e: { code: number | null; signal: string | null }) => void = () => {};
  const launcher: TrainerLauncher = () => {
    setTimeout(() => listener({ type: 'ready', pid: 1 }), 0);
    return {
      send(command: TrainerCommand) {
        if (command.type === 'shutdown') return setTimeout(() => exit({ code: 0, signal: null }), 0);
        if (command.type !== 'start') return;
        runId = command.runId;
        listener({ type: 'phase', runId, phase: 'data', message: 'Generating 2,000 examples…', progress: 0.4 });
        // Not a TrainerEvent: the host refuses it, naming the field, and goes on.
        listener({ type: 'phase', runId, phase: 'data', message: 'x', progress: 4 });
      },
      onMessage: (l) => (listener = l),
      onExit: (l) => (exit = l),
      kill: () => exit({ code: null, signal: 'SIGKILL' }),
    };
  };
  const batch = () =>
    listener({ type: 'batch', runId, epoch: 0, batch: 0, batchesPerEpoch: 2, metrics: { loss: 1 } } as TrainerEvent);
  return { launcher, batch };
}

describe('the host and a run’s phases (issue 14.6)', () => {
  it('passes the phase on, replays it to a client that connects before the first batch, and not after', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const trainer = phasedTrainer();
    const h = await makeHost('complete', trainer.launcher);
    try {
      const outcome = await h.host.call('startRun', [project('Phased')]);
      if (!outcome.ok) throw new Error(outcome.error.message);
      const { runId } = outcome.value as { runId: string };
      await expect.poll(() => h.events.filter((e) => e.type === 'phase')).toHaveLength(1);
      expect(errors).toHaveBeenCalledWith(
        expect.stringMatching(/from a trainer process .*the "phase" event's field progress: Too big/),
      );
      const replayed: TrainerEvent[] = [];
      h.host.replay((e) => replayed.push(e));
      expect(replayed).toEqual([
        { type: 'phase', runId, phase: 'data', message: 'Generating 2,000 examples…', progress: 0.4 },
      ]);
      trainer.batch();
      const after: TrainerEvent[] = [];
      h.host.replay((e) => after.push(e));
      expect(after.map((e) => e.type)).toEqual(['batch']);
    } finally {
      errors.mockRestore();
      await h.dispose();
    }
  });
});

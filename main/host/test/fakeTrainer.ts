/**
 * A stand-in trainer process for host and server tests: speaks the trainer protocol without tfjs,
 * numbering as the real trainer does (trainingSession.ts): epoch events count from 0, and an
 * activations event carries the number of epochs completed.
 * FAKE_TRAINER=complete (default) trains two quick epochs; =hang starts and then never finishes
 * (until stopped or killed); =stuck is like hang but ignores stop (a trainer stuck in a batch);
 * =crash exits with code 3 right after `started`; =early fails before it has read its run id (as
 * the real trainer's uncaught-error handler does) and then lingers, as a wedged process would.
 */
import type { TrainerCommand, TrainerEvent } from '../../../shared/protocol/trainer';

const mode = process.env.FAKE_TRAINER ?? 'complete';
const send = (event: TrainerEvent) => process.send?.(event);

function activations(runId: string, epoch: number, requestId?: string): TrainerEvent {
  const data = Uint8Array.from({ length: 16 }, (_, i) => (i * 17 + epoch) % 256);
  return {
    type: 'activations',
    runId,
    epoch,
    ...(requestId ? { requestId } : {}),
    layers: [
      { nodeId: 'c1', kind: 'Conv2D', shape: [null, 4, 4, 1], channels: 1, height: 4, width: 4, min: -1, max: 1, data },
    ],
  };
}

let current: string | undefined;

process.on('message', (raw) => {
  const command = raw as TrainerCommand;
  switch (command.type) {
    case 'start': {
      if (mode === 'early') {
        send({ type: 'failed', runId: '', code: 'internal', message: 'Maximum call stack size exceeded' });
        return;
      }
      const runId = command.runId;
      current = runId;
      send({
        type: 'started',
        runId,
        backend: 'fake',
        device: 'none',
        params: { trainable: 10, nonTrainable: 0 },
        epochs: 2,
        initialEpoch: 0,
        batchesPerEpoch: 1,
        dataset: { id: 'fake', train: 1, validation: 0, test: 0 },
      });
      if (mode === 'crash') process.exit(3);
      if (mode === 'hang' || mode === 'stuck') {
        send({
          type: 'epoch',
          runId,
          epoch: 0,
          epochs: 2,
          metrics: { loss: 0.5 },
          seconds: 0.1,
          examplesPerSecond: 10,
          etaSeconds: 1,
        });
        send(activations(runId, 1));
        return;
      }
      for (const epoch of [0, 1]) {
        send({
          type: 'epoch',
          runId,
          epoch,
          epochs: 2,
          metrics: { loss: 1 / (epoch + 1) },
          seconds: 0.1,
          examplesPerSecond: 10,
          etaSeconds: 0,
        });
        send(activations(runId, epoch + 1));
      }
      send({ type: 'finished', runId, reason: 'completed', epochsCompleted: 2, final: { train: { loss: 0.5 } } });
      return;
    }
    case 'activations':
      if (current) send(activations(current, 1, command.requestId));
      return;
    case 'stop':
      if (current && mode !== 'stuck')
        send({ type: 'finished', runId: current, reason: 'stopped', epochsCompleted: 1, final: {} });
      return;
    case 'measure-speed':
      process.send?.({
        type: 'speed-measured',
        requestId: command.requestId,
        speed: {
          backend: 'fake',
          device: 'none',
          macsPerSecond: 1e9,
          source: 'calibration',
          measuredAt: new Date(0).toISOString(),
        },
      });
      return;
    case 'shutdown':
      process.exit(0);
      return;
    default:
      return;
  }
});
send({ type: 'ready', pid: process.pid });

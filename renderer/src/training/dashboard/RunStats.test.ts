import { describe, expect, it } from 'vitest';
import { applyEvent, createRun, type RunRecord, type RunStatus } from '../runs/runModel';
import { epochCounter } from './RunStats';
import type { TrainerEvent } from '../../../../shared/protocol/trainer';

/** A run that completed `done` epochs of `total` (from `initial`) and saw `batches` batches of the next. */
function run(status: RunStatus, { initial = 0, epochs = 400, done = 0, batches = 0 } = {}): RunRecord {
  const events: TrainerEvent[] = [
    {
      type: 'started',
      runId: 'r',
      backend: 'cpu',
      initialEpoch: initial,
      epochs,
      params: { trainable: 33, nonTrainable: 0 },
    } as Extract<TrainerEvent, { type: 'started' }>,
  ];
  for (let e = initial; e < initial + done; e++) {
    events.push({ type: 'batch', runId: 'r', epoch: e, batch: 0, batchesPerEpoch: 1, metrics: { loss: 1 } });
    events.push({
      type: 'epoch',
      runId: 'r',
      epoch: e,
      epochs: initial + epochs,
      metrics: { loss: 1 },
      seconds: 1,
      examplesPerSecond: 1,
      etaSeconds: 1,
    });
  }
  for (let b = 0; b < batches; b++)
    events.push({
      type: 'batch',
      runId: 'r',
      epoch: initial + done,
      batch: b,
      batchesPerEpoch: 25,
      metrics: { loss: 1 },
    });
  let r = createRun('r');
  for (const e of events) r = applyEvent(r, e).run;
  return { ...r, status };
}

describe('epochCounter', () => {
  it.each<[string, RunRecord, string, string]>([
    ['running, mid-epoch 10', run('running', { done: 9, batches: 3 }), 'Epoch', '10 / 400'],
    ['running, epoch 9 just ended', run('running', { done: 9 }), 'Epoch', '9 / 400'],
    // Regression (review item 2): stopped mid-epoch read "Epoch 10 / 400" after 9 complete epochs.
    ['stopped mid-epoch 10', run('stopped', { done: 9, batches: 3 }), 'Stopped after', '9 / 400 epochs'],
    ['completed', run('completed', { epochs: 40, done: 40 }), 'Epochs', '40 / 40'],
    ['continued from 9 for 3 more', run('completed', { initial: 9, epochs: 3, done: 3 }), 'Epochs', '12 / 12'],
    ['failed in epoch 3', run('failed', { done: 2, batches: 1 }), 'Failed after', '2 / 400 epochs'],
  ])('%s', (_name, r, label, value) => {
    const c = epochCounter(r);
    expect(c.label).toBe(label);
    expect(c.value).toBe(value);
  });
});

describe('etaFromBatches (issue 14.6: "Time left: estimating…" for the whole first epoch)', () => {
  it('estimates from the batches seen before the first epoch ends', async () => {
    const { createRun } = await import('../runs/runModel');
    const { etaFromBatches } = await import('./RunStats');
    const run = createRun('r');
    run.start = {
      type: 'started',
      runId: 'r',
      backend: 'cpu',
      device: 'CPU',
      params: { trainable: 1, nonTrainable: 0 },
      epochs: 2,
      initialEpoch: 0,
      batchesPerEpoch: 100,
      dataset: { id: 'mnist', train: 1, validation: 0, test: 0 },
    };
    expect(etaFromBatches(run)).toBeUndefined();
    run.firstBatch = { epoch: 0, batch: 0, at: 1000 };
    run.lastBatch = { epoch: 0, batch: 10, batchesPerEpoch: 100, at: 3000 };
    // 10 batches in 2 s; 189 of 200 left → 37.8 s.
    expect(etaFromBatches(run)).toBeCloseTo(37.8);
  });
});

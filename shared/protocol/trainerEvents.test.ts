import { describe, expect, it } from 'vitest';
import { checkTrainerEvent, readTrainerEvent } from './trainerEvents';

const epoch = {
  type: 'epoch',
  runId: 'r1',
  epoch: 0,
  epochs: 2,
  metrics: { loss: 0.5, accuracy: 0.9 },
  seconds: 1,
  examplesPerSecond: 100,
  etaSeconds: 1,
};

describe('trainer event contract', () => {
  it('accepts a valid event as it is', () => {
    expect(checkTrainerEvent(epoch)).toEqual({ ok: true, event: epoch });
  });

  it('names the event and the field that break it', () => {
    expect(checkTrainerEvent({ ...epoch, metrics: { loss: 'low' } })).toEqual({
      ok: false,
      problem: expect.stringMatching(/^the "epoch" event's field metrics\.loss: .*expected number/),
    });
    expect(checkTrainerEvent({ ...epoch, epoch: 1.5 })).toMatchObject({ problem: /"epoch" event's field epoch:/ });
    expect(checkTrainerEvent({ type: 'phase', runId: 'r', phase: 'data', message: 'x', progress: 2 })).toMatchObject({
      problem: /"phase" event's field progress:/,
    });
    expect(checkTrainerEvent({ type: 'teleport' })).toMatchObject({ problem: /^the "teleport" event: / });
    expect(checkTrainerEvent(null)).toMatchObject({ problem: /^a message without a type/ });
    expect(checkTrainerEvent({ type: 'failed', runId: 'r', code: 'oops', message: 'm' })).toMatchObject({
      problem: /"failed" event's field code/,
    });
  });

  it('reads a non-finite measurement that JSON carried as null back as NaN', () => {
    const checked = checkTrainerEvent({ ...epoch, metrics: { loss: null }, etaSeconds: Infinity });
    expect(checked.ok && checked.event.type === 'epoch' && checked.event.metrics.loss).toBeNaN();
  });

  it('logs a refused event with where it came from, and returns nothing instead of throwing', () => {
    const logged: string[] = [];
    expect(readTrainerEvent({ ...epoch, runId: 7 }, 'the WebSocket', (t) => logged.push(t))).toBeUndefined();
    expect(logged).toEqual([expect.stringMatching(/from the WebSocket .*"epoch" event's field runId/)]);
    expect(readTrainerEvent(epoch, 'x', (t) => logged.push(t))).toEqual(epoch);
    expect(logged).toHaveLength(1);
  });

  it('keeps activation bytes as bytes', () => {
    const data = new Uint8Array([1, 2, 3]);
    const layer = {
      nodeId: 'd',
      kind: 'Dense',
      shape: [null, 3],
      channels: 1,
      height: 1,
      width: 3,
      min: 0,
      max: 1,
      data,
    };
    const checked = checkTrainerEvent({ type: 'activations', runId: 'r', epoch: 0, layers: [layer] });
    expect(checked.ok && checked.event.type === 'activations' && checked.event.layers[0].data).toBe(data);
    expect(
      checkTrainerEvent({ type: 'activations', runId: 'r', epoch: 0, layers: [{ ...layer, data: [1] }] }),
    ).toMatchObject({
      problem: /field layers\.0\.data/,
    });
  });
});

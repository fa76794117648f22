import { beforeEach, describe, expect, it } from 'vitest';
import { scriptedRun, storedRun } from '../../testing/fakeEngine';
import { valKey } from './runModel';
import { onCurves, resetRuns, useRuns } from './runsStore';
import { Series } from './series';

const s = () => useRuns.getState();

beforeEach(() => resetRuns());

describe('Series', () => {
  it('appends rows in place, doubling its typed arrays, and hands out views', () => {
    const t = new Series(2);
    for (let i = 0; i < 5; i++) t.push(i, { loss: 10 - i, accuracy: i / 10 });
    expect(t.length).toBe(5);
    expect(Array.from(t.x())).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(t.column('loss')!)).toEqual([10, 9, 8, 7, 6]);
    expect(t.column('loss')).toBeInstanceOf(Float64Array);
    expect(t.range('loss')).toEqual([6, 10]);
    expect(t.last('accuracy')).toBeCloseTo(0.4);
    expect(t.names).toEqual(['loss', 'accuracy']);
  });

  it('fills a column that appears late with NaN for the rows before it, and skips NaN in ranges', () => {
    const t = new Series(1);
    t.push(1, { loss: 1 });
    t.push(2, { loss: NaN, val_loss: 3 });
    expect(Number.isNaN(t.column('val_loss')![0])).toBe(true);
    expect(t.range('loss')).toEqual([1, 1]);
    expect(t.column('nope')).toBeNull();
    expect(t.range('nope')).toBeNull();
  });
});

describe('runs store ingestion', () => {
  // Review item 6: a 33-parameter model sends activations dozens of times a second, and each one
  // re-rendered and repainted every canvas thumbnail.
  it('takes activations at most every 250 ms, but always the last before the run ends', () => {
    const acts = (epoch: number, requestId?: string) =>
      s().ingest({ type: 'activations', runId: 'a', epoch, layers: [], ...(requestId ? { requestId } : {}) });
    acts(1);
    acts(2);
    acts(3);
    expect(s().runs.a.activations?.epoch).toBe(1);
    acts(4, 'asked');
    expect(s().runs.a.activations?.epoch).toBe(4); // an answer to a request is never held back
    acts(5);
    s().ingest({ type: 'finished', runId: 'a', reason: 'completed', epochsCompleted: 5, final: {} });
    expect(s().runs.a.activations?.epoch).toBe(5);
  });

  it('plays a whole scripted run: started → batches → epochs → activations → evaluation → finished', () => {
    const events = scriptedRun('r1', { epochs: 3, batchesPerEpoch: 10 });
    for (const e of events) s().ingest(e);
    const run = s().runs.r1;
    expect(run.status).toBe('completed');
    expect(run.start?.batchesPerEpoch).toBe(10);
    expect(run.batches.length).toBe(30);
    expect(run.epochs.length).toBe(3);
    // Batch b of epoch e sits at e + (b+1)/bpe; epoch e ends at e + 1.
    expect(run.batches.x()[0]).toBeCloseTo(0.1);
    expect(run.batches.x()[29]).toBeCloseTo(3);
    expect(Array.from(run.epochs.x())).toEqual([1, 2, 3]);
    expect(run.epochs.column(valKey('loss'))!.length).toBe(3);
    expect(run.activations?.epoch).toBe(3);
    expect(run.activations?.byNode.get('conv')?.channels).toBe(8);
    expect(run.evaluation?.confusion?.length).toBe(10);
    expect(run.final?.test?.metrics.accuracy).toBeCloseTo(0.934);
  });

  it('does not replace the store state for batch events (charts read the typed arrays on a frame)', () => {
    const [started, ...rest] = scriptedRun('r1', { epochs: 1, batchesPerEpoch: 50 });
    s().ingest(started);
    let updates = 0;
    const unsub = useRuns.subscribe(() => updates++);
    const curves: string[] = [];
    const off = onCurves((id) => curves.push(id));
    const batches = rest.filter((e) => e.type === 'batch');
    for (const e of batches) s().ingest(e);
    unsub();
    off();
    expect(updates).toBe(0);
    expect(curves.length).toBe(50);
    expect(s().runs.r1.batches.length).toBe(50);
    expect(s().runs.r1.lastBatch).toMatchObject({ epoch: 0, batch: 49, batchesPerEpoch: 50 });
  });

  it('keeps the same typed arrays across batch events until they fill up', () => {
    const [started, b0, b1] = scriptedRun('r1', { epochs: 1, batchesPerEpoch: 3 });
    s().ingest(started);
    s().ingest(b0);
    const col = s().runs.r1.batches.column('loss')!;
    s().ingest(b1);
    expect(s().runs.r1.batches.column('loss')!.buffer).toBe(col.buffer);
  });

  it('ignores the batch and epoch the host replays after a reconnect', () => {
    const events = scriptedRun('r1', { epochs: 2, batchesPerEpoch: 4 });
    const upTo = events.findIndex((e) => e.type === 'epoch') + 1;
    for (const e of events.slice(0, upTo)) s().ingest(e);
    const replay = [events[0], events[upTo - 1], events[upTo - 2]]; // started, epoch, last batch
    for (const e of replay) s().ingest(e);
    expect(s().runs.r1.batches.length).toBe(4);
    expect(s().runs.r1.epochs.length).toBe(1);
    for (const e of events.slice(upTo)) s().ingest(e);
    expect(s().runs.r1.batches.length).toBe(8);
    expect(s().runs.r1.epochs.length).toBe(2);
  });

  it('records a failed run with its code, message and hint', () => {
    for (const e of scriptedRun('bad', { epochs: 3, batchesPerEpoch: 5, failAfterEpochs: 1 })) s().ingest(e);
    const run = s().runs.bad;
    expect(run.status).toBe('failed');
    expect(run.failure).toMatchObject({
      code: 'nan-loss',
      message: expect.stringMatching(/NaN/),
      hint: expect.stringMatching(/learning rate/),
    });
  });

  it('ignores events without a run (ready, log)', () => {
    s().ingest({ type: 'ready', pid: 1 });
    s().ingest({ type: 'log', level: 'info', message: 'hi' });
    expect(s().runs).toEqual({});
  });

  it('adopts a started run, shows it, and clears starting and errors', () => {
    s().setStarting(true);
    s().adopt('r9');
    expect(s()).toMatchObject({ currentRunId: 'r9', shownRunId: 'r9', starting: false, callError: null });
    expect(s().runs.r9.status).toBe('starting');
  });

  it('rebuilds a stored run from its history, keeping a live record of the same run', () => {
    const detail = storedRun('old', 'Tiny', '2025-01-01T00:00:00Z', { epochs: 4, batchesPerEpoch: 5 });
    s().loadDetail(detail);
    expect(s().runs.old.status).toBe('completed');
    expect(s().runs.old.epochs.length).toBe(4);
    expect(s().runs.old.final?.test).toBeDefined();

    for (const e of scriptedRun('live', { epochs: 2, batchesPerEpoch: 5 }).slice(0, 4)) s().ingest(e);
    const live = s().runs.live;
    s().loadDetail(storedRun('live', 'Tiny', '2025-01-01T00:00:00Z', { epochs: 1, batchesPerEpoch: 2 }));
    expect(s().runs.live).toBe(live);
  });

  it('settles a run that ended while the connection was down', () => {
    s().adopt('r1');
    s().ingest(scriptedRun('r1')[0]);
    expect(s().runs.r1.status).toBe('running');
    s().settle({
      runId: 'r1',
      projectName: 'p',
      createdAt: '',
      status: 'stopped',
      epochsCompleted: 2,
      final: { train: { loss: 0.5 } },
    });
    expect(s().runs.r1.status).toBe('stopped');
    expect(s().runs.r1.final?.train?.loss).toBe(0.5);
  });
});

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrainerEvent } from '../../../shared/protocol/trainer';
import { RunRecorder } from './runRecorder';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('RunRecorder metrics.jsonl', () => {
  it('keeps the started event, so a reopened run knows its dataset, example shape and first epoch (issue 14.3)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'dw-recorder-'));
    const rec = await RunRecorder.open(dir, { runId: 'r1', projectName: 'P' });
    const started: TrainerEvent = {
      type: 'started',
      runId: 'r1',
      backend: 'cpu',
      device: 'CPU',
      params: { trainable: 3, nonTrainable: 0 },
      epochs: 2,
      initialEpoch: 4,
      batchesPerEpoch: 1,
      dataset: { id: 'star-galaxy', train: 8, validation: 1, test: 1, inputShape: [32, 32, 5] },
    };
    await rec.record(started);
    await rec.record({ type: 'batch', runId: 'r1', epoch: 4, batch: 0, batchesPerEpoch: 1, metrics: { loss: 1 } });
    await rec.record({ type: 'log', level: 'info', message: 'not a curve' });
    const lines = (await readFile(join(dir, 'metrics.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(['started', 'batch']);
    expect(lines[0]).toEqual(started);
  });
});

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainerEvent } from '../../../../shared/protocol/trainer';
import { loadRun, RUN_FILES } from '../../runs';
import { openSavedRun } from '../../openSavedRun';
import { startTrainingJob } from '../../trainingJob';
import { fitTargetScaler, labelEncoding, unscaleValues } from '../prepareData';
import type { RunProject } from '../setupRun';
import { useTestBackend } from './testBackend';

/** A linear regressor on `plane` (target (x1 + x2) / 10). */
const planeProject: RunProject = {
  name: 'Plane',
  graph: {
    nodes: [
      { id: 'in', kind: 'Input', params: { shape: [2] } },
      { id: 'out', kind: 'Dense', params: { units: 1 } },
    ],
    edges: [{ source: 'in', target: 'out' }],
  },
  training: {
    dataset: { builtin: 'plane', options: { size: 300 } },
    loss: 'meanSquaredError',
    optimizer: { kind: 'adam', learningRate: 0.05 },
    metrics: ['mae'],
    batchSize: 16,
    epochs: 15,
    seed: 3,
  },
};

let backend: string;
beforeAll(async () => {
  backend = await useTestBackend();
});

describe('regression targets are standardised for training', () => {
  it('encodes (y − mean) / std per target and turns values back', () => {
    const dataset = { task: 'regression', targetNames: ['a', 'b'], y: Float32Array.from([1, 10, 3, 30]) } as never;
    const scaler = fitTargetScaler(dataset, [0, 1]);
    expect(scaler.mean).toEqual([2, 20]);
    expect(scaler.std).toEqual([1, 10]);
    const out = new Float32Array(2);
    labelEncoding(dataset, 'meanSquaredError', 2, scaler).encode(Float32Array.from([1, 10, 3, 30]), 1, out, 0);
    expect(Array.from(out)).toEqual([1, 1]);
    expect(unscaleValues([1, 1, -1, -1], scaler)).toEqual([3, 30, 1, 10]);
  });

  it('reports mae and predictions in real units and records the scaling in the run folder', async () => {
    const runDir = await mkdtemp(join(tmpdir(), 'deepwire-scaling-'));
    try {
      const events: TrainerEvent[] = [];
      const job = await startTrainingJob({ runId: 'scale', project: planeProject, runDir, backend }, (e) =>
        events.push(e),
      );
      const end = await job.done;
      expect(end.type).toBe('finished');
      if (end.type !== 'finished') return;
      const test = end.final.test!;
      expect(test.metrics.mae).toBeLessThan(0.05);
      // Examples are in the target's own units and carry their inputs: target = (x1 + x2) / 10.
      expect(test.examples).toHaveLength(12);
      for (const ex of test.examples!) {
        expect(ex.x).toHaveLength(2);
        expect((ex.actual as number[])[0]).toBeCloseTo((ex.x![0] + ex.x![1]) / 10, 4);
        expect(Math.abs((ex.predicted as number[])[0] - (ex.actual as number[])[0])).toBeLessThan(0.15);
      }
      expect(events.some((e) => e.type === 'log' && /standardised/.test(e.message))).toBe(true);
      const saved = JSON.parse(await readFile(join(runDir, RUN_FILES.targetScaling), 'utf8')) as {
        mean: number[];
        std: number[];
      };
      expect(saved.std[0]).toBeGreaterThan(0.1);
      const loaded = await loadRun(runDir);
      expect(loaded.targetScaler).toEqual(saved);
      // The trained session predicts in real units: (2 + 3) / 10 = 0.5.
      expect(job.session!.predict([[2, 3]])[0][0]).toBeCloseTo(0.5, 1);
      job.session!.dispose();
      // A run reopened from its folder predicts in real units too.
      const reopened = await openSavedRun(runDir, { backend: { backend, device: 'CPU' }, emit: () => {} });
      expect(reopened.predict([[2, 3]])[0][0]).toBeCloseTo(0.5, 1);
      expect((await reopened.evaluate()).result.metrics.mae).toBeCloseTo(test.metrics.mae, 5);
      reopened.dispose();
    } finally {
      await rm(runDir, { recursive: true, force: true });
    }
  }, 30_000);
});

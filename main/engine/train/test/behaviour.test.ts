import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainerEvent } from '../../../../shared/protocol/trainer';
import { MAX_CHANNELS, MAX_SIDE, MAX_STRIP } from '../quantize';
import { mnistCnnProject, xorProject } from './projects';
import { runSession } from './runSession';
import { useTestBackend } from './testBackend';

beforeAll(async () => {
  await useTestBackend();
});

const firstEpochLoss = (events: TrainerEvent[]) => {
  const e = events.find((x) => x.type === 'epoch');
  return e?.type === 'epoch' ? e.metrics.loss : NaN;
};

describe('TrainingSession', () => {
  it('stop ends the run after the current batch, mid-epoch, keeping the weights', async () => {
    let batches = 0;
    const { events, end, session } = await runSession(xorProject({ epochs: 5, batchSize: 8 }), {
      during: (e, s) => {
        if (e.type === 'batch' && ++batches === 3) s.stop();
      },
    });
    expect(end.type === 'finished' && end.reason).toBe('stopped');
    expect(end.type === 'finished' && end.epochsCompleted).toBe(0);
    expect(events.some((e) => e.type === 'epoch')).toBe(false);
    // Still usable: the model predicts after stopping.
    expect(session.predict([[1, 1]])[0]).toHaveLength(1);
    session.dispose();
  });

  it('a NaN loss (learning rate 1e9) fails the run with a plain message and keeps finite weights', async () => {
    const project = xorProject({ epochs: 3, optimizer: { kind: 'sgd', learningRate: 1e9 }, loss: 'meanSquaredError' });
    project.graph.nodes[3].params = { units: 1 }; // linear output: MSE explodes
    const { end, session } = await runSession(project);
    expect(end.type).toBe('failed');
    if (end.type !== 'failed') return;
    expect(end.code).toBe('nan-loss');
    expect(end.message).toMatch(/loss became (NaN|infinite)/);
    expect(end.hint).toMatch(/learning rate/);
    const weights = session.model.getWeights().flatMap((w) => Array.from(w.dataSync()));
    expect(weights.every(Number.isFinite)).toBe(true);
    session.dispose();
  });

  it('same seed ⇒ same first-epoch loss; another seed ⇒ a different one', async () => {
    const run = async (seed: number) => {
      const { events, session } = await runSession(xorProject({ epochs: 1, seed }));
      session.dispose();
      return firstEpochLoss(events);
    };
    const a = await run(3);
    expect(await run(3)).toBe(a);
    expect(await run(4)).not.toBe(a);
  });

  it('tensor count stays flat across epochs', async () => {
    const counts: number[] = [];
    const { session } = await runSession(xorProject({ epochs: 4, optimizer: { kind: 'momentum', nesterov: true } }), {
      during: (e) => {
        if (e.type === 'epoch') counts.push(tf.memory().numTensors);
      },
    });
    expect(new Set(counts.slice(1)).size).toBe(1);
    const before = tf.memory().numTensors;
    session.dispose();
    expect(tf.memory().numTensors).toBeLessThan(before);
  });

  it('activations keep their promises: ≤ 16 channels, ≤ 64×64, bytes with the layer min/max', async () => {
    const project = mnistCnnProject({ epochs: 1, dataset: { builtin: 'mnist', options: { size: 200 } } });
    const { events, session } = await runSession(project);
    const acts = events.filter((e): e is Extract<TrainerEvent, { type: 'activations' }> => e.type === 'activations');
    expect(acts.map((a) => a.epoch)).toEqual([0, 1]);
    const layers = acts[1].layers;
    expect(layers.map((l) => l.nodeId)).toEqual(['in', 'c1', 'p1', 'c2', 'p2', 'f', 'out']);
    for (const l of layers) {
      expect(l.channels).toBeLessThanOrEqual(MAX_CHANNELS);
      expect(l.height).toBeLessThanOrEqual(MAX_SIDE);
      expect(l.width).toBeLessThanOrEqual(l.height === 1 ? MAX_STRIP : MAX_SIDE);
      expect(l.data).toBeInstanceOf(Uint8Array);
      expect(l.data.length).toBe(l.channels * l.height * l.width);
      expect(l.max).toBeGreaterThanOrEqual(l.min);
    }
    const c1 = layers[1];
    expect([c1.channels, c1.height, c1.width]).toEqual([8, 26, 26]);
    expect(c1.shape).toEqual([null, 26, 26, 8]);
    expect([layers[6].channels, layers[6].height, layers[6].width]).toEqual([1, 1, 10]);
    expect([acts[1].filters?.channels, acts[1].filters?.height, acts[1].filters?.width]).toEqual([8, 3, 3]);
    // On request, too.
    await session.emitActivations(1, 'req-1');
    expect(events.at(-1)?.type === 'activations' && events.at(-1)).toMatchObject({ requestId: 'req-1' });
    session.dispose();
  }, 60_000);

  it('refuses a dataset mismatch with both shapes', async () => {
    const project = xorProject();
    project.graph.nodes[0].params = { shape: [3] };
    await expect(runSession(project)).rejects.toMatchObject({
      code: 'dataset-mismatch',
      message: expect.stringMatching(/\[3\].*\[2\]/),
    });
  });
});

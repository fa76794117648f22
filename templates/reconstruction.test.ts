import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainerEvent } from '../shared/protocol/trainer';
import { setupRun, TrainingSession } from '../main/engine/train';
import { useTestBackend } from '../main/engine/train/test/testBackend';
import { loadTemplateProject } from './test/trainTemplate';

/**
 * The conv-autoencoder template (training.target = "input") trains on an MNIST subset: the model
 * rebuilds its input, so the test split's reconstruction error must fall, with no classes in sight.
 * Batches of 16 instead of the file's 128, so that a few hundred digits give enough steps in seconds.
 */

let backend: string;
beforeAll(async () => {
  backend = await useTestBackend();
});

describe('conv-autoencoder template (target "input")', () => {
  it('trains: the reconstruction loss falls, evaluation has no confusion matrix, accuracy is left out', async () => {
    const project = loadTemplateProject('conv-autoencoder');
    const training = {
      ...project.training!,
      dataset: { builtin: 'mnist', options: { size: 300 } },
      batchSize: 16,
      metrics: ['accuracy' as const, 'mse' as const],
    };
    const setup = await setupRun({ name: project.name, graph: project.graph, training }, { epochs: 2 });
    expect(setup.metrics).toEqual(['mse']);
    const events: TrainerEvent[] = [];
    const session = new TrainingSession(setup, project.graph, {
      runId: 'ae',
      backend: { backend, device: 'CPU' },
      emit: (e) => events.push(e),
    });
    try {
      const before = (await session.evaluate()).result;
      const t0 = performance.now();
      const end = await session.run();
      const seconds = (performance.now() - t0) / 1000;
      if (end.type !== 'finished') throw new Error(JSON.stringify(end));
      const after = end.final.test!;
      console.log(
        `[templates] conv-autoencoder on ${backend}: test loss ${before.metrics.loss.toFixed(4)} → ${after.metrics.loss.toFixed(4)}, ` +
          `mse ${before.metrics.mse.toFixed(4)} → ${after.metrics.mse.toFixed(4)} (${seconds.toFixed(1)} s)`,
      );
      expect(after.metrics.loss).toBeLessThan(before.metrics.loss * 0.8);
      expect(after.metrics.mse).toBeLessThan(before.metrics.mse);
      expect(after.metrics.accuracy).toBeUndefined();
      expect(after.confusion).toBeUndefined();
      expect(after.examples?.[0].predicted).toHaveLength(28 * 28);
      expect(after.examples?.[0].x).toEqual(after.examples?.[0].actual); // the target is the input
      expect(events.some((e) => e.type === 'log' && /Accuracy is left out/.test(e.message))).toBe(true);
      const activations = events.find((e) => e.type === 'activations');
      expect(activations?.type === 'activations' && activations.layers.at(-1)?.shape).toEqual([null, 28, 28, 1]);
      expect(session.predict([new Array(28 * 28).fill(0)])[0]).toHaveLength(28 * 28);
    } finally {
      session.dispose();
    }
  }, 60_000);

  it('refuses an output that does not have the input’s shape', async () => {
    const project = loadTemplateProject('conv-autoencoder');
    const graph = {
      ...project.graph,
      nodes: project.graph.nodes.filter((n) => n.id !== 'conv2d_2'),
      edges: project.graph.edges.filter((e) => e.target !== 'conv2d_2'),
    };
    const training = { ...project.training!, dataset: { builtin: 'mnist', options: { size: 50 } } };
    await expect(setupRun({ graph, training })).rejects.toMatchObject({
      code: 'loss-mismatch',
      message: expect.stringMatching(/input's shape \[28, 28, 1\].*\[28, 28, 32\]/),
    });
  });
});

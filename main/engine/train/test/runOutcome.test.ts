import { beforeAll, describe, expect, it } from 'vitest';
import { xorProject } from './projects';
import { runSession } from './runSession';
import { useTestBackend } from './testBackend';

beforeAll(async () => {
  await useTestBackend();
});

/** The perceptron: one linear unit trained with the hinge loss on separable points. */
function perceptron(learningRate = 0.01) {
  const project = xorProject({
    dataset: { builtin: 'separable' },
    loss: 'hinge',
    optimizer: { kind: 'sgd', learningRate },
    epochs: 3,
    batchSize: 16,
  });
  project.graph = {
    nodes: [
      { id: 'in', kind: 'Input', params: { shape: [2] } },
      { id: 'out', kind: 'Dense', params: { units: 1 } },
    ],
    edges: [{ source: 'in', target: 'out' }],
  };
  return project;
}

describe('how a run ends', () => {
  it('shows a hinge output as a score, not a probability (issue 14.4: "said positive 198.0 %")', async () => {
    const { end, session } = await runSession(perceptron());
    session.dispose();
    expect(end.type).toBe('finished');
    const examples = end.type === 'finished' ? (end.final.test?.examples ?? []) : [];
    expect(examples.length).toBeGreaterThan(0);
    for (const e of examples) {
      expect(e.confidence).toBeUndefined();
      expect(typeof e.score).toBe('number');
    }
    // And its accuracy is measured with ±1 labels (threshold 0), so the chart has values.
    expect(end.type === 'finished' && end.final.train?.accuracy).toBeGreaterThan(0.8);
  });

  it('keeps sigmoid outputs as confidences in [0, 1]', async () => {
    const { end, session } = await runSession(xorProject({ epochs: 2 }));
    session.dispose();
    const examples = end.type === 'finished' ? (end.final.test?.examples ?? []) : [];
    expect(examples.length).toBeGreaterThan(0);
    for (const e of examples) expect(e.confidence).toBeGreaterThanOrEqual(0.5);
    expect(end.type === 'finished' && end.warning).toBeFalsy();
  });

  it('ends a run that diverged with a warning and the likely cause (issue 14.5)', async () => {
    const project = xorProject({ epochs: 4, optimizer: { kind: 'sgd', learningRate: 40 } });
    const { end, session } = await runSession(project);
    session.dispose();
    expect(end.type).toBe('finished');
    if (end.type !== 'finished') return;
    expect(end.warning?.code).toMatch(/diverged|chance-accuracy/);
    expect(end.warning?.hint).toMatch(/learning rate \(40\)/);
  });
});

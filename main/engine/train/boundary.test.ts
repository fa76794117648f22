import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkTrainerEvent } from '../../../shared/protocol/trainerEvents';
import { compileGraph } from '../compile';
import { BOUNDARY_SIZE, BoundaryView, makeBoundaryProbe, type BoundaryEvent } from './boundary';
import type { TrainingData } from './trainingData';
import { xorProject } from './test/projects';
import { runSession } from './test/runSession';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const task = { loss: 'binaryCrossentropy', task: 'classification', target: 'labels' } as const;

describe('the decision boundary probe', () => {
  it('reads the small hidden Dense layers and the output; none for other inputs or reconstructions', () => {
    const { graph } = xorProject();
    const model = compileGraph(graph, { seed: 1 }).model;
    const probe = makeBoundaryProbe(model, graph, task)!;
    expect(probe.hidden).toEqual([
      { nodeId: 'h1', units: 16 },
      { nodeId: 'h2', units: 8 },
    ]);
    expect(probe.reading).toEqual({ kind: 'probability' });
    expect(makeBoundaryProbe(model, graph, { ...task, loss: 'hinge' })!.reading).toEqual({
      kind: 'score',
      threshold: 0,
    });
    expect(makeBoundaryProbe(model, graph, { ...task, target: 'input' })).toBeNull();
    const wide = {
      ...graph,
      nodes: graph.nodes.map((n) => (n.id === 'h1' ? { ...n, params: { ...n.params, units: 32 } } : n)),
    };
    // A first layer wider than 16 units: no neuron maps, the output still drawn.
    expect(makeBoundaryProbe(compileGraph(wide, { seed: 1 }).model, wide, task)!.hidden).toEqual([]);
    const three = {
      nodes: [{ id: 'in', kind: 'Input', params: { shape: [3] } }, ...graph.nodes.slice(1)],
      edges: graph.edges,
    };
    expect(makeBoundaryProbe(compileGraph(three, { seed: 1 }).model, three, task)).toBeNull();
  });
});

describe('boundary events of a tiny XOR run', () => {
  it('come before training and after epochs, valid, with points over the plane, and change as it learns', async () => {
    const { events, session } = await runSession(xorProject({ epochs: 3 }));
    const boundaries = events.filter((e): e is BoundaryEvent => e.type === 'boundary');
    // The first (epoch 0) and the last are never throttled away.
    expect(boundaries[0].epoch).toBe(0);
    expect(boundaries.at(-1)!.epoch).toBe(3);
    for (const b of boundaries) expect(checkTrainerEvent(b)).toMatchObject({ ok: true });
    const [first, last] = [boundaries[0], boundaries.at(-1)!];
    expect(first.size).toBe(BOUNDARY_SIZE);
    expect(first.output.kind).toBe('probability');
    expect(first.output.data).toHaveLength(BOUNDARY_SIZE * BOUNDARY_SIZE);
    expect(first.neurons.map((n) => [n.nodeId, n.units, n.size, n.data.length])).toEqual([
      ['h1', 16, 32, 16 * 32 * 32],
      ['h2', 8, 32, 8 * 32 * 32],
    ]);
    // The plane covers every point drawn; 50 test points (10 % of 500) follow the training ones.
    const { xy, label, test } = first.points;
    expect(test).toBe(50);
    expect(label).toHaveLength(xy.length / 2);
    for (let i = 0; i < xy.length; i += 2) {
      expect(xy[i]).toBeGreaterThan(first.extent.x[0]);
      expect(xy[i]).toBeLessThan(first.extent.x[1]);
      expect(xy[i + 1]).toBeGreaterThan(first.extent.y[0]);
      expect(xy[i + 1]).toBeLessThan(first.extent.y[1]);
    }
    // After training, the corners of the plane follow XOR: top right and bottom left positive.
    const at = (b: BoundaryEvent, r: number, c: number) => b.output.data[r * b.size + c] / 255;
    const n = last.size - 4;
    expect(Math.min(at(last, 3, n), at(last, n, 3))).toBeGreaterThan(0.5);
    expect(Math.max(at(last, 3, 3), at(last, n, n))).toBeLessThan(0.5);
    expect(Array.from(last.output.data)).not.toEqual(Array.from(first.output.data));
    session.dispose();
  });
});

describe('boundary outputs of other heads', () => {
  const last = (events: { type: string }[]) => events.filter((e): e is BoundaryEvent => e.type === 'boundary').at(-1)!;

  it('a softmax over two classes: the winning class and its confidence per cell', async () => {
    const base = xorProject({
      epochs: 1,
      loss: 'categoricalCrossentropy',
      dataset: { builtin: 'xor', options: { size: 200 } },
    });
    const graph = {
      ...base.graph,
      nodes: base.graph.nodes.map((n) => (n.id === 'out' ? { ...n, params: { units: 2, activation: 'softmax' } } : n)),
    };
    const { events, session } = await runSession({ ...base, graph });
    const b = last(events);
    expect(b.output.kind).toBe('classes');
    expect(new Set(b.output.data).size).toBeLessThanOrEqual(2);
    // A softmax over two classes is at least half sure of its pick.
    expect(Math.min(...b.output.confidence!)).toBeGreaterThanOrEqual(127);
    session.dispose();
  });

  it('a regression on the plane: values in the target’s units, points labelled with their targets', async () => {
    const { events, session } = await runSession({
      name: 'Plane',
      graph: {
        nodes: [
          { id: 'in', kind: 'Input', params: { shape: [2] } },
          { id: 'out', kind: 'Dense', params: { units: 1 } },
        ],
        edges: [{ source: 'in', target: 'out' }],
      },
      training: {
        dataset: { builtin: 'plane', options: { size: 200 } },
        loss: 'meanSquaredError',
        optimizer: { kind: 'adam', learningRate: 0.05 },
        batchSize: 16,
        epochs: 1,
        seed: 3,
      },
    });
    const b = last(events);
    expect(b.output.kind).toBe('value');
    expect(b.neurons).toEqual([]);
    // Targets are (x1 + x2) / 10 with x in [−6, 6]: within ±1.2, in their own units (not standardised).
    for (let i = 0; i < b.points.label.length; i++)
      expect(b.points.label[i]).toBeCloseTo((b.points.xy[2 * i] + b.points.xy[2 * i + 1]) / 10, 2);
    session.dispose();
  });
});

describe('boundaries while epochs fly by', () => {
  it('are thinned to one per interval unless forced (the first and the last epoch)', async () => {
    const { graph } = xorProject();
    const probe = makeBoundaryProbe(compileGraph(graph, { seed: 1 }).model, graph, task)!;
    const x = tf.tensor2d([-1, -1, 1, 1, -1, 1, 1, -1], [4, 2]);
    const data = {
      counts: { train: 4, validation: 0, test: 0 },
      eachChunk: async (which: string, use: (c: unknown) => void) => {
        if (which === 'train') use({ x, y: x, classes: Int32Array.from([1, 1, 0, 0]), indices: [0, 1, 2, 3] });
      },
    } as unknown as TrainingData;
    const view = await BoundaryView.create(probe, data);
    expect(view.extent).toEqual({ x: [-1.2, 1.2], y: [-1.2, 1.2] });
    expect(view.points).toEqual({ xy: [-1, -1, 1, 1, -1, 1, 1, -1], label: [1, 1, 0, 0], test: 0 });
    expect(view.next('r', 0, true)?.epoch).toBe(0);
    expect(view.next('r', 1, false)).toBeNull();
    expect(view.next('r', 2, true)?.epoch).toBe(2);
    expect(view.lastEpoch).toBe(2);
    view.dispose();
    x.dispose();
  });
});

import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../graph/analyzeGraph';
import { applyEdit } from '../graph/edits';
import type { Graph } from '../graph/types';
import { checkTraining, proposeLoss, type DatasetFacts } from './checkTraining';
import { fitNetworkToData } from './fitToData';
import { modelFacts } from './modelFacts';

const mlp = (shape: number[], units: number, activation: string): Graph => ({
  nodes: [
    { id: 'in', kind: 'Input', params: { shape } },
    { id: 'h', kind: 'Dense', params: { units: 8, activation: 'tanh' } },
    { id: 'out', kind: 'Dense', params: { units, activation } },
  ],
  edges: [
    { source: 'in', target: 'h' },
    { source: 'h', target: 'out' },
  ],
});

const iris: DatasetFacts = { id: 'iris.csv', task: 'classification', inputShape: [4], classes: 3 };
const pets: DatasetFacts = { id: 'pets', task: 'classification', inputShape: [16, 16, 3], classes: 2 };
const prices: DatasetFacts = { id: 'houses.csv', task: 'regression', inputShape: [6], targets: 1 };

/** Applies the fit and returns the fitted graph, checked to train with the proposed loss. */
function fitted(graph: Graph, data: DatasetFacts) {
  const fit = fitNetworkToData(graph, analyzeGraph(graph), data);
  if ('reason' in fit) throw new Error(fit.reason);
  const g = fit.edit ? applyEdit(graph, fit.edit).graph : graph;
  const analysis = analyzeGraph(g);
  expect(analysis.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const facts = modelFacts(g, analysis)!;
  const loss = proposeLoss(facts.outputShape, facts.outputActivation, data);
  expect(checkTraining(loss, facts, data)).toBeNull();
  return { graph: g, loss, fit };
}

describe('fitNetworkToData', () => {
  it('sets the Input shape and a softmax over the classes, as one undoable edit', () => {
    const g = mlp([2], 1, 'sigmoid');
    const { graph, loss, fit } = fitted(g, iris);
    expect(loss).toBe('categoricalCrossentropy');
    expect(graph.nodes[0].params.shape).toEqual([4]);
    expect(graph.nodes[2].params).toMatchObject({ units: 3, activation: 'softmax' });
    expect(fit.changes).toEqual(['Input shape [2] → [4]', 'out units 1 → 3', 'out activation sigmoid → softmax']);
    // Undo is the inverse of the one edit.
    const { inverse } = applyEdit(g, fit.edit!);
    expect(applyEdit(graph, inverse).graph).toEqual(g);
  });

  it('gives two classes one sigmoid unit (binary cross-entropy), and numbers a linear output (MSE)', () => {
    expect(fitted(mlp([4], 10, 'softmax'), { ...iris, classes: 2 }).loss).toBe('binaryCrossentropy');
    const r = fitted(mlp([4], 3, 'softmax'), prices);
    expect(r.loss).toBe('meanSquaredError');
    expect(r.graph.nodes[0].params.shape).toEqual([6]);
    expect(r.graph.nodes[2].params).toMatchObject({ units: 1, activation: 'linear' });
  });

  it('puts a Flatten after the Input when pictures reach a Dense layer', () => {
    const { graph } = fitted(mlp([4], 3, 'softmax'), pets);
    expect(graph.nodes.map((n) => n.kind)).toEqual(['Input', 'Dense', 'Dense', 'Flatten']);
    expect(graph.edges).toContainEqual({ source: 'in', target: 'flatten_1' });
    expect(graph.edges).toContainEqual({ source: 'flatten_1', target: 'h' });
  });

  it('leaves a network that fits alone, including two softmax units for two classes', () => {
    expect(fitNetworkToData(mlp([4], 3, 'softmax'), analyzeGraph(mlp([4], 3, 'softmax')), iris)).toMatchObject({
      edit: null,
    });
    const two = mlp([4], 2, 'softmax');
    expect(fitNetworkToData(two, analyzeGraph(two), { ...iris, classes: 2 })).toMatchObject({ edit: null });
  });

  it('says why when the end of the network is not a Dense layer', () => {
    const g: Graph = {
      nodes: [
        { id: 'in', kind: 'Input', params: { shape: [8, 8, 1] } },
        { id: 'c', kind: 'Conv2D', params: { filters: 2, kernelSize: 3 } },
      ],
      edges: [{ source: 'in', target: 'c' }],
    };
    expect(fitNetworkToData(g, analyzeGraph(g), pets)).toMatchObject({
      reason: expect.stringMatching(/ends in a Conv2D layer/),
    });
  });
});

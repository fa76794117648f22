import { describe, expect, it } from 'vitest';
import { analyzeGraph, type Graph } from '../../../../shared/graph';
import { FAKE_DATASETS } from '../../testing/fakeEngine';
import { chosenDataset, trainingReadiness } from './trainingChecks';

const mnist = FAKE_DATASETS[0];
const xor = FAKE_DATASETS[1];

function mlp(input: number[], units: number, activation = 'softmax'): Graph {
  return {
    nodes: [
      { id: 'in', kind: 'Input', params: { shape: input } },
      { id: 'f', kind: 'Flatten', params: {} },
      { id: 'out', kind: 'Dense', params: { units, activation } },
    ],
    edges: [
      { source: 'in', target: 'f' },
      { source: 'f', target: 'out' },
    ],
  };
}

const check = (g: Graph, t: Parameters<typeof trainingReadiness>[2], d: typeof mnist | null) =>
  trainingReadiness(g, analyzeGraph(g), d ? { dataset: { builtin: d.id }, ...t } : t, FAKE_DATASETS);

describe('trainingReadiness', () => {
  const table: [string, Graph, Parameters<typeof trainingReadiness>[2], typeof mnist | null, RegExp | null][] = [
    ['no dataset chosen', mlp([28, 28, 1], 10), {}, null, /Choose a dataset/],
    ['fits', mlp([28, 28, 1], 10), { loss: 'categoricalCrossentropy' }, mnist, null],
    ['input shape differs', mlp([32, 32, 3], 10), {}, mnist, /expects examples of shape \[32, 32, 3\].*\[28, 28, 1\]/],
    ['too few output units', mlp([28, 28, 1], 3), { loss: 'categoricalCrossentropy' }, mnist, /3 units.*10 classes/],
    ['regression loss on classes', mlp([2], 2), { loss: 'meanSquaredError' }, xor, null],
    ['one sigmoid unit for two classes', mlp([2], 1, 'sigmoid'), { loss: 'binaryCrossentropy' }, xor, null],
    ['softmax loss with one unit', mlp([2], 1, 'sigmoid'), { loss: 'categoricalCrossentropy' }, xor, /single unit/],
  ];
  it.each(table)('%s', (_name, g, t, d, problem) => {
    const r = check(g, t, d);
    if (problem) expect(r.problems[0]?.message).toMatch(problem);
    else expect(r.problems).toEqual([]);
  });

  it('lets an autoencoder (target "input") train when its output has the input’s shape', () => {
    const ae: Graph = {
      nodes: [
        { id: 'in', kind: 'Input', params: { shape: [28, 28, 1] } },
        { id: 'c', kind: 'Conv2D', params: { filters: 1, kernelSize: 3, padding: 'same', activation: 'sigmoid' } },
      ],
      edges: [{ source: 'in', target: 'c' }],
    };
    const ok = check(ae, { target: 'input' }, mnist);
    expect(ok.problems).toEqual([]);
    expect(ok.loss).toBe('binaryCrossentropy');
    const wide: Graph = { ...ae, nodes: [ae.nodes[0], { ...ae.nodes[1], params: { filters: 4, kernelSize: 3 } }] };
    expect(check(wide, { target: 'input' }, mnist).problems[0]?.message).toMatch(/\[28, 28, 1\]/);
  });

  it('proposes a loss when the project has none', () => {
    expect(check(mlp([28, 28, 1], 10), {}, mnist).loss).toBe('categoricalCrossentropy');
    expect(check(mlp([2], 1, 'sigmoid'), {}, xor).loss).toBe('binaryCrossentropy');
  });

  it('says what is wrong with the graph before anything else', () => {
    const g = mlp([28, 28, 1], 10);
    g.edges = [{ source: 'f', target: 'out' }];
    const r = check(g, {}, mnist);
    expect(r.problems.length).toBe(1);
  });

  it('warns (without refusing) about a softmax loss on a linear output', () => {
    const r = check(mlp([28, 28, 1], 10, 'linear'), { loss: 'categoricalCrossentropy' }, mnist);
    expect(r.problems).toEqual([]);
    expect(r.warnings[0]).toMatch(/softmax/);
  });

  it('waits for the dataset list, trusts a path to the engine, and refuses an unknown built-in', () => {
    const g = mlp([28, 28, 1], 10);
    expect(trainingReadiness(g, analyzeGraph(g), { dataset: { builtin: 'mnist' } }, null).problems).toEqual([]);
    expect(trainingReadiness(g, analyzeGraph(g), { dataset: { file: '/x.csv' } }, FAKE_DATASETS).problems).toEqual([]);
    expect(
      trainingReadiness(g, analyzeGraph(g), { dataset: { builtin: 'cifar' } }, FAKE_DATASETS).problems[0].message,
    ).toMatch(/no built-in dataset "cifar"/);
  });

  it('finds the chosen built-in dataset', () => {
    expect(chosenDataset({ dataset: { builtin: 'xor' } }, FAKE_DATASETS)?.id).toBe('xor');
    expect(chosenDataset({ dataset: { file: '/data.csv' } }, FAKE_DATASETS)).toBeNull();
    expect(chosenDataset(undefined, FAKE_DATASETS)).toBeNull();
  });
});

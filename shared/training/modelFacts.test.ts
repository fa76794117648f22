import { describe, expect, it } from 'vitest';
import type { Graph } from '../graph/types';
import { outputActivationOf } from './modelFacts';

const one = (kind: string, params: Record<string, unknown> = {}): Graph => ({
  nodes: [{ id: 'n', kind, params }],
  edges: [],
});

describe('outputActivationOf', () => {
  it.each([
    ['Softmax', {}, 'softmax'],
    ['ReLU', { maxValue: 6 }, 'relu'],
    ['LeakyReLU', { alpha: 0.1 }, 'leakyRelu'],
    ['ELU', {}, 'elu'],
    ['GaussianActivation', { sigma: 2 }, 'gaussian'],
    ['Activation', {}, 'relu'],
    ['Activation', { activation: 'tanh' }, 'tanh'],
    ['Dense', {}, 'linear'],
    ['Dense', { activation: 'sigmoid' }, 'sigmoid'],
    ['Conv2D', { activation: 'relu' }, 'relu'],
    ['PReLU', {}, 'linear'],
    ['NotAKind', { activation: 'tanh' }, 'tanh'],
  ])('%s %j applies %s', (kind, params, want) => {
    expect(outputActivationOf(one(kind, params), 'n')).toBe(want);
  });

  it('is linear for a node the graph does not have', () => {
    expect(outputActivationOf(one('Dense'), 'missing')).toBe('linear');
  });
});

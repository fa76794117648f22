import { describe, expect, it } from 'vitest';
import { readOutputs } from './readOutputs';

describe('readOutputs', () => {
  it('softmax outputs are class probabilities, the largest named', () => {
    const r = readOutputs([0.1, 0.7, 0.2], { classNames: ['cat', 'dog', 'fox'] });
    expect(r).toEqual({
      kind: 'classes',
      names: ['cat', 'dog', 'fox'],
      values: [0.1, 0.7, 0.2],
      best: 1,
      probabilities: true,
    });
  });

  it('one sigmoid output of two classes is p and 1 − p', () => {
    const r = readOutputs([0.8], { classNames: ['no transit', 'transit'] });
    expect(r).toMatchObject({ kind: 'classes', best: 1, probabilities: true });
    if (r.kind === 'classes') expect(r.values[0]).toBeCloseTo(0.2);
  });

  it('a hinge margin is a score, never a percentage (issue 14.4)', () => {
    expect(readOutputs([1.98], { classNames: ['negative', 'positive'], scored: true })).toEqual({
      kind: 'score',
      names: ['negative', 'positive'],
      score: 1.98,
      threshold: 0,
      said: 'positive',
    });
    // Even unannounced: a value outside 0…1 is no probability.
    expect(readOutputs([-0.4], { classNames: ['a', 'b'] })).toMatchObject({ kind: 'score', said: 'a' });
    // Per-class outputs that do not sum to 1 are scores.
    expect(readOutputs([2, -1, 0.5], { classNames: ['a', 'b', 'c'] })).toMatchObject({ probabilities: false, best: 0 });
  });

  it('regression: values named by the targets', () => {
    expect(readOutputs([1.5, 20], { targetNames: ['Einstein radius', 'time delay'] })).toEqual({
      kind: 'values',
      names: ['Einstein radius', 'time delay'],
      values: [1.5, 20],
    });
    expect(readOutputs([3], {})).toMatchObject({ names: ['value'] });
  });
});

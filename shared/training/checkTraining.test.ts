import { describe, expect, it } from 'vitest';
import { checkLossPairing, checkTraining, proposeLoss, type DatasetFacts, type ModelFacts } from './checkTraining';
import type { Loss } from './options';

const mnist: DatasetFacts = { id: 'mnist', task: 'classification', inputShape: [28, 28, 1], classes: 10 };
const xor: DatasetFacts = { id: 'xor', task: 'classification', inputShape: [2], classes: 2 };
const reg: DatasetFacts = { id: 'plane', task: 'regression', inputShape: [2], targets: 1 };
const model = (input: (number | null)[], units: number, act = 'linear'): ModelFacts => ({
  inputShapes: [[null, ...input]],
  outputShape: [null, units],
  outputActivation: act,
});

describe('checkLossPairing', () => {
  it.each<[string, Loss, ModelFacts, DatasetFacts, string | null, RegExp?]>([
    ['softmax 10 on mnist', 'categoricalCrossentropy', model([28, 28, 1], 10, 'softmax'), mnist, null],
    ['sparse on mnist', 'sparseCategoricalCrossentropy', model([28, 28, 1], 10, 'softmax'), mnist, null],
    ['sigmoid 1 on xor', 'binaryCrossentropy', model([2], 1, 'sigmoid'), xor, null],
    ['hinge 1 on xor', 'hinge', model([2], 1, 'tanh'), xor, null],
    ['mse on regression', 'meanSquaredError', model([2], 1), reg, null],
    ['mse on one-hot', 'meanSquaredError', model([2], 2, 'softmax'), xor, null],
    ['CCE on 1 unit', 'categoricalCrossentropy', model([2], 1, 'sigmoid'), xor, 'loss-mismatch', /single unit/],
    [
      '10 softmax, 2 classes',
      'categoricalCrossentropy',
      model([2], 10, 'softmax'),
      xor,
      'loss-mismatch',
      /10 units.*2 classes/,
    ],
    ['crossentropy on regression', 'binaryCrossentropy', model([2], 1, 'sigmoid'), reg, 'loss-mismatch', /regression/],
    ['1 unit, 10 classes', 'hinge', model([28, 28, 1], 1), mnist, 'loss-mismatch', /two classes/],
    [
      'input shape',
      'categoricalCrossentropy',
      model([784], 10, 'softmax'),
      mnist,
      'dataset-mismatch',
      /\[784\].*\[28, 28, 1\]/,
    ],
    [
      'unflattened output',
      'meanSquaredError',
      { inputShapes: [[null, 2]], outputShape: [null, 2, 3], outputActivation: 'linear' },
      reg,
      'loss-mismatch',
      /one row/,
    ],
  ])('%s', (_name, loss, m, d, code, message) => {
    const p = checkLossPairing(loss, m, d);
    if (code === null) expect(p).toBeNull();
    else {
      expect(p?.code).toBe(code);
      expect(p?.message).toMatch(message!);
      expect(p?.hint.length).toBeGreaterThan(10);
    }
  });

  it('says to reshape when the sizes agree', () => {
    expect(checkLossPairing('categoricalCrossentropy', model([784], 10, 'softmax'), mnist)?.hint).toMatch(/Reshape/);
  });
});

describe('proposeLoss', () => {
  it.each<[string, (number | null)[], string, Pick<DatasetFacts, 'task' | 'classes'>, Loss]>([
    ['regression', [null, 1], 'linear', { task: 'regression' }, 'meanSquaredError'],
    ['sigmoid binary', [null, 1], 'sigmoid', { task: 'classification', classes: 2 }, 'binaryCrossentropy'],
    ['tanh perceptron', [null, 1], 'tanh', { task: 'classification', classes: 2 }, 'hinge'],
    ['softmax', [null, 10], 'softmax', { task: 'classification', classes: 10 }, 'categoricalCrossentropy'],
  ])('%s', (_n, shape, act, data, want) => {
    expect(proposeLoss(shape, act, data)).toBe(want);
  });
});

describe('checkTraining with target "input" (reconstruction)', () => {
  const ae = (out: (number | null)[], act = 'sigmoid'): ModelFacts => ({
    inputShapes: [[null, 28, 28, 1]],
    outputShape: [null, ...out],
    outputActivation: act,
  });
  it.each<[string, Loss, ModelFacts, string | null, RegExp?]>([
    ['autoencoder, BCE', 'binaryCrossentropy', ae([28, 28, 1]), null],
    ['autoencoder, MSE', 'meanSquaredError', ae([28, 28, 1], 'linear'), null],
    [
      'output too small',
      'meanSquaredError',
      ae([14, 14, 1]),
      'loss-mismatch',
      /input's shape \[28, 28, 1\].*\[14, 14, 1\]/,
    ],
    ['classifier output', 'binaryCrossentropy', ae([10]), 'loss-mismatch', /\[10\]/],
    ['class loss', 'categoricalCrossentropy', ae([28, 28, 1]), 'loss-mismatch', /rebuilds its input/],
    [
      'input shape',
      'meanSquaredError',
      { inputShapes: [[null, 784]], outputShape: [null, 784], outputActivation: 'linear' },
      'dataset-mismatch',
      /\[784\]/,
    ],
  ])('%s', (_name, loss, m, code, message) => {
    const p = checkTraining(loss, m, mnist, 'input');
    if (code === null) expect(p).toBeNull();
    else {
      expect(p?.code).toBe(code);
      expect(p?.message).toMatch(message!);
    }
  });

  it('proposes binary cross-entropy for a sigmoid reconstruction, MSE otherwise', () => {
    expect(proposeLoss([null, 28, 28, 1], 'sigmoid', mnist, 'input')).toBe('binaryCrossentropy');
    expect(proposeLoss([null, 28, 28, 1], 'linear', mnist, 'input')).toBe('meanSquaredError');
  });
});

import { describe, expect, it } from 'vitest';
import { PReLU, ReLU } from './activationLayers';
import { withDefaults } from './paramValues';
import { SpatialDropout2D } from './regularization';
import { errorRows, shapeRows } from './testKit';

describe('activation layer shapes and counts', () => {
  shapeRows([
    { kind: 'Activation', inputs: [[null, 10]], out: [null, 10], describe: 'relu' },
    {
      kind: 'Activation',
      params: { activation: 'gaussian' },
      inputs: [[null, 4, 4, 2]],
      out: [null, 4, 4, 2],
      describe: 'gaussian',
    },
    { kind: 'ReLU', inputs: [[null, 28, 28, 3]], out: [null, 28, 28, 3], describe: '' },
    { kind: 'ReLU', params: { maxValue: 6 }, inputs: [[null, 10]], out: [null, 10], describe: 'max 6' },
    { kind: 'LeakyReLU', inputs: [[null, 10]], out: [null, 10], describe: 'α 0.3' },
    { kind: 'ELU', inputs: [[null, 10]], out: [null, 10], describe: 'α 1' },
    { kind: 'PReLU', inputs: [[null, 28, 28, 32]], out: [null, 28, 28, 32], count: [25088, 0] },
    {
      kind: 'PReLU',
      params: { sharedAxes: [1, 2] },
      inputs: [[null, 28, 28, 32]],
      out: [null, 28, 28, 32],
      count: [32, 0],
      describe: 'shared 1, 2',
    },
    { kind: 'PReLU', params: { sharedAxes: [1] }, inputs: [[null, null, 8]], out: [null, null, 8], count: [8, 0] },
    { kind: 'PReLU', inputs: [[null, 10]], out: [null, 10], count: [10, 0] },
    { kind: 'Softmax', inputs: [[null, 10]], out: [null, 10], describe: '' },
    { kind: 'Softmax', params: { axis: 1 }, inputs: [[null, 5, 10]], out: [null, 5, 10], describe: 'axis 1' },
    { kind: 'GaussianActivation', inputs: [[null, 16]], out: [null, 16], describe: 'σ 1' },
  ]);
});

describe('value-by-value layers accept any shape', () => {
  const kinds = ['Activation', 'ReLU', 'LeakyReLU', 'ELU', 'GaussianActivation', 'Dropout', 'GaussianNoise'];
  shapeRows(
    kinds.flatMap((kind) => [
      { kind, inputs: [[null, 3]], out: [null, 3] },
      { kind, inputs: [[null, null, 4, 4, 2]], out: [null, null, 4, 4, 2] },
    ]),
  );
});

describe('activation layer shape errors', () => {
  errorRows([
    {
      kind: 'PReLU',
      inputs: [[null, null, 8]],
      error: /^PReLU learns one slope per value, so it needs axis 1 of \(None, None, 8\) to be known\.$/,
      hint: /add 1 to sharedAxes/,
    },
    {
      kind: 'PReLU',
      params: { sharedAxes: [4] },
      inputs: [[null, 28, 28, 32]],
      error: /sharedAxes names axis 4, but \(None, 28, 28, 32\) has axes 1 to 3/,
    },
    {
      kind: 'Softmax',
      params: { axis: 2 },
      inputs: [[null, 10]],
      error: /Softmax's axis 2 does not name a dimension of \(None, 10\)/,
    },
  ]);
});

describe('tfjs args that translate params', () => {
  it('ReLU leaves out an empty maxValue', () => {
    expect(ReLU.tfjs.args?.(withDefaults(ReLU, {}))).toEqual({ trainable: true });
    expect(ReLU.tfjs.args?.(withDefaults(ReLU, { maxValue: 6 }))).toEqual({ maxValue: 6, trainable: true });
  });

  it('PReLU leaves out empty sharedAxes', () => {
    expect(PReLU.tfjs.args?.(withDefaults(PReLU, {}))).not.toHaveProperty('sharedAxes');
    expect(PReLU.tfjs.args?.(withDefaults(PReLU, { sharedAxes: [1, 2] }))).toMatchObject({ sharedAxes: [1, 2] });
  });

  it('SpatialDropout2D is a dropout with one coin per example and channel', () => {
    expect(SpatialDropout2D.tfjs.args?.(withDefaults(SpatialDropout2D, { rate: 0.2 }))).toEqual({
      rate: 0.2,
      noiseShape: [null, 1, 1, null],
      trainable: true,
    });
  });
});

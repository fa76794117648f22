import { describe } from 'vitest';
import { errorRows, shapeRows } from './testKit';

describe('core shapes and counts', () => {
  shapeRows([
    { kind: 'Input', params: { shape: [28, 28, 1] }, inputs: [], out: [null, 28, 28, 1], describe: '(28, 28, 1)' },
    { kind: 'Input', params: { shape: [null, 10] }, inputs: [], out: [null, null, 10] },
    {
      kind: 'Dense',
      params: { units: 128, activation: 'relu' },
      inputs: [[null, 784]],
      out: [null, 128],
      count: [100480, 0],
      macs: 100352,
      describe: '128, relu',
    },
    {
      kind: 'Dense',
      params: { units: 10, useBias: false },
      inputs: [[null, 784]],
      out: [null, 10],
      count: [7840, 0],
      describe: '10',
    },
    { kind: 'Dense', params: { units: 8 }, inputs: [[null, 10, 16]], out: [null, 10, 8], count: [136, 0], macs: 1280 },
    { kind: 'Embedding', inputs: [[null, 20]], out: [null, 20, 64], count: [64000, 0], macs: 0, describe: '1000 → 64' },
    {
      kind: 'Embedding',
      params: { inputDim: 50, outputDim: 8 },
      inputs: [[null, null]],
      out: [null, null, 8],
      count: [400, 0],
    },
  ]);
});

describe('core shape errors', () => {
  errorRows([
    {
      kind: 'Dense',
      inputs: [[null, null]],
      error: /Dense needs its input's last dimension to be known/,
      hint: /global pooling/,
    },
    { kind: 'Dense', inputs: [[null]], error: /Dense needs at least one feature dimension, but gets \(None,\)/ },
    {
      kind: 'Embedding',
      inputs: [[null]],
      error: /Embedding needs a sequence of ids per example, but gets \(None,\)/,
      hint: /\[20\]/,
    },
  ]);
});

import { describe } from 'vitest';
import { errorRows, shapeRows } from './testKit';

describe('merge shapes', () => {
  shapeRows([
    {
      kind: 'Add',
      inputs: [
        [null, 8],
        [null, 8],
      ],
      out: [null, 8],
      macs: 0,
    },
    {
      kind: 'Add',
      inputs: [
        [null, 7, 7, 64],
        [null, 7, 7, 64],
        [null, 7, 7, 64],
      ],
      out: [null, 7, 7, 64],
    },
    {
      kind: 'Add',
      inputs: [
        [null, null, 8],
        [null, 10, 8],
      ],
      out: [null, 10, 8],
    },
    {
      kind: 'Subtract',
      inputs: [
        [null, 8],
        [null, 8],
      ],
      out: [null, 8],
    },
    {
      kind: 'Multiply',
      inputs: [
        [null, 4, 4],
        [null, 4, 4],
      ],
      out: [null, 4, 4],
    },
    {
      kind: 'Average',
      inputs: [
        [null, 10],
        [null, 10],
        [null, 10],
      ],
      out: [null, 10],
    },
    {
      kind: 'Maximum',
      inputs: [
        [null, 3],
        [null, 3],
      ],
      out: [null, 3],
    },
    {
      kind: 'Concatenate',
      inputs: [
        [null, 28, 28, 32],
        [null, 28, 28, 64],
      ],
      out: [null, 28, 28, 96],
      describe: '',
    },
    {
      kind: 'Concatenate',
      inputs: [
        [null, 10],
        [null, 20],
        [null, 5],
      ],
      out: [null, 35],
    },
    {
      kind: 'Concatenate',
      params: { axis: 1 },
      inputs: [
        [null, 2, 8],
        [null, 3, 8],
      ],
      out: [null, 5, 8],
      describe: 'axis 1',
    },
    {
      kind: 'Concatenate',
      inputs: [
        [null, null, 8],
        [null, 5, 4],
      ],
      out: [null, 5, 12],
    },
    {
      kind: 'Concatenate',
      inputs: [
        [null, 4, null],
        [null, 4, 4],
      ],
      out: [null, 4, null],
    },
  ]);
});

describe('merge shape errors', () => {
  errorRows([
    {
      kind: 'Add',
      inputs: [
        [null, 8],
        [null, 16],
      ],
      error: /^Add needs inputs of the same shape, but gets \(None, 8\) and \(None, 16\)\.$/,
      hint: /^Add a Dense\/Conv with matching units, or a 1×1 convolution to match channels\.$/,
    },
    {
      kind: 'Add',
      inputs: [
        [null, 8],
        [null, 8],
        [null, 4],
      ],
      error: /gets \(None, 8\) and \(None, 4\)/,
    },
    {
      kind: 'Add',
      inputs: [
        [null, 8],
        [null, 2, 4],
      ],
      error: /Add needs inputs of the same shape/,
      hint: /Flatten or Reshape/,
    },
    { kind: 'Add', inputs: [[null, 8]], error: /^Add needs at least 2 inputs, but has 1/ },
    {
      kind: 'Subtract',
      inputs: [
        [null, 8],
        [null, 8],
        [null, 8],
      ],
      error: /^Subtract needs exactly 2 inputs, but has 3/,
    },
    {
      kind: 'Multiply',
      inputs: [
        [null, 28, 28, 3],
        [null, 28, 28, 1],
      ],
      error: /^Multiply needs inputs of the same shape/,
    },
    {
      kind: 'Average',
      inputs: [
        [null, 10],
        [null, 11],
      ],
      error: /^Average needs inputs of the same shape/,
    },
    {
      kind: 'Maximum',
      inputs: [
        [null, 10],
        [null, 11],
      ],
      error: /^Maximum needs inputs of the same shape/,
    },
    {
      kind: 'Concatenate',
      inputs: [
        [null, 28, 28, 32],
        [null, 14, 14, 32],
      ],
      error:
        /^Concatenate joins along axis -1, so every other dimension must match, but gets \(None, 28, 28, 32\) and \(None, 14, 14, 32\)/,
      hint: /same padding/,
    },
    {
      kind: 'Concatenate',
      inputs: [
        [null, 10],
        [null, 4, 4, 8],
      ],
      error: /same number of dimensions/,
      hint: /Flatten/,
    },
    {
      kind: 'Concatenate',
      params: { axis: 0 },
      inputs: [
        [null, 10],
        [null, 10],
      ],
      error: /axis 0 does not name a dimension/,
    },
    { kind: 'Concatenate', inputs: [[null, 10]], error: /at least 2 inputs/ },
  ]);
});

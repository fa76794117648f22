import { describe } from 'vitest';
import { errorRows, shapeRows } from './testKit';

describe('normalization and regularization shapes and counts', () => {
  shapeRows([
    { kind: 'BatchNormalization', inputs: [[null, 28, 28, 64]], out: [null, 28, 28, 64], count: [128, 128] },
    {
      kind: 'BatchNormalization',
      params: { center: false },
      inputs: [[null, 28, 28, 64]],
      out: [null, 28, 28, 64],
      count: [64, 128],
    },
    {
      kind: 'BatchNormalization',
      params: { center: false, scale: false },
      inputs: [[null, 100]],
      out: [null, 100],
      count: [0, 200],
    },
    {
      kind: 'BatchNormalization',
      params: { axis: 1 },
      inputs: [[null, 8, 28, 28]],
      out: [null, 8, 28, 28],
      count: [16, 16],
    },
    { kind: 'BatchNormalization', inputs: [[null, null, null, 3]], out: [null, null, null, 3], count: [6, 6] },
    { kind: 'LayerNormalization', inputs: [[null, 10, 64]], out: [null, 10, 64], count: [128, 0] },
    { kind: 'LayerNormalization', params: { scale: false }, inputs: [[null, 64]], out: [null, 64], count: [64, 0] },
    { kind: 'LocalResponseNormalization', inputs: [[null, 55, 55, 96]], out: [null, 55, 55, 96], describe: 'r 5' },
    { kind: 'Dropout', inputs: [[null, 128]], out: [null, 128], describe: '0.5' },
    { kind: 'Dropout', params: { rate: 0.25 }, inputs: [[null, 28, 28, 3]], out: [null, 28, 28, 3], describe: '0.25' },
    { kind: 'SpatialDropout2D', inputs: [[null, 28, 28, 3]], out: [null, 28, 28, 3] },
    { kind: 'GaussianNoise', inputs: [[null, null, 5]], out: [null, null, 5], describe: 'σ 0.1' },
  ]);
});

describe('normalization and regularization shape errors', () => {
  errorRows([
    {
      kind: 'BatchNormalization',
      params: { axis: 0 },
      inputs: [[null, 28, 28, 3]],
      error: /BatchNormalization's axis 0 does not name a dimension of \(None, 28, 28, 3\) other than the batch/,
      hint: /-1 for the last dimension, or a number from 1 to 3/,
    },
    {
      kind: 'BatchNormalization',
      params: { axis: 4 },
      inputs: [[null, 28, 28, 3]],
      error: /axis 4 does not name a dimension/,
    },
    {
      kind: 'BatchNormalization',
      params: { axis: -5 },
      inputs: [[null, 28, 28, 3]],
      error: /axis -5 does not name a dimension/,
    },
    {
      kind: 'BatchNormalization',
      inputs: [[null, 28, 28, null]],
      error: /BatchNormalization needs the size of axis -1 to be known, but it is unknown in \(None, 28, 28, None\)/,
    },
    { kind: 'BatchNormalization', inputs: [[null]], error: /needs at least one dimension besides the batch/ },
    {
      kind: 'LayerNormalization',
      inputs: [[null, 10, null]],
      error: /LayerNormalization needs the size of axis -1 to be known/,
    },
    {
      kind: 'LocalResponseNormalization',
      inputs: [[null, 96]],
      error: /^LocalResponseNormalization expects a 3-D input \(batch, height, width, channels\)/,
    },
    { kind: 'SpatialDropout2D', inputs: [[null, 128]], error: /^SpatialDropout2D expects a 3-D input/ },
  ]);
});

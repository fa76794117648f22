import { describe } from 'vitest';
import { errorRows, shapeRows } from './testKit';

describe('reshaping shapes', () => {
  shapeRows([
    { kind: 'Flatten', inputs: [[null, 5, 5, 16]], out: [null, 400], macs: 0 },
    { kind: 'Flatten', inputs: [[null, 10]], out: [null, 10] },
    { kind: 'Flatten', inputs: [[null, null, 4]], out: [null, null] },
    {
      kind: 'Reshape',
      params: { targetShape: [28, 28, 1] },
      inputs: [[null, 784]],
      out: [null, 28, 28, 1],
      describe: '→ (28, 28, 1)',
    },
    { kind: 'Reshape', inputs: [[null, 7, 7, 64]], out: [null, 3136], describe: '→ (-1)' },
    { kind: 'Reshape', params: { targetShape: [-1, 8] }, inputs: [[null, 64]], out: [null, 8, 8] },
    { kind: 'Reshape', params: { targetShape: [-1, 4] }, inputs: [[null, null, 4]], out: [null, null, 4] },
    { kind: 'Reshape', params: { targetShape: [10, 10] }, inputs: [[null, null]], out: [null, 10, 10] },
    { kind: 'Permute', inputs: [[null, 10, 64]], out: [null, 64, 10], describe: '(2, 1)' },
    { kind: 'Permute', params: { dims: [3, 1, 2] }, inputs: [[null, 4, 5, 6]], out: [null, 6, 4, 5] },
    { kind: 'Permute', params: { dims: [1] }, inputs: [[null, 7]], out: [null, 7] },
    { kind: 'RepeatVector', params: { n: 3 }, inputs: [[null, 32]], out: [null, 3, 32], describe: '× 3' },
    { kind: 'ZeroPadding2D', inputs: [[null, 28, 28, 1]], out: [null, 30, 30, 1], describe: 'pad 1' },
    {
      kind: 'ZeroPadding2D',
      params: { padding: [2, 0] },
      inputs: [[null, 28, 28, 1]],
      out: [null, 32, 28, 1],
      describe: 'pad 2×0',
    },
    {
      kind: 'ZeroPadding2D',
      params: {
        padding: [
          [1, 2],
          [3, 4],
        ],
      },
      inputs: [[null, 28, 28, 1]],
      out: [null, 31, 35, 1],
      describe: 'pad 1,2 × 3,4',
    },
    { kind: 'ZeroPadding2D', inputs: [[null, null, 28, 1]], out: [null, null, 30, 1] },
    { kind: 'Cropping2D', inputs: [[null, 28, 28, 3]], out: [null, 28, 28, 3], describe: 'crop 0' },
    {
      kind: 'Cropping2D',
      params: {
        cropping: [
          [2, 2],
          [4, 4],
        ],
      },
      inputs: [[null, 28, 28, 3]],
      out: [null, 24, 20, 3],
    },
    { kind: 'Cropping2D', params: { cropping: 2 }, inputs: [[null, null, 28, 3]], out: [null, null, 24, 3] },
    { kind: 'UpSampling2D', inputs: [[null, 7, 7, 64]], out: [null, 14, 14, 64], describe: '× 2×2' },
    {
      kind: 'UpSampling2D',
      params: { size: [2, 3], interpolation: 'bilinear' },
      inputs: [[null, 7, 7, 64]],
      out: [null, 14, 21, 64],
      describe: '× 2×3, bilinear',
    },
  ]);
});

describe('reshaping shape errors', () => {
  errorRows([
    {
      kind: 'Flatten',
      inputs: [[null]],
      error: /Flatten needs at least one dimension besides the batch, but gets \(None,\)/,
    },
    {
      kind: 'Reshape',
      params: { targetShape: [27, 28, 1] },
      inputs: [[null, 784]],
      error: /^Reshape cannot turn \(None, 784\) \(784 values\) into \[27, 28, 1\] \(756 values\)\.$/,
      hint: /same 784 values; put -1/,
    },
    { kind: 'Reshape', params: { targetShape: [-1, 5] }, inputs: [[null, 784]], error: /784 is not a multiple of 5/ },
    {
      kind: 'Permute',
      inputs: [[null, 4, 5, 6]],
      error: /^Permute's dims \[2, 1\] must list each of the dimensions 1 to 3 of \(None, 4, 5, 6\) exactly once/,
    },
    {
      kind: 'Permute',
      params: { dims: [1, 1] },
      inputs: [[null, 3, 4]],
      error: /must list each of the dimensions 1 to 2/,
    },
    {
      kind: 'RepeatVector',
      inputs: [[null, 10, 32]],
      error: /^RepeatVector expects a 1-D input \(batch, features\), but gets \(None, 10, 32\)/,
      hint: /Flatten/,
    },
    {
      kind: 'ZeroPadding2D',
      inputs: [[null, 28, 28]],
      error: /^ZeroPadding2D expects a 3-D input/,
      hint: /targetShape \[28, 28, 1\]/,
    },
    {
      kind: 'Cropping2D',
      params: { cropping: 14 },
      inputs: [[null, 28, 28, 3]],
      error: /Cropping2D would crop \(None, 28, 28, 3\) down to nothing: it removes 28 rows and 28 columns/,
      hint: /Crop less/,
    },
    { kind: 'UpSampling2D', inputs: [[null, 7, 64]], error: /^UpSampling2D expects a 3-D input/ },
  ]);
});

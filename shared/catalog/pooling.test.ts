import { describe } from 'vitest';
import { errorRows, shapeRows } from './testKit';

describe('pooling shapes', () => {
  shapeRows([
    { kind: 'MaxPooling2D', inputs: [[null, 26, 26, 32]], out: [null, 13, 13, 32], macs: 0, describe: '2×2' },
    { kind: 'MaxPooling2D', inputs: [[null, 27, 27, 32]], out: [null, 13, 13, 32] },
    {
      kind: 'MaxPooling2D',
      params: { poolSize: 3, strides: 2 },
      inputs: [[null, 55, 55, 96]],
      out: [null, 27, 27, 96],
      describe: '3×3, stride 2',
    },
    { kind: 'MaxPooling2D', params: { padding: 'same' }, inputs: [[null, 7, 7, 8]], out: [null, 4, 4, 8] },
    {
      kind: 'MaxPooling2D',
      params: { poolSize: [2, 1] },
      inputs: [[null, 8, 8, 4]],
      out: [null, 4, 8, 4],
      describe: '2×1',
    },
    { kind: 'MaxPooling1D', params: { poolSize: 4 }, inputs: [[null, 100, 8]], out: [null, 25, 8] },
    { kind: 'MaxPooling3D', inputs: [[null, 16, 16, 16, 4]], out: [null, 8, 8, 8, 4], describe: '2×2×2' },
    { kind: 'AveragePooling1D', inputs: [[null, 100, 8]], out: [null, 50, 8] },
    { kind: 'AveragePooling2D', inputs: [[null, null, null, 3]], out: [null, null, null, 3] },
    { kind: 'AveragePooling2D', params: { poolSize: 2, strides: 1 }, inputs: [[null, 5, 5, 3]], out: [null, 4, 4, 3] },
    {
      kind: 'AveragePooling3D',
      params: { poolSize: [1, 2, 2] },
      inputs: [[null, 10, 16, 16, 4]],
      out: [null, 10, 8, 8, 4],
    },
    { kind: 'GlobalMaxPooling1D', inputs: [[null, 100, 8]], out: [null, 8] },
    { kind: 'GlobalAveragePooling1D', inputs: [[null, null, 8]], out: [null, 8] },
    { kind: 'GlobalMaxPooling2D', inputs: [[null, 7, 7, 512]], out: [null, 512] },
    { kind: 'GlobalAveragePooling2D', inputs: [[null, 7, 7, 512]], out: [null, 512] },
  ]);
});

describe('pooling shape errors', () => {
  errorRows([
    {
      kind: 'MaxPooling2D',
      inputs: [[null, 1, 1, 8]],
      error: /MaxPooling2D would shrink \(None, 1, 1, 8\) to \(None, 0, 0, 8\)/,
      hint: /remove a pooling layer/,
    },
    {
      kind: 'MaxPooling2D',
      inputs: [[null, 128]],
      error: /^MaxPooling2D expects a 3-D input \(batch, height, width, channels\), but gets \(None, 128\)/,
    },
    {
      kind: 'AveragePooling1D',
      params: { poolSize: 5 },
      inputs: [[null, 3, 8]],
      error: /AveragePooling1D would shrink/,
    },
    { kind: 'MaxPooling3D', inputs: [[null, 8, 8, 3]], error: /^MaxPooling3D expects a 4-D input/ },
    {
      kind: 'GlobalAveragePooling2D',
      inputs: [[null, 100, 8]],
      error: /^GlobalAveragePooling2D expects a 3-D input .* but gets \(None, 100, 8\)/,
    },
    {
      kind: 'GlobalMaxPooling1D',
      inputs: [[null, 7, 7, 8]],
      error: /^GlobalMaxPooling1D expects a 2-D input \(batch, steps, channels\)/,
    },
    {
      kind: 'MaxPooling1D',
      inputs: [[null, 100]],
      error: /^MaxPooling1D expects a 2-D input \(batch, steps, channels\), but gets \(None, 100\)/,
    },
    {
      kind: 'AveragePooling2D',
      params: { poolSize: 3 },
      inputs: [[null, 2, 8, 3]],
      error: /AveragePooling2D would shrink \(None, 2, 8, 3\) to \(None, 0, 2, 3\)/,
    },
    { kind: 'AveragePooling3D', inputs: [[null, 8, 8, 8]], error: /^AveragePooling3D expects a 4-D input/ },
    { kind: 'GlobalMaxPooling2D', inputs: [[null, 512]], error: /^GlobalMaxPooling2D expects a 3-D input/ },
    {
      kind: 'GlobalAveragePooling1D',
      inputs: [[null, 28, 28, 3]],
      error: /^GlobalAveragePooling1D expects a 2-D input/,
    },
  ]);
});

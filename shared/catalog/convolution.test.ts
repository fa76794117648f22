import { describe } from 'vitest';
import { errorRows, shapeRows } from './testKit';

describe('convolution shapes and counts', () => {
  shapeRows([
    { kind: 'Conv2D', inputs: [[null, 28, 28, 3]], out: [null, 26, 26, 32], count: [896, 0], macs: 26 * 26 * 32 * 9 * 3, describe: '32 × 3×3' },
    { kind: 'Conv2D', params: { activation: 'relu' }, inputs: [[null, 28, 28, 3]], out: [null, 26, 26, 32], count: [896, 0], describe: '32 × 3×3, relu' },
    {
      kind: 'Conv2D',
      params: { filters: 64, strides: 2, padding: 'same', activation: 'relu' },
      inputs: [[null, 32, 32, 16]],
      out: [null, 16, 16, 64],
      count: [9 * 16 * 64 + 64, 0],
      describe: '64 × 3×3, stride 2, relu',
    },
    { kind: 'Conv2D', params: { strides: 2 }, inputs: [[null, 28, 28, 1]], out: [null, 13, 13, 32], count: [320, 0] },
    { kind: 'Conv2D', params: { kernelSize: [5, 3] }, inputs: [[null, 28, 20, 1]], out: [null, 24, 18, 32], count: [512, 0] },
    { kind: 'Conv2D', params: { dilationRate: 2 }, inputs: [[null, 28, 28, 1]], out: [null, 24, 24, 32], count: [320, 0], describe: '32 × 3×3, dilation 2×2' },
    { kind: 'Conv2D', params: { useBias: false }, inputs: [[null, 28, 28, 3]], out: [null, 26, 26, 32], count: [864, 0] },
    { kind: 'Conv2D', inputs: [[null, null, null, 3]], out: [null, null, null, 32], count: [896, 0] },
    { kind: 'Conv2D', params: { filters: 8, kernelSize: 1 }, inputs: [[null, 7, 7, 64]], out: [null, 7, 7, 8], count: [520, 0] },
    { kind: 'Conv1D', inputs: [[null, 100, 8]], out: [null, 98, 32], count: [800, 0], macs: 98 * 32 * 3 * 8 },
    { kind: 'Conv1D', params: { kernelSize: 5, padding: 'causal' }, inputs: [[null, 100, 8]], out: [null, 100, 32], count: [1312, 0] },
    { kind: 'Conv1D', params: { strides: 2, padding: 'same' }, inputs: [[null, 101, 8]], out: [null, 51, 32], count: [800, 0] },
    { kind: 'Conv3D', inputs: [[null, 16, 16, 16, 1]], out: [null, 14, 14, 14, 32], count: [896, 0], describe: '32 × 3×3×3' },
    { kind: 'Conv2DTranspose', inputs: [[null, 7, 7, 64]], out: [null, 9, 9, 32], count: [18464, 0] },
    { kind: 'Conv2DTranspose', params: { strides: 2, padding: 'same' }, inputs: [[null, 7, 7, 64]], out: [null, 14, 14, 32], count: [18464, 0] },
    { kind: 'Conv2DTranspose', params: { strides: 2 }, inputs: [[null, 7, 7, 64]], out: [null, 15, 15, 32], count: [18464, 0], macs: 49 * 64 * 9 * 32 },
    { kind: 'Conv2DTranspose', params: { filters: 1, kernelSize: 4, strides: 2, padding: 'same' }, inputs: [[null, 14, 14, 8]], out: [null, 28, 28, 1], count: [16 * 8 + 1, 0] },
    { kind: 'SeparableConv2D', params: { filters: 64 }, inputs: [[null, 32, 32, 32]], out: [null, 30, 30, 64], count: [2400, 0], macs: 900 * 32 * 9 + 900 * 32 * 64 },
    { kind: 'SeparableConv2D', params: { filters: 64, depthMultiplier: 2, padding: 'same' }, inputs: [[null, 32, 32, 32]], out: [null, 32, 32, 64], count: [4736, 0] },
    { kind: 'DepthwiseConv2D', inputs: [[null, 28, 28, 16]], out: [null, 26, 26, 16], count: [160, 0], describe: '3×3' },
    { kind: 'DepthwiseConv2D', params: { depthMultiplier: 2, useBias: false, strides: 2, padding: 'same' }, inputs: [[null, 28, 28, 16]], out: [null, 14, 14, 32], count: [288, 0], describe: '×2 3×3, stride 2' },
  ]);
});

describe('convolution shape errors', () => {
  errorRows([
    {
      kind: 'Conv2D',
      inputs: [[null, 784]],
      error: /^Conv2D expects a 3-D input \(batch, height, width, channels\), but gets \(None, 784\)\.$/,
      hint: /Reshape/,
    },
    { kind: 'Conv2D', inputs: [[null, 28, 28]], error: /gets \(None, 28, 28\)/, hint: /targetShape \[28, 28, 1\]/ },
    { kind: 'Conv2D', params: { kernelSize: 5 }, inputs: [[null, 3, 3, 1]], error: /Conv2D would shrink \(None, 3, 3, 1\) to \(None, -1, -1, 32\)/, hint: /padding "same"/ },
    { kind: 'Conv2D', params: { strides: 2, dilationRate: 2 }, inputs: [[null, 28, 28, 1]], error: /strides above 1 together with a dilationRate above 1/ },
    { kind: 'Conv2D', inputs: [[null, 28, 28, null]], error: /last dimension \(channels or features\) .* unknown in \(None, 28, 28, None\)/ },
    { kind: 'Conv1D', inputs: [[null, 28, 28, 1]], error: /^Conv1D expects a 2-D input \(batch, steps, channels\)/, hint: /Reshape or a pooling/ },
    { kind: 'Conv3D', inputs: [[null, 28, 28, 1]], error: /^Conv3D expects a 4-D input \(batch, depth, height, width, channels\)/ },
    { kind: 'Conv2DTranspose', inputs: [[null, 64]], error: /^Conv2DTranspose expects a 3-D input/ },
    { kind: 'SeparableConv2D', params: { kernelSize: 7 }, inputs: [[null, 5, 5, 3]], error: /SeparableConv2D would shrink/ },
    { kind: 'DepthwiseConv2D', inputs: [[null, 28, 28, null]], error: /DepthwiseConv2D needs the last dimension/ },
  ]);
});

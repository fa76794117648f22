import type { Params } from '../../../shared/catalog/types';
import type { Graph } from '../../../shared/graph/types';

/**
 * Small graphs for the known traps of issue 10 (TF 'same' padding, Flatten order, recurrent gate
 * orders and biases, TF.js's hardSigmoid, BatchNormalization momentum/epsilon, LRN, depthwise and
 * transposed convolutions, the Gaussian activation), shared by the exporters' tests.
 */
export const chain = (shape: number[], layers: [string, Params][]): Graph => ({
  nodes: [
    { id: 'in', kind: 'Input', params: { shape } },
    ...layers.map(([kind, params], i) => ({ id: `n${i}`, kind, params })),
  ],
  edges: layers.map((_, i) => ({ source: i === 0 ? 'in' : `n${i - 1}`, target: `n${i}` })),
});

export const TRAPS: Record<string, Graph> = {
  // 9×9 with stride 2: TF pads 1 at the end only; symmetric padding shifts every window.
  sameStride2: chain(
    [9, 9, 2],
    [
      ['Conv2D', { filters: 3, kernelSize: 2, strides: 2, padding: 'same' }],
      ['MaxPooling2D', { poolSize: 2, padding: 'same' }],
      ['AveragePooling2D', { poolSize: 3, strides: 2, padding: 'same' }],
    ],
  ),
  flattenAfterConv: chain(
    [6, 5, 3],
    [
      ['Conv2D', { filters: 4, kernelSize: 3 }],
      ['Flatten', {}],
      ['Dense', { units: 3 }],
    ],
  ),
  lstmGatesAndBias: chain([5, 3], [['LSTM', { units: 4, biasInitializer: { name: 'randomNormal', stddev: 1 } }]]),
  gruResetAfter: chain([5, 3], [['GRU', { units: 4, biasInitializer: { name: 'randomNormal', stddev: 1 } }]]),
  gruResetBefore: chain([5, 3], [['GRU', { units: 4, resetAfter: false }]]),
  // Keras's go_backwards: read last step first, sequences returned in that (reversed) order.
  goBackwards: chain(
    [5, 3],
    [
      ['GRU', { units: 4, goBackwards: true, returnSequences: true, biasInitializer: { name: 'randomNormal' } }],
      ['SimpleRNN', { units: 3, activation: 'sigmoid', goBackwards: true, returnSequences: true }],
      ['LSTM', { units: 3, goBackwards: true }],
    ],
  ),
  hardSigmoid: chain(
    [5, 3],
    [
      ['LSTM', { units: 4, recurrentActivation: 'hardSigmoid', returnSequences: true }],
      ['Dense', { units: 2, activation: 'hardSigmoid' }],
    ],
  ),
  batchNormMomentumEpsilon: chain(
    [4, 4, 3],
    [
      [
        'BatchNormalization',
        { momentum: 0.9, epsilon: 0.01, movingVarianceInitializer: { name: 'constant', value: 2 } },
      ],
      ['LayerNormalization', { epsilon: 0.5 }],
    ],
  ),
  lrn: chain([3, 3, 7], [['LocalResponseNormalization', { depthRadius: 2, bias: 2, alpha: 0.1, beta: 0.75 }]]),
  depthwise: chain([6, 6, 3], [['DepthwiseConv2D', { kernelSize: [3, 2], depthMultiplier: 3 }]]),
  convTranspose: chain(
    [4, 5, 2],
    [
      ['Conv2DTranspose', { filters: 3, kernelSize: 4, strides: 2, padding: 'same' }],
      ['Conv2DTranspose', { filters: 2, kernelSize: 3, strides: 2, padding: 'same' }],
      ['Conv2DTranspose', { filters: 2, kernelSize: 1, strides: 3 }],
    ],
  ),
  gaussian: chain(
    [4],
    [
      ['Dense', { units: 3, activation: 'gaussian' }],
      ['GaussianActivation', { sigma: 0.5 }],
    ],
  ),
};

/** Traps that only concern some formats. */
export const EXTRA_TRAPS: Record<string, Graph> = {
  bilinear: chain([3, 4, 2], [['UpSampling2D', { size: [2, 3], interpolation: 'bilinear' }]]),
  gruHardSigmoidResetBefore: chain(
    [5, 3],
    [['Bidirectional', { layer: 'GRU', units: 3, resetAfter: false, recurrentActivation: 'hardSigmoid' }]],
  ),
};

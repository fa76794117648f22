import type { Params } from '../../../../shared/catalog/types';
import type { Graph } from '../../../../shared/graph/types';

/**
 * One small graph per case, covering every catalog kind (and the arg translations the compiler
 * does: initializer objects, regularizers, frozen layers, split activations, GRU reset-after).
 */
export interface KindCase {
  name: string;
  /** The kinds this case exercises (besides Input). */
  kinds: string[];
  graph: Graph;
  /** Integer inputs in [0, n) for Embedding. */
  intInputs?: number;
}

/** Input(shape) → kind(params), optionally with layers before it. */
function chain(name: string, shape: number[], layers: [string, Params][], intInputs?: number): KindCase {
  const nodes = [
    { id: 'in', kind: 'Input', params: { shape } },
    ...layers.map(([kind, params], i) => ({ id: `n${i}`, kind, params })),
  ];
  const edges = layers.map((_, i) => ({ source: i === 0 ? 'in' : `n${i - 1}`, target: `n${i}` }));
  return { name, kinds: layers.map(([k]) => k), graph: { nodes, edges }, intInputs };
}

/** Two Dense branches from one input joined by a merge kind. */
function merge(kind: string, params: Params = {}): KindCase {
  return {
    name: kind,
    kinds: [kind, 'Dense'],
    graph: {
      nodes: [
        { id: 'in', kind: 'Input', params: { shape: [6] } },
        { id: 'a', kind: 'Dense', params: { units: 4 } },
        { id: 'b', kind: 'Dense', params: { units: 4, activation: 'tanh' } },
        { id: 'm', kind, params },
      ],
      edges: [
        { source: 'in', target: 'a' },
        { source: 'in', target: 'b' },
        { source: 'b', target: 'm' },
        { source: 'a', target: 'm' },
      ],
    },
  };
}

export const KIND_CASES: KindCase[] = [
  chain('Dense', [8], [['Dense', { units: 4, activation: 'relu' }]]),
  chain(
    'Dense with split activations, initializers, regularizers, frozen',
    [8],
    [
      [
        'Dense',
        {
          units: 5,
          activation: 'leakyRelu',
          kernelInitializer: { name: 'orthogonal', gain: 2 },
          kernelRegularizer: { l2: 0.01 },
        },
      ],
      [
        'Dense',
        { units: 3, activation: 'gaussian', biasInitializer: { name: 'constant', value: 0.5 }, trainable: false },
      ],
      [
        'Dense',
        {
          units: 2,
          activation: 'softmax',
          useBias: false,
          kernelInitializer: 'heNormal',
          biasRegularizer: { l1: 0.1, l2: 0.1 },
        },
      ],
    ],
  ),
  chain(
    'Embedding',
    [5],
    [
      ['Embedding', { inputDim: 10, outputDim: 3 }],
      ['Flatten', {}],
    ],
    10,
  ),
  chain('Conv1D', [10, 3], [['Conv1D', { filters: 4, kernelSize: 3, padding: 'causal', activation: 'gaussian' }]]),
  chain('Conv2D', [8, 8, 3], [['Conv2D', { filters: 4, kernelSize: [3, 2], strides: 2, padding: 'same' }]]),
  chain('Conv3D', [6, 6, 6, 2], [['Conv3D', { filters: 3, kernelSize: 2 }]]),
  chain('Conv2DTranspose', [5, 5, 3], [['Conv2DTranspose', { filters: 2, kernelSize: 3, strides: 2 }]]),
  chain('SeparableConv2D', [8, 8, 3], [['SeparableConv2D', { filters: 5, kernelSize: 3, depthMultiplier: 2 }]]),
  chain(
    'DepthwiseConv2D',
    [8, 8, 3],
    [['DepthwiseConv2D', { kernelSize: 3, depthMultiplier: 2, activation: 'leakyRelu' }]],
  ),
  chain(
    'Pooling 1D',
    [10, 3],
    [
      ['MaxPooling1D', {}],
      ['AveragePooling1D', { poolSize: 2, strides: 1, padding: 'same' }],
      ['GlobalMaxPooling1D', {}],
    ],
  ),
  chain('Pooling 1D average', [10, 3], [['GlobalAveragePooling1D', {}]]),
  chain(
    'Pooling 2D',
    [8, 8, 3],
    [
      ['MaxPooling2D', { poolSize: 3, strides: 1 }],
      ['AveragePooling2D', {}],
      ['GlobalAveragePooling2D', {}],
    ],
  ),
  chain('Pooling 2D max', [8, 8, 3], [['GlobalMaxPooling2D', {}]]),
  chain(
    'Pooling 3D',
    [6, 6, 6, 2],
    [
      ['MaxPooling3D', {}],
      ['AveragePooling3D', { poolSize: 1 }],
    ],
  ),
  chain(
    'Reshaping',
    [4, 4, 2],
    [
      [
        'ZeroPadding2D',
        {
          padding: [
            [1, 0],
            [2, 1],
          ],
        },
      ],
      ['Cropping2D', { cropping: 1 }],
      ['UpSampling2D', { size: [2, 1] }],
      ['Flatten', {}],
      ['Reshape', { targetShape: [3, -1] }],
      ['Permute', { dims: [2, 1] }],
    ],
  ),
  chain('RepeatVector', [5], [['RepeatVector', { n: 3 }]]),
  chain('UpSampling2D bilinear', [4, 4, 2], [['UpSampling2D', { interpolation: 'bilinear' }]]),
  chain(
    'Normalization',
    [4, 4, 8],
    [
      ['BatchNormalization', { momentum: 0.9 }],
      ['LocalResponseNormalization', { depthRadius: 2, bias: 2, alpha: 1e-4, beta: 0.75 }],
      ['LayerNormalization', {}],
    ],
  ),
  chain('BatchNormalization frozen, no scale', [6], [['BatchNormalization', { scale: false, trainable: false }]]),
  chain(
    'Regularization',
    [4, 4, 3],
    [
      ['Dropout', { rate: 0.2 }],
      ['SpatialDropout2D', { rate: 0.3 }],
      ['GaussianNoise', { stddev: 0.2 }],
    ],
  ),
  merge('Add'),
  merge('Subtract'),
  merge('Multiply'),
  merge('Average'),
  merge('Maximum'),
  merge('Concatenate'),
  chain(
    'SimpleRNN',
    [7, 4],
    [
      ['SimpleRNN', { units: 5, returnSequences: true }],
      ['SimpleRNN', { units: 3 }],
    ],
  ),
  chain('LSTM', [7, 4], [['LSTM', { units: 5 }]]),
  chain('GRU reset-after (Keras default)', [7, 4], [['GRU', { units: 5, returnSequences: true, dropout: 0.1 }]]),
  chain('GRU reset-before', [7, 4], [['GRU', { units: 5, resetAfter: false }]]),
  chain(
    'go_backwards (sequences last step first)',
    [7, 4],
    [
      ['GRU', { units: 5, goBackwards: true, returnSequences: true }],
      ['SimpleRNN', { units: 4, goBackwards: true, returnSequences: true }],
      ['LSTM', { units: 3, goBackwards: true }],
    ],
  ),
  chain('Bidirectional LSTM', [7, 4], [['Bidirectional', { layer: 'LSTM', units: 3 }]]),
  chain(
    'Bidirectional GRU',
    [7, 4],
    [['Bidirectional', { layer: 'GRU', units: 3, mergeMode: 'sum', returnSequences: true }]],
  ),
  chain('Bidirectional SimpleRNN', [7, 4], [['Bidirectional', { layer: 'SimpleRNN', units: 3, mergeMode: 'ave' }]]),
  chain(
    'Activation layers',
    [4, 4, 3],
    [
      ['Activation', { activation: 'gaussian' }],
      ['Activation', { activation: 'leakyRelu' }],
      ['Activation', { activation: 'selu' }],
      ['ReLU', { maxValue: 6 }],
      ['ReLU', {}],
      ['LeakyReLU', { alpha: 0.1 }],
      ['ELU', {}],
      ['PReLU', { sharedAxes: [1, 2] }],
      ['PReLU', {}],
      ['Softmax', {}],
      ['GaussianActivation', { sigma: 2 }],
    ],
  ),
];

import type { Params, Shape } from '../types';

/**
 * One reference weight count per catalog kind, as Keras's `model.summary()` prints it for that
 * layer on that input (tf.keras 2; Deepwire's own kinds say what they hold). Each count is written
 * as Keras's formula, never taken from the spec it checks (kerasCounts.test.ts). A new kind needs
 * its entry: the add-a-layer checklist test names a kind without one.
 */
export interface KerasCount {
  kind: string;
  params?: Params;
  inputs: Shape[];
  trainable: number;
  nonTrainable: number;
  /** Where the formula comes from, in words. */
  why: string;
}

const none = (kind: string, inputs: Shape[], why = 'no weights'): KerasCount => ({
  kind,
  inputs,
  trainable: 0,
  nonTrainable: 0,
  why,
});

const two: Shape[] = [
  [null, 16],
  [null, 16],
];

export const KERAS_COUNTS: KerasCount[] = [
  none('Input', [], 'InputLayer: no weights'),
  {
    kind: 'Dense',
    params: { units: 10 },
    inputs: [[null, 16]],
    trainable: 16 * 10 + 10,
    nonTrainable: 0,
    why: 'kernel in×units + bias units',
  },
  {
    kind: 'Embedding',
    params: { inputDim: 1000, outputDim: 64 },
    inputs: [[null, 20]],
    trainable: 1000 * 64,
    nonTrainable: 0,
    why: 'input_dim × output_dim',
  },
  {
    kind: 'Conv1D',
    params: { filters: 32, kernelSize: 3 },
    inputs: [[null, 100, 8]],
    trainable: 3 * 8 * 32 + 32,
    nonTrainable: 0,
    why: 'k × in × filters + filters',
  },
  {
    kind: 'Conv2D',
    params: { filters: 32, kernelSize: 3 },
    inputs: [[null, 28, 28, 3]],
    trainable: 3 * 3 * 3 * 32 + 32,
    nonTrainable: 0,
    why: 'kh × kw × in × filters + filters',
  },
  {
    kind: 'Conv3D',
    params: { filters: 32, kernelSize: 3 },
    inputs: [[null, 8, 8, 8, 2]],
    trainable: 27 * 2 * 32 + 32,
    nonTrainable: 0,
    why: 'k³ × in × filters + filters',
  },
  {
    kind: 'Conv2DTranspose',
    params: { filters: 16, kernelSize: 3 },
    inputs: [[null, 8, 8, 4]],
    trainable: 3 * 3 * 16 * 4 + 16,
    nonTrainable: 0,
    why: 'kh × kw × filters × in + filters',
  },
  {
    kind: 'SeparableConv2D',
    params: { filters: 64, kernelSize: 3 },
    inputs: [[null, 32, 32, 32]],
    trainable: 3 * 3 * 32 + 32 * 64 + 64,
    nonTrainable: 0,
    why: 'depthwise kh × kw × in + pointwise in × filters + filters',
  },
  {
    kind: 'DepthwiseConv2D',
    params: { kernelSize: 3, depthMultiplier: 2 },
    inputs: [[null, 28, 28, 8]],
    trainable: 3 * 3 * 8 * 2 + 8 * 2,
    nonTrainable: 0,
    why: 'kh × kw × in × multiplier + in × multiplier',
  },
  none('MaxPooling1D', [[null, 100, 8]]),
  none('MaxPooling2D', [[null, 28, 28, 8]]),
  none('MaxPooling3D', [[null, 8, 8, 8, 2]]),
  none('AveragePooling1D', [[null, 100, 8]]),
  none('AveragePooling2D', [[null, 28, 28, 8]]),
  none('AveragePooling3D', [[null, 8, 8, 8, 2]]),
  none('GlobalMaxPooling1D', [[null, 100, 8]]),
  none('GlobalMaxPooling2D', [[null, 28, 28, 8]]),
  none('GlobalAveragePooling1D', [[null, 100, 8]]),
  none('GlobalAveragePooling2D', [[null, 28, 28, 8]]),
  none('Flatten', [[null, 28, 28, 8]]),
  { ...none('Reshape', [[null, 16]]), params: { targetShape: [4, 4] } },
  none('Permute', [[null, 100, 8]]),
  none('RepeatVector', [[null, 16]]),
  none('ZeroPadding2D', [[null, 28, 28, 8]]),
  none('Cropping2D', [[null, 28, 28, 8]]),
  none('UpSampling2D', [[null, 28, 28, 8]]),
  {
    kind: 'BatchNormalization',
    inputs: [[null, 32, 32, 64]],
    trainable: 2 * 64,
    nonTrainable: 2 * 64,
    why: 'gamma, beta per channel; moving mean and variance non-trainable',
  },
  {
    kind: 'LayerNormalization',
    inputs: [[null, 10, 16]],
    trainable: 2 * 16,
    nonTrainable: 0,
    why: 'gamma, beta per feature',
  },
  none(
    'LocalResponseNormalization',
    [[null, 28, 28, 8]],
    'not Keras: tf.nn.local_response_normalization has no weights',
  ),
  none('Dropout', [[null, 16]]),
  none('SpatialDropout2D', [[null, 28, 28, 8]]),
  none('GaussianNoise', [[null, 16]]),
  none('Add', two),
  none('Subtract', two),
  none('Multiply', two),
  none('Average', two),
  none('Maximum', two),
  none('Concatenate', two),
  {
    kind: 'SimpleRNN',
    params: { units: 32 },
    inputs: [[null, 20, 10]],
    trainable: 32 * (10 + 32) + 32,
    nonTrainable: 0,
    why: 'units × (features + units) + units',
  },
  {
    kind: 'LSTM',
    params: { units: 32 },
    inputs: [[null, 20, 10]],
    trainable: 4 * (32 * (10 + 32) + 32),
    nonTrainable: 0,
    why: '4 gates × (units × (features + units) + units)',
  },
  {
    kind: 'GRU',
    params: { units: 32 },
    inputs: [[null, 20, 10]],
    trainable: 3 * (32 * (10 + 32) + 2 * 32),
    nonTrainable: 0,
    why: 'reset_after=True: 3 gates × (units × (features + units) + 2 × units)',
  },
  {
    kind: 'Bidirectional',
    params: { layer: 'LSTM', units: 16 },
    inputs: [[null, 20, 10]],
    trainable: 2 * 4 * (16 * (10 + 16) + 16),
    nonTrainable: 0,
    why: 'two LSTMs, one per direction',
  },
  none('Activation', [[null, 16]]),
  none('ReLU', [[null, 16]]),
  none('LeakyReLU', [[null, 16]]),
  none('ELU', [[null, 16]]),
  {
    kind: 'PReLU',
    params: { sharedAxes: [1, 2] },
    inputs: [[null, 28, 28, 8]],
    trainable: 8,
    nonTrainable: 0,
    why: 'one alpha per channel when height and width are shared',
  },
  none('Softmax', [[null, 16]]),
  none('GaussianActivation', [[null, 16]], 'not Keras: exp(−x²/σ²) has no weights'),
];

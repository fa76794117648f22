import { normalizePadding2d, tuple } from '../../../../shared/catalog/shapeMath';
import type { InitializerValue, Params, RegularizerValue, Shape } from '../../../../shared/catalog/types';
import { ExportError } from '../exportError';
import type { LayerWeight } from '../types';
import { kerasActivation, kerasInitializer, kerasRegularizer, type KerasObject } from './kerasObjects';

/**
 * One Deepwire node as one Keras 3 layer: its class, its config (Keras 3's argument names), and its
 * weights as Keras saves them — the layer's own variables, or, for recurrent layers, their cell's
 * (`cell/`), and Bidirectional's two wrapped layers (`forward_layer/cell/`, `backward_layer/cell/`).
 * TF.js's weight layouts are Keras's, so the values are the same arrays.
 */
export interface KerasLayer {
  className: string;
  /** Deepwire's own layers (registered by model.py) have a registered name. */
  registeredName?: string;
  config: Record<string, unknown>;
  /** Weights by sub-path ('' = the layer's own vars), in Keras's order (trainable, then non-trainable). */
  vars: { path: string; weights: LayerWeight[] }[];
}

export interface KerasNode {
  id: string;
  kind: string;
  params: Params;
  inputShapes: Shape[];
  weights: LayerWeight[];
}

const init = (p: Params, key: string) => kerasInitializer(p[key] as InitializerValue);
const reg = (p: Params, key: string) => kerasRegularizer(p[key] as RegularizerValue);

function convCommon(p: Params, n: number): Record<string, unknown> {
  return {
    kernel_size: tuple(p.kernelSize, n, 'kernelSize'),
    strides: tuple(p.strides, n, 'strides'),
    padding: p.padding,
    data_format: 'channels_last',
    dilation_rate: tuple(p.dilationRate ?? 1, n, 'dilationRate'),
    activation: kerasActivation(p.activation as string),
    use_bias: p.useBias,
  };
}

const weightInits = (p: Params, prefix: string) => ({
  [`${prefix}_initializer`]: init(p, `${prefix === 'kernel' ? 'kernel' : prefix}Initializer`),
});

function recurrentConfig(kind: string, p: Params, name: string, goBackwards = false): Record<string, unknown> {
  const c: Record<string, unknown> = {
    name,
    trainable: p.trainable !== false,
    dtype: DTYPE,
    return_sequences: p.returnSequences,
    return_state: false,
    go_backwards: goBackwards,
    stateful: false,
    unroll: false,
    zero_output_for_mask: kind !== 'SimpleRNN' ? false : undefined,
    units: p.units,
    activation: kerasActivation(p.activation as string),
    use_bias: p.useBias,
    kernel_initializer: kerasInitializer((p.kernelInitializer as InitializerValue) ?? 'glorotUniform'),
    recurrent_initializer: kerasInitializer((p.recurrentInitializer as InitializerValue) ?? 'orthogonal'),
    bias_initializer: kerasInitializer((p.biasInitializer as InitializerValue) ?? 'zeros'),
    kernel_regularizer: kerasRegularizer(p.kernelRegularizer as RegularizerValue),
    recurrent_regularizer: kerasRegularizer(p.recurrentRegularizer as RegularizerValue),
    bias_regularizer: kerasRegularizer(p.biasRegularizer as RegularizerValue),
    activity_regularizer: null,
    kernel_constraint: null,
    recurrent_constraint: null,
    bias_constraint: null,
    dropout: p.dropout ?? 0,
    recurrent_dropout: p.recurrentDropout ?? 0,
    seed: null,
  };
  if (kind !== 'SimpleRNN') c.recurrent_activation = kerasActivation(p.recurrentActivation as string);
  if (kind === 'LSTM') c.unit_forget_bias = p.unitForgetBias ?? true;
  if (kind === 'GRU') c.reset_after = p.resetAfter !== false;
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined));
}

const DTYPE = {
  module: 'keras',
  class_name: 'DTypePolicy',
  config: { name: 'float32' },
  registered_name: null,
} satisfies KerasObject;

function merge(cls: string, extra: Record<string, unknown> = {}) {
  return (): Omit<KerasLayer, 'vars'> => ({ className: cls, config: extra });
}

type Build = (n: KerasNode) => Omit<KerasLayer, 'vars'> & { vars?: KerasLayer['vars'] };

const pool =
  (cls: string, n: number): Build =>
  (node) => {
    const ps = tuple(node.params.poolSize, n, 'poolSize');
    return {
      className: cls,
      config: {
        pool_size: ps,
        strides: node.params.strides === null ? ps : tuple(node.params.strides, n, 'strides'),
        padding: node.params.padding,
        data_format: 'channels_last',
      },
    };
  };
const globalPool =
  (cls: string): Build =>
  () => ({
    className: cls,
    config: { data_format: 'channels_last', keepdims: false },
  });

const BUILDERS: Record<string, Build> = {
  Dense: ({ params: p }) => ({
    className: 'Dense',
    config: {
      units: p.units,
      activation: kerasActivation(p.activation as string),
      use_bias: p.useBias,
      ...weightInits(p, 'kernel'),
      bias_initializer: init(p, 'biasInitializer'),
      kernel_regularizer: reg(p, 'kernelRegularizer'),
      bias_regularizer: reg(p, 'biasRegularizer'),
      kernel_constraint: null,
      bias_constraint: null,
    },
  }),
  Embedding: ({ params: p }) => ({
    className: 'Embedding',
    config: {
      input_dim: p.inputDim,
      output_dim: p.outputDim,
      embeddings_initializer: init(p, 'embeddingsInitializer'),
      embeddings_regularizer: reg(p, 'embeddingsRegularizer'),
      activity_regularizer: null,
      embeddings_constraint: null,
      mask_zero: p.maskZero,
    },
  }),
  Conv2DTranspose: ({ params: p }) => ({
    className: 'Conv2DTranspose',
    config: {
      filters: p.filters,
      ...convCommon(p, 2),
      dilation_rate: [1, 1],
      output_padding: null,
      kernel_initializer: init(p, 'kernelInitializer'),
      bias_initializer: init(p, 'biasInitializer'),
      kernel_regularizer: reg(p, 'kernelRegularizer'),
      bias_regularizer: reg(p, 'biasRegularizer'),
      activity_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
    },
  }),
  SeparableConv2D: ({ params: p }) => ({
    className: 'SeparableConv2D',
    config: {
      filters: p.filters,
      ...convCommon(p, 2),
      depth_multiplier: p.depthMultiplier,
      depthwise_initializer: init(p, 'depthwiseInitializer'),
      pointwise_initializer: init(p, 'pointwiseInitializer'),
      bias_initializer: init(p, 'biasInitializer'),
      depthwise_regularizer: reg(p, 'depthwiseRegularizer'),
      pointwise_regularizer: reg(p, 'pointwiseRegularizer'),
      bias_regularizer: reg(p, 'biasRegularizer'),
      activity_regularizer: null,
      depthwise_constraint: null,
      pointwise_constraint: null,
      bias_constraint: null,
    },
  }),
  DepthwiseConv2D: ({ params: p }) => ({
    className: 'DepthwiseConv2D',
    config: {
      ...convCommon(p, 2),
      depth_multiplier: p.depthMultiplier,
      depthwise_initializer: init(p, 'depthwiseInitializer'),
      bias_initializer: init(p, 'biasInitializer'),
      depthwise_regularizer: reg(p, 'depthwiseRegularizer'),
      bias_regularizer: reg(p, 'biasRegularizer'),
      activity_regularizer: null,
      depthwise_constraint: null,
      bias_constraint: null,
    },
  }),
  MaxPooling1D: pool('MaxPooling1D', 1),
  MaxPooling2D: pool('MaxPooling2D', 2),
  MaxPooling3D: pool('MaxPooling3D', 3),
  AveragePooling1D: pool('AveragePooling1D', 1),
  AveragePooling2D: pool('AveragePooling2D', 2),
  AveragePooling3D: pool('AveragePooling3D', 3),
  GlobalMaxPooling1D: globalPool('GlobalMaxPooling1D'),
  GlobalMaxPooling2D: globalPool('GlobalMaxPooling2D'),
  GlobalAveragePooling1D: globalPool('GlobalAveragePooling1D'),
  GlobalAveragePooling2D: globalPool('GlobalAveragePooling2D'),
  Flatten: () => ({ className: 'Flatten', config: { data_format: 'channels_last' } }),
  Reshape: ({ params: p }) => ({ className: 'Reshape', config: { target_shape: p.targetShape } }),
  Permute: ({ params: p }) => ({ className: 'Permute', config: { dims: p.dims } }),
  RepeatVector: ({ params: p }) => ({ className: 'RepeatVector', config: { n: p.n } }),
  ZeroPadding2D: ({ params: p }) => ({
    className: 'ZeroPadding2D',
    config: { padding: normalizePadding2d(p.padding, 'padding'), data_format: 'channels_last' },
  }),
  Cropping2D: ({ params: p }) => ({
    className: 'Cropping2D',
    config: { cropping: normalizePadding2d(p.cropping, 'cropping'), data_format: 'channels_last' },
  }),
  UpSampling2D: ({ params: p }) =>
    p.interpolation === 'bilinear'
      ? // Keras 3 resizes with half-pixel centres; TF.js (the trained model) does not: Deepwire's layer.
        {
          className: 'TfjsBilinearUpSampling2D',
          registeredName: 'deepwire>TfjsBilinearUpSampling2D',
          config: { size: tuple(p.size, 2, 'size') },
        }
      : {
          className: 'UpSampling2D',
          config: { size: tuple(p.size, 2, 'size'), data_format: 'channels_last', interpolation: 'nearest' },
        },
  BatchNormalization: ({ params: p }) => ({
    className: 'BatchNormalization',
    config: {
      axis: p.axis,
      momentum: p.momentum,
      epsilon: p.epsilon,
      center: p.center,
      scale: p.scale,
      beta_initializer: init(p, 'betaInitializer'),
      gamma_initializer: init(p, 'gammaInitializer'),
      moving_mean_initializer: init(p, 'movingMeanInitializer'),
      moving_variance_initializer: init(p, 'movingVarianceInitializer'),
      beta_regularizer: reg(p, 'betaRegularizer'),
      gamma_regularizer: reg(p, 'gammaRegularizer'),
      beta_constraint: null,
      gamma_constraint: null,
      synchronized: false,
    },
  }),
  LayerNormalization: ({ params: p }) => ({
    className: 'LayerNormalization',
    config: {
      axis: p.axis,
      epsilon: p.epsilon,
      center: p.center,
      scale: p.scale,
      beta_initializer: init(p, 'betaInitializer'),
      gamma_initializer: init(p, 'gammaInitializer'),
      beta_regularizer: reg(p, 'betaRegularizer'),
      gamma_regularizer: reg(p, 'gammaRegularizer'),
      beta_constraint: null,
      gamma_constraint: null,
    },
  }),
  LocalResponseNormalization: ({ params: p }) => ({
    className: 'LocalResponseNormalization',
    registeredName: 'deepwire>LocalResponseNormalization',
    config: { depth_radius: p.depthRadius, bias: p.bias, alpha: p.alpha, beta: p.beta },
  }),
  Dropout: ({ params: p }) => ({ className: 'Dropout', config: { rate: p.rate, seed: null, noise_shape: null } }),
  SpatialDropout2D: ({ params: p }) => ({
    className: 'SpatialDropout2D',
    config: { rate: p.rate, seed: null, data_format: 'channels_last' },
  }),
  GaussianNoise: ({ params: p }) => ({ className: 'GaussianNoise', config: { stddev: p.stddev, seed: null } }),
  Add: merge('Add'),
  Subtract: merge('Subtract'),
  Multiply: merge('Multiply'),
  Average: merge('Average'),
  Maximum: merge('Maximum'),
  Concatenate: ({ params: p }) => ({ className: 'Concatenate', config: { axis: p.axis } }),
  Activation: ({ params: p }) => ({
    className: 'Activation',
    config: { activation: kerasActivation(p.activation as string) },
  }),
  ReLU: ({ params: p }) => ({
    className: 'ReLU',
    config: { max_value: p.maxValue ?? null, negative_slope: 0, threshold: 0 },
  }),
  LeakyReLU: ({ params: p }) => ({ className: 'LeakyReLU', config: { negative_slope: p.alpha } }),
  ELU: ({ params: p }) => ({ className: 'ELU', config: { alpha: p.alpha } }),
  PReLU: ({ params: p }) => ({
    className: 'PReLU',
    config: {
      alpha_initializer: init(p, 'alphaInitializer'),
      alpha_regularizer: reg(p, 'alphaRegularizer'),
      alpha_constraint: null,
      shared_axes: (p.sharedAxes as number[]).length ? p.sharedAxes : null,
    },
  }),
  Softmax: ({ params: p }) => ({ className: 'Softmax', config: { axis: p.axis } }),
  GaussianActivation: ({ params: p }) => ({
    className: 'GaussianActivation',
    registeredName: 'deepwire>GaussianActivation',
    config: { sigma: p.sigma },
  }),
};

for (const n of [1, 2, 3]) {
  BUILDERS[`Conv${n}D`] = ({ params: p }) => ({
    className: `Conv${n}D`,
    config: {
      filters: p.filters,
      ...convCommon(p, n),
      groups: 1,
      kernel_initializer: init(p, 'kernelInitializer'),
      bias_initializer: init(p, 'biasInitializer'),
      kernel_regularizer: reg(p, 'kernelRegularizer'),
      bias_regularizer: reg(p, 'biasRegularizer'),
      activity_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
    },
  });
}

/** The Keras 3 layer for one node (config without name/trainable/dtype, added by the caller). */
export function kerasLayer(node: KerasNode): KerasLayer {
  const p = node.params;
  if (node.kind === 'SimpleRNN' || node.kind === 'LSTM' || node.kind === 'GRU') {
    const {
      name: _n,
      trainable: _t,
      dtype: _d,
      ...config
    } = recurrentConfig(node.kind, p, node.id, p.goBackwards === true);
    return { className: node.kind, config, vars: [{ path: 'cell', weights: node.weights }] };
  }
  if (node.kind === 'Bidirectional') {
    const inner = p.layer as string;
    const half = node.weights.length / 2;
    return {
      className: 'Bidirectional',
      config: {
        merge_mode: p.mergeMode,
        layer: {
          module: 'keras.layers',
          class_name: inner,
          config: recurrentConfig(inner, p, `forward_${node.id}`),
          registered_name: null,
        },
        backward_layer: {
          module: 'keras.layers',
          class_name: inner,
          config: recurrentConfig(inner, p, `backward_${node.id}`, true),
          registered_name: null,
        },
      },
      vars: [
        { path: 'forward_layer/cell', weights: node.weights.slice(0, half) },
        { path: 'backward_layer/cell', weights: node.weights.slice(half) },
      ],
    };
  }
  const build = BUILDERS[node.kind];
  if (!build) {
    throw new ExportError(
      `${node.id} (${node.kind}): Deepwire cannot write this layer kind for Keras yet.`,
      'Replace it with another layer, or export to ONNX, PyTorch or TF.js.',
      node.id,
    );
  }
  const built = build(node);
  return { ...built, vars: built.vars ?? [{ path: '', weights: node.weights }] };
}

export { DTYPE };

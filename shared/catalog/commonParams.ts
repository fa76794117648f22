import { ACTIVATIONS, PADDINGS } from './enums';
import type { ParamSpec } from './types';

/** Parameter specs that many kinds share; each kind spreads what it needs. */

export const activationParam = (def: string = 'linear'): ParamSpec => ({
  type: 'select',
  options: ACTIVATIONS,
  default: def,
  doc: 'The non-linearity applied to the output; linear means none.',
  key: true,
});

export const useBiasParam: ParamSpec = { type: 'bool', default: true, doc: 'Add a learned bias to each output.' };

export const kernelInitializerParam: ParamSpec = {
  type: 'initializer',
  default: 'glorotUniform',
  doc: 'How the weights start before training.',
};
export const biasInitializerParam: ParamSpec = {
  type: 'initializer',
  default: 'zeros',
  doc: 'How the biases start before training.',
};
export const kernelRegularizerParam: ParamSpec = {
  type: 'regularizer',
  default: null,
  doc: 'An L1/L2 penalty on the weights, added to the loss.',
};
export const biasRegularizerParam: ParamSpec = {
  type: 'regularizer',
  default: null,
  doc: 'An L1/L2 penalty on the biases, added to the loss.',
};

export const paddingParam: ParamSpec = {
  type: 'select',
  options: PADDINGS,
  default: 'valid',
  doc: 'valid: no padding, the output shrinks; same: pad with zeros so that stride 1 keeps the size.',
};

/**
 * `trainable` is a parameter of every layer in Keras. Inference moves a frozen layer's weights to
 * the non-trainable count; the compiler passes it on.
 */
export const trainableParam: ParamSpec = {
  type: 'bool',
  default: true,
  doc: 'Untick to freeze this layer: its weights stay as they are during training.',
};

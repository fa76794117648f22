import { ACTIVATIONS, PADDINGS } from './enums';
import type { ParamSpec } from './types';

/** Parameter specs that many kinds share; each kind spreads what it needs. */

export const activationParam = (def: string = 'linear') =>
  ({
    type: 'select',
    options: ACTIVATIONS,
    default: def,
    doc: 'The non-linearity applied to the output; linear means none.',
    key: true,
  }) satisfies ParamSpec;

export const useBiasParam = {
  type: 'bool',
  default: true,
  doc: 'Add a learned bias to each output.',
} satisfies ParamSpec;

export const kernelInitializerParam = {
  type: 'initializer',
  default: 'glorotUniform',
  doc: 'How the weights start before training.',
} satisfies ParamSpec;
export const biasInitializerParam = {
  type: 'initializer',
  default: 'zeros',
  doc: 'How the biases start before training.',
} satisfies ParamSpec;
export const kernelRegularizerParam = {
  type: 'regularizer',
  default: null,
  doc: 'An L1/L2 penalty on the weights, added to the loss.',
} satisfies ParamSpec;
export const biasRegularizerParam = {
  type: 'regularizer',
  default: null,
  doc: 'An L1/L2 penalty on the biases, added to the loss.',
} satisfies ParamSpec;

export const paddingParam = {
  type: 'select',
  options: PADDINGS,
  default: 'valid',
  doc: 'valid: no padding, the output shrinks; same: pad with zeros so that stride 1 keeps the size.',
} satisfies ParamSpec;

/**
 * `trainable` is a parameter of every layer in Keras. Inference moves a frozen layer's weights to
 * the non-trainable count; the compiler passes it on.
 */
export const trainableParam = {
  type: 'bool',
  default: true,
  doc: 'Untick to freeze this layer: its weights stay as they are during training.',
} satisfies ParamSpec;

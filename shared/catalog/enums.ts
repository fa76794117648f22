/** Enumerations are const arrays; the same array fills a dropdown and narrows the type. */

/** Activation names as TF.js spells them, plus the lecture's Gaussian exp(−x²/σ²). */
export const ACTIVATIONS = [
  'linear',
  'relu',
  'relu6',
  'elu',
  'selu',
  'leakyRelu',
  'tanh',
  'sigmoid',
  'hardSigmoid',
  'softmax',
  'softplus',
  'softsign',
  'swish',
  'gelu',
  'gaussian',
] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** The initializers that draw random numbers, so take a seed (the engine seeds them per weight). */
export const RANDOM_INITIALIZERS = [
  'glorotUniform',
  'glorotNormal',
  'heUniform',
  'heNormal',
  'lecunUniform',
  'lecunNormal',
  'orthogonal',
  'randomUniform',
  'randomNormal',
  'truncatedNormal',
] as const;

/** Initializer names as TF.js spells them; `constant` takes a value, `orthogonal` a gain. */
export const INITIALIZERS = [...RANDOM_INITIALIZERS, 'zeros', 'ones', 'constant'] as const;
export type Initializer = (typeof INITIALIZERS)[number];

export const PADDINGS = ['valid', 'same'] as const;
export const CONV1D_PADDINGS = ['valid', 'same', 'causal'] as const;
export const MERGE_MODES = ['concat', 'sum', 'mul', 'ave'] as const;
export const RECURRENT_KINDS = ['SimpleRNN', 'LSTM', 'GRU'] as const;
export const INTERPOLATIONS = ['nearest', 'bilinear'] as const;

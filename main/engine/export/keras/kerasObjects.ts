import type { InitializerValue, RegularizerValue } from '../../../../shared/catalog/types';

/**
 * Keras 3's serialized objects (serialization_lib.serialize_keras_object): every object is
 * {module, class_name, config, registered_name}; activations are strings, or registered functions.
 */
export interface KerasObject {
  module: string | null;
  class_name: string;
  config: unknown;
  registered_name: string | null;
  [extra: string]: unknown;
}

export const DTYPE_POLICY: KerasObject = {
  module: 'keras',
  class_name: 'DTypePolicy',
  config: { name: 'float32' },
  registered_name: null,
};

const INITIALIZER_CLASSES: Record<string, string> = {
  glorotUniform: 'GlorotUniform',
  glorotNormal: 'GlorotNormal',
  heUniform: 'HeUniform',
  heNormal: 'HeNormal',
  lecunUniform: 'LecunUniform',
  lecunNormal: 'LecunNormal',
  orthogonal: 'Orthogonal',
  randomUniform: 'RandomUniform',
  randomNormal: 'RandomNormal',
  truncatedNormal: 'TruncatedNormal',
  zeros: 'Zeros',
  ones: 'Ones',
  constant: 'Constant',
};

/** A Deepwire initializer value as Keras 3 serializes it (TF.js's defaults made explicit). */
export function kerasInitializer(value: InitializerValue): KerasObject {
  const v = typeof value === 'string' ? { name: value } : value;
  const cls = INITIALIZER_CLASSES[v.name] ?? 'GlorotUniform';
  const seed = v.seed ?? null;
  let config: Record<string, unknown> = { seed };
  if (cls === 'Orthogonal') config = { gain: v.gain ?? 1, seed };
  if (cls === 'RandomUniform') config = { minval: v.minval ?? -0.05, maxval: v.maxval ?? 0.05, seed };
  if (cls === 'RandomNormal' || cls === 'TruncatedNormal')
    config = { mean: v.mean ?? 0, stddev: v.stddev ?? 0.05, seed };
  if (cls === 'Zeros' || cls === 'Ones') config = {};
  if (cls === 'Constant') config = { value: v.value ?? 0 };
  return { module: 'keras.initializers', class_name: cls, config, registered_name: null };
}

export function kerasRegularizer(value: RegularizerValue | undefined): KerasObject | null {
  if (!value || (!value.l1 && !value.l2)) return null;
  return {
    module: 'keras.regularizers',
    class_name: 'L1L2',
    config: { l1: value.l1 ?? 0, l2: value.l2 ?? 0 },
    registered_name: null,
  };
}

/** Activations Keras 3 names as Deepwire/TF.js does not, and the two it lacks (registered in model.py). */
const ACTIVATION_NAMES: Record<string, string> = { leakyRelu: 'leaky_relu', swish: 'silu' };
export const CUSTOM_ACTIVATIONS: Record<string, string> = {
  // Keras 3's hard_sigmoid is x/6 + 0.5; TF.js's (what the model was trained with) is 0.2x + 0.5.
  hardSigmoid: 'tfjs_hard_sigmoid',
  gaussian: 'gaussian',
};

/** An activation as config.json holds it: a Keras name, or a registered Deepwire function. */
export function kerasActivation(name: string): string | KerasObject {
  const custom = CUSTOM_ACTIVATIONS[name];
  if (custom) return { module: 'model', class_name: 'function', config: custom, registered_name: `deepwire>${custom}` };
  return ACTIVATION_NAMES[name] ?? name;
}

/** Keras's naming.to_snake_case, which names the weights file's groups. */
export function toSnakeCase(name: string): string {
  return name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

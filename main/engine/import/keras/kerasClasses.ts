import { ImportError } from '../importError';

/*
 * What a Keras file says in Keras's words that TF.js's loader cannot build, turned into what it can
 * (Deepwire's own TF.js form, which layersToGraph reads back as the catalog's kinds):
 * - activations: Keras 3's leaky_relu (slope 0.2) and Deepwire's registered gaussian function become
 *   a linear layer followed by a LeakyReLU(0.2) / GaussianActivation layer named `<layer>__act`, as
 *   Deepwire compiles them; silu is TF.js's swish; Deepwire's tfjs_hard_sigmoid is TF.js's hardSigmoid.
 * - layers: Subtract is Deepwire's DeepwireSubtract; SpatialDropout2D a Dropout with one coin per
 *   (example, channel); Deepwire's TfjsBilinearUpSampling2D is TF.js's bilinear UpSampling2D.
 * - refused, as TF.js would compute something else without a word: Keras 3's hard_sigmoid (x/6 + ½,
 *   not TF.js's 0.2x + ½) and Keras's bilinear UpSampling2D (half-pixel centres, not TF.js's).
 */

type Json = Record<string, unknown>;
interface KerasLayerJson {
  class_name: string;
  config: Json;
  name?: string;
  inbound_nodes?: unknown;
}

/** Activations by name as TF.js spells them, or as a separate layer after a linear one. */
const RENAMED: Record<string, string> = { silu: 'swish', tfjs_hard_sigmoid: 'hardSigmoid' };
const SEPARATE: Record<string, (name: string) => KerasLayerJson> = {
  leaky_relu: (name) => ({ class_name: 'LeakyReLU', config: { name, alpha: 0.2, trainable: true } }),
  gaussian: (name) => ({ class_name: 'GaussianActivation', config: { name, sigma: 1, trainable: true } }),
};
const RECURRENT = new Set(['SimpleRNN', 'LSTM', 'GRU']);

function refuse(file: string, layer: string, what: string, hint: string): never {
  throw new ImportError('unsupported', `Layer "${layer}" in ${file} ${what}.`, hint);
}

/** The activation's name: a string, or the name inside a serialized function object. */
function activationName(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null && (v as Json).class_name === 'function') return String((v as Json).config);
  return undefined;
}

/** Rewrites `config[key]`; returns the layer to add after this one, if the activation is one. */
function translateActivation(
  layer: KerasLayerJson,
  key: string,
  file: string,
  keras3: boolean,
): KerasLayerJson | undefined {
  const c = layer.config;
  const value = c[key];
  if (value === undefined || value === null) return undefined;
  const name = activationName(value);
  const layerName = String(c.name);
  if (name === undefined) return undefined;
  if (keras3 && name === 'hard_sigmoid')
    refuse(
      file,
      layerName,
      "uses Keras 3's hard_sigmoid (x/6 + 0.5), which differs from TF.js's and Deepwire's hardSigmoid (0.2x + 0.5)",
      'Replace it with sigmoid, or export the model to ONNX.',
    );
  if (RENAMED[name]) {
    c[key] = RENAMED[name];
    return undefined;
  }
  const separate = SEPARATE[name];
  if (separate) {
    if (key !== 'activation' || RECURRENT.has(layer.class_name))
      refuse(
        file,
        layerName,
        `uses the ${name} activation inside a recurrent layer's steps, which Deepwire cannot build`,
        'Use tanh, sigmoid or relu there.',
      );
    c[key] = 'linear';
    return separate(`${layerName}__act`);
  }
  if (typeof value !== 'string')
    refuse(
      file,
      layerName,
      `uses the activation ${name}, a function defined in the model's own code that Deepwire does not know`,
      'Replace it with a built-in activation, or export the model to ONNX.',
    );
  return undefined;
}

/**
 * Layer classes TF.js lacks, as the TF.js layers Deepwire builds for them; returns the layer to add
 * before this one (a causal Conv1D's left padding, which TF.js's conv1d refuses).
 */
function translateClass(layer: KerasLayerJson, file: string): KerasLayerJson | undefined {
  const c = layer.config;
  if (layer.class_name === 'Conv1D' && c.padding === 'causal') {
    const k = [c.kernel_size].flat()[0] as number;
    const d = [c.dilation_rate ?? 1].flat()[0] as number;
    c.padding = 'valid';
    const name = `${String(c.name)}__pad`;
    return { class_name: 'DeepwireCausalPadding1D', config: { name, amount: d * (k - 1), trainable: true }, name };
  }
  if (layer.class_name === 'Subtract') layer.class_name = 'DeepwireSubtract';
  else if (layer.class_name === 'SpatialDropout2D') {
    if (c.data_format === 'channels_first')
      refuse(file, String(c.name), 'works channels-first; Deepwire is channels-last', 'Save it channels-last.');
    layer.class_name = 'Dropout';
    layer.config = { name: c.name, trainable: c.trainable, rate: c.rate, noise_shape: [null, 1, 1, null] };
  } else if (layer.class_name === 'TfjsBilinearUpSampling2D') {
    layer.class_name = 'UpSampling2D';
    layer.config = { ...c, interpolation: 'bilinear', data_format: 'channels_last' };
  } else if (layer.class_name === 'UpSampling2D' && c.interpolation === 'bilinear')
    refuse(
      file,
      String(c.name),
      "resizes bilinearly as Keras does (half-pixel centres), which TF.js's and Deepwire's bilinear UpSampling2D does not",
      "Use interpolation 'nearest', or export the model to ONNX.",
    );
  return undefined;
}

/** Puts `before` between `layer` and its inputs. */
function insertBefore(layers: KerasLayerJson[], i: number, before: KerasLayerJson, functional: boolean): void {
  const layer = layers[i];
  if (functional) {
    before.inbound_nodes = layer.inbound_nodes;
    layer.inbound_nodes = [[[before.name, 0, 0, {}]]];
  } else if (layer.config.batch_input_shape) {
    before.config.batch_input_shape = layer.config.batch_input_shape;
    delete layer.config.batch_input_shape;
  }
  layers.splice(i, 0, before);
}

/** Points everything that read `from` (inbound nodes, model outputs) at `to` instead. */
function rewire(v: unknown, from: string, to: string): unknown {
  if (Array.isArray(v)) {
    if (v[0] === from && typeof v[1] === 'number') return [to, ...v.slice(1)];
    return v.map((x) => rewire(x, from, to));
  }
  return v;
}

/**
 * Translates a Keras topology (Keras 2 form: `{class_name, config: {layers, output_layers?}}`) in
 * place, so TF.js's loader builds it as Deepwire would. `keras3`: the file is a Keras 3 `.keras`.
 */
export function kerasToTfjsClasses(topology: unknown, file: string, keras3: boolean): void {
  const model = topology as { class_name: string; config: Json };
  const layers = model.config.layers as KerasLayerJson[] | undefined;
  if (!Array.isArray(layers)) return;
  const functional = model.class_name !== 'Sequential';
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i];
    const before = translateClass(layer, file);
    if (before) {
      insertBefore(layers, i, before, functional);
      i++;
    }
    if (layer.class_name === 'Bidirectional') {
      const inner = layer.config.layer as KerasLayerJson | undefined;
      if (inner)
        for (const key of ['activation', 'recurrent_activation']) translateActivation(inner, key, file, keras3);
      continue;
    }
    translateActivation(layer, 'recurrent_activation', file, keras3);
    const after = translateActivation(layer, 'activation', file, keras3);
    if (!after) continue;
    const name = String(layer.config.name);
    if (functional) {
      for (const other of layers)
        if (other !== layer) other.inbound_nodes = rewire(other.inbound_nodes, name, `${name}__act`);
      model.config.output_layers = rewire(model.config.output_layers, name, `${name}__act`);
      after.name = `${name}__act`;
      after.inbound_nodes = [[[name, 0, 0, {}]]];
    }
    layers.splice(i + 1, 0, after);
    i++;
  }
}

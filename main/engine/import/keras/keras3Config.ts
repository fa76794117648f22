import { ImportError } from '../importError';

/**
 * Keras 3's config.json in the Keras 2 form TF.js's loader reads: Keras 3 writes `batch_shape`
 * (Keras 2: `batch_input_shape`), dtype policies as objects (Keras 2: a dtype string), `module` and
 * `registered_name` beside every class, and functional `inbound_nodes` as call arguments holding
 * `__keras_tensor__` objects (Keras 2: [[layer, node, tensor, kwargs]]).
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keras's `to_snake_case` (naming.py), which also names Keras 3's weight groups. */
export function snakeCase(name: string): string {
  return name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** Drops Keras 3's bookkeeping fields and turns dtype policies into dtype strings, everywhere. */
function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (!isObject(v)) return v;
  if (typeof v.class_name === 'string' && v.class_name.endsWith('DTypePolicy')) {
    const name = String((v.config as Json | undefined)?.name ?? 'float32');
    return name.startsWith('mixed_') ? 'float32' : name;
  }
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'module' || k === 'registered_name' || k === 'build_config' || k === 'compile_config') continue;
    out[k] = strip(x);
  }
  return out;
}

/** One `__keras_tensor__` (or a list of them) as Keras 2's [layer, node, tensor, {}] entries. */
function history(arg: unknown): unknown[][] {
  if (Array.isArray(arg)) return arg.flatMap(history);
  if (isObject(arg) && arg.class_name === '__keras_tensor__') {
    const h = (arg.config as Json).keras_history as [string, number, number];
    return [[h[0], h[1], h[2], {}]];
  }
  return [];
}

function inboundNodes(nodes: unknown): unknown {
  if (!Array.isArray(nodes)) return nodes;
  return nodes.map((node) => (isObject(node) && 'args' in node ? history(node.args) : node));
}

function endpoints(v: unknown): unknown {
  // Keras 3 writes a single input or output as [name, 0, 0] rather than [[name, 0, 0]].
  return Array.isArray(v) && typeof v[0] === 'string' ? [v] : v;
}

export interface Keras3Topology {
  topology: unknown;
  /** The layers in the order Keras 3 saved their weights (its `model.layers`). */
  layers: { name: string; className: string }[];
}

export function keras3Topology(config: unknown, file: string): Keras3Topology {
  if (!isObject(config) || !isObject(config.config) || !Array.isArray((config.config as Json).layers)) {
    throw new ImportError(
      'unsupported',
      `The model in ${file} is a ${isObject(config) ? String(config.class_name) : 'non-'} model without a list of layers (a subclassed model saves no architecture).`,
      'Build the model with keras.Sequential or the functional API, or export it to ONNX.',
    );
  }
  const kind = String(config.class_name);
  const cfg = strip(config.config) as Json;
  const layers = cfg.layers as Json[];
  for (const layer of layers) {
    const c = layer.config as Json;
    if (layer.class_name === 'InputLayer') {
      if (c.batch_shape && !c.batch_input_shape) c.batch_input_shape = c.batch_shape;
      delete c.batch_shape;
      delete c.shape;
    }
    // Keras 3 renamed LeakyReLU's alpha to negative_slope; TF.js would take its default 0.3.
    if (layer.class_name === 'LeakyReLU' && c.negative_slope !== undefined && c.alpha === undefined) {
      c.alpha = c.negative_slope;
      delete c.negative_slope;
    }
    if (layer.inbound_nodes) layer.inbound_nodes = inboundNodes(layer.inbound_nodes);
    if (layer.name === undefined) layer.name = c.name;
  }
  const order = layers.map((l) => ({ name: String((l.config as Json).name), className: String(l.class_name) }));
  if (kind === 'Sequential') {
    // Keras 2 puts the input shape on the first layer; Keras 3's Sequential leaves its InputLayer
    // out of model.layers (and so out of the weights' numbering).
    const first = layers[0];
    if (first?.class_name === 'InputLayer') {
      layers.shift();
      order.shift();
      if (layers[0]) (layers[0].config as Json).batch_input_shape = (first.config as Json).batch_input_shape;
    }
    delete cfg.build_input_shape;
    return { topology: { class_name: 'Sequential', config: cfg }, layers: order };
  }
  if (kind !== 'Functional' && kind !== 'Model') {
    throw new ImportError(
      'unsupported',
      `${file} holds a ${kind}, a subclassed model whose architecture Keras does not save.`,
      'Rebuild it with the functional API, or export it to ONNX.',
    );
  }
  cfg.input_layers = endpoints(cfg.input_layers);
  cfg.output_layers = endpoints(cfg.output_layers);
  return { topology: { class_name: 'Model', config: cfg }, layers: order };
}

import type * as tf from '@tensorflow/tfjs';
import { getSpec } from '../../../../shared/catalog';
import { allParams } from '../../../../shared/catalog/paramValues';
import type { Params, Shape } from '../../../../shared/catalog/types';
import { applySpec } from '../../../../shared/graph/analyzeGraph';
import { NODE_ID_PATTERN } from '../../../../shared/graph/edits';
import type { Graph } from '../../../../shared/graph/types';
import { PAD_SUFFIX } from '../../compile/buildLayer';
import { ACTIVATION_SUFFIX } from '../../compile/layerNames';
import { ImportError } from '../importError';
import type { ImportedModel, NodeWeight } from '../types';

/**
 * A TF.js LayersModel (read from TF.js's model.json, or from a Keras file turned into the same
 * artifacts) as a Deepwire graph. Deepwire's kinds are Keras class names and its params TF.js's
 * layer args, so each layer's `getConfig()` maps over param by param; its weights are already in
 * the order Deepwire's compiled layer holds them.
 */

type Layer = tf.layers.Layer & {
  inboundNodes: { inboundLayers: tf.layers.Layer[] }[];
  batchInputShape?: Shape;
};

/** Params read from the config as they are; initializers and regularizers are left at their defaults (the weights are imported). */
const SKIPPED_TYPES = new Set(['initializer', 'regularizer']);

/** Deepwire's reset-after GRU layer (Keras's default GRU, which TF.js lacks) is the catalog's GRU. */
const RECURRENT_CLASSES: Record<string, string> = { DeepwireResetAfterGRU: 'GRU' };
/** Deepwire's TF.js classes for kinds TF.js lacks. */
const DEEPWIRE_CLASSES: Record<string, string> = { ...RECURRENT_CLASSES, DeepwireSubtract: 'Subtract' };

/** The catalog kind of a TF.js layer: a Dropout with one coin per (example, channel) is SpatialDropout2D. */
function kindOf(cls: string, config: Record<string, unknown>): string {
  if (cls === 'Dropout' && JSON.stringify(config.noiseShape) === '[null,1,1,null]') return 'SpatialDropout2D';
  return DEEPWIRE_CLASSES[cls] ?? cls;
}

/** A node id from a layer name (Keras names may hold `/` or spaces). */
function idFor(name: string, taken: Set<string>): string {
  let id = name.replace(/[^A-Za-z0-9_.-]/g, '_');
  if (!NODE_ID_PATTERN.test(id)) id = `layer_${taken.size}`;
  let unique = id;
  for (let i = 2; taken.has(unique); i++) unique = `${id}_${i}`;
  taken.add(unique);
  return unique;
}

function unsupported(file: string, layer: tf.layers.Layer, index: number, why: string): ImportError {
  return new ImportError(
    'unsupported',
    `${layer.getClassName()} layer "${layer.name}" (layer ${index + 1} in ${file}) cannot be imported: ${why}.`,
    'Use --partial to import the model up to this layer, or replace the layer before saving the model.',
  );
}

/** A param default as the config spells it: TF.js writes `kernelSize: [3, 3]` where the default is 3. */
function expandDefault(def: unknown, value: unknown): unknown {
  return Array.isArray(value) && typeof def === 'number' ? value.map(() => def) : def;
}

export interface LayersImportOptions {
  partial?: boolean;
  /** The input's shape without the batch, for models saved with open sizes (a Keras LSTM's timesteps). */
  inputShape?: number[];
}

export function layersToGraph(model: tf.LayersModel, file: string, options: LayersImportOptions = {}): ImportedModel {
  // A Sequential keeps its InputLayer in the functional model inside it.
  const inner = (model as unknown as { model?: tf.LayersModel }).model ?? model;
  // A Sequential's layers leave out its InputLayer.
  const inputs = inner.inputs.map((t) => t.sourceLayer).filter((l) => !inner.layers.includes(l));
  const layers = [...inputs, ...inner.layers] as Layer[];
  const graph: Graph = { nodes: [], edges: [] };
  const weights = new Map<string, NodeWeight[]>();
  const shapes = new Map<string, Shape>();
  const idOf = new Map<string, string>();
  const compareWith = new Map<string, string>();
  const origin = new Map<string, string>();
  const notes: string[] = [];
  const taken = new Set<string>();
  let stopped: ImportError | undefined;

  for (const [index, layer] of layers.entries()) {
    const cls = layer.getClassName();
    const config = layer.getConfig() as Record<string, unknown>;
    const inbound = layer.inboundNodes;
    if (inbound.length > 1) {
      stopped = unsupported(file, layer, index, 'it is used more than once (shared layers are not supported)');
      break;
    }
    const sources = (inbound[0]?.inboundLayers ?? []).map((l) => idOf.get(l.name)!);
    // Deepwire's own exports: an activation TF.js lacks is a layer `<node>__act` after its node.
    if (layer.name.endsWith(ACTIVATION_SUFFIX) && sources.length === 1) {
      const host = graph.nodes.find((n) => n.id === sources[0]);
      const act =
        cls === 'LeakyReLU' && Math.abs((config.alpha as number) - 0.2) < 1e-6
          ? 'leakyRelu'
          : cls === 'GaussianActivation'
            ? 'gaussian'
            : null;
      if (host && act && (host.params.activation ?? 'linear') === 'linear') {
        host.params = { ...host.params, activation: act };
        idOf.set(layer.name, host.id);
        compareWith.set(host.id, layer.name);
        continue;
      }
    }
    if (layer.name.endsWith(PAD_SUFFIX) && /CausalPadding1D$/.test(cls)) {
      idOf.set(layer.name, sources[0]);
      continue; // the Conv1D after it says padding 'causal'
    }
    if (cls === 'InputLayer') {
      const batchShape = (config.batchInputShape as Shape | undefined) ?? layer.batchInputShape ?? [];
      let shape = batchShape.slice(1);
      if (options.inputShape) {
        if (options.inputShape.length !== shape.length) {
          throw new ImportError(
            'dynamic-shape',
            `--input-shape has ${options.inputShape.length} dimensions but the input ${layer.name} has ${shape.length}.`,
            `Give ${shape.length} numbers.`,
          );
        }
        shape = options.inputShape;
      }
      if (shape.some((d) => d === null)) {
        throw new ImportError(
          'dynamic-shape',
          `The input ${layer.name} of ${file} has open sizes [batch, ${shape.map((d) => d ?? '?').join(', ')}]; Deepwire needs every size but the batch.`,
          `Give them with --input-shape, e.g. --input-shape ${shape.map((d) => d ?? 32).join(',')}.`,
        );
      }
      const id = idFor(layer.name, taken);
      graph.nodes.push({ id, kind: 'Input', params: { shape } });
      shapes.set(id, [null, ...shape] as Shape);
      idOf.set(layer.name, id);
      compareWith.set(id, layer.name);
      origin.set(id, layer.name);
      continue;
    }
    const kind = kindOf(cls, config);
    const spec = getSpec(kind);
    if (!spec || spec.kind === 'Input') {
      stopped = unsupported(file, layer, index, 'Deepwire has no layer of this kind');
      break;
    }
    const params: Params = {};
    // Bidirectional's settings are its wrapped layer's, and which layer that is.
    const inner =
      cls === 'Bidirectional' ? (config.layer as { className: string; config: Record<string, unknown> }) : null;
    const source = inner
      ? { ...inner.config, mergeMode: config.mergeMode, layer: RECURRENT_CLASSES[inner.className] ?? inner.className }
      : config;
    for (const [key, p] of Object.entries(allParams(spec))) {
      if (SKIPPED_TYPES.has(p.type) || key === 'trainable' || source[key] === undefined || source[key] === null)
        continue;
      // Keras's defaults stay out of the file, as the app writes them.
      if (JSON.stringify(source[key]) === JSON.stringify(expandDefault(p.default, source[key]))) continue;
      params[key] = source[key];
    }
    // TF.js's own GRU is reset-before; Deepwire's GRU is reset-after unless it says otherwise.
    if (cls === 'GRU' || inner?.className === 'GRU') params.resetAfter = false;
    // TF.js keeps Keras's −1 ("the rest") in a Reshape's target as null.
    if (cls === 'Reshape' && Array.isArray(params.targetShape))
      params.targetShape = (params.targetShape as (number | null)[]).map((d) => d ?? -1);
    if (cls === 'Conv1D' && layers[index - 1]?.name === `${layer.name}${PAD_SUFFIX}`) params.padding = 'causal';
    if (cls === 'BatchNormalization' || cls === 'LayerNormalization') {
      const rank = shapes.get(sources[0])?.length ?? 0;
      const axis = [config.axis].flat()[0] as number;
      if (axis !== -1 && axis !== rank - 1) {
        stopped = unsupported(
          file,
          layer,
          index,
          `it normalises axis ${axis}; Deepwire normalises the last (channels-last)`,
        );
        break;
      }
      params.axis = -1;
    }
    if (config.dataFormat === 'channelsFirst') {
      stopped = unsupported(file, layer, index, 'it works channels-first; Deepwire is channels-last');
      break;
    }
    let outputShape: Shape;
    try {
      outputShape = applySpec(
        spec,
        params,
        sources.map((s) => shapes.get(s)!),
      ).outputShape;
    } catch (err) {
      stopped = unsupported(
        file,
        layer,
        index,
        `its settings do not fit Deepwire's ${cls} (${(err as Error).message})`,
      );
      break;
    }
    const id = idFor(layer.name, taken);
    const node: Graph['nodes'][number] = { id, kind, params };
    if (!layer.trainable) node.trainable = false;
    graph.nodes.push(node);
    for (const s of sources) graph.edges.push({ source: s, target: id });
    shapes.set(id, outputShape);
    idOf.set(layer.name, id);
    compareWith.set(id, layer.name);
    origin.set(id, `${cls} ${layer.name}`);
    const ws = layer.getWeights();
    if (ws.length)
      weights.set(
        id,
        ws.map((w) => ({ shape: w.shape.slice(), values: Float32Array.from(w.dataSync()) })),
      );
  }

  let outputs: string[];
  if (stopped) {
    if (!options.partial) throw stopped;
    const last = graph.nodes.at(-1)!;
    notes.push(`Imported up to ${stopped.message.split(' cannot')[0]} only (--partial): ${stopped.message}`);
    outputs = [last.id];
    const keep = new Set(outputs);
    for (let i = graph.edges.length - 1; i >= 0; i--)
      if (keep.has(graph.edges[i].target)) keep.add(graph.edges[i].source);
    graph.nodes = graph.nodes.filter((n) => keep.has(n.id));
    graph.edges = graph.edges.filter((e) => keep.has(e.source) && keep.has(e.target));
  } else {
    outputs = inner.outputs.map((t) => idOf.get(t.sourceLayer.name)!);
  }
  return { graph, weights, notes, outputs, partial: !!stopped, compareWith, origin };
}

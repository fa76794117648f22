import type * as tf from '@tensorflow/tfjs';
import type { Graph } from '../../../shared/graph/types';
import { layerNames } from '../compile';
import type { LayerWeight } from './types';

/** A layer's weights, named without the layer's prefix (`c1/kernel` → `kernel`), values copied. */
export function layerWeights(layer: tf.layers.Layer): LayerWeight[] {
  const trainable = new Set(layer.trainableWeights.map((w) => w.originalName));
  return layer.weights.map((w) => ({
    name: w.originalName.startsWith(`${layer.name}/`) ? w.originalName.slice(layer.name.length + 1) : w.originalName,
    shape: w.shape as number[],
    values: w.read().dataSync() as Float32Array,
    trainable: trainable.has(w.originalName),
  }));
}

/** Every node's weights (nodes without weights get an empty list), read once from the model. */
export function weightsByNode(model: tf.LayersModel, graph: Graph): Map<string, LayerWeight[]> {
  const names = layerNames(graph);
  const out = new Map<string, LayerWeight[]>();
  for (const n of graph.nodes) {
    const layer = model.layers.find((l) => l.name === names.get(n.id));
    out.set(n.id, layer ? layerWeights(layer) : []);
  }
  return out;
}

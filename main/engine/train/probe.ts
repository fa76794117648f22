import * as tf from '@tensorflow/tfjs';
import { getSpec } from '../../../shared/catalog';
import type { Graph } from '../../../shared/graph/types';
import type { FilterImages, LayerActivation } from '../../../shared/protocol/trainer';
import { layerNames, nodeOutputLayer } from '../compile';
import { quantizeActivation, quantizeFilters } from './quantize';

/** A model that returns every node's output for one example, and the nodes in that order. */
export interface Probe {
  model: tf.LayersModel;
  nodes: { id: string; kind: string }[];
  /** The first node whose spec has image filters (a Conv2D), whose kernel the Train panel shows. */
  firstConv?: tf.layers.Layer;
  firstConvId?: string;
}

/**
 * Builds the probe over an existing model (compiled or reloaded): each node's output layer (its
 * `__act` layer when it has one), in graph order. Shares weights with `model`; dispose only the
 * probe's own wrapper (its layers belong to `model`).
 */
export function makeProbe(model: tf.LayersModel, graph: Graph): Probe {
  const names = layerNames(graph);
  const nodes: Probe['nodes'] = [];
  const outputs: tf.SymbolicTensor[] = [];
  let firstConv: tf.layers.Layer | undefined;
  let firstConvId: string | undefined;
  for (const n of graph.nodes) {
    const layer = nodeOutputLayer(model, names.get(n.id)!);
    if (!layer) continue;
    nodes.push({ id: n.id, kind: n.kind });
    outputs.push(layer.output as tf.SymbolicTensor);
    if (!firstConv && getSpec(n.kind)?.imageFilters) {
      firstConv = model.getLayer(names.get(n.id)!);
      firstConvId = n.id;
    }
  }
  return { model: tf.model({ inputs: model.inputs, outputs }), nodes, firstConv, firstConvId };
}

/** Runs the probe on one example and quantizes every layer's output (and the first conv's filters). */
export function probeActivations(
  probe: Probe,
  example: tf.Tensor | tf.Tensor[],
): { layers: LayerActivation[]; filters?: FilterImages } {
  const outs = tf.tidy(() => {
    const r = probe.model.predict(example);
    return Array.isArray(r) ? r : [r];
  });
  const layers = outs.map((t, i) =>
    quantizeActivation(
      probe.nodes[i].id,
      probe.nodes[i].kind,
      [null, ...t.shape.slice(1)],
      t.dataSync() as Float32Array,
    ),
  );
  tf.dispose(outs);
  let filters: FilterImages | undefined;
  if (probe.firstConv && probe.firstConvId) {
    const kernel = probe.firstConv.getWeights()[0];
    if (kernel && kernel.rank === 4)
      filters = quantizeFilters(probe.firstConvId, kernel.shape, kernel.dataSync() as Float32Array);
  }
  return { layers, filters };
}

import * as tf from '@tensorflow/tfjs';
import type { Graph } from '../../../shared/graph/types';
import { PAD_SUFFIX } from '../compile/buildLayer';
import { ACTIVATION_SUFFIX, layerNames } from '../compile/layerNames';
import type { StoredWeight } from './readWeights';

/** What {@link applyInitialWeights} did, per node id. */
export interface InitialWeightsReport {
  /** Nodes whose every weight came from the file. */
  loaded: string[];
  /** Nodes with weights of other shapes in the file (the layer was changed): they start fresh. */
  mismatched: { nodeId: string; detail: string }[];
  /** Nodes with weights but none in the file (added since): they start fresh. */
  missing: string[];
}

/** The model layers that make up one node: the layer, and its padding/activation helpers. */
function layersOf(model: tf.LayersModel, name: string): tf.layers.Layer[] {
  const names = new Set([name, `${name}${ACTIVATION_SUFFIX}`, `${name}${PAD_SUFFIX}`]);
  return model.layers.filter((l) => names.has(l.name));
}

/** Whether a node is frozen: the project's per-node `trainable: false` or the layer param of that name. */
export function isFrozen(node: Graph['nodes'][number]): boolean {
  return node.trainable === false || node.params?.trainable === false;
}

/**
 * Sets the weights of a model compiled from `graph` (layer names from {@link layerNames}) from a
 * stored weight map, node by node, matched by weight name (`<node id>/kernel`, …). A node is loaded
 * only whole: if any of its weights is absent or has another shape, the whole node keeps its fresh
 * initial weights — so replacing a head (delete the last Dense, add one with other units) keeps
 * every other layer's weights and starts only the new one fresh.
 */
export function applyInitialWeights(
  model: tf.LayersModel,
  graph: Graph,
  stored: Map<string, StoredWeight>,
): InitialWeightsReport {
  const names = layerNames(graph);
  const report: InitialWeightsReport = { loaded: [], mismatched: [], missing: [] };
  for (const node of graph.nodes) {
    const variables = layersOf(model, names.get(node.id)!).flatMap((l) => l.weights);
    if (variables.length === 0) continue;
    const found = variables.map((v) => stored.get(v.originalName));
    if (found.every((w) => w === undefined)) {
      report.missing.push(node.id);
      continue;
    }
    const wrong = variables.findIndex((v, i) => !sameShape(v.shape, found[i]?.shape));
    if (wrong >= 0) {
      const v = variables[wrong];
      const w = found[wrong];
      const weightName = v.originalName.slice(v.originalName.indexOf('/') + 1);
      report.mismatched.push({
        nodeId: node.id,
        detail: w
          ? `${weightName} is ${fmt(v.shape)} now but ${fmt(w.shape)} in the weights file`
          : `the weights file has no ${weightName}`,
      });
      continue;
    }
    tf.tidy(() => {
      variables.forEach((v, i) => v.write(tf.tensor(found[i]!.values, found[i]!.shape)));
    });
    report.loaded.push(node.id);
  }
  return report;
}

/** Freezes the layers of every node marked frozen; returns their ids. Call before training. */
export function freezeLayers(model: tf.LayersModel, graph: Graph): string[] {
  const names = layerNames(graph);
  const frozen: string[] = [];
  for (const node of graph.nodes) {
    if (!isFrozen(node)) continue;
    for (const layer of layersOf(model, names.get(node.id)!)) layer.trainable = false;
    frozen.push(node.id);
  }
  return frozen;
}

/** The run notes (log lines) that say which nodes start from the file and which start fresh. */
export function initialWeightsNotes(report: InitialWeightsReport, source: string): string[] {
  const notes: string[] = [];
  if (report.loaded.length > 0) {
    notes.push(`${report.loaded.length} layer${plural(report.loaded.length)} start from the weights in ${source}.`);
  } else {
    notes.push(`No layer matched the weights in ${source}: every layer starts from fresh weights.`);
  }
  for (const m of report.mismatched) {
    notes.push(`${m.nodeId} starts from fresh weights: its shapes no longer fit (${m.detail}).`);
  }
  if (report.missing.length > 0) {
    notes.push(
      `${list(report.missing)} ${report.missing.length === 1 ? 'is' : 'are'} not in the weights file, so ${report.missing.length === 1 ? 'it starts' : 'they start'} from fresh weights.`,
    );
  }
  return notes;
}

const plural = (n: number) => (n === 1 ? '' : 's');
const list = (ids: string[]) =>
  ids.length <= 6 ? ids.join(', ') : `${ids.slice(0, 6).join(', ')} and ${ids.length - 6} more`;
const fmt = (shape: readonly (number | null)[]) => `[${shape.join(', ')}]`;

function sameShape(a: readonly (number | null)[], b: readonly number[] | undefined): boolean {
  return b !== undefined && a.length === b.length && a.every((d, i) => d === b[i]);
}

import type { GraphAnalysis } from '../graph/analyzeGraph';
import { freshId, type Edit } from '../graph/edits';
import type { Graph } from '../graph/types';
import type { DatasetFacts } from './checkTraining';
import { outputActivationOf } from './modelFacts';

/** How to make a network take the data's examples and give what the data asks for. */
export interface DataFit {
  /** One edit (one undo step); null when the network already fits. */
  edit: Edit | null;
  /** What the edit changes, in words for the button's tooltip and the panel. */
  changes: string[];
}

const shapeText = (s: readonly (number | null)[]) => `[${s.join(', ')}]`;

/** Layers whose units and activation make the network's output (Dense-like). */
const UNIT_LAYERS = new Set(['Dense']);

/**
 * The changes that fit a network to the user's data, as one edit: the Input's shape set to one
 * example's (with a Flatten after it when pictures now reach a Dense layer), and the output layer's
 * units and activation set to the task — a softmax over k classes, one sigmoid unit for two, a
 * linear unit per target for numbers. A two-class network with two softmax units already fits and
 * is left alone. Returns why not when the network's shape cannot be fixed this way (several inputs,
 * an output that is not a Dense layer or an activation after one).
 */
export function fitNetworkToData(
  graph: Graph,
  analysis: GraphAnalysis,
  data: DatasetFacts,
): DataFit | { reason: string } {
  if (analysis.inputs.length !== 1)
    return {
      reason: `The network has ${analysis.inputs.length} inputs; fitting it to one data file needs exactly one.`,
    };
  if (analysis.outputs.length !== 1)
    return { reason: `The network has ${analysis.outputs.length} outputs; fitting it needs exactly one.` };
  const edits: Edit[] = [];
  const changes: string[] = [];
  const inputId = analysis.inputs[0];
  const input = graph.nodes.find((n) => n.id === inputId)!;
  const have = (input.params.shape as (number | null)[] | undefined) ?? [];
  const want = data.inputShape;
  const inputFits = have.length === want.length && have.every((d, i) => d === null || d === want[i]);
  if (!inputFits) {
    edits.push({ type: 'setParams', nodeId: inputId, params: { shape: want } });
    changes.push(`Input shape ${shapeText(have)} → ${shapeText(want)}`);
    // Pictures into a Dense layer: flatten them first (a Dense on [h, w, c] works per pixel).
    const next = graph.edges.map((e, index) => ({ e, index })).filter(({ e }) => e.source === inputId);
    const dense = next.filter(({ e }) => graph.nodes.find((n) => n.id === e.target)?.kind === 'Dense');
    if (want.length > 1 && have.length <= 1 && dense.length > 0) {
      const id = freshId(graph, 'Flatten');
      const at = input.position ? { x: input.position.x + 40, y: input.position.y + 50 } : undefined;
      edits.push({ type: 'delete', nodeIds: [], edgeIndices: dense.map((d) => d.index) });
      const left = graph.edges.length - dense.length;
      edits.push({
        type: 'insert',
        nodes: [
          { index: graph.nodes.length, node: { id, kind: 'Flatten', params: {}, ...(at ? { position: at } : {}) } },
        ],
        edges: [
          { index: left, edge: { source: inputId, target: id } },
          ...dense.map((d, k) => ({ index: left + 1 + k, edge: { ...d.e, source: id } })),
        ],
      });
      changes.push(`a Flatten after the Input`);
    }
  }
  const outId = analysis.outputs[0];
  let out = graph.nodes.find((n) => n.id === outId)!;
  // An activation layer at the end: its Dense layer before it holds the units.
  const activationLayer = out.kind === 'Softmax' || out.kind === 'Activation' ? out : null;
  if (activationLayer) {
    const source = graph.edges.find((e) => e.target === outId)?.source;
    const before = graph.nodes.find((n) => n.id === source);
    if (!before) return { reason: 'The output layer has nothing before it.' };
    out = before;
  }
  if (!UNIT_LAYERS.has(out.kind))
    return {
      reason: `The network ends in a ${out.kind} layer; add a Dense layer at the end so its units can be set to the data's ${data.task === 'classification' ? 'classes' : 'targets'}.`,
    };
  const units = (out.params.units as number | undefined) ?? 32;
  const activation = activationLayer
    ? outputActivationOf(graph, activationLayer.id)
    : outputActivationOf(graph, out.id);
  let wantUnits: number;
  let wantActivation: string;
  if (data.task === 'regression') {
    wantUnits = data.targets ?? 1;
    wantActivation = 'linear';
  } else {
    const k = data.classes ?? 2;
    const twoSoftmax = k === 2 && units === 2 && activation === 'softmax';
    wantUnits = k === 2 && !twoSoftmax ? 1 : k;
    wantActivation = k === 2 && !twoSoftmax ? 'sigmoid' : 'softmax';
  }
  if (units !== wantUnits) {
    edits.push({ type: 'setParams', nodeId: out.id, params: { units: wantUnits } });
    changes.push(`${out.id} units ${units} → ${wantUnits}`);
  }
  if (activation !== wantActivation) {
    if (activationLayer) {
      // The activation layer goes; the Dense layer carries the activation itself.
      const edgeIn = graph.edges.findIndex((e) => e.target === activationLayer.id);
      edits.push({ type: 'delete', nodeIds: [activationLayer.id], edgeIndices: edgeIn >= 0 ? [edgeIn] : [] });
      changes.push(`${activationLayer.id} removed`);
    }
    edits.push({ type: 'setParams', nodeId: out.id, params: { activation: wantActivation } });
    changes.push(`${out.id} activation ${activationLayer ? 'linear' : activation} → ${wantActivation}`);
  }
  return { edit: edits.length ? { type: 'batch', edits } : null, changes };
}

import { getSpec } from '../catalog';
import { withDefaults } from '../catalog/paramValues';
import type { GraphAnalysis } from '../graph/analyzeGraph';
import type { Graph } from '../graph/types';
import type { ModelFacts } from './checkTraining';

/**
 * The activation at a node's output: what its kind applies (an activation layer's spec says so in
 * `outputActivation`), else its own stored `activation` param, else linear.
 */
export function outputActivationOf(graph: Graph, nodeId: string): string {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (!node) return 'linear';
  const spec = getSpec(node.kind);
  if (spec?.outputActivation) return spec.outputActivation(withDefaults(spec, node.params ?? {}));
  const a = node.params?.activation;
  return typeof a === 'string' ? a : 'linear';
}

/** What {@link checkLossPairing} needs, read off a graph and its analysis (first output). Null if not inferable. */
export function modelFacts(graph: Graph, analysis: GraphAnalysis): ModelFacts | null {
  const inputShapes = analysis.inputs.map((id) => analysis.nodes.get(id)?.outputShape ?? null);
  const outId = analysis.outputs[0];
  const outputShape = outId ? analysis.nodes.get(outId)?.outputShape : null;
  if (!outputShape || inputShapes.some((s) => s === null)) return null;
  return {
    inputShapes: inputShapes as ModelFacts['inputShapes'],
    outputShape,
    outputActivation: outputActivationOf(graph, outId),
  };
}

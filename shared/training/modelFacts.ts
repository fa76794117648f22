import type { GraphAnalysis } from '../graph/analyzeGraph';
import type { Graph } from '../graph/types';
import type { ModelFacts } from './checkTraining';

/** The activation at a node's output: its own `activation` param, or what an activation layer applies. */
export function outputActivationOf(graph: Graph, nodeId: string): string {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (!node) return 'linear';
  if (node.kind === 'Softmax') return 'softmax';
  if (node.kind === 'GaussianActivation') return 'gaussian';
  if (node.kind === 'ReLU') return 'relu';
  if (node.kind === 'LeakyReLU') return 'leakyRelu';
  if (node.kind === 'ELU') return 'elu';
  const a = node.params?.activation;
  if (typeof a === 'string') return a;
  // Dense and convolutions default to linear; the Activation kind defaults to relu.
  return node.kind === 'Activation' ? 'relu' : 'linear';
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

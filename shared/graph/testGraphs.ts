import type { Graph, GraphEdge, GraphNode } from './types';

/** Builds a chain graph from [kind, params] pairs: ids n0, n1, … (test and bench helper). */
export function chain(layers: [string, Record<string, unknown>][]): Graph {
  const nodes: GraphNode[] = layers.map(([kind, params], i) => ({ id: `n${i}`, kind, params }));
  const edges: GraphEdge[] = nodes.slice(1).map((n, i) => ({ source: nodes[i].id, target: n.id }));
  return { nodes, edges };
}

import type { Graph } from '../../../../shared/graph';
import { layoutGraph } from '../layout';
import { layoutWithGroups } from './groupLayout';

/** Positions for every layer: each group laid out as one box when the graph has groups. */
export const arrange = (graph: Graph): Record<string, { x: number; y: number }> =>
  graph.groups?.length ? layoutWithGroups(graph) : layoutGraph(graph);

/** The graph with every node placed by `arrange` (a file arriving without positions). */
export function withArrangement(graph: Graph): Graph {
  const pos = arrange(graph);
  return { ...graph, nodes: graph.nodes.map((n) => ({ ...n, position: pos[n.id] })) };
}

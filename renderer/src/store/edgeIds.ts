import type { Graph, GraphEdge } from '../../../shared/graph';

/**
 * Edges in a project file have no ids; the canvas needs stable ones. `a->b#0` is the first edge
 * from a to b (a merge node may take the same source twice), so ids survive unrelated edits.
 */
export function edgeIds(edges: readonly GraphEdge[]): string[] {
  const seen = new Map<string, number>();
  return edges.map((e) => {
    const pair = `${e.source}->${e.target}`;
    const n = seen.get(pair) ?? 0;
    seen.set(pair, n + 1);
    return `${pair}#${n}`;
  });
}

/** The indices in `graph.edges` of the given edge ids. */
export function edgeIndices(graph: Graph, ids: readonly string[]): number[] {
  const wanted = new Set(ids);
  return edgeIds(graph.edges).flatMap((id, i) => (wanted.has(id) ? [i] : []));
}

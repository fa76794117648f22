import type { Graph, GraphEdge } from './types';

/** The edges into each node, ordered by port: explicit `targetPort` first, then file order. */
export function incomingEdges(graph: Graph): Map<string, GraphEdge[]> {
  const byTarget = new Map<string, GraphEdge[]>();
  for (const n of graph.nodes) byTarget.set(n.id, []);
  for (const e of graph.edges) byTarget.get(e.target)?.push(e);
  for (const [id, list] of byTarget) {
    if (list.some((e) => e.targetPort !== undefined)) {
      // Stable: edges without a port keep their file order after the ported ones.
      byTarget.set(
        id,
        list
          .map((e, i) => ({ e, i }))
          .sort((a, b) => (a.e.targetPort ?? Infinity) - (b.e.targetPort ?? Infinity) || a.i - b.i)
          .map(({ e }) => e),
      );
    }
  }
  return byTarget;
}

export interface TopoResult {
  /** Node ids, every node after all its inputs. Nodes on a cycle are left out. */
  order: string[];
  /** Ids of nodes that lie on (or behind) a cycle; empty for a DAG. */
  cyclic: string[];
}

/** Kahn's algorithm, stable in file order so that layouts and summaries do not reshuffle. */
export function topologicalOrder(graph: Graph): TopoResult {
  const indeg = new Map<string, number>();
  const out = new Map<string, string[]>();
  for (const n of graph.nodes) {
    indeg.set(n.id, 0);
    out.set(n.id, []);
  }
  for (const e of graph.edges) {
    if (!indeg.has(e.source) || !indeg.has(e.target)) continue;
    indeg.set(e.target, indeg.get(e.target)! + 1);
    out.get(e.source)!.push(e.target);
  }
  const order: string[] = [];
  const ready = graph.nodes.filter((n) => indeg.get(n.id) === 0).map((n) => n.id);
  for (let i = 0; i < ready.length; i++) {
    const id = ready[i];
    order.push(id);
    for (const t of out.get(id)!) {
      const d = indeg.get(t)! - 1;
      indeg.set(t, d);
      if (d === 0) ready.push(t);
    }
  }
  const placed = new Set(order);
  return { order, cyclic: graph.nodes.filter((n) => !placed.has(n.id)).map((n) => n.id) };
}

/** True when adding source→target would close a cycle (target already reaches source). */
export function wouldCreateCycle(graph: Graph, source: string, target: string): boolean {
  if (source === target) return true;
  const out = new Map<string, string[]>();
  for (const e of graph.edges) {
    const list = out.get(e.source);
    if (list) list.push(e.target);
    else out.set(e.source, [e.target]);
  }
  const seen = new Set<string>([target]);
  const stack = [target];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === source) return true;
    for (const t of out.get(id) ?? []) {
      if (!seen.has(t)) {
        seen.add(t);
        stack.push(t);
      }
    }
  }
  return false;
}

/** Model inputs: the Input nodes, in file order. */
export function modelInputs(graph: Graph): string[] {
  return graph.nodes.filter((n) => n.kind === 'Input').map((n) => n.id);
}

/** Model outputs: the nodes that feed nothing, in file order (DESIGN.md). */
export function modelOutputs(graph: Graph): string[] {
  const feeds = new Set(graph.edges.map((e) => e.source));
  return graph.nodes.filter((n) => !feeds.has(n.id) && n.kind !== 'Input').map((n) => n.id);
}

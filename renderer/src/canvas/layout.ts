import dagre from '@dagrejs/dagre';
import type { Graph } from '../../../shared/graph';
import { collapsedOwner, groupTree } from './groups/groupTree';

/** The size auto-layout reserves for a node; matches `.layer-node` in canvas.css. */
export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 64;

/**
 * Top-to-bottom layered layout (dagre): positions (top-left corners) for every node. Ranks leave
 * room between them for the shape label on each edge.
 */
export function layoutGraph(graph: Graph): Record<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 64, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const e of graph.edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const out: Record<string, { x: number; y: number }> = {};
  for (const n of graph.nodes) {
    const p = g.node(n.id);
    out[n.id] = { x: Math.round(p.x - NODE_WIDTH / 2), y: Math.round(p.y - NODE_HEIGHT / 2) };
  }
  return out;
}

/** Room an edge's shape label needs between two nodes stacked vertically. */
const LABEL_ROOM = 20;

/**
 * True when the graph needs laying out before it is shown: some node has no position, or two
 * nodes would overlap on the canvas (or leave no room for the shape label between them), as in
 * files written by scripts on a tighter grid than the editor's nodes.
 */
export function needsLayout(graph: Graph): boolean {
  if (graph.nodes.some((n) => !n.position)) return true;
  // Layers inside a collapsed group are not shown, so they may sit under what is.
  const tree = graph.groups?.length ? groupTree(graph) : null;
  const shown = tree ? graph.nodes.filter((n) => collapsedOwner(tree, n.id) === null) : graph.nodes;
  // Sort by y so each node is compared only with those less than a node height below it.
  const ps = shown.map((n) => n.position!).sort((a, b) => a.y - b.y);
  for (let i = 0; i < ps.length; i++) {
    for (let j = i + 1; j < ps.length && ps[j].y - ps[i].y < NODE_HEIGHT + LABEL_ROOM; j++) {
      if (Math.abs(ps[j].x - ps[i].x) < NODE_WIDTH) return true;
    }
  }
  return false;
}

/** The graph with every node placed by `layoutGraph` (used when a file arrives without positions). */
export function withLayout(graph: Graph): Graph {
  const pos = layoutGraph(graph);
  return { ...graph, nodes: graph.nodes.map((n) => ({ ...n, position: pos[n.id] })) };
}

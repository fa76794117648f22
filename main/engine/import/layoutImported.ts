import dagre from '@dagrejs/dagre';
import type { Graph } from '../../../shared/graph/types';

/*
 * Positions for an imported graph, top to bottom. The same dagre settings and node size as the
 * canvas's auto-layout (renderer/src/canvas/layout.ts), which the engine may not import; an
 * imported file then opens looking as if the user had pressed "Auto-layout".
 */
const NODE_WIDTH = 220;
const NODE_HEIGHT = 64;

export function layoutImported(graph: Graph): Graph {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 64, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const e of graph.edges) g.setEdge(e.source, e.target);
  dagre.layout(g);
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      const p = g.node(n.id);
      return { ...n, position: { x: Math.round(p.x - NODE_WIDTH / 2), y: Math.round(p.y - NODE_HEIGHT / 2) } };
    }),
  };
}

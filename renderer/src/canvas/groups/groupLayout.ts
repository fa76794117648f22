import dagre from '@dagrejs/dagre';
import type { Graph } from '../../../../shared/graph';
import { NODE_HEIGHT, NODE_WIDTH } from '../layout';
import { chainOf, groupTree, type GroupTree } from './groupTree';

/** A collapsed group's node on the canvas; matches `.group-node` in canvas.css. */
export const GROUP_WIDTH = 300;
export const GROUP_HEIGHT = 96;
/** Room an open group's frame keeps around its layers (more on top, for its label). */
export const FRAME_PAD = 16;
export const FRAME_PAD_TOP = 40;
/** Room between rows: enough for the shape label on an edge. */
export const RANK_GAP = 52;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
type Item = { node: string } | { group: string };
const key = (i: Item) => ('node' in i ? `n:${i.node}` : `g:${i.group}`);

/** What stands for a layer among the direct children of `scope` (null: the top level), or null when outside it. */
function itemIn(tree: GroupTree, scope: string | null, nodeId: string): Item | null {
  const chain = chainOf(tree, nodeId);
  const at = scope === null ? chain.length : chain.indexOf(scope);
  if (at < 0) return null;
  return at === 0 ? { node: nodeId } : { group: chain[at - 1] };
}

interface ScopeLayout {
  /** Children's boxes, relative to the scope's top-left. */
  boxes: Map<string, Box>;
  inner: Map<string, ScopeLayout>;
  width: number;
  height: number;
}

function layoutScope(graph: Graph, tree: GroupTree, scope: string | null): ScopeLayout {
  const kids = tree.children.get(scope)!;
  const items: Item[] = [...kids.nodes.map((node) => ({ node })), ...kids.groups.map((group) => ({ group }))];
  const inner = new Map<string, ScopeLayout>();
  const g = new dagre.graphlib.Graph();
  // A little tighter than the plain layout (64): an overview of groups should fit a laptop screen.
  g.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: RANK_GAP, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const item of items) {
    let size = { width: NODE_WIDTH, height: NODE_HEIGHT };
    if ('group' in item) {
      // Laid out inside even when collapsed: opening it shows the layers where they were placed.
      const sub = layoutScope(graph, tree, item.group);
      inner.set(item.group, sub);
      size = tree.groups.get(item.group)!.collapsed
        ? { width: GROUP_WIDTH, height: GROUP_HEIGHT }
        : { width: sub.width + 2 * FRAME_PAD, height: sub.height + FRAME_PAD_TOP + FRAME_PAD };
    }
    g.setNode(key(item), size);
  }
  for (const e of graph.edges) {
    const s = itemIn(tree, scope, e.source);
    const t = itemIn(tree, scope, e.target);
    if (s && t && key(s) !== key(t)) g.setEdge(key(s), key(t));
  }
  dagre.layout(g);
  const boxes = new Map<string, Box>();
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const item of items) {
    const p = g.node(key(item));
    const box = { x: p.x - p.width / 2, y: p.y - p.height / 2, width: p.width, height: p.height };
    boxes.set(key(item), box);
    [x0, y0] = [Math.min(x0, box.x), Math.min(y0, box.y)];
    [x1, y1] = [Math.max(x1, box.x + box.width), Math.max(y1, box.y + box.height)];
  }
  for (const b of boxes.values()) [b.x, b.y] = [b.x - x0, b.y - y0];
  return { boxes, inner, width: x1 - x0, height: y1 - y0 };
}

/**
 * Positions (top-left corners) for every layer, laid out top to bottom with each group as one box:
 * a collapsed group the size of its node, an open one the size of its frame around its own layout.
 * A collapsed group's layers are placed inside its box as they will show when it is opened.
 */
export function layoutWithGroups(graph: Graph): Record<string, { x: number; y: number }> {
  const tree = groupTree(graph);
  const out: Record<string, { x: number; y: number }> = {};
  const place = (scope: string | null, layout: ScopeLayout, ox: number, oy: number) => {
    const kids = tree.children.get(scope)!;
    for (const id of kids.nodes) {
      const b = layout.boxes.get(`n:${id}`)!;
      out[id] = { x: Math.round(ox + b.x), y: Math.round(oy + b.y) };
    }
    for (const id of kids.groups) {
      const b = layout.boxes.get(`g:${id}`)!;
      place(id, layout.inner.get(id)!, ox + b.x + FRAME_PAD, oy + b.y + FRAME_PAD_TOP);
    }
  };
  place(null, layoutScope(graph, tree, null), 0, 0);
  return out;
}

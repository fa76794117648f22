import type { Graph } from '../../../../shared/graph';
import { NODE_HEIGHT, NODE_WIDTH } from '../layout';
import { FRAME_PAD, FRAME_PAD_TOP, GROUP_HEIGHT, GROUP_WIDTH } from './groupLayout';
import { collapsedOwner, groupTree, type GroupTree } from './groupTree';

/** One thing on the canvas: a layer, a collapsed group's node, or an open group's frame. */
export interface ShownItem {
  /** React Flow id: the layer's id, `group:<id>` or `frame:<id>` (layer ids cannot hold a colon). */
  flowId: string;
  type: 'layer' | 'group' | 'frame';
  /** The layer, or the group. */
  id: string;
  /** The frame it sits in (React Flow parent), or null. */
  parent: string | null;
  /** Top-left in canvas coordinates, and relative to the parent frame. */
  absolute: { x: number; y: number };
  position: { x: number; y: number };
  width: number;
  height: number;
}

export interface Projection {
  /** Frames before what they hold (React Flow wants parents first). */
  items: ShownItem[];
  tree: GroupTree;
  /** The flow id each layer is drawn as (its collapsed group's node when hidden). */
  shownAs(nodeId: string): string;
  /** The layers a flow id stands for. */
  layersOf(flowId: string): string[];
}

export const groupFlowId = (id: string) => `group:${id}`;
export const frameFlowId = (id: string) => `frame:${id}`;

/** The group a flow id names, or null for a layer. */
export function groupOfFlowId(flowId: string): string | null {
  const m = /^(group|frame):(.*)$/.exec(flowId);
  return m ? m[2] : null;
}

/**
 * What the canvas shows for a graph with groups: each layer where the file puts it, unless a
 * collapsed group hides it; a collapsed group as one node at its layers' top-left; an open group
 * as a frame around what it shows.
 */
export function projectGraph(graph: Graph): Projection {
  const tree = groupTree(graph);
  const pos = new Map(graph.nodes.map((n) => [n.id, n.position ?? { x: 0, y: 0 }]));
  const items: ShownItem[] = [];
  const shown = new Map<string, string>();

  const visit = (scope: string | null, parent: string | null, origin: { x: number; y: number }) => {
    // Boxes first (a frame's size depends on what it shows), then items in parent-first order.
    const kids = tree.children.get(scope)!;
    const mine: { item: ShownItem; inner?: () => void }[] = [];
    for (const id of kids.nodes) {
      shown.set(id, id);
      const p = pos.get(id)!;
      mine.push({ item: shownItem('layer', id, id, parent, p, origin, NODE_WIDTH, NODE_HEIGHT) });
    }
    for (const g of kids.groups) {
      const members = tree.members.get(g)!;
      if (tree.groups.get(g)!.collapsed) {
        for (const m of members) shown.set(m, groupFlowId(g));
        const at = collapsedAt(tree, g, pos);
        mine.push({ item: shownItem('group', g, groupFlowId(g), parent, at, origin, GROUP_WIDTH, GROUP_HEIGHT) });
      } else {
        const b = shownBox(tree, g, pos);
        const at = { x: b.x - FRAME_PAD, y: b.y - FRAME_PAD_TOP };
        const w = b.width + 2 * FRAME_PAD;
        const h = b.height + FRAME_PAD_TOP + FRAME_PAD;
        const item = shownItem('frame', g, frameFlowId(g), parent, at, origin, w, h);
        mine.push({ item, inner: () => visit(g, item.flowId, at) });
      }
    }
    for (const { item, inner } of mine) {
      items.push(item);
      inner?.();
    }
  };
  visit(null, null, { x: 0, y: 0 });
  // Frames first, outer before inner, so every parent precedes its children.
  const order = (i: ShownItem) => (i.type === 'frame' ? depth(tree, i.id) : 1e9);
  items.sort((a, b) => order(a) - order(b));

  return {
    items,
    tree,
    shownAs: (id) => shown.get(id) ?? id,
    layersOf: (flowId) => {
      const g = groupOfFlowId(flowId);
      return g === null ? [flowId] : (tree.members.get(g) ?? []);
    },
  };
}

function shownItem(
  type: ShownItem['type'],
  id: string,
  flowId: string,
  parent: string | null,
  absolute: { x: number; y: number },
  origin: { x: number; y: number },
  width: number,
  height: number,
): ShownItem {
  const position = parent ? { x: absolute.x - origin.x, y: absolute.y - origin.y } : absolute;
  return { flowId, type, id, parent, absolute, position, width, height };
}

const depth = (tree: GroupTree, g: string) => {
  let d = 0;
  for (let p = tree.parent.get(g) ?? null; p !== null; p = tree.parent.get(p)!) d++;
  return d;
};

/**
 * Where a collapsed group's node sits: where its frame would start were it open (groupLayout.ts
 * places a group's contents inside its box by the frame's padding, nested groups' too).
 */
function collapsedAt(tree: GroupTree, g: string, pos: Map<string, { x: number; y: number }>) {
  const b = shownBox(tree, g, pos);
  return { x: b.x - FRAME_PAD, y: b.y - FRAME_PAD_TOP };
}

/** The box of what an open group shows: its layers, and its nested groups' nodes or frames. */
function shownBox(tree: GroupTree, g: string, pos: Map<string, { x: number; y: number }>) {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  const add = (x: number, y: number, w: number, h: number) => {
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x + w), Math.max(y1, y + h)];
  };
  const kids = tree.children.get(g)!;
  for (const id of kids.nodes) add(pos.get(id)!.x, pos.get(id)!.y, NODE_WIDTH, NODE_HEIGHT);
  for (const sub of kids.groups) {
    if (tree.groups.get(sub)!.collapsed) {
      const at = collapsedAt(tree, sub, pos);
      add(at.x, at.y, GROUP_WIDTH, GROUP_HEIGHT);
    } else {
      const b = shownBox(tree, sub, pos);
      add(b.x - FRAME_PAD, b.y - FRAME_PAD_TOP, b.width + 2 * FRAME_PAD, b.height + FRAME_PAD_TOP + FRAME_PAD);
    }
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Whether a layer is hidden in a collapsed group. */
export const isHidden = (tree: GroupTree, nodeId: string) => collapsedOwner(tree, nodeId) !== null;

import type { Node } from '@xyflow/react';
import type { Graph, GraphAnalysis } from '../../../../shared/graph';
import type { ShownItem } from './projection';

/** What a collapsed group's node, or an open group's frame, shows. Flat values (shallow compare). */
export interface GroupData extends Record<string, unknown> {
  groupId: string;
  label: string;
  /** Layers inside, nested groups' included. */
  layers: number;
  /** Their weights (trainable + non-trainable). */
  params: number;
  /** The shape(s) coming in from outside, and going out, without the batch (`56×56×256`). */
  inShape: string;
  outShape: string;
}

export type GroupFlowNode = Node<GroupData, 'groupNode' | 'groupFrame'>;

const distinct = (xs: string[]) => [...new Set(xs)].join(' + ') || '?';

/** A shape as a group's node shows it, short enough for an overview: `56×56×256` for (None, 56, 56, 256). */
export function compactShape(shape: readonly (number | null)[] | null | undefined): string {
  if (!shape) return '?';
  const dims = shape.slice(1).map((d) => (d === null ? '?' : String(d)));
  return dims.length ? dims.join('×') : 'scalar';
}

/** A group's summary: layer count, parameter count, input → output shape. */
export function groupSummary(
  graph: Graph,
  analysis: GraphAnalysis,
  groupId: string,
  label: string,
  members: string[],
): GroupData {
  const inside = new Set(members);
  let params = 0;
  for (const m of members) {
    const p = analysis.nodes.get(m)?.params;
    if (p) params += p.trainable + p.nonTrainable;
  }
  const shapeOf = (id: string) => compactShape(analysis.nodes.get(id)?.outputShape);
  const ins: string[] = [];
  const outs: string[] = [];
  const feeds = new Set<string>();
  for (const e of graph.edges) {
    if (inside.has(e.source)) feeds.add(e.source);
    if (inside.has(e.target) && !inside.has(e.source)) ins.push(shapeOf(e.source));
    if (inside.has(e.source) && !inside.has(e.target)) outs.push(shapeOf(e.source));
  }
  // A group holding the Input starts from it; one holding the model's output ends with it.
  for (const m of members) {
    if (graph.nodes.find((n) => n.id === m)?.kind === 'Input') ins.push(shapeOf(m));
    if (!feeds.has(m)) outs.push(shapeOf(m));
  }
  return { groupId, label, layers: members.length, params, inShape: distinct(ins), outShape: distinct(outs) };
}

/** The React Flow node for a collapsed group or an open group's frame. */
export function groupFlowNode(
  item: ShownItem,
  data: GroupData,
  selected: boolean,
  previous: GroupFlowNode | undefined,
): GroupFlowNode {
  const type = item.type === 'group' ? 'groupNode' : 'groupFrame';
  const prev = previous;
  if (
    prev &&
    prev.type === type &&
    prev.position.x === item.position.x &&
    prev.position.y === item.position.y &&
    prev.width === item.width &&
    prev.height === item.height &&
    prev.parentId === (item.parent ?? undefined) &&
    !!prev.selected === selected &&
    Object.keys(data).every((k) => prev.data[k] === data[k])
  ) {
    return prev;
  }
  return {
    id: item.flowId,
    type,
    position: item.position,
    data,
    selected,
    width: item.width,
    height: item.height,
    ...(item.parent ? { parentId: item.parent } : {}),
    // A frame sits behind what it holds; only its label bar is a handle to drag it by.
    ...(type === 'groupFrame' ? { dragHandle: '.group-frame__bar', zIndex: -1 } : {}),
    measured: type === 'groupFrame' ? { width: item.width, height: item.height } : prev?.measured,
  };
}

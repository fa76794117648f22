import type { Edge, Node } from '@xyflow/react';
import { getSpec, type Category } from '../../../shared/catalog';
import { withDefaults } from '../../../shared/catalog/paramValues';
import { describeShape, incomingEdges, type Graph, type GraphAnalysis, type GraphNode } from '../../../shared/graph';
import { edgeIds } from '../store/edgeIds';
import { groupFlowNode, groupSummary, type GroupFlowNode } from './groups/groupFlow';
import { projectGraph, type Projection } from './groups/projection';

/** What a layer node on the canvas shows. Flat values only, so "did it change" is a shallow compare. */
export interface LayerData extends Record<string, unknown> {
  kind: string;
  category: Category | 'Unknown';
  /** The spec's one-liner for the key params (`32 × 3×3, relu`). */
  describe: string;
  /** Output shape as Keras prints it, `?` when unknown. */
  shape: string;
  /** Total weights (trainable + non-trainable). */
  paramCount: number;
  /** How many input handles to draw (connected ones, plus one free on a merge node). */
  targetHandles: number;
  problem: string | null;
  hint: string | null;
  severity: 'error' | 'warning' | null;
}

export type LayerFlowNode = Node<LayerData, 'layer'>;
/** Everything the canvas draws as a node: layers, collapsed groups and open groups' frames. */
export type CanvasFlowNode = LayerFlowNode | GroupFlowNode;

export interface ShapeEdgeData extends Record<string, unknown> {
  /** The tensor shape flowing along the edge, `?` when unknown. */
  shape: string;
  /**
   * Where along the edge its label sits (0 source … 1 target): near the target when the source
   * fans out and near the source when the target merges, so sibling labels do not pile up.
   */
  labelAt: number;
}

export type ShapeFlowEdge = Edge<ShapeEdgeData, 'shape'>;

/** Merge layers (Add, Concatenate, …) take any number of inputs: one handle per input plus one free. */
export function isMerge(kind: string): boolean {
  const max = getSpec(kind)?.arity.max;
  return max === undefined || max > 1;
}

function describeNode(node: GraphNode): string {
  const spec = getSpec(node.kind);
  if (!spec?.describe) return '';
  try {
    return spec.describe(withDefaults(spec, node.params ?? {}));
  } catch {
    return ''; // a parameter the inspector is about to flag; the node still renders
  }
}

function handleCount(kind: string, connected: number): number {
  const spec = getSpec(kind);
  if (!spec) return 1;
  const { max } = spec.arity;
  if (max === 0) return 0;
  if (max === 1) return 1;
  return max === undefined ? connected + 1 : Math.min(max, connected + 1);
}

/**
 * A problem's message as the node shows it: without the "conv_1 (Conv2D): " the node already
 * shows in its header. The inspector and the summary keep the full message.
 */
export function nodeProblemText(message: string, id: string, kind: string): string {
  for (const prefix of [`${id} (${kind}): `, `${id} (${kind}) `, `${id} `]) {
    if (message.startsWith(prefix)) {
      const rest = message.slice(prefix.length);
      return rest.charAt(0).toUpperCase() + rest.slice(1);
    }
  }
  return message;
}

function layerData(node: GraphNode, analysis: GraphAnalysis, connected: number): LayerData {
  const spec = getSpec(node.kind);
  const a = analysis.nodes.get(node.id);
  const problem = a?.problem ?? analysis.problems.find((p) => p.nodeId === node.id);
  return {
    kind: node.kind,
    category: spec?.category ?? 'Unknown',
    describe: describeNode(node),
    shape: describeShape(a?.outputShape ?? null),
    paramCount: a ? a.params.trainable + a.params.nonTrainable : 0,
    targetHandles: handleCount(node.kind, connected),
    problem: problem ? nodeProblemText(problem.message, node.id, node.kind) : null,
    hint: problem?.hint ?? null,
    severity: problem?.severity ?? null,
  };
}

function sameData(a: LayerData, b: LayerData): boolean {
  for (const k in a) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * React Flow nodes for the graph. A node whose data, position and selection did not change keeps
 * its previous object (and its measured size), so React Flow skips it: dragging or editing one
 * node re-renders that node only. Groups (groups/projection.ts): a collapsed group is one node in
 * place of its layers, an open one a frame its layers sit in (React Flow parent nodes).
 */
export function buildFlowNodes(
  graph: Graph,
  analysis: GraphAnalysis,
  selected: ReadonlySet<string>,
  previous: ReadonlyMap<string, CanvasFlowNode>,
  projection: Projection = projectGraph(graph),
): CanvasFlowNode[] {
  const incoming = incomingEdges(graph);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  return projection.items.map((item): CanvasFlowNode => {
    if (item.type !== 'layer') {
      const members = projection.tree.members.get(item.id) ?? [];
      const label = projection.tree.groups.get(item.id)?.label ?? item.id;
      const data = groupSummary(graph, analysis, item.id, label, members);
      const isSelected = members.length > 0 && members.every((m) => selected.has(m));
      const prev = previous.get(item.flowId);
      return groupFlowNode(item, data, isSelected, prev?.type === 'layer' ? undefined : prev);
    }
    const n = byId.get(item.id)!;
    const data = layerData(n, analysis, incoming.get(n.id)?.length ?? 0);
    const position = item.position;
    const parentId = item.parent ?? undefined;
    const isSelected = selected.has(n.id);
    const prev = previous.get(n.id);
    if (
      prev?.type === 'layer' &&
      prev.position.x === position.x &&
      prev.position.y === position.y &&
      prev.parentId === parentId &&
      !!prev.selected === isSelected
    ) {
      if (sameData(prev.data, data)) return prev;
    }
    return {
      id: n.id,
      type: 'layer',
      position,
      data,
      selected: isSelected,
      measured: prev?.measured,
      ...(parentId ? { parentId } : {}),
    };
  });
}

/**
 * React Flow edges, each labelled with the shape of the tensor it carries. An edge into or out of a
 * collapsed group is drawn to the group's node (one per pair of things shown); edges inside it are not drawn.
 */
export function buildFlowEdges(
  graph: Graph,
  analysis: GraphAnalysis,
  selected: ReadonlySet<string>,
  projection: Projection = projectGraph(graph),
): ShapeFlowEdge[] {
  const ids = edgeIds(graph.edges);
  const incoming = incomingEdges(graph);
  const kinds = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const fanOut = new Map<string, number>();
  for (const e of graph.edges) fanOut.set(e.source, (fanOut.get(e.source) ?? 0) + 1);
  const drawn = new Set<string>();
  const out: ShapeFlowEdge[] = [];
  graph.edges.forEach((e, i) => {
    const source = projection.shownAs(e.source);
    const target = projection.shownAs(e.target);
    if (source === target || drawn.has(`${source}\n${target}`)) return;
    drawn.add(`${source}\n${target}`);
    const port = Math.max(0, incoming.get(e.target)?.indexOf(e) ?? 0);
    const handles = handleCount(kinds.get(e.target) ?? '', incoming.get(e.target)?.length ?? 0);
    const toGroup = target !== e.target;
    out.push({
      id: ids[i],
      type: 'shape',
      source,
      target,
      sourceHandle: 'out',
      targetHandle: toGroup ? 'in-0' : `in-${Math.min(port, Math.max(0, handles - 1))}`,
      selected: selected.has(ids[i]),
      data: {
        shape: describeShape(analysis.nodes.get(e.source)?.outputShape ?? null),
        labelAt: toGroup
          ? 0.5
          : (fanOut.get(e.source) ?? 0) > 1
            ? 0.7
            : (incoming.get(e.target)?.length ?? 0) > 1
              ? 0.3
              : 0.5,
      },
    });
  });
  return out;
}

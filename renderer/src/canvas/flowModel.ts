import type { Edge, Node } from '@xyflow/react';
import { getSpec, type Category } from '../../../shared/catalog';
import { withDefaults } from '../../../shared/catalog/paramValues';
import { describeShape, incomingEdges, type Graph, type GraphAnalysis, type GraphNode } from '../../../shared/graph';
import { edgeIds } from '../store/edgeIds';

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
 * node re-renders that node only.
 */
export function buildFlowNodes(
  graph: Graph,
  analysis: GraphAnalysis,
  selected: ReadonlySet<string>,
  previous: ReadonlyMap<string, LayerFlowNode>,
): LayerFlowNode[] {
  const incoming = incomingEdges(graph);
  return graph.nodes.map((n) => {
    const data = layerData(n, analysis, incoming.get(n.id)?.length ?? 0);
    const position = n.position ?? { x: 0, y: 0 };
    const isSelected = selected.has(n.id);
    const prev = previous.get(n.id);
    if (prev && prev.position.x === position.x && prev.position.y === position.y && !!prev.selected === isSelected) {
      if (sameData(prev.data, data)) return prev;
    }
    return { id: n.id, type: 'layer', position, data, selected: isSelected, measured: prev?.measured };
  });
}

/** React Flow edges, each labelled with the shape of the tensor it carries. */
export function buildFlowEdges(graph: Graph, analysis: GraphAnalysis, selected: ReadonlySet<string>): ShapeFlowEdge[] {
  const ids = edgeIds(graph.edges);
  const incoming = incomingEdges(graph);
  const kinds = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const fanOut = new Map<string, number>();
  for (const e of graph.edges) fanOut.set(e.source, (fanOut.get(e.source) ?? 0) + 1);
  return graph.edges.map((e, i) => {
    const port = Math.max(0, incoming.get(e.target)?.indexOf(e) ?? 0);
    const handles = handleCount(kinds.get(e.target) ?? '', incoming.get(e.target)?.length ?? 0);
    return {
      id: ids[i],
      type: 'shape',
      source: e.source,
      target: e.target,
      sourceHandle: 'out',
      targetHandle: `in-${Math.min(port, Math.max(0, handles - 1))}`,
      selected: selected.has(ids[i]),
      data: {
        shape: describeShape(analysis.nodes.get(e.source)?.outputShape ?? null),
        labelAt: (fanOut.get(e.source) ?? 0) > 1 ? 0.7 : (incoming.get(e.target)?.length ?? 0) > 1 ? 0.3 : 0.5,
      },
    };
  });
}

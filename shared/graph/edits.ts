import { groupsRenamed, groupsWithout } from './groups';
import type { Graph, GraphEdge, GraphGroup, GraphNode } from './types';

/**
 * Graph edits as data. `applyEdit` returns the new graph (the old one untouched, unchanged parts
 * shared) and the edit that undoes it, so undo/redo is two stacks of edits.
 */
export type Edit =
  /** Put nodes and edges back at the given indices (ascending). */
  | { type: 'insert'; nodes: { index: number; node: GraphNode }[]; edges: { index: number; edge: GraphEdge }[] }
  /** Remove nodes (and every edge touching them) and the edges at the given indices. */
  | { type: 'delete'; nodeIds: string[]; edgeIndices: number[] }
  /** Set parameters; `undefined` removes one (so it takes the Keras default). */
  | { type: 'setParams'; nodeId: string; params: Record<string, unknown> }
  | { type: 'move'; positions: Record<string, { x: number; y: number } | undefined> }
  /**
   * Set nodes' `trainable` field (false freezes the layer; `undefined` removes the field, so the
   * layer trains). Its inverse puts the old values back.
   */
  | { type: 'setTrainable'; trainable: Record<string, boolean | undefined> }
  /** Give a node another id; every edge from or to it follows. Its inverse renames it back. */
  | { type: 'rename'; from: string; to: string }
  /** Replace the graph's groups (`undefined` removes the field); its inverse puts the old ones back. */
  | { type: 'setGroups'; groups: GraphGroup[] | undefined }
  | { type: 'batch'; edits: Edit[] };

export interface EditResult {
  graph: Graph;
  inverse: Edit;
}

function insert(graph: Graph, e: Extract<Edit, { type: 'insert' }>): EditResult {
  const nodes = [...graph.nodes];
  for (const { index, node } of [...e.nodes].sort((a, b) => a.index - b.index)) nodes.splice(index, 0, node);
  const edges = [...graph.edges];
  const sortedEdges = [...e.edges].sort((a, b) => a.index - b.index);
  for (const { index, edge } of sortedEdges) edges.splice(index, 0, edge);
  return {
    graph: { ...graph, nodes, edges },
    inverse: { type: 'delete', nodeIds: e.nodes.map((n) => n.node.id), edgeIndices: sortedEdges.map((x) => x.index) },
  };
}

function remove(graph: Graph, e: Extract<Edit, { type: 'delete' }>): EditResult {
  const ids = new Set(e.nodeIds);
  const edgeIdx = new Set(e.edgeIndices);
  const removedNodes: { index: number; node: GraphNode }[] = [];
  const nodes = graph.nodes.filter((node, index) => {
    if (!ids.has(node.id)) return true;
    removedNodes.push({ index, node });
    return false;
  });
  const removedEdges: { index: number; edge: GraphEdge }[] = [];
  const edges = graph.edges.filter((edge, index) => {
    if (!edgeIdx.has(index) && !ids.has(edge.source) && !ids.has(edge.target)) return true;
    removedEdges.push({ index, edge });
    return false;
  });
  const inverse: Edit = { type: 'insert', nodes: removedNodes, edges: removedEdges };
  // Deleted layers leave their groups; undo puts the groups back as they were.
  if (!graph.groups || !removedNodes.length) return { graph: { ...graph, nodes, edges }, inverse };
  const groups = groupsWithout(graph.groups, ids);
  return {
    graph: { ...graph, nodes, edges, groups },
    inverse: { type: 'batch', edits: [inverse, { type: 'setGroups', groups: graph.groups }] },
  };
}

function setGroups(graph: Graph, e: Extract<Edit, { type: 'setGroups' }>): EditResult {
  const { groups: old, ...rest } = graph;
  return { graph: e.groups ? { ...rest, groups: e.groups } : rest, inverse: { type: 'setGroups', groups: old } };
}

function setParams(graph: Graph, e: Extract<Edit, { type: 'setParams' }>): EditResult {
  const old: Record<string, unknown> = {};
  const nodes = graph.nodes.map((n) => {
    if (n.id !== e.nodeId) return n;
    const params = { ...n.params };
    for (const [k, v] of Object.entries(e.params)) {
      old[k] = n.params[k];
      if (v === undefined) delete params[k];
      else params[k] = v;
    }
    return { ...n, params };
  });
  return { graph: { ...graph, nodes }, inverse: { type: 'setParams', nodeId: e.nodeId, params: old } };
}

function move(graph: Graph, e: Extract<Edit, { type: 'move' }>): EditResult {
  const old: Record<string, { x: number; y: number } | undefined> = {};
  const nodes = graph.nodes.map((n) => {
    if (!(n.id in e.positions)) return n;
    old[n.id] = n.position;
    const position = e.positions[n.id];
    if (position) return { ...n, position };
    const { position: _drop, ...rest } = n;
    return rest as GraphNode;
  });
  return { graph: { ...graph, nodes }, inverse: { type: 'move', positions: old } };
}

function setTrainable(graph: Graph, e: Extract<Edit, { type: 'setTrainable' }>): EditResult {
  const old: Record<string, boolean | undefined> = {};
  const nodes = graph.nodes.map((n) => {
    if (!(n.id in e.trainable)) return n;
    old[n.id] = n.trainable as boolean | undefined;
    const value = e.trainable[n.id];
    if (value !== undefined) return { ...n, trainable: value };
    const { trainable: _drop, ...rest } = n;
    return rest as GraphNode;
  });
  return { graph: { ...graph, nodes }, inverse: { type: 'setTrainable', trainable: old } };
}

function rename(graph: Graph, e: Extract<Edit, { type: 'rename' }>): EditResult {
  if (e.from !== e.to && graph.nodes.some((n) => n.id === e.to)) {
    // Two nodes with one id would merge their edges for good; the caller checks with nodeIdProblem.
    throw new Error(`Cannot rename ${e.from} to ${e.to}: that id is taken`);
  }
  const follow = (id: string) => (id === e.from ? e.to : id);
  const nodes = graph.nodes.map((n) => (n.id === e.from ? { ...n, id: e.to } : n));
  const edges = graph.edges.map((edge) =>
    edge.source === e.from || edge.target === e.from
      ? { ...edge, source: follow(edge.source), target: follow(edge.target) }
      : edge,
  );
  const groups = graph.groups && groupsRenamed(graph.groups, e.from, e.to);
  return {
    graph: groups ? { ...graph, nodes, edges, groups } : { ...graph, nodes, edges },
    inverse: { type: 'rename', from: e.to, to: e.from },
  };
}

/** Applies one edit purely. */
export function applyEdit(graph: Graph, edit: Edit): EditResult {
  switch (edit.type) {
    case 'insert':
      return insert(graph, edit);
    case 'delete':
      return remove(graph, edit);
    case 'setParams':
      return setParams(graph, edit);
    case 'move':
      return move(graph, edit);
    case 'setTrainable':
      return setTrainable(graph, edit);
    case 'rename':
      return rename(graph, edit);
    case 'setGroups':
      return setGroups(graph, edit);
    case 'batch': {
      let g = graph;
      const inverses: Edit[] = [];
      for (const sub of edit.edits) {
        const r = applyEdit(g, sub);
        g = r.graph;
        inverses.unshift(r.inverse);
      }
      return { graph: g, inverse: { type: 'batch', edits: inverses } };
    }
    default: {
      const unknown: never = edit;
      throw new Error(`Unknown edit ${JSON.stringify(unknown)}`);
    }
  }
}

// Constructors for the everyday edits.

export const addNode = (graph: Graph, node: GraphNode): Edit => ({
  type: 'insert',
  nodes: [{ index: graph.nodes.length, node }],
  edges: [],
});

/** Nodes plus edges among them (paste). */
export const addSubgraph = (graph: Graph, nodes: GraphNode[], edges: GraphEdge[]): Edit => ({
  type: 'insert',
  nodes: nodes.map((node, i) => ({ index: graph.nodes.length + i, node })),
  edges: edges.map((edge, i) => ({ index: graph.edges.length + i, edge })),
});

export const removeNodes = (nodeIds: string[]): Edit => ({ type: 'delete', nodeIds, edgeIndices: [] });

export const connect = (graph: Graph, edge: GraphEdge): Edit => ({
  type: 'insert',
  nodes: [],
  edges: [{ index: graph.edges.length, edge }],
});

export function disconnect(graph: Graph, source: string, target: string): Edit {
  const edgeIndices = graph.edges.flatMap((e, i) => (e.source === source && e.target === target ? [i] : []));
  return { type: 'delete', nodeIds: [], edgeIndices };
}

export const setParam = (nodeId: string, name: string, value: unknown): Edit => ({
  type: 'setParams',
  nodeId,
  params: { [name]: value },
});

export const moveNodes = (positions: Record<string, { x: number; y: number }>): Edit => ({ type: 'move', positions });

export const renameNode = (from: string, to: string): Edit => ({ type: 'rename', from, to });

/**
 * Freezes (or unfreezes) layers as one edit: `trainable: false` on each node; unfreezing removes the
 * field and also a `trainable: false` layer param (the other way a file can freeze a layer).
 */
export function setFrozen(graph: Graph, nodeIds: string[], frozen: boolean): Edit {
  const ids = new Set(nodeIds);
  const nodes = graph.nodes.filter((n) => ids.has(n.id));
  const trainable = Object.fromEntries(nodes.map((n) => [n.id, frozen ? false : undefined]));
  const params: Edit[] = frozen
    ? []
    : nodes
        .filter((n) => n.params.trainable === false)
        .map((n) => ({ type: 'setParams', nodeId: n.id, params: { trainable: undefined } }));
  const edit: Edit = { type: 'setTrainable', trainable };
  return params.length ? { type: 'batch', edits: [edit, ...params] } : edit;
}

/** Every node upstream of `nodeId` (what feeds it, directly or not), in graph order. */
export function upstreamOf(graph: Graph, nodeId: string): string[] {
  const seen = new Set<string>();
  const stack = [nodeId];
  while (stack.length) {
    const id = stack.pop()!;
    for (const e of graph.edges) {
      if (e.target === id && !seen.has(e.source)) {
        seen.add(e.source);
        stack.push(e.source);
      }
    }
  }
  return graph.nodes.filter((n) => seen.has(n.id)).map((n) => n.id);
}

/** What a node id may be made of: letters, digits, `_`, `-` and `.` (Keras layer names, file-safe). */
export const NODE_ID_PATTERN = /^[A-Za-z0-9_.-]+$/;

/**
 * Why `to` cannot be the new id of node `from`, in words for the inspector; null when it can.
 * Renaming a node to its own id is allowed (nothing to do).
 */
export function nodeIdProblem(graph: Graph, from: string, to: string): string | null {
  if (to.length === 0) return 'A layer needs a name.';
  if (!NODE_ID_PATTERN.test(to)) {
    return 'Use only letters, digits, “_”, “-” and “.” (no spaces).';
  }
  if (to !== from && graph.nodes.some((n) => n.id === to)) return `Another layer is already called “${to}”.`;
  return null;
}

/** A fresh id for a new node of `kind`, e.g. conv2d_3, unique in the graph. */
export function freshId(graph: Graph, kind: string): string {
  // Keras's to_snake_case: MaxPooling2D → max_pooling2d, Conv2D → conv2d.
  const base = kind
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
  const taken = new Set(graph.nodes.map((n) => n.id));
  for (let i = 1; ; i++) {
    const id = `${base}_${i}`;
    if (!taken.has(id)) return id;
  }
}

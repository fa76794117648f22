import type { StateCreator } from 'zustand';
import { addSubgraph, freshId, type Graph, type GraphEdge, type GraphNode } from '../../../shared/graph';
import type { ClipboardSlice, EditorState } from './types';

/** How far each paste lands from the copied nodes. */
const PASTE_OFFSET = 40;

/** Copies of `nodes` with ids fresh in `graph` (and among themselves), and the old → new id map. */
function renumber(graph: Graph, nodes: GraphNode[]): { nodes: GraphNode[]; ids: Map<string, string> } {
  const ids = new Map<string, string>();
  let g = graph;
  const out: GraphNode[] = [];
  for (const n of nodes) {
    const id = freshId(g, n.kind);
    ids.set(n.id, id);
    const copy = { ...structuredClone(n), id };
    out.push(copy);
    g = { ...g, nodes: [...g.nodes, copy] };
  }
  return { nodes: out, ids };
}

export const createClipboardSlice: StateCreator<EditorState, [], [], ClipboardSlice> = (set, get) => ({
  clipboard: null,
  pasteCount: 0,
  copySelection: () => {
    const { project, selectedNodes } = get();
    if (selectedNodes.length === 0) return;
    const chosen = new Set(selectedNodes);
    const nodes = project.graph.nodes.filter((n) => chosen.has(n.id));
    const edges = project.graph.edges.filter((e) => chosen.has(e.source) && chosen.has(e.target));
    set({ clipboard: structuredClone({ nodes, edges }), pasteCount: 0 });
  },
  paste: () => {
    const { clipboard, project, pasteCount } = get();
    if (!clipboard || clipboard.nodes.length === 0) return;
    const graph = project.graph;
    const { nodes, ids } = renumber(graph, clipboard.nodes);
    const offset = PASTE_OFFSET * (pasteCount + 1);
    for (const n of nodes) n.position = { x: (n.position?.x ?? 0) + offset, y: (n.position?.y ?? 0) + offset };
    const edges: GraphEdge[] = clipboard.edges.map((e) => ({
      ...e,
      source: ids.get(e.source)!,
      target: ids.get(e.target)!,
    }));
    get().edit(addSubgraph(graph, nodes, edges));
    set({ pasteCount: pasteCount + 1 });
    get().select(nodes.map((n) => n.id));
  },
});

import type { StateCreator } from 'zustand';
import { getSpec } from '../../../shared/catalog';
import { withoutDefaults } from '../../../shared/catalog/paramValues';
import {
  addNode,
  checkConnection,
  connect,
  freshId,
  moveNodes,
  nodeIdProblem,
  renameNode,
  setFrozen,
  setParam,
  upstreamOf,
  type Edit,
  type GraphNode,
} from '../../../shared/graph';
import { arrange } from '../canvas/groups/arrange';
import { analysisOf } from './analysis';
import { edgeIndices } from './edgeIds';
import type { EditorState, GraphActionsSlice } from './types';

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export const createGraphActionsSlice: StateCreator<EditorState, [], [], GraphActionsSlice> = (_set, get) => ({
  addLayer: (kind, position, after) => {
    const graph = get().project.graph;
    const id = freshId(graph, kind);
    const node: GraphNode = {
      id,
      kind,
      params: {},
      position: { x: Math.round(position.x), y: Math.round(position.y) },
    };
    const edits: Edit[] = [addNode(graph, node)];
    if (after) {
      const withNode = { ...graph, nodes: [...graph.nodes, node] };
      if (checkConnection(withNode, analysisOf(graph), after, id).ok) {
        edits.push(connect(withNode, { source: after, target: id }));
      }
    }
    get().edit(edits.length === 1 ? edits[0] : { type: 'batch', edits });
    get().select([id]);
    return id;
  },
  connect: (source, target) => {
    const graph = get().project.graph;
    const check = checkConnection(graph, analysisOf(graph), source, target);
    if (!check.ok) {
      get().showRefusal(check.reason);
      return false;
    }
    get().edit(connect(graph, { source, target }));
    return true;
  },
  deleteSelection: () => {
    const { project, selectedNodes, selectedEdges } = get();
    if (selectedNodes.length === 0 && selectedEdges.length === 0) return;
    get().edit({ type: 'delete', nodeIds: selectedNodes, edgeIndices: edgeIndices(project.graph, selectedEdges) });
    get().clearSelection();
  },
  setParam: (nodeId, name, value) => {
    const node = get().project.graph.nodes.find((n) => n.id === nodeId);
    const spec = node && getSpec(node.kind);
    if (!node || !spec) return;
    // A default value is written as "absent", so saved files list only what differs from Keras.
    const stored = withoutDefaults(spec, { [name]: value })[name];
    if (sameValue(node.params[name], stored)) return;
    get().edit(setParam(nodeId, name, stored), { coalesceKey: `param:${nodeId}:${name}` });
  },
  moveNodes: (positions) => {
    if (Object.keys(positions).length > 0) get().edit(moveNodes(positions));
  },
  renameNode: (from, to) => {
    const graph = get().project.graph;
    if (!graph.nodes.some((n) => n.id === from)) return `There is no layer called “${from}”.`;
    const problem = nodeIdProblem(graph, from, to);
    if (problem || from === to) return problem;
    get().edit(renameNode(from, to));
    return null;
  },
  setFrozen: (nodeIds, frozen) => {
    const graph = get().project.graph;
    if (nodeIds.length > 0) get().edit(setFrozen(graph, nodeIds, frozen));
  },
  freezeAbove: (nodeId) => {
    const graph = get().project.graph;
    const analysis = analysisOf(graph);
    // Only layers with weights: freezing a ReLU or a pooling layer changes nothing.
    const withWeights = upstreamOf(graph, nodeId).filter((id) => {
      const p = analysis.nodes.get(id)?.params;
      return p !== undefined && p.trainable + p.nonTrainable > 0;
    });
    if (withWeights.length > 0) get().edit(setFrozen(graph, withWeights, true));
    return withWeights.length;
  },
  autoLayout: () => {
    const graph = get().project.graph;
    if (graph.nodes.length > 0) get().edit(moveNodes(arrange(graph)));
  },
});

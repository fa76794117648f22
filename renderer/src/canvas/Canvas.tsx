import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  ReactFlow,
  applyNodeChanges,
  useReactFlow,
  useStoreApi,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type OnConnect,
} from '@xyflow/react';
import { useEditor, useAnalysis, analysisOf } from '../store';
import { checkConnection } from '../../../shared/graph';
import { buildFlowEdges, buildFlowNodes, type CanvasFlowNode, type ShapeFlowEdge } from './flowModel';
import { GroupFrame, GroupNode } from './groups/GroupNode';
import { GroupMenu, type GroupMenuAt } from './groups/GroupMenu';
import { groupOfFlowId, projectGraph, type Projection, type ShownItem } from './groups/projection';
import { ZoomHint } from './ZoomHint';
import { FIT_VIEW_OPTIONS, useAutoFit, type FitApi } from './useAutoFit';
import { LayerNode } from './LayerNode';
import { ShapeEdge } from './ShapeEdge';
import { ConnectionRefusal } from './ConnectionRefusal';
import { NODE_WIDTH } from './layout';
import { OverviewMap, OverviewToggle, useOverviewSetting } from './OverviewMap';
import { PALETTE_DRAG_TYPE } from '../palette/dragType';
import { useRuns } from '../training/runs/runsStore';

// Module scope: React Flow remounts every node when these objects change identity (STYLE.md 10).
const nodeTypes = { layer: LayerNode, groupNode: GroupNode, groupFrame: GroupFrame };
const edgeTypes = { shape: ShapeEdge };
const hasNodes = () => useEditor.getState().project.graph.nodes.length > 0;
const proOptions = { hideAttribution: true };
const multiSelectKeys = ['Shift', 'Meta', 'Control'];

/** Whether the canvas nodes show the current run's activation thumbnails (they sit right of each node). */
const selectThumbs = (s: ReturnType<typeof useRuns.getState>) =>
  !!(s.currentRunId && s.runs[s.currentRunId]?.activations);

interface View {
  graph: unknown;
  analysis: unknown;
  selected: string[];
  nodes: CanvasFlowNode[];
}

/** What the canvas shows for the graph (groups collapsed or open), with its items by flow id. */
function shownView(graph: Parameters<typeof projectGraph>[0]): {
  projection: Projection;
  items: Map<string, ShownItem>;
} {
  const projection = projectGraph(graph);
  return { projection, items: new Map(projection.items.map((i) => [i.flowId, i])) };
}

/** Connections are made between layers: a collapsed group's handles say to open it first. */
const GROUP_CONNECT = 'Open the group (▸ Open) to connect one of its layers.';

/**
 * The graph canvas. The store's graph is the truth; React Flow gets nodes derived from it. While a
 * node is dragged, only this component's copy moves; the store hears about it once, on drop, as
 * one undoable move — so a drag re-renders neither the inspector nor the summary.
 */
export function Canvas() {
  const graph = useEditor((s) => s.project.graph);
  const analysis = useAnalysis();
  const selectedNodes = useEditor((s) => s.selectedNodes);
  const selectedEdges = useEditor((s) => s.selectedEdges);
  const loadSeq = useEditor((s) => s.loadSeq);
  const { screenToFlowPosition, fitView, getZoom, setViewport } = useReactFlow();
  const flowStore = useStoreApi();
  const thumbs = useRuns(selectThumbs);
  const [overview, toggleOverview] = useOverviewSetting();
  const box = useRef<HTMLDivElement>(null);
  const [menu, setMenu] = useState<GroupMenuAt | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const shown = useMemo(() => shownView(graph), [graph]);

  const [view, setView] = useState<View>(() => ({
    graph,
    analysis,
    selected: selectedNodes,
    nodes: buildFlowNodes(graph, analysis, new Set(selectedNodes), new Map(), shown.projection),
  }));
  let nodes = view.nodes;
  if (view.graph !== graph || view.analysis !== analysis || view.selected !== selectedNodes) {
    // Derived state, recomputed during render when its inputs change (react.dev, "adjusting state").
    const previous = new Map(view.nodes.map((n) => [n.id, n]));
    nodes = buildFlowNodes(graph, analysis, new Set(selectedNodes), previous, shown.projection);
    setView({ graph, analysis, selected: selectedNodes, nodes });
  }

  const edges = useMemo(
    () => buildFlowEdges(graph, analysis, new Set(selectedEdges), shown.projection),
    [graph, analysis, selectedEdges, shown],
  );

  const onNodesChange = useCallback((changes: NodeChange<CanvasFlowNode>[]) => {
    setView((v) => ({ ...v, nodes: applyNodeChanges(changes, v.nodes) }));
    const store = useEditor.getState();
    const { projection, items } = shownView(store.project.graph);
    const selects = changes.filter((c) => c.type === 'select');
    if (selects.length) {
      // A group's node or frame stands for its layers. Deselections first: clicking a layer in a
      // selected frame leaves that layer selected.
      const chosen = new Set(store.selectedNodes);
      for (const c of selects) if (!c.selected) for (const id of projection.layersOf(c.id)) chosen.delete(id);
      for (const c of selects) if (c.selected) for (const id of projection.layersOf(c.id)) chosen.add(id);
      store.select(
        store.project.graph.nodes.filter((n) => chosen.has(n.id)).map((n) => n.id),
        store.selectedEdges,
      );
    }
    // A drop moves what was dragged by how far it went: a group's node or frame moves all its layers.
    const dropped: Record<string, { x: number; y: number }> = {};
    const byId = new Map(store.project.graph.nodes.map((n) => [n.id, n]));
    for (const c of changes) {
      if (c.type !== 'position' || c.dragging !== false || !c.position) continue;
      const was = items.get(c.id)?.position;
      if (!was) continue;
      const dx = Math.round(c.position.x - was.x);
      const dy = Math.round(c.position.y - was.y);
      if (!dx && !dy) continue;
      for (const id of projection.layersOf(c.id)) {
        const p = byId.get(id)?.position ?? { x: 0, y: 0 };
        dropped[id] ??= { x: p.x + dx, y: p.y + dy };
      }
    }
    store.moveNodes(dropped);
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<ShapeFlowEdge>[]) => {
    const selects = changes.filter((c) => c.type === 'select');
    if (!selects.length) return;
    const store = useEditor.getState();
    const chosen = new Set(store.selectedEdges);
    for (const c of selects) {
      if (c.selected) chosen.add(c.id);
      else chosen.delete(c.id);
    }
    store.select(store.selectedNodes, [...chosen]);
  }, []);

  const onConnect: OnConnect = useCallback((c) => {
    const store = useEditor.getState();
    if (groupOfFlowId(c.source) !== null || groupOfFlowId(c.target) !== null) return;
    if (store.connect(c.source, c.target)) store.clearRefusal();
  }, []);

  const isValidConnection: IsValidConnection = useCallback((c) => {
    const store = useEditor.getState();
    if (groupOfFlowId(c.source) !== null || groupOfFlowId(c.target) !== null) {
      if (store.refusal?.message !== GROUP_CONNECT) store.showRefusal(GROUP_CONNECT);
      return false;
    }
    const g = store.project.graph;
    const check = checkConnection(g, analysisOf(g), c.source, c.target);
    if (!check.ok && store.refusal?.message !== check.reason) store.showRefusal(check.reason);
    return check.ok;
  }, []);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(PALETTE_DRAG_TYPE);
      if (!kind) return;
      e.preventDefault();
      const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      useEditor.getState().addLayer(kind, { x: p.x - NODE_WIDTH / 2, y: p.y - 20 }, null);
    },
    [screenToFlowPosition],
  );

  // Right-click: the group menu. A node not yet selected becomes the selection first.
  const openMenu = useCallback((e: MouseEvent | React.MouseEvent, flowId: string | null) => {
    e.preventDefault();
    const store = useEditor.getState();
    if (flowId) {
      const layers = shownView(store.project.graph).projection.layersOf(flowId);
      if (!layers.every((id) => store.selectedNodes.includes(id))) store.select(layers);
    }
    const r = box.current!.getBoundingClientRect();
    setMenu({ x: e.clientX - r.left, y: e.clientY - r.top, groupId: flowId ? groupOfFlowId(flowId) : null });
  }, []);
  const onNodeContextMenu = useCallback(
    (e: React.MouseEvent, node: CanvasFlowNode) => openMenu(e, node.id),
    [openMenu],
  );
  const onSelectionContextMenu = useCallback((e: React.MouseEvent) => openMenu(e, null), [openMenu]);

  const fitApi = useMemo<FitApi>(
    () => ({ fitView, getZoom, setViewport, flowState: () => flowStore.getState() }),
    [fitView, getZoom, setViewport, flowStore],
  );
  useAutoFit(box, fitApi, loadSeq, thumbs, hasNodes);

  return (
    <div className="canvas" data-testid="canvas" onDragOver={onDragOver} onDrop={onDrop} ref={box}>
      <ReactFlow<CanvasFlowNode, ShapeFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onNodeContextMenu={onNodeContextMenu}
        onSelectionContextMenu={onSelectionContextMenu}
        onPaneClick={closeMenu}
        onMoveStart={closeMenu}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={multiSelectKeys}
        // The wheel scrolls (a tall graph shown from its top reads on downwards, like a page);
        // Ctrl/⌘ + wheel, a pinch or the +/− buttons zoom.
        panOnScroll
        minZoom={0.03}
        maxZoom={2}
        proOptions={proOptions}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd2dc" />
        <OverviewMap on={overview} />
        <Controls showInteractive={false} fitViewOptions={FIT_VIEW_OPTIONS}>
          <OverviewToggle on={overview} toggle={toggleOverview} />
        </Controls>
      </ReactFlow>
      <ConnectionRefusal />
      {menu && <GroupMenu at={menu} close={closeMenu} />}
      {graph.nodes.length > 0 && <ZoomHint />}
      {graph.nodes.length === 0 && (
        <div className="canvas__empty">
          <strong>Start with an Input.</strong> Drag layers here from the palette, or press Enter on one to add it. Or
          open a template from the toolbar.
        </div>
      )}
    </div>
  );
}

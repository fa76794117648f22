import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
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
  type Viewport,
} from '@xyflow/react';
import { useEditor, useAnalysis, analysisOf } from '../store';
import { checkConnection } from '../../../shared/graph';
import { buildFlowEdges, buildFlowNodes, type LayerFlowNode, type ShapeFlowEdge } from './flowModel';
import { LayerNode } from './LayerNode';
import { ShapeEdge } from './ShapeEdge';
import { ConnectionRefusal } from './ConnectionRefusal';
import { NODE_WIDTH } from './layout';
import { OverviewMap, OverviewToggle, useOverviewSetting } from './OverviewMap';
import { READABLE_FIT_ZOOM, graphBounds, isAtViewport, isInView, readableViewport, topNodeSpan } from './viewFit';
import { PALETTE_DRAG_TYPE } from '../palette/dragType';
import { useRuns } from '../training/runs/runsStore';

// Module scope: React Flow remounts every node when these objects change identity (STYLE.md 10).
const nodeTypes = { layer: LayerNode };
const edgeTypes = { shape: ShapeEdge };
const fitViewOptions = { padding: 0.15, maxZoom: 1 };
const proOptions = { hideAttribution: true };
const multiSelectKeys = ['Shift', 'Meta', 'Control'];

/** Whether the canvas nodes show the current run's activation thumbnails (they sit right of each node). */
const selectThumbs = (s: ReturnType<typeof useRuns.getState>) =>
  !!(s.currentRunId && s.runs[s.currentRunId]?.activations);

interface View {
  graph: unknown;
  analysis: unknown;
  selected: string[];
  nodes: LayerFlowNode[];
}

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

  const [view, setView] = useState<View>(() => ({
    graph,
    analysis,
    selected: selectedNodes,
    nodes: buildFlowNodes(graph, analysis, new Set(selectedNodes), new Map()),
  }));
  let nodes = view.nodes;
  if (view.graph !== graph || view.analysis !== analysis || view.selected !== selectedNodes) {
    // Derived state, recomputed during render when its inputs change (react.dev, "adjusting state").
    nodes = buildFlowNodes(graph, analysis, new Set(selectedNodes), new Map(view.nodes.map((n) => [n.id, n])));
    setView({ graph, analysis, selected: selectedNodes, nodes });
  }

  const edges = useMemo(
    () => buildFlowEdges(graph, analysis, new Set(selectedEdges)),
    [graph, analysis, selectedEdges],
  );

  const onNodesChange = useCallback((changes: NodeChange<LayerFlowNode>[]) => {
    setView((v) => ({ ...v, nodes: applyNodeChanges(changes, v.nodes) }));
    const store = useEditor.getState();
    const selects = changes.filter((c) => c.type === 'select');
    if (selects.length) {
      const chosen = new Set(store.selectedNodes);
      for (const c of selects) {
        if (c.selected) chosen.add(c.id);
        else chosen.delete(c.id);
      }
      store.select(
        store.project.graph.nodes.filter((n) => chosen.has(n.id)).map((n) => n.id),
        store.selectedEdges,
      );
    }
    const dropped: Record<string, { x: number; y: number }> = {};
    const byId = new Map(store.project.graph.nodes.map((n) => [n.id, n]));
    for (const c of changes) {
      if (c.type !== 'position' || c.dragging !== false || !c.position) continue;
      const old = byId.get(c.id)?.position;
      const x = Math.round(c.position.x);
      const y = Math.round(c.position.y);
      if (!old || old.x !== x || old.y !== y) dropped[c.id] = { x, y };
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
    if (store.connect(c.source, c.target)) store.clearRefusal();
  }, []);

  const isValidConnection: IsValidConnection = useCallback((c) => {
    const store = useEditor.getState();
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

  // The last viewport an automatic fit chose. While the view is still there (the user has not
  // panned or zoomed), the next automatic fit may replace it even when the graph was not wholly in
  // view: a tall graph shown from its top is refitted when the panel below it opens.
  const autoView = useRef<Viewport | null>(null);
  const autoFit = useCallback(
    (size: { width: number; height: number }, thumbs: boolean, duration?: number) => {
      const { nodeLookup } = flowStore.getState();
      const b = graphBounds(nodeLookup.values(), thumbs);
      if (!b) return;
      autoView.current = readableViewport(b, size, topNodeSpan(nodeLookup.values()));
      void setViewport(autoView.current, duration ? { duration } : undefined);
    },
    [flowStore, setViewport],
  );

  // A newly opened project is fitted into view once React Flow has measured its nodes (fitView
  // waits for that). A graph too tall to read when fitted (LeNet-5 above the Train panel,
  // ResNet-50) opens at its top instead, at a readable zoom, where a reader starts; Fit and the
  // minimap show the whole.
  useEffect(() => {
    // Not React Flow's `fitView` prop: on an empty canvas it would wait for the first node the
    // user drops and then jump the view to it.
    if (useEditor.getState().project.graph.nodes.length === 0) return;
    let live = true;
    void fitView(fitViewOptions).then(() => {
      if (!live) return;
      const { width, height, transform } = flowStore.getState();
      autoView.current = { x: transform[0], y: transform[1], zoom: transform[2] };
      if (getZoom() < READABLE_FIT_ZOOM) autoFit({ width, height }, false);
      performance.mark('deepwire:rendered');
    });
    return () => {
      live = false;
    };
  }, [loadSeq, fitView, getZoom, flowStore, autoFit]);

  // Keep the graph in view when the canvas changes size (the bottom panel opened, resized or
  // closed) or thumbnails appear beside the nodes: a graph that was wholly visible, or that an
  // automatic fit showed from its top, is fitted again (never below the readable zoom); one the
  // user is exploring zoomed in keeps its centre where it was.
  const thumbsRef = useRef(thumbs);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let last = { width: el.clientWidth, height: el.clientHeight };
    let frame = 0;
    const observer = new ResizeObserver(() => {
      const before = last;
      const now = { width: el.clientWidth, height: el.clientHeight };
      if (now.width === before.width && now.height === before.height) return;
      last = now;
      const { transform, nodeLookup } = flowStore.getState();
      const b = graphBounds(nodeLookup.values(), thumbsRef.current);
      if (!b || !before.width || !before.height) return;
      const refit = isInView(b, transform, before) || isAtViewport(transform, autoView.current);
      cancelAnimationFrame(frame);
      // After React Flow has taken the new size (its own observer runs in the same round).
      frame = requestAnimationFrame(() => {
        if (refit) autoFit(now, thumbsRef.current);
        else
          void setViewport({
            x: transform[0] + (now.width - before.width) / 2,
            y: transform[1] + (now.height - before.height) / 2,
            zoom: transform[2],
          });
      });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [flowStore, setViewport, autoFit]);
  useEffect(() => {
    const had = thumbsRef.current;
    thumbsRef.current = thumbs;
    if (!thumbs || had) return;
    const { transform, nodeLookup, width, height } = flowStore.getState();
    const without = graphBounds(nodeLookup.values(), false);
    const withThumbs = graphBounds(nodeLookup.values(), true);
    const size = { width, height };
    if (!without || !withThumbs || isInView(withThumbs, transform, size)) return;
    if (isInView(without, transform, size) || isAtViewport(transform, autoView.current)) autoFit(size, true, 200);
  }, [thumbs, flowStore, autoFit]);

  return (
    <div className="canvas" data-testid="canvas" onDragOver={onDragOver} onDrop={onDrop} ref={box}>
      <ReactFlow<LayerFlowNode, ShapeFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
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
        <Controls showInteractive={false}>
          <OverviewToggle on={overview} toggle={toggleOverview} />
        </Controls>
      </ReactFlow>
      <ConnectionRefusal />
      {graph.nodes.length === 0 && (
        <div className="canvas__empty">
          <strong>Start with an Input.</strong> Drag layers here from the palette, or press Enter on one to add it. Or
          open a template from the toolbar.
        </div>
      )}
    </div>
  );
}

import { useCallback } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useEditor } from '../store';
import { NODE_HEIGHT, NODE_WIDTH } from '../canvas/layout';

const GAP_Y = 64;
const GAP_X = 36;

/**
 * Adds a layer without a mouse: after the selected node when one is selected (below it, connected
 * when the shapes allow), else at the centre of the view. Pans to it when it lands out of sight.
 */
export function useAddLayer(): (kind: string) => void {
  const rf = useReactFlow();
  const flowStore = useStoreApi();
  return useCallback(
    (kind: string) => {
      const { width, height, transform } = flowStore.getState();
      const [tx, ty, zoom] = transform;
      const store = useEditor.getState();
      const graph = store.project.graph;
      const after =
        store.selectedNodes.length === 1 ? graph.nodes.find((n) => n.id === store.selectedNodes[0]) : undefined;
      let pos = after?.position
        ? { x: after.position.x, y: after.position.y + NODE_HEIGHT + GAP_Y }
        : { x: (width / 2 - tx) / zoom - NODE_WIDTH / 2, y: (height / 2 - ty) / zoom - NODE_HEIGHT / 2 };
      // Step aside from nodes already there (a branch, or a second click at the same centre).
      const taken = (p: { x: number; y: number }) =>
        graph.nodes.some(
          (n) => n.position && Math.abs(n.position.x - p.x) < NODE_WIDTH && Math.abs(n.position.y - p.y) < NODE_HEIGHT,
        );
      for (let i = 0; i < 20 && taken(pos); i++)
        pos = after ? { x: pos.x + NODE_WIDTH + GAP_X, y: pos.y } : { x: pos.x + 24, y: pos.y + 24 };
      store.addLayer(kind, pos, after?.id ?? null);
      const sx = pos.x * zoom + tx;
      const sy = pos.y * zoom + ty;
      if (sx < 0 || sy < 0 || sx + NODE_WIDTH * zoom > width || sy + NODE_HEIGHT * zoom > height) {
        void rf.setCenter(pos.x + NODE_WIDTH / 2, pos.y + NODE_HEIGHT / 2, { zoom, duration: 200 });
      }
    },
    [rf, flowStore],
  );
}

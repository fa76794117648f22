import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useEditor } from '../store';
import { NODE_HEIGHT, NODE_WIDTH } from '../canvas/layout';

/** Selects a node and brings it to the middle of the canvas. */
export function useFocusNode(): (id: string) => void {
  const rf = useReactFlow();
  return useCallback(
    (id: string) => {
      useEditor.getState().select([id]);
      const n = rf.getInternalNode(id);
      if (!n) return;
      const { x, y } = n.internals.positionAbsolute;
      const w = n.measured.width ?? NODE_WIDTH;
      const h = n.measured.height ?? NODE_HEIGHT;
      void rf.setCenter(x + w / 2, y + h / 2, { zoom: Math.max(rf.getZoom(), 0.9), duration: 250 });
    },
    [rf],
  );
}

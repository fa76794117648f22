import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useEditor } from '../store';
import { NODE_HEIGHT, NODE_WIDTH } from '../canvas/layout';
import { projectGraph } from '../canvas/groups/projection';

/** Selects a node and brings it to the middle of the canvas (a layer in a collapsed group: the group's node). */
export function useFocusNode(): (id: string) => void {
  const rf = useReactFlow();
  return useCallback(
    (id: string) => {
      const s = useEditor.getState();
      s.select([id]);
      const n = rf.getInternalNode(projectGraph(s.project.graph).shownAs(id));
      if (!n) return;
      const { x, y } = n.internals.positionAbsolute;
      const w = n.measured.width ?? NODE_WIDTH;
      const h = n.measured.height ?? NODE_HEIGHT;
      void rf.setCenter(x + w / 2, y + h / 2, { zoom: Math.max(rf.getZoom(), 0.9), duration: 250 });
    },
    [rf],
  );
}

import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { GraphAnalysis, GraphNode } from '../../../shared/graph';
import { analysisOf } from './analysis';
import { createClipboardSlice } from './clipboardSlice';
import { createGraphActionsSlice } from './graphActionsSlice';
import { createGroupsSlice } from './groupsSlice';
import { createHistorySlice } from './historySlice';
import { createProjectSlice } from './projectSlice';
import { createSelectionSlice } from './selectionSlice';
import type { EditorState } from './types';
import { createUiSlice } from './uiSlice';

export type { EditorState } from './types';
export { analysisOf } from './analysis';
export { edgeIds } from './edgeIds';

/**
 * The editor's one store, made of typed slices (STYLE.md 9). Components read it through narrow
 * selectors so that a change to one part (a dragged node) does not re-render the others.
 */
export const useEditor = create<EditorState>()((...a) => ({
  ...createProjectSlice(...a),
  ...createHistorySlice(...a),
  ...createSelectionSlice(...a),
  ...createClipboardSlice(...a),
  ...createGraphActionsSlice(...a),
  ...createGroupsSlice(...a),
  ...createUiSlice(...a),
}));

const initialState = useEditor.getState();

/** Back to a fresh editor (tests). */
export function resetEditor(): void {
  useEditor.setState(initialState, true);
}

/** The analysis of the open graph (memoized per graph object). */
export const useAnalysis = (): GraphAnalysis => useEditor((s) => analysisOf(s.project.graph));

/** The one selected node, or null when none or several are selected. */
export const useSelectedNode = (): GraphNode | null =>
  useEditor((s) =>
    s.selectedNodes.length === 1 ? (s.project.graph.nodes.find((n) => n.id === s.selectedNodes[0]) ?? null) : null,
  );

/** The store's actions; stable, so reading them never re-renders. */
export const useEditorActions = () =>
  useEditor(
    useShallow((s) => ({
      edit: s.edit,
      undo: s.undo,
      redo: s.redo,
      select: s.select,
      clearSelection: s.clearSelection,
      copySelection: s.copySelection,
      paste: s.paste,
      addLayer: s.addLayer,
      connect: s.connect,
      deleteSelection: s.deleteSelection,
      setParam: s.setParam,
      moveNodes: s.moveNodes,
      autoLayout: s.autoLayout,
      loadProject: s.loadProject,
      markSaved: s.markSaved,
      renameProject: s.renameProject,
      showRefusal: s.showRefusal,
      clearRefusal: s.clearRefusal,
      showOpenError: s.showOpenError,
    })),
  );

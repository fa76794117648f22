import type { StateCreator } from 'zustand';
import type { EditorState, SelectionSlice } from './types';

const sameIds = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export const createSelectionSlice: StateCreator<EditorState, [], [], SelectionSlice> = (set, get) => ({
  selectedNodes: [],
  selectedEdges: [],
  select: (nodes, edges = []) => {
    const s = get();
    // Keep the old arrays when nothing changed, so selectors that compare by identity stay quiet.
    if (sameIds(s.selectedNodes, nodes) && sameIds(s.selectedEdges, edges)) return;
    set({ selectedNodes: nodes, selectedEdges: edges });
  },
  clearSelection: () => get().select([], []),
});

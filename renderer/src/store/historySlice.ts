import type { StateCreator } from 'zustand';
import { type Edit, type Graph } from '../../../shared/graph';
import { applyStep, type HistoryStep } from './historyStep';
import type { EditorState, HistorySlice } from './types';

/** Enough for an afternoon of editing; older steps fall off. */
const MAX_STEPS = 500;
/** Edits with the same coalesce key closer together than this are one undo step. */
const COALESCE_MS = 1500;

/**
 * Selection without ids the graph no longer has; a renamed node stays selected under its new id
 * (also on undo and redo, whose edits are renames too).
 */
function pruneSelection(graph: Graph, selected: string[], edit: Edit): string[] {
  if (selected.length === 0) return selected;
  if (edit.type === 'rename') return selected.map((id) => (id === edit.from ? edit.to : id));
  const ids = new Set(graph.nodes.map((n) => n.id));
  const kept = selected.filter((id) => ids.has(id));
  return kept.length === selected.length ? selected : kept;
}

export const createHistorySlice: StateCreator<EditorState, [], [], HistorySlice> = (set, get) => {
  let lastKey: string | undefined;
  let lastAt = 0;

  const step = (from: 'undoStack' | 'redoStack', to: 'undoStack' | 'redoStack') => {
    const s = get();
    const stack = s[from];
    if (stack.length === 0) return;
    const { project, inverse, edit } = applyStep(s.project, stack[stack.length - 1]);
    lastKey = undefined;
    set({
      project,
      [from]: stack.slice(0, -1),
      [to]: [...s[to], inverse],
      dirty: true,
      selectedNodes: pruneSelection(project.graph, s.selectedNodes, edit),
      selectedEdges: [],
    });
  };

  const record = (next: HistoryStep, key?: string): void => {
    const s = get();
    const { project, inverse, edit } = applyStep(s.project, next);
    const now = Date.now();
    const merge = key !== undefined && key === lastKey && now - lastAt < COALESCE_MS && s.undoStack.length > 0;
    lastKey = key;
    lastAt = now;
    // Merging keeps the older inverse: undo goes back to before the first of the merged edits.
    const undoStack = merge ? s.undoStack : [...s.undoStack, inverse].slice(-MAX_STEPS);
    set({
      project,
      undoStack,
      redoStack: [],
      dirty: true,
      selectedNodes: pruneSelection(project.graph, s.selectedNodes, edit),
      // Canvas edge ids are made of node ids (edgeIds.ts), so a rename makes them stale too.
      selectedEdges: edit.type === 'delete' || edit.type === 'batch' || edit.type === 'rename' ? [] : s.selectedEdges,
    });
  };

  return {
    undoStack: [],
    redoStack: [],
    edit: (edit: Edit, options) => record(edit, options?.coalesceKey),
    editWithTraining: (edit, training) => record({ type: 'withTraining', edit, training }),
    undo: () => step('undoStack', 'redoStack'),
    redo: () => step('redoStack', 'undoStack'),
  };
};

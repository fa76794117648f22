import type { StateCreator } from 'zustand';
import { newProject, withProjectId, type Project } from '../../../shared/project';
import { newProjectId } from '../project/projectId';
import { needsLayout } from '../canvas/layout';
import { withArrangement } from '../canvas/groups/arrange';
import type { EditorState, ProjectSlice } from './types';
import { withGraph } from './withGraph';

export const createProjectSlice: StateCreator<EditorState, [], [], ProjectSlice> = (set) => ({
  project: newProject('Untitled', newProjectId()),
  filePath: null,
  dirty: false,
  loadSeq: 0,
  loadProject: (project, filePath, options = {}) => {
    // Its identity: a fresh one for a new project (New, a template) or a file from before ids (kept
    // from now on, and written on the next save); a file's own otherwise, so its runs follow it.
    if (options.asNew || !project.id) project = withProjectId(project, newProjectId());
    // A file without positions (written by a script, or a template) is laid out once on arrival;
    // that is part of opening it, so it is neither an undo step nor an unsaved change.
    const graph = needsLayout(project.graph) ? withArrangement(project.graph) : project.graph;
    set((s) => ({
      loadSeq: s.loadSeq + 1,
      project: withGraph(project, graph),
      filePath,
      dirty: !!options.unsaved,
      undoStack: [],
      redoStack: [],
      selectedNodes: [],
      selectedEdges: [],
      pasteCount: 0,
      openError: null,
      refusal: null,
    }));
  },
  markSaved: (filePath) => set({ filePath, dirty: false }),
  renameProject: (name) => set((s) => ({ project: { ...s.project, name }, dirty: true })),
  // The file schema's training type also allows unknown fields (kept on save), hence the cast.
  setTraining: (training) =>
    set((s) => ({ project: { ...s.project, training: training as Project['training'] }, dirty: true })),
});

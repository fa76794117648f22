import type { Edit, GraphEdge, GraphNode } from '../../../shared/graph';
import type { Project } from '../../../shared/project';
import type { TrainingConfig } from '../../../shared/training/options';
import type { HistoryStep } from './historyStep';

/** The open project: the graph plus everything the file carries (name, training, template meta). */
export interface ProjectSlice {
  project: Project;
  /** Where it was opened from or saved to (a path under Electron, a file name in a browser). */
  filePath: string | null;
  /** Changed since it was opened or saved. */
  dirty: boolean;
  /** Counts project loads, so the canvas knows to fit the new graph into view. */
  loadSeq: number;
  /**
   * Replaces the open project (New, Open, a template): history, selection and clipboard offsets reset.
   * `asNew`: it is a new project (New, a template), so it gets a fresh `id` even if it carries one;
   * otherwise it keeps its `id`, and gets one if it has none. `unsaved`: the project is work that
   * was never saved (restored from a recovery copy), so it opens with unsaved changes.
   */
  loadProject(project: Project, filePath: string | null, options?: { asNew?: boolean; unsaved?: boolean }): void;
  markSaved(filePath: string): void;
  renameProject(name: string): void;
  /** Replaces the project's `training` section (the training panel's settings); marks it unsaved. */
  setTraining(training: TrainingConfig): void;
}

/**
 * Undo and redo are two stacks of shared graph edits: each entry is the edit that takes the graph
 * back (or forward) one step, as `applyEdit` returned it.
 */
export interface HistorySlice {
  undoStack: HistoryStep[];
  redoStack: HistoryStep[];
  /** Applies an edit through `applyEdit` and records its inverse. `coalesceKey`: merge with the previous step of the same key (typing into one field). */
  edit(edit: Edit, options?: { coalesceKey?: string }): void;
  /** A graph edit and new training settings as one undo step (Train at a smaller input size). */
  editWithTraining(edit: Edit, training: TrainingConfig): void;
  undo(): void;
  redo(): void;
}

export interface SelectionSlice {
  selectedNodes: string[];
  /** Canvas edge ids (see edgeIds.ts). */
  selectedEdges: string[];
  select(nodes: string[], edges?: string[]): void;
  clearSelection(): void;
}

export interface ClipboardSlice {
  clipboard: { nodes: GraphNode[]; edges: GraphEdge[] } | null;
  /** How many times the clipboard was pasted, so each paste lands a little further off. */
  pasteCount: number;
  copySelection(): void;
  paste(): void;
}

/** Everything about the graph the user does through the canvas, palette and inspector. */
export interface GraphActionsSlice {
  /** Adds a layer with Keras's defaults; connects `after` → it when that connection can work. */
  addLayer(kind: string, position: { x: number; y: number }, after?: string | null): string;
  /** Connects source → target when the shapes allow; otherwise shows the reason and returns false. */
  connect(source: string, target: string): boolean;
  deleteSelection(): void;
  /** Sets a parameter; the default value removes it from the file (it takes the default). */
  setParam(nodeId: string, name: string, value: unknown): void;
  moveNodes(positions: Record<string, { x: number; y: number }>): void;
  /**
   * Gives a node another id (its edges follow, one undo step) and keeps it selected. Returns why
   * the id cannot be used (see nodeIdProblem), writing nothing, or null when it was renamed.
   */
  renameNode(from: string, to: string): string | null;
  /** Freezes (`trainable: false`) or unfreezes layers, one undo step. */
  setFrozen(nodeIds: string[], frozen: boolean): void;
  /** Freezes every layer with weights upstream of `nodeId` (one undo step); returns how many. */
  freezeAbove(nodeId: string): number;
  /** Lays the whole graph out top to bottom (one undo step). */
  autoLayout(): void;
}

/** Groups of layers shown as one node (presentation only; renderer/src/canvas/groups). */
export interface GroupsSlice {
  /** Groups the selected layers (Ctrl+G), one undo step; returns why it cannot, or null. */
  groupSelection(): string | null;
  /** Removes the selected group (or the innermost around the selection), one undo step; why not, or null. */
  ungroupSelection(): string | null;
  /** Collapses or opens a group and lays the graph out again around it, one undo step. */
  setGroupCollapsed(groupId: string, collapsed: boolean): void;
  renameGroup(groupId: string, label: string): void;
}

export interface Notice {
  message: string;
  /** Distinguishes two identical messages in a row, so the banner restarts its timer. */
  seq: number;
}

export interface UiSlice {
  /** Why the last connection the user tried was refused. */
  refusal: Notice | null;
  /** Why the last file could not be opened (the canvas keeps what it had). */
  openError: { title: string; details: string[] } | null;
  showRefusal(message: string): void;
  clearRefusal(): void;
  showOpenError(error: { title: string; details: string[] } | null): void;
}

export type EditorState = ProjectSlice &
  HistorySlice &
  SelectionSlice &
  ClipboardSlice &
  GraphActionsSlice &
  GroupsSlice &
  UiSlice;

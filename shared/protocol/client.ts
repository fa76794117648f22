import type { GraphTotals } from '../graph/analyzeGraph';
import type { DatasetParamSpec, ShapeRule } from '../training/datasetOptions';
import type { DataDescription } from '../data/description';
import type { DataKind } from '../data/facts';
import type { FileDatasetRef, Project } from '../project/schema';
import type { ExportOutcome, ExportRequest } from './exports';
import type { ImportOutcome, ImportRequest } from './imports';
import type { TrainingSpeed } from './speed';
import type { EvaluationResult, LayerActivation, MetricValues, TrainerEvent } from './trainer';
import type { RunSettings } from '../training/runSettings';

/**
 * The renderer's one door to the outside (DESIGN.md, "Process model"). Two transports implement it:
 * Electron IPC through the preload, and a WebSocket to `deepwire serve`; tests use an in-memory one.
 */

export interface TemplateEntry {
  /** File name in templates/, e.g. `lenet5.deepwire.json`. */
  id: string;
  ok: boolean;
  /** When ok is false: why the file could not be loaded (shown on its card). */
  error?: string;
  title: string;
  summary?: string;
  citation?: string;
  category?: string;
  params?: number;
  inputShape?: (number | null)[];
  dataset?: string;
}

export interface DatasetInfo {
  id: string;
  title: string;
  description: string;
  task: 'classification' | 'regression';
  kind: 'points2d' | 'image' | 'series';
  inputShape: number[];
  classNames?: string[];
  targetNames?: string[];
  defaultSize: number;
  /** The most examples the dataset can have (the engine refuses a larger `size`). */
  maxSize?: number;
  /** The generator's parameters (their defaults and ranges). */
  params?: DatasetParamSpec[];
  /** How `inputShape` follows the parameters: evaluated with shared/training/datasetOptions.ts. */
  shapeRule?: ShapeRule;
}

export interface DatasetPreview {
  info: DatasetInfo;
  examples: { x: number[]; y: number | number[] }[];
}

export interface BackendInfo {
  backend: string;
  device: string;
  tried: { name: string; ok: boolean; reason?: string }[];
}

export interface RunSummary {
  runId: string;
  projectName: string;
  /** The trained project's `id` (absent on runs recorded before projects had one). */
  projectId?: string;
  createdAt: string;
  status: 'running' | 'completed' | 'stopped' | 'failed';
  epochsCompleted: number;
  final?: { train?: MetricValues; validation?: MetricValues; test?: EvaluationResult };
  failure?: { code: string; message: string; hint?: string };
  backend?: string;
  params?: GraphTotals['total'];
  /** The run this one continued from (Continue): its weights were the starting point. */
  continues?: string;
  /** What it was trained with, for comparing runs (absent on runs recorded before this existed). */
  settings?: RunSettings;
}

/** A run with its history, for reopening its curves. */
export interface RunDetail {
  summary: RunSummary;
  project: Project;
  /** Rows of metrics.jsonl: batch and epoch events as recorded. */
  history: TrainerEvent[];
}

export interface StartRunOptions {
  epochs?: number;
  /** Continue training from this run's weights. */
  continueFrom?: string;
  backend?: string;
  /**
   * Where the project file is (a path under Electron, a name in a browser), so the host can find
   * what the project names relative to it (`weights`).
   */
  projectPath?: string;
}

/** What Deepwire reads in the user's data, with a few of its examples for the Train panel. */
export interface DataPreview {
  description: DataDescription;
  /** How its examples are best shown. */
  kind: DataKind;
  /** Tables: the first rows as the network gets them, as text per feature column and the target. */
  rows?: { columns: string[]; values: string[][] };
  /**
   * A few examples (classification: up to four per class, from across the file), each flattened
   * channels-last when small enough to draw (images up to 96×96×3), else without `x`.
   */
  examples?: { x?: number[]; y: number | number[] }[];
}

/** One entry of a folder the host lets the browser shell choose data from. */
export interface DataFileEntry {
  name: string;
  /** Relative to the served folder, with "/" between parts. */
  path: string;
  kind: 'folder' | 'file';
  bytes?: number;
}

/** A folder under the served folder: its data files and sub-folders (`listDataFiles`). */
export interface DataFileListing {
  /** The served folder itself, for showing where paths are relative to. */
  root: string;
  /** This folder, relative to the root ("" is the root). */
  dir: string;
  /** The folder above, when this is not the root. */
  parent?: string;
  entries: DataFileEntry[];
  /** More entries than were listed. */
  truncated?: boolean;
}

/** A file the user opened or saved (a path under Electron, a name in a browser). */
export interface ProjectFileRef {
  path: string;
  text: string;
}

export interface EngineClient {
  listTemplates(): Promise<TemplateEntry[]>;
  loadTemplate(id: string): Promise<ProjectFileRef>;
  /** Asks the user for a file (native dialog or a browser picker); null when cancelled. */
  openProjectFile(): Promise<ProjectFileRef | null>;
  /** Saves to `path`, or asks where when path is null (Save As); null when cancelled. */
  saveProjectFile(path: string | null, text: string, suggestedName: string): Promise<{ path: string } | null>;

  listDatasets(): Promise<DatasetInfo[]>;
  previewDataset(id: string, count: number): Promise<DatasetPreview>;
  /**
   * Reads the user's data as training would (`dataset.file` relative to `projectPath`'s folder, or
   * the served folder) and says what it found: the description, problems, and a few examples.
   * `inputShape` is the network's Input shape (images are resized to it).
   */
  describeData(dataset: FileDatasetRef, projectPath?: string, inputShape?: number[]): Promise<DataPreview>;
  /** The browser shell: data files and folders in `dir` under the served folder (none outside it). */
  listDataFiles(dir?: string): Promise<DataFileListing>;
  /** The desktop app: a native chooser for a data file or folder; its absolute path, or null. */
  chooseDataPath(kind: 'file' | 'folder'): Promise<string | null>;
  backendInfo(): Promise<BackendInfo>;
  /**
   * How fast this computer trains (measured once per backend, then by real runs), for the estimate
   * of time per epoch before Train. Absent where nothing can train (the plain browser page).
   */
  trainingSpeed?(): Promise<TrainingSpeed>;

  startRun(project: Project, options?: StartRunOptions): Promise<{ runId: string }>;
  stopRun(runId: string): Promise<void>;
  requestActivations(runId: string): Promise<void>;
  /**
   * What a finished run's model says about one example (flattened channels-last, in the data's own
   * units: scaled as the run was trained), and every layer's activations for it: the Train panel's
   * "Try it" view. Refused with `bad-request` and why when the example does not fit the network.
   */
  tryInput(runId: string, input: number[]): Promise<TryResult>;
  /**
   * A project's runs. With `projectId`: runs recorded with that id, plus older runs without one
   * whose name matches; without it, by name.
   */
  listRuns(projectName: string, projectId?: string): Promise<RunSummary[]>;
  getRun(runId: string): Promise<RunDetail>;
  /**
   * Writes an export of a finished run (or of the project's architecture) and checks it against the
   * model, as `deepwire export` does. Refused with `exists` when the folder is there and `force` is
   * not set, `export-refused` when the run or a layer cannot be exported.
   */
  exportModel(request: ExportRequest): Promise<ExportOutcome>;
  /** The desktop app: a native chooser for the export's folder (full path, not created yet), or null. */
  chooseExportFolder(suggestedName: string): Promise<string | null>;
  /**
   * Imports a model (ONNX, Keras, TF.js: the model file and the files beside it) into a new project
   * with its weights, checked against the original as `deepwire import` does; refused with
   * `import-refused` and the importer's message (the node, what to do) when it cannot be.
   */
  importModel(request: ImportRequest): Promise<ImportOutcome>;

  /** Every trainer event of every run; returns the unsubscribe function. */
  onEvent(listener: (event: TrainerEvent) => void): () => void;
  /** Connection state (a WebSocket can drop and reconnect). */
  onConnection?(listener: (state: 'connected' | 'reconnecting' | 'closed') => void): () => void;
}

/** One example's prediction (regression outputs in real units) and every layer's activations. */
export interface TryResult {
  outputs: number[];
  layers: LayerActivation[];
}

/** The method names, for transports that carry calls by name. */
export const CLIENT_METHODS = [
  'listTemplates',
  'loadTemplate',
  'openProjectFile',
  'saveProjectFile',
  'listDatasets',
  'previewDataset',
  'describeData',
  'listDataFiles',
  'chooseDataPath',
  'backendInfo',
  'trainingSpeed',
  'startRun',
  'stopRun',
  'requestActivations',
  'tryInput',
  'listRuns',
  'getRun',
  'exportModel',
  'chooseExportFolder',
  'importModel',
] as const satisfies readonly (keyof EngineClient)[];
export type ClientMethod = (typeof CLIENT_METHODS)[number];

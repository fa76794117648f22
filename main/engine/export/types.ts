import type * as tf from '@tensorflow/tfjs';
import type { GraphAnalysis } from '../../../shared/graph/analyzeGraph';
import type { Project } from '../../../shared/project/schema';
import type { EquivalenceCheck, ExportFormat } from '../../../shared/protocol/exports';
import type { InputScaling } from '../data/normalise';

/**
 * The export contract (DESIGN.md, "Exports and imports"). `deepwire export` loads a run (or a project
 * with its initial weights) into an {@link ExportSource}, hands it to one {@link Exporter} per format
 * that writes into a fresh temporary folder, runs the exporter's equivalence check against the
 * TF.js model's own outputs, writes `deepwire-export.json`, and renames the folder into place.
 */

// The formats and the check's result cross into the app, so they are declared in shared/.
export { EXPORT_FORMATS, type ExportFormat, type EquivalenceCheck } from '../../../shared/protocol/exports';

/** One weight tensor of a layer, in TF.js's order for that layer (kernel, bias, gamma, …). */
export interface LayerWeight {
  /** TF.js's weight name without the layer prefix: 'kernel', 'bias', 'gamma', 'moving_mean', … */
  name: string;
  shape: number[];
  values: Float32Array;
  trainable: boolean;
}

/** What is being exported: the graph as the user drew it and the trained model built from it. */
export interface ExportSource {
  project: Project;
  analysis: GraphAnalysis;
  /** The TF.js model (layer names are the node ids). */
  model: tf.LayersModel;
  /** Weights per node id, read once from `model`. */
  weights: Map<string, LayerWeight[]>;
  /** The run folder, when exporting a run. */
  runDir?: string;
  runId?: string;
  /** Classification: class names in output order. */
  classNames?: string[];
  /** Regression: outputs are standardised; real value = output × std + mean. */
  targetScaler?: { mean: number[]; std: number[] };
  /** A run on the user's own file: the model takes inputs standardised with this (input-scaling.json). */
  inputScaling?: InputScaling;
  /** The run's data: the built-in dataset id or the user's file, for train.py and the README. */
  dataset?: { builtin?: string; file?: string; options?: Record<string, unknown> };
}

/** A fixed batch and the TF.js model's outputs on it: what every export must reproduce. */
export interface ReferenceBatch {
  /** Channels-last, as the Input node says: [n, ...inputShape]. */
  input: { shape: number[]; values: Float32Array };
  output: { shape: number[]; values: Float32Array };
}

export interface Exporter {
  format: ExportFormat;
  /**
   * Writes the format's files into `dir` (an empty temporary folder). Throws an ExportError naming the
   * node when a layer cannot be expressed in this format — never drops a layer silently.
   * @returns the file names written, relative to `dir`
   */
  write(source: ExportSource, dir: string): Promise<string[]>;
  /** Runs what was written on `batch` and compares with `batch.output`. */
  check(dir: string, batch: ReferenceBatch): Promise<EquivalenceCheck>;
}

/** Max relative error allowed between an export and `deepwire predict` (issue 10). */
export const EXPORT_TOLERANCE = 1e-4;

import type { Graph } from '../../../shared/graph/types';

/** One weight of a node, in TF.js's order for its layer (kernel, bias, gamma, …). */
export interface NodeWeight {
  shape: number[];
  values: Float32Array;
}

/** A model translated into a Deepwire graph, before it is written. */
export interface ImportedModel {
  graph: Graph;
  /** Weights per node id, in the order TF.js's layer holds them. */
  weights: Map<string, NodeWeight[]>;
  /** Lines for the project's notes (layout changes, what --partial left out). */
  notes: string[];
  /** The Deepwire nodes that are the model's outputs. */
  outputs: string[];
  /** Imported only up to an unsupported node (--partial). */
  partial: boolean;
  /** Per node id: the tensor in the original model its output equals (for comparisons). */
  compareWith: Map<string, string>;
  /** Per node id: the original layer or operator it came from (for messages). */
  origin: Map<string, string>;
}

import type { Params } from '../catalog/types';

/** A node as the project file stores it. Unknown fields are kept on load and written back on save. */
export interface GraphNode {
  id: string;
  /** Keras class name of the layer kind (`Dense`, `Conv2D`, …); `Input` for a model input. */
  kind: string;
  /** Only the parameters that differ from the Keras default need be present. */
  params: Params;
  position?: { x: number; y: number };
  [extra: string]: unknown;
}

/** A connection from one node's output to another node's input. */
export interface GraphEdge {
  source: string;
  target: string;
  /** The input slot on a merge node; absent = order of the edges in the file. */
  targetPort?: number;
  [extra: string]: unknown;
}

/**
 * A named set of layers the canvas can show as one node (a residual block, an Inception module, a
 * VGG stage). Presentation only: compiling and training ignore groups. Groups are apart or nested.
 */
export interface GraphGroup {
  id: string;
  /** What the canvas shows as its name. */
  label: string;
  /** The ids of its layers (a nested group's layers are listed in the outer group too). */
  members: string[];
  /** Shown as one node when true. */
  collapsed?: boolean;
  [extra: string]: unknown;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Absent in files without groups. */
  groups?: GraphGroup[];
}

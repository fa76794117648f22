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

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

import type { Params, Shape } from '../../../../shared/catalog/types';
import type { LayerWeight } from '../types';
import type { NamedTensor } from './safetensors';

/**
 * Where the channels are: 'cl' channels-last (NHWC, Keras and the user's data), 'cf' channels-first
 * (NCHW, what PyTorch's convolutions want). Tensors of rank ≤ 2 are the same either way ('cl').
 */
export type Layout = 'cl' | 'cf';

/** What an emitter knows about one node. */
export interface NodeContext {
  id: string;
  /** The node's Python name (attribute and variable). */
  py: string;
  kind: string;
  /** Params with Keras defaults filled. */
  params: Params;
  inputShapes: Shape[];
  outputShape: Shape;
  weights: LayerWeight[];
}

/** One node as PyTorch code and weights. */
export interface TorchLayer {
  /** The layout every input must arrive in; 'keep' takes the first input's (merges, activations). */
  needs: Layout | 'keep';
  /** The right-hand side of `self.<py> = …`, when the layer is a module. */
  module?: string;
  /** Lines after the module's creation in __init__ (freezing a Keras scale=False factor, …). */
  initLines?: string[];
  /** Forward code: lines computing `out` from the input variables, given the layout they are in. */
  forward(inputs: string[], layout: Layout, out: string): string[];
  /** The output's layout, given the inputs'. Defaults to the layout the inputs were in. */
  outLayout?: Layout;
  helpers?: string[];
  /** Weights under their state_dict names relative to the attribute (`weight`, `depthwise.weight`, …). */
  tensors?: NamedTensor[];
  /** Keras L1/L2 penalties: the state_dict names (relative) each applies to. */
  regularizers?: { params: string[]; l1: number; l2: number }[];
}

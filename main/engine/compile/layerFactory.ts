import * as tf from '@tensorflow/tfjs';
import type { Params, Shape } from '../../../shared/catalog/types';
import { CompileError } from './compileError';
import { CUSTOM_FACTORIES, GaussianActivation } from './customLayers';

/** One node as TF.js layers: the layer itself and, when needed, the activation layer after it. */
export interface BuiltLayer {
  /** A layer applied before it (the left padding of a causal Conv1D), named `<layer>__pad`. */
  before?: tf.layers.Layer;
  layer: tf.layers.Layer;
  activation?: tf.layers.Layer;
}

/** What the compiler knows about the node besides its args. */
export interface BuildContext {
  nodeId: string;
  kind: string;
  /** The TF.js layer name (the node id unless TF.js refuses it). */
  name: string;
  /** The run's seed: initializers are seeded per node and weight when given. */
  seed?: number;
  /** The node's output shape from shape inference. */
  inferredOutput?: Shape | null;
  /** The rank of its (first) input, batch included. */
  inputRank?: number;
}

export type Factory = (args: Params) => tf.layers.Layer;

/** Activations the catalog offers that TF.js has no string for: built as a layer of their own. */
export const SEPARATE_ACTIVATIONS = new Set(['leakyRelu', 'gaussian']);

/**
 * Slope of the `leakyRelu` activation *string*. Keras's `activations.leaky_relu` defaults to 0.2
 * (tf.nn.leaky_relu's default); the LeakyReLU *layer* keeps its own alpha param (Keras default 0.3).
 */
export const LEAKY_RELU_ACTIVATION_ALPHA = 0.2;

/** The separate activation layer for `leakyRelu` / `gaussian`, named `<layer>__act`. */
export function activationLayer(activation: string, name: string): tf.layers.Layer {
  if (activation === 'leakyRelu') return tf.layers.leakyReLU({ alpha: LEAKY_RELU_ACTIVATION_ALPHA, name });
  if (activation === 'gaussian') return new GaussianActivation({ name });
  throw new Error(`No separate layer for activation ${activation}.`);
}

/** `tf.layers.<name>`, or the custom layer Deepwire registers under that name. */
export function factoryFor(name: string, custom: boolean | undefined, nodeId: string, kind: string): Factory {
  const fn = custom ? CUSTOM_FACTORIES[name] : (tf.layers as unknown as Record<string, Factory | undefined>)[name];
  if (!fn) {
    throw new CompileError(
      'internal',
      `${nodeId} (${kind}): this TF.js build has no layer "${name}".`,
      'Report this: the layer catalog and the engine disagree.',
      nodeId,
    );
  }
  return custom ? fn : (args) => fn.call(tf.layers, args);
}

/** A layer whose activations run inside its steps (recurrent) cannot split one off: refused with a hint. */
export function refuseInsideSteps(args: Params, nodeId: string, kind: string): void {
  for (const key of ['activation', 'recurrentActivation']) {
    const a = args[key];
    if (typeof a === 'string' && SEPARATE_ACTIVATIONS.has(a)) {
      throw new CompileError(
        'invalid-graph',
        `${nodeId} (${kind}): the ${a} activation cannot be used inside a recurrent layer's steps.`,
        `Choose tanh, relu or sigmoid for ${key}, or add the activation as its own layer after it.`,
        nodeId,
      );
    }
  }
}

import * as tf from '@tensorflow/tfjs';
import { allParams, withDefaults } from '../../../shared/catalog/paramValues';
import type { LayerSpec, Params, Shape } from '../../../shared/catalog/types';
import { CompileError } from './compileError';
import {
  BatchNormalization,
  CausalPadding1D,
  CUSTOM_FACTORIES,
  DilatedConv2D,
  DilatedDepthwiseConv2D,
  GaussianActivation,
  SeparableConv2D,
} from './customLayers';
import { resolveWeightArgs } from './initializers';
import { ACTIVATION_SUFFIX } from './layerNames';
import { makeGru } from './resetAfterGru';

/** Activations the catalog offers that TF.js has no string for: built as a layer of their own. */
const SEPARATE_ACTIVATIONS = new Set(['leakyRelu', 'gaussian']);

/**
 * Slope of the `leakyRelu` activation *string*. Keras's `activations.leaky_relu` defaults to 0.2
 * (tf.nn.leaky_relu's default); the LeakyReLU *layer* keeps its own alpha param (Keras default 0.3).
 */
export const LEAKY_RELU_ACTIVATION_ALPHA = 0.2;

const RECURRENT_FACTORIES = new Set(['simpleRNN', 'lstm', 'gru']);

/** One node as TF.js layers: the layer itself and, when needed, the activation layer after it. */
export interface BuiltLayer {
  /** A layer applied before it (the left padding of a causal Conv1D), named `<layer>__pad`. */
  before?: tf.layers.Layer;
  layer: tf.layers.Layer;
  activation?: tf.layers.Layer;
}

type Factory = (args: Record<string, unknown>) => tf.layers.Layer;

/**
 * Dilated Conv2D / DepthwiseConv2D get Deepwire's layer classes: TF.js's Conv2D cannot train
 * dilated (its fused gradient refuses) and its DepthwiseConv2D ignores dilationRate. Undilated
 * ones stay TF.js's own.
 */
const DILATED_FACTORIES: Record<string, Factory> = {
  conv2d: (args) => new DilatedConv2D(args),
  depthwiseConv2d: (args) => new DilatedDepthwiseConv2D(args),
};
const isDilated = (args: Params) => [args.dilationRate ?? 1].flat().some((d) => d !== 1);

/** TF.js factories replaced by a Deepwire subclass that fixes them (see the class). */
const FIXED_FACTORIES: Record<string, Factory> = {
  batchNormalization: (args) => new BatchNormalization(args),
  separableConv2d: (args) => new SeparableConv2D(args),
};

function factoryFor(name: string, custom: boolean | undefined, nodeId: string, kind: string): Factory {
  if (name === 'gru') return makeGru;
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

/** The separate activation layer for `leakyRelu` / `gaussian`, named `<layer>__act`. */
export function activationLayer(activation: string, name: string): tf.layers.Layer {
  if (activation === 'leakyRelu') return tf.layers.leakyReLU({ alpha: LEAKY_RELU_ACTIVATION_ALPHA, name });
  if (activation === 'gaussian') return new GaussianActivation({ name });
  throw new Error(`No separate layer for activation ${activation}.`);
}

/** Suffix of the padding layer a causal Conv1D gets before it. */
export const PAD_SUFFIX = '__pad';

/**
 * int-or-tuple params (kernelSize, strides, poolSize, size…) as full tuples: several TF.js layers
 * (UpSampling2D among them) silently compute NaN shapes from a bare number.
 */
function expandTuples(spec: LayerSpec, params: Params): Params {
  const out = { ...params };
  for (const [key, p] of Object.entries(allParams(spec))) {
    if (p.type === 'intTuple' && typeof out[key] === 'number')
      out[key] = Array.from({ length: p.length }, () => out[key]);
  }
  return out;
}

function refuseInsideRecurrent(args: Params, nodeId: string, kind: string): void {
  for (const key of ['activation', 'recurrentActivation']) {
    if (SEPARATE_ACTIVATIONS.has(args[key] as string)) {
      throw new CompileError(
        'invalid-graph',
        `${nodeId} (${kind}): the ${args[key]} activation cannot be used inside a recurrent layer's steps.`,
        `Choose tanh, relu or sigmoid for ${key}, or add the activation as its own layer after it.`,
        nodeId,
      );
    }
  }
}

/**
 * Builds the TF.js layer(s) for one node from its catalog spec: fills Keras defaults, turns
 * initializer/regularizer values into TF.js objects (seeded per node when `seed` is given), splits
 * off activations TF.js lacks, and handles the kinds whose args are not the factory's as such
 * (Bidirectional's wrapped layer, GRU's reset-after variant).
 */
export function buildLayer(
  spec: LayerSpec,
  nodeId: string,
  name: string,
  rawParams: Params,
  seed?: number,
  inferredOutput?: Shape | null,
  inputRank?: number,
): BuiltLayer {
  /*
   * Keras's Flatten takes a (batch, features) input and changes nothing (Keras 3: InputSpec
   * min_ndim=1); TF.js's refuses it ("expected min_ndim=3, found ndim=2"), so a graph the shape check
   * passed failed to compile (a fuzz finding, issue 13). Built as a Reshape to the same shape: also
   * nothing changed, and every TF.js reader (and the ONNX exporter) knows it.
   */
  if (spec.tfjs.factory === 'flatten' && inputRank === 2) {
    const features = inferredOutput?.[1];
    return { layer: tf.layers.reshape({ targetShape: [typeof features === 'number' ? features : -1], name }) };
  }
  const params = expandTuples(spec, withDefaults(spec, rawParams));
  let args: Params = spec.tfjs.args ? spec.tfjs.args(params) : { ...params };
  const factory = spec.tfjs.factory;
  let separate: string | undefined;

  if (RECURRENT_FACTORIES.has(factory)) refuseInsideRecurrent(args, nodeId, spec.kind);
  else if (SEPARATE_ACTIVATIONS.has(args.activation as string)) {
    separate = args.activation as string;
    args.activation = 'linear';
  }
  args = resolveWeightArgs(args, nodeId, seed);
  // No seed for dropout: TF.js reseeds its random op with the same number on every call, so a
  // seeded Dropout would drop the same units in every batch. Runs with dropout are not repeatable.

  // TF.js's Reshape leaves a -1 unresolved (null) because it counts the batch as an unknown
  // dimension; shape inference already worked it out.
  if (factory === 'reshape' && inferredOutput && inferredOutput.slice(1).every((d) => d !== null)) {
    args.targetShape = inferredOutput.slice(1);
  }

  let before: tf.layers.Layer | undefined;
  if (factory === 'conv1d' && args.padding === 'causal') {
    const k = (args.kernelSize as number[])[0];
    const d = (args.dilationRate as number[])[0];
    before = new CausalPadding1D({ amount: d * (k - 1), name: `${name}${PAD_SUFFIX}` });
    args.padding = 'valid';
  }

  let backward: tf.layers.Layer | undefined;
  if (factory === 'bidirectional') {
    const inner = args.inner as { factory: string; args: Params } | undefined;
    if (!inner)
      throw new CompileError(
        'internal',
        `${nodeId} (Bidirectional): the catalog gave no wrapped layer.`,
        undefined,
        nodeId,
      );
    refuseInsideRecurrent(inner.args, nodeId, spec.kind);
    // Keras's initializers for the wrapped layer (TF.js's kernel default is glorotNormal), seeded.
    const innerRaw = {
      kernelInitializer: 'glorotUniform',
      recurrentInitializer: 'orthogonal',
      biasInitializer: 'zeros',
      ...inner.args,
    };
    const innerArgs = resolveWeightArgs(innerRaw, nodeId, seed);
    const make = factoryFor(inner.factory, false, nodeId, spec.kind);
    const wrapped = make({ ...innerArgs, name: `${name}_${inner.factory}` });
    const { inner: _inner, ...rest } = args;
    args = { ...rest, layer: wrapped };
    /*
     * TF.js builds the backward RNN from the wrapped layer's config, seeds included, so with a run
     * seed both directions started with identical weights (and stayed mirror images). The backward
     * one gets its own seeds, derived from the node id and "backward", exactly as Keras's separate
     * initialisation; built like TF.js's own (reversed goBackwards, "backward_" name).
     */
    if (seed !== undefined) {
      const backArgs = resolveWeightArgs(innerRaw, `${nodeId}/backward`, seed);
      backward = make({ ...backArgs, name: `${name}_${inner.factory}`, goBackwards: backArgs.goBackwards !== true });
      backward.name = `backward_${backward.name}`;
    }
  }

  const make = spec.tfjs.custom
    ? undefined
    : ((isDilated(args) ? DILATED_FACTORIES[factory] : undefined) ?? FIXED_FACTORIES[factory]);
  const layer = (make ?? factoryFor(factory, spec.tfjs.custom, nodeId, spec.kind))({ ...args, name });
  if (backward) (layer as unknown as { backwardLayer: tf.layers.Layer }).backwardLayer = backward;
  return { before, layer, activation: separate ? activationLayer(separate, `${name}${ACTIVATION_SUFFIX}`) : undefined };
}

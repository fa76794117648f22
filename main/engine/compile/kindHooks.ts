import * as tf from '@tensorflow/tfjs';
import { isLayerKind, type LayerKind } from '../../../shared/catalog';
import type { Params } from '../../../shared/catalog/types';
import { tuple } from '../../../shared/catalog/shapeMath';
import { CompileError } from './compileError';
import {
  BatchNormalization,
  CausalPadding1D,
  DilatedConv2D,
  DilatedDepthwiseConv2D,
  SeparableConv2D,
} from './customLayers';
import { resolveWeightArgs } from './initializers';
import { PAD_SUFFIX } from './layerNames';
import { factoryFor, refuseInsideSteps, type BuildContext, type BuiltLayer, type Factory } from './layerFactory';
import { makeGru } from './resetAfterGru';

/**
 * What the compiler does for one kind beyond its spec's `tfjs` mapping (factory + args). Every
 * kind-specific step of the compiler lives here, next to no other kind's: buildLayer.ts runs the
 * same steps for every node and asks the kind's hook at each.
 */
export interface KindHook {
  /** Builds the node another way when it returns layers (Flatten of a (batch, features) input). */
  replace?(ctx: BuildContext): BuiltLayer | undefined;
  /** Its activations run inside its steps: one TF.js lacks is refused instead of split off. */
  stepActivations?: true;
  /** Adjusts the factory's args (tuples expanded, weights resolved); may put a layer before it. */
  prepare?(args: Params, ctx: BuildContext): { args: Params; before?: tf.layers.Layer };
  /** Makes the layer (args include `name`) when TF.js's own factory is not the one; undefined: it is. */
  make?(args: Params, ctx: BuildContext): tf.layers.Layer | undefined;
}

const isDilated = (args: Params) => [args.dilationRate ?? 1].flat().some((d) => d !== 1);

/** The wrapped layer Bidirectional's `tfjs.args` describes (shared/catalog/recurrent.ts `innerLayer`). */
function innerOf(args: Params, nodeId: string): { kind: LayerKind; factory: string; args: Params } {
  const inner = args.inner as { kind: LayerKind; factory: string; args: Params } | undefined;
  if (!inner)
    throw new CompileError(
      'internal',
      `${nodeId} (Bidirectional): the catalog gave no wrapped layer.`,
      undefined,
      nodeId,
    );
  return inner;
}

/**
 * Bidirectional: the wrapped recurrent layer is built first (with Keras's initializers, seeded) and
 * passed as `layer`. TF.js builds the backward RNN from the wrapped layer's config, seeds included,
 * so with a run seed both directions started with identical weights (and stayed mirror images). The
 * backward one gets its own seeds, derived from the node id and "backward", exactly as Keras's
 * separate initialisation; built like TF.js's own (reversed goBackwards, "backward_" name).
 */
function makeBidirectional(args: Params, ctx: BuildContext): tf.layers.Layer {
  const inner = innerOf(args, ctx.nodeId);
  refuseInsideSteps(inner.args, ctx.nodeId, ctx.kind);
  // Keras's initializers for the wrapped layer (TF.js's kernel default is glorotNormal), seeded.
  const innerRaw = {
    kernelInitializer: 'glorotUniform',
    recurrentInitializer: 'orthogonal',
    biasInitializer: 'zeros',
    ...inner.args,
  };
  const make: Factory = KIND_HOOKS[inner.kind]?.make
    ? (a) => KIND_HOOKS[inner.kind]!.make!(a, { ...ctx, kind: inner.kind })!
    : factoryFor(inner.factory, false, ctx.nodeId, ctx.kind);
  const innerName = `${ctx.name}_${inner.factory}`;
  const wrapped = make({ ...resolveWeightArgs(innerRaw, ctx.nodeId, ctx.seed), name: innerName });
  let backward: tf.layers.Layer | undefined;
  if (ctx.seed !== undefined) {
    const backArgs = resolveWeightArgs(innerRaw, `${ctx.nodeId}/backward`, ctx.seed);
    backward = make({ ...backArgs, name: innerName, goBackwards: backArgs.goBackwards !== true });
    backward.name = `backward_${backward.name}`;
  }
  const { inner: _inner, ...rest } = args;
  const layer = factoryFor('bidirectional', false, ctx.nodeId, ctx.kind)({ ...rest, layer: wrapped });
  if (backward) (layer as unknown as { backwardLayer: tf.layers.Layer }).backwardLayer = backward;
  return layer;
}

const recurrent: KindHook = { stepActivations: true };

/** The kinds whose compilation is more than their spec's factory and args; the rest need no hook. */
export const KIND_HOOKS: { readonly [K in LayerKind]?: KindHook } = {
  /*
   * Keras's Flatten takes a (batch, features) input and changes nothing (Keras 3: InputSpec
   * min_ndim=1); TF.js's refuses it ("expected min_ndim=3, found ndim=2"), so a graph the shape
   * check passed failed to compile (a fuzz finding, issue 13). Built as a Reshape to the same shape:
   * also nothing changed, and every TF.js reader (and the ONNX exporter) knows it.
   */
  Flatten: {
    replace: ({ inputRank, inferredOutput, name }) => {
      if (inputRank !== 2) return undefined;
      const features = inferredOutput?.[1];
      return { layer: tf.layers.reshape({ targetShape: [typeof features === 'number' ? features : -1], name }) };
    },
  },
  // TF.js's Reshape leaves a -1 unresolved (null) because it counts the batch as an unknown
  // dimension; shape inference already worked it out.
  Reshape: {
    prepare: (args, { inferredOutput }) =>
      inferredOutput && inferredOutput.slice(1).every((d) => d !== null)
        ? { args: { ...args, targetShape: inferredOutput.slice(1) } }
        : { args },
  },
  // TF.js has no causal padding: pad the start with d·(k−1) zeros in a layer of its own, then valid.
  Conv1D: {
    prepare: (args, { name }) => {
      if (args.padding !== 'causal') return { args };
      const k = tuple(args.kernelSize, 1, 'kernelSize')[0];
      const d = tuple(args.dilationRate, 1, 'dilationRate')[0];
      const before = new CausalPadding1D({ amount: d * (k - 1), name: `${name}${PAD_SUFFIX}` });
      return { args: { ...args, padding: 'valid' }, before };
    },
  },
  // Dilated ones get Deepwire's classes: TF.js's Conv2D cannot train dilated (its fused gradient
  // refuses) and its DepthwiseConv2D ignores dilationRate. Undilated ones stay TF.js's own.
  Conv2D: { make: (args) => (isDilated(args) ? new DilatedConv2D(args) : undefined) },
  DepthwiseConv2D: { make: (args) => (isDilated(args) ? new DilatedDepthwiseConv2D(args) : undefined) },
  // TF.js layers replaced by a Deepwire subclass that fixes them (see the class).
  SeparableConv2D: { make: (args) => new SeparableConv2D(args) },
  BatchNormalization: { make: (args) => new BatchNormalization(args) },
  SimpleRNN: recurrent,
  LSTM: recurrent,
  // Keras's GRU is reset-after, which TF.js lacks (resetAfterGru.ts).
  GRU: { ...recurrent, make: (args) => makeGru(args) },
  Bidirectional: { make: makeBidirectional },
};

/** The hook of a kind, if it has one. */
export function kindHook(kind: string): KindHook | undefined {
  return isLayerKind(kind) ? KIND_HOOKS[kind] : undefined;
}

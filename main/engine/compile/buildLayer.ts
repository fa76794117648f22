import { allParams, withDefaults } from '../../../shared/catalog/paramValues';
import type { LayerSpec, Params, Shape } from '../../../shared/catalog/types';
import { resolveWeightArgs } from './initializers';
import { kindHook } from './kindHooks';
import { ACTIVATION_SUFFIX } from './layerNames';
import {
  activationLayer,
  factoryFor,
  refuseInsideSteps,
  SEPARATE_ACTIVATIONS,
  type BuildContext,
  type BuiltLayer,
} from './layerFactory';

export { activationLayer, LEAKY_RELU_ACTIVATION_ALPHA, type BuiltLayer } from './layerFactory';
export { PAD_SUFFIX } from './layerNames';

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

/**
 * Builds the TF.js layer(s) for one node from its catalog spec, the same steps for every kind:
 * fills Keras defaults, translates params to the factory's args (`spec.tfjs.args`), splits off
 * activations TF.js lacks into a `<id>__act` layer (refused inside a recurrent layer's steps), turns
 * initializer/regularizer values into TF.js objects (seeded per node when `seed` is given), and
 * makes the layer. Whatever one kind needs beyond that is its hook's (kindHooks.ts).
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
  const ctx: BuildContext = { nodeId, kind: spec.kind, name, seed, inferredOutput, inputRank };
  const hook = kindHook(spec.kind);
  const replaced = hook?.replace?.(ctx);
  if (replaced) return replaced;

  const params = expandTuples(spec, withDefaults(spec, rawParams));
  let args: Params = spec.tfjs.args ? spec.tfjs.args(params) : { ...params };
  let separate: string | undefined;
  if (hook?.stepActivations) refuseInsideSteps(args, nodeId, spec.kind);
  else if (typeof args.activation === 'string' && SEPARATE_ACTIVATIONS.has(args.activation)) {
    separate = args.activation;
    args.activation = 'linear';
  }
  args = resolveWeightArgs(args, nodeId, seed);
  // No seed for dropout: TF.js reseeds its random op with the same number on every call, so a
  // seeded Dropout would drop the same units in every batch. Runs with dropout are not repeatable.

  const prepared = hook?.prepare ? hook.prepare(args, ctx) : { args };
  const named = { ...prepared.args, name };
  const layer =
    (spec.tfjs.custom ? undefined : hook?.make?.(named, ctx)) ??
    factoryFor(spec.tfjs.factory, spec.tfjs.custom, nodeId, spec.kind)(named);
  return {
    before: prepared.before,
    layer,
    activation: separate ? activationLayer(separate, `${name}${ACTIVATION_SUFFIX}`) : undefined,
  };
}

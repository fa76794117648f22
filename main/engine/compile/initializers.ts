import * as tf from '@tensorflow/tfjs';
import { RANDOM_INITIALIZERS } from '../../../shared/catalog/enums';
import type { InitializerValue, RegularizerValue } from '../../../shared/catalog/types';
import { hashSeed, hashString } from '../datasets/rng';
import { FastOrthogonal } from './orthogonal';

type Initializer = ReturnType<typeof tf.initializers.zeros>;
type Regularizer = ReturnType<typeof tf.regularizers.l1l2>;

/** Initializers whose TF.js factory takes a `seed`: seeding them makes a run's first epoch repeatable. */
const SEEDED = new Set<string>(RANDOM_INITIALIZERS);

/**
 * A seed for one weight of one layer. Derived from the run seed, the node id and the parameter name,
 * so adding a layer elsewhere in the graph does not change this layer's starting weights.
 */
export function weightSeed(seed: number, nodeId: string, param: string): number {
  // TF.js hands the seed to seedrandom, which takes any number; keep it a small positive int anyway.
  return hashSeed(seed, hashString(nodeId), hashString(param)) % 2147483647;
}

/**
 * Turns a project's initializer value — a name like `heNormal`, or `{name: 'constant', value}`,
 * `{name: 'orthogonal', gain}`, `{name: 'randomNormal', mean, stddev}` — into a TF.js initializer.
 * `seed` (when given) is used unless the value carries its own.
 */
export function toInitializer(value: InitializerValue, seed?: number): Initializer {
  const spec = typeof value === 'string' ? { name: value } : value;
  const s = spec.seed ?? (SEEDED.has(spec.name) ? seed : undefined);
  const init = tf.initializers;
  switch (spec.name) {
    case 'zeros':
      return init.zeros();
    case 'ones':
      return init.ones();
    case 'constant':
      return init.constant({ value: spec.value ?? 0 });
    case 'orthogonal':
      return new FastOrthogonal({ gain: spec.gain ?? 1, seed: s }) as unknown as Initializer;
    case 'randomUniform':
      return init.randomUniform({ minval: spec.minval ?? -0.05, maxval: spec.maxval ?? 0.05, seed: s });
    case 'randomNormal':
      return init.randomNormal({ mean: spec.mean ?? 0, stddev: spec.stddev ?? 0.05, seed: s });
    case 'truncatedNormal':
      return init.truncatedNormal({ mean: spec.mean ?? 0, stddev: spec.stddev ?? 0.05, seed: s });
    case 'glorotUniform':
      return init.glorotUniform({ seed: s });
    case 'glorotNormal':
      return init.glorotNormal({ seed: s });
    case 'heUniform':
      return init.heUniform({ seed: s });
    case 'heNormal':
      return init.heNormal({ seed: s });
    case 'lecunUniform':
      return init.leCunUniform({ seed: s });
    case 'lecunNormal':
      return init.leCunNormal({ seed: s });
    default:
      throw new Error(`Unknown initializer "${spec.name}".`);
  }
}

/** `{l1, l2}` → tf.regularizers.l1l2; null or both zero → no regularizer. */
export function toRegularizer(value: RegularizerValue | undefined): Regularizer | undefined {
  if (!value) return undefined;
  const l1 = value.l1 ?? 0;
  const l2 = value.l2 ?? 0;
  if (l1 === 0 && l2 === 0) return undefined;
  return tf.regularizers.l1l2({ l1, l2 });
}

/**
 * Replaces every `*Initializer` and `*Regularizer` value in a layer's args with its TF.js object,
 * seeding initializers per (node, arg). Other args pass through untouched.
 */
export function resolveWeightArgs(
  args: Record<string, unknown>,
  nodeId: string,
  seed: number | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(args)) {
    if (key.endsWith('Initializer') && v !== null && v !== undefined) {
      out[key] = toInitializer(v as InitializerValue, seed === undefined ? undefined : weightSeed(seed, nodeId, key));
    } else if (key.endsWith('Regularizer')) {
      out[key] = toRegularizer(v as RegularizerValue);
    } else {
      out[key] = v;
    }
  }
  return out;
}

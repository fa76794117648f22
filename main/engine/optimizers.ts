import * as tf from '@tensorflow/tfjs';
import { OPTIMIZER_DEFAULTS, type OptimizerConfig } from '../../shared/training/options';
import { FusedAdam, FusedMomentum, FusedRMSProp, FusedSGD, hasFusedUpdate } from './fusedOptimizers';

/**
 * A TF.js optimizer for a project's optimizer settings, each setting defaulting to Keras's
 * (OPTIMIZER_DEFAULTS). `momentum` is SGD with momentum, Nesterov's variant when `nesterov` is true.
 * Where the backend has Deepwire's fused update for the optimizer (hasFusedUpdate: once
 * selectBackend has registered them), it runs one kernel per variable and step; the update rules
 * are the same. `fused: false` asks for TF.js's own everywhere.
 */
export function makeOptimizer(config: OptimizerConfig, options: { fused?: boolean } = {}): tf.Optimizer {
  const fused = options.fused !== false && hasFusedUpdate(config.kind);
  const s = { ...OPTIMIZER_DEFAULTS[config.kind], ...stripUndefined(config) } as Record<string, number | boolean>;
  const lr = s.learningRate as number;
  const n = (key: string) => s[key] as number;
  switch (config.kind) {
    case 'sgd':
      return fused ? new FusedSGD(lr) : tf.train.sgd(lr);
    case 'momentum':
      return fused
        ? new FusedMomentum(lr, n('momentum'), s.nesterov === true)
        : tf.train.momentum(lr, n('momentum'), s.nesterov === true);
    case 'adagrad':
      return tf.train.adagrad(lr, n('initialAccumulatorValue'));
    case 'adadelta':
      return tf.train.adadelta(lr, n('rho'), n('epsilon'));
    case 'rmsprop':
      return fused
        ? new FusedRMSProp(lr, n('rho'), n('momentum'), n('epsilon'))
        : tf.train.rmsprop(lr, n('rho'), n('momentum'), n('epsilon'));
    case 'adam':
      return fused
        ? new FusedAdam(lr, n('beta1'), n('beta2'), n('epsilon'))
        : tf.train.adam(lr, n('beta1'), n('beta2'), n('epsilon'));
    case 'adamax':
      // TF.js's adamax also takes a learning-rate decay; Keras has none, so 0.
      return tf.train.adamax(lr, n('beta1'), n('beta2'), n('epsilon'), 0);
    default: {
      const unknown: never = config.kind;
      throw new Error(`Unknown optimizer ${String(unknown)}`);
    }
  }
}

function stripUndefined(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && k !== 'kind'));
}

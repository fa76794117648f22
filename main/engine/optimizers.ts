import * as tf from '@tensorflow/tfjs';
import { OPTIMIZER_DEFAULTS, type OptimizerConfig } from '../../shared/training/options';

/**
 * A TF.js optimizer for a project's optimizer settings, each setting defaulting to Keras's
 * (OPTIMIZER_DEFAULTS). `momentum` is SGD with momentum, Nesterov's variant when `nesterov` is true.
 */
export function makeOptimizer(config: OptimizerConfig): tf.Optimizer {
  const s = { ...OPTIMIZER_DEFAULTS[config.kind], ...stripUndefined(config) } as Record<string, number | boolean>;
  const lr = s.learningRate as number;
  const n = (key: string) => s[key] as number;
  switch (config.kind) {
    case 'sgd':
      return tf.train.sgd(lr);
    case 'momentum':
      return tf.train.momentum(lr, n('momentum'), s.nesterov === true);
    case 'adagrad':
      return tf.train.adagrad(lr, n('initialAccumulatorValue'));
    case 'adadelta':
      return tf.train.adadelta(lr, n('rho'), n('epsilon'));
    case 'rmsprop':
      return tf.train.rmsprop(lr, n('rho'), n('momentum'), n('epsilon'));
    case 'adam':
      return tf.train.adam(lr, n('beta1'), n('beta2'), n('epsilon'));
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

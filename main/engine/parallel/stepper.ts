import * as tf from '@tensorflow/tfjs';
import type { Loss } from '../../../shared/training/options';
import type { MetricFn } from '../metrics';
import { objective, readValues } from './objective';

/** What the training loop needs of a step: the loss and metrics of the batch, weights updated. */
export interface Stepper {
  /** Threads the steps run on (1 until a parallel stepper's workers are ready). */
  readonly threads: number;
  /** One optimizer step on the batch; resolves to [loss, ...metrics] as batch means. */
  step(x: tf.Tensor, y: tf.Tensor): Promise<Float32Array>;
  dispose(): Promise<void>;
}

/** What every stepper is made from. */
export interface StepContext {
  model: tf.LayersModel;
  optimizer: tf.Optimizer;
  /** The trainable variables, in the order of model.trainableWeights. */
  vars: tf.Variable[];
  loss: Loss;
  metrics: Record<string, MetricFn>;
}

/** One thread: optimizer.minimize on the whole batch. */
export class SingleStepper implements Stepper {
  readonly threads = 1;
  constructor(private readonly c: StepContext) {}

  stepNow(x: tf.Tensor, y: tf.Tensor): Float32Array {
    const { model, optimizer, vars, loss, metrics } = this.c;
    return tf.tidy(() => {
      const parts: tf.Tensor[] = [];
      const cost = optimizer.minimize(() => objective(model, loss, metrics, x, y, parts), true, vars)!;
      return readValues(cost, parts);
    });
  }

  step(x: tf.Tensor, y: tf.Tensor): Promise<Float32Array> {
    return Promise.resolve(this.stepNow(x, y));
  }

  async dispose(): Promise<void> {}
}

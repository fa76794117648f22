import * as tf from '@tensorflow/tfjs';

/**
 * A copy of a model's weights to go back to (after a NaN loss). Taken once per epoch: one clone
 * per weight, the previous copy disposed, so memory stays flat.
 */
export class WeightSnapshot {
  private saved: tf.Tensor[] = [];

  take(model: tf.LayersModel): void {
    const next = model.getWeights().map((w) => w.clone());
    tf.dispose(this.saved);
    this.saved = next;
  }

  restore(model: tf.LayersModel): void {
    if (this.saved.length) model.setWeights(this.saved);
  }

  dispose(): void {
    tf.dispose(this.saved);
    this.saved = [];
  }
}

import type * as tf from '@tensorflow/tfjs';

/** Values past the gradients in a worker's slot: the loss and up to this many metrics minus one. */
export const VALUE_SLOTS = 16;

/** Where each weight lives in the shared buffers (floats), the same in the trainer and its workers. */
export interface WeightLayout {
  /** Offset and size of each of model.weights (trainable and not) in the weights buffer. */
  weights: { offset: number; size: number }[];
  /** Indices into model.weights of the trainable ones, in the order of model.trainableWeights. */
  trainable: number[];
  /** Indices into model.weights of BatchNormalization's moving mean and variance. */
  moving: number[];
  /** Total floats of all weights, of the trainable ones (gradients), of the moving statistics. */
  totalSize: number;
  gradSize: number;
  movingSize: number;
}

const sizeOf = (shape: readonly number[]) => shape.reduce((p, d) => p * d, 1);

/** The layout of `model`'s weights (names and shapes must match between the two copies). */
export function weightLayout(model: tf.LayersModel): WeightLayout {
  let offset = 0;
  const weights = model.weights.map((w) => {
    const size = sizeOf(w.shape as number[]);
    const at = { offset, size };
    offset += size;
    return at;
  });
  const index = new Map(model.weights.map((w, i) => [w, i]));
  const trainable = model.trainableWeights.map((w) => index.get(w)!);
  const moving = model.weights.flatMap((w, i) => (!w.trainable && /moving_(mean|variance)/.test(w.name) ? [i] : []));
  const sum = (ids: number[]) => ids.reduce((s, i) => s + weights[i].size, 0);
  return {
    weights,
    trainable,
    moving,
    totalSize: offset,
    gradSize: sum(trainable),
    movingSize: sum(moving),
  };
}

/** A worker's slot: [gradients | loss and metrics | moving statistics after its shard], floats. */
export function slotViews(slot: SharedArrayBuffer, layout: WeightLayout) {
  return {
    grads: new Float32Array(slot, 0, layout.gradSize),
    values: new Float32Array(slot, layout.gradSize * 4, VALUE_SLOTS),
    moving: new Float32Array(slot, (layout.gradSize + VALUE_SLOTS) * 4, layout.movingSize),
  };
}

export function slotBytes(layout: WeightLayout): number {
  return (layout.gradSize + VALUE_SLOTS + layout.movingSize) * 4;
}

/** The model's configuration without initializers: a worker's copy gets its weights from the trainer. */
export function topologyWithoutInitializers(model: tf.LayersModel): unknown {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v === null || typeof v !== 'object') return v;
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) =>
        /initializer$/i.test(k) && x ? [k, { class_name: 'Zeros', config: {} }] : [k, strip(x)],
      ),
    );
  };
  return strip(model.toJSON(null, false));
}

/** Messages from the trainer to a gradient worker. */
export type ToWorker = {
  type: 'step';
  n: number;
  xShape: number[];
  xDtype: 'float32' | 'int32';
  /** Null when the target is the input (an autoencoder). */
  yShape: number[] | null;
  yDtype: 'float32' | 'int32';
  /** Sent when they are new or grew: the shard's inputs and targets. */
  x?: SharedArrayBuffer;
  y?: SharedArrayBuffer;
};

/** Messages from a gradient worker. */
/** `done` carries the milliseconds the worker computed its shard (the main thread balances shards by it). */
export type FromWorker = { type: 'ready' } | { type: 'done'; ms: number } | { type: 'failed'; message: string };

/** What a worker is started with. */
export interface WorkerInit {
  backend: string;
  topology: unknown;
  loss: string;
  metrics: string[];
  units: number;
  targetScaler?: { mean: number[]; std: number[] };
  weights: SharedArrayBuffer;
  slot: SharedArrayBuffer;
}

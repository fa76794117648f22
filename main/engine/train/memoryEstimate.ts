import type * as tf from '@tensorflow/tfjs';
import { estimateTrainingBytes, type MemoryContext } from './trainingError';

/** Values every layer outputs for one example (the batch dimension left out). */
export function activationsPerExample(model: tf.LayersModel): number {
  let total = 0;
  for (const layer of model.layers) {
    const shapes = (Array.isArray(layer.outputShape[0]) ? layer.outputShape : [layer.outputShape]) as (
      number | null
    )[][];
    for (const shape of shapes) total += shape.slice(1).reduce<number>((n, d) => n * (d ?? 1), 1);
  }
  return total;
}

/** The memory context of a failed run, for describeFailure's out-of-memory message. */
export function memoryContext(model: tf.LayersModel, batchSize: number, backend: string): MemoryContext | undefined {
  try {
    return {
      bytes: estimateTrainingBytes(model.countParams(), activationsPerExample(model), batchSize),
      batchSize,
      backend,
    };
  } catch {
    return undefined; // a model too broken to measure: the message goes without the estimate
  }
}

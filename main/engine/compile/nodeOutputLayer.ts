import type * as tf from '@tensorflow/tfjs';
import { ACTIVATION_SUFFIX } from './layerNames';

/**
 * The layer whose output is a node's output in a compiled or reloaded model: its separate
 * activation layer (`<name>__act`) when it has one, else the layer itself. Null when absent.
 */
export function nodeOutputLayer(model: tf.LayersModel, layerName: string): tf.layers.Layer | null {
  const has = (n: string) => model.layers.find((l) => l.name === n) ?? null;
  return has(`${layerName}${ACTIVATION_SUFFIX}`) ?? has(layerName);
}

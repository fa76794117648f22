import * as tf from '@tensorflow/tfjs';
import { maxRelativeError } from '../compare';
import { fileLoadHandler, fileSaveHandler } from '../../runs/fileIOHandler';
import '../../compile'; // Deepwire's layer classes, registered so the check can load what it wrote
import type { EquivalenceCheck, Exporter, ExportSource, ReferenceBatch } from '../types';
import { EXPORT_TOLERANCE } from '../types';

/**
 * Layer classes Deepwire registers itself: a model using one loads in Deepwire, and elsewhere only
 * after the same class is registered (the export's README says which, and custom-layers.js has them).
 */
export const DEEPWIRE_LAYER_CLASSES = [
  'GaussianActivation',
  'LocalResponseNormalization',
  'DeepwireSubtract',
  'DeepwireCausalPadding1D',
  'DeepwireDilatedConv2D',
  'DeepwireDilatedDepthwiseConv2D',
  'DeepwireResetAfterGRU',
  'DeepwireResetAfterGRUCell',
] as const;

/** The Deepwire-only layer classes a model uses (nested configs included). */
export function customClassesIn(model: tf.LayersModel): string[] {
  const text = JSON.stringify(model.toJSON(null, false));
  return DEEPWIRE_LAYER_CLASSES.filter((c) => text.includes(`"class_name":"${c}"`));
}

/** TF.js layers format: model.json + weights.bin, as `model.save` writes them. */
export const tfjsExporter: Exporter = {
  format: 'tfjs',
  async write(source: ExportSource, dir: string): Promise<string[]> {
    await source.model.save(fileSaveHandler(dir));
    return ['model.json', 'weights.bin'];
  },
  async check(dir: string, batch: ReferenceBatch): Promise<EquivalenceCheck> {
    const model = await tf.loadLayersModel(fileLoadHandler(dir));
    try {
      const actual = tf.tidy(
        () => (model.predict(tf.tensor(batch.input.values, batch.input.shape)) as tf.Tensor).dataSync() as Float32Array,
      );
      const error = maxRelativeError(actual, batch.output.values);
      const base = {
        maxRelativeError: error,
        tolerance: EXPORT_TOLERANCE,
        runtime: `TensorFlow.js ${tf.version.tfjs} (${tf.getBackend()})`,
        examples: batch.input.shape[0],
      };
      if (error <= EXPORT_TOLERANCE) return { status: 'passed', ...base };
      return {
        status: 'failed',
        ...base,
        detail: `The reloaded model's outputs differ by up to ${error.toExponential(2)}.`,
      };
    } finally {
      model.dispose();
    }
  },
};

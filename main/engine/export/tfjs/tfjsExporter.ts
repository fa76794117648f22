import * as tf from '@tensorflow/tfjs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { maxRelativeError } from '../compare';
import { deepwireLayersJs, PORTABLE_CLASSES } from './deepwireLayersJs';
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

/**
 * Classes Deepwire needs only for training: at inference they are TF.js's own (a dilated Conv2D
 * predicts correctly in TF.js's Conv2D; Deepwire's class exists for its gradient).
 */
const INFERENCE_EQUIVALENTS: Record<string, string> = { DeepwireDilatedConv2D: 'Conv2D' };

export const DEEPWIRE_LAYERS_FILE = 'deepwire-layers.js';

/**
 * The Deepwire layer classes an exported model uses: those deepwire-layers.js provides, and those
 * that load only in Deepwire (nested configs included).
 */
export function customClassesIn(model: tf.LayersModel): { portable: string[]; deepwireOnly: string[] } {
  let text = JSON.stringify(model.toJSON(null, false));
  for (const [from, to] of Object.entries(INFERENCE_EQUIVALENTS))
    text = text.replaceAll(`"class_name":"${from}"`, `"class_name":"${to}"`);
  const used = classesInTopology(text).filter((c) => c !== 'DeepwireResetAfterGRUCell');
  return {
    portable: used.filter((c) => PORTABLE_CLASSES.includes(c)),
    deepwireOnly: used.filter((c) => !PORTABLE_CLASSES.includes(c)),
  };
}

/** The Deepwire classes a model.json topology uses (after the inference equivalents). */
function classesInTopology(text: string): string[] {
  return DEEPWIRE_LAYER_CLASSES.filter((c) => text.includes(`"class_name":"${c}"`));
}

/**
 * TF.js layers format: model.json + weights.bin as `model.save` writes them, with training-only
 * classes replaced by TF.js's own, and `deepwire-layers.js` when the model uses Deepwire's layers
 * (Gaussian, LRN, Subtract, causal padding) so plain TF.js can load it. The reset-after GRU and a
 * dilated DepthwiseConv2D load only in Deepwire: the README says so.
 */
export const tfjsExporter: Exporter = {
  format: 'tfjs',
  async write(source: ExportSource, dir: string): Promise<string[]> {
    await source.model.save(fileSaveHandler(dir));
    const path = join(dir, 'model.json');
    let text = await readFile(path, 'utf8');
    for (const [from, to] of Object.entries(INFERENCE_EQUIVALENTS))
      text = text.replaceAll(`"class_name":"${from}"`, `"class_name":"${to}"`);
    await writeFile(path, text);
    const files = ['model.json', 'weights.bin'];
    const portable = classesInTopology(text).filter((c) => PORTABLE_CLASSES.includes(c));
    if (portable.length) {
      await writeFile(join(dir, DEEPWIRE_LAYERS_FILE), deepwireLayersJs(portable));
      files.push(DEEPWIRE_LAYERS_FILE);
    }
    return files;
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

import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import '../../compile'; // registers Deepwire's custom layers, so its own exports read back
import { fillSeparableDepthMultipliers } from '../../runs/fileIOHandler';
import { ImportError } from '../importError';

/** Reads a TF.js layers-format model.json (any file name) and the weight files beside it. */
export function tfjsArtifacts(path: string): tf.io.ModelArtifacts {
  let json: tf.io.ModelJSON;
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as tf.io.ModelJSON;
  } catch (err) {
    throw new ImportError(
      'corrupt',
      `${path} is not readable JSON (${(err as Error).message}).`,
      'Choose the model.json a TF.js model was saved with.',
    );
  }
  const topology = json?.modelTopology as { class_name?: string; model_config?: unknown } | undefined;
  const graphModel = (json as { format?: string } | null)?.format === 'graph-model';
  if (!topology || !Array.isArray(json.weightsManifest) || graphModel) {
    throw new ImportError(
      'not-a-model',
      graphModel
        ? `${path} is a TF.js graph model (a frozen TensorFlow graph); Deepwire imports TF.js layers models.`
        : `${path} is not a TF.js layers model: it has no modelTopology and weightsManifest.`,
      graphModel
        ? 'Convert the Keras model with tensorflowjs_converter --output_format tfjs_layers_model, or export it to ONNX.'
        : 'Choose the model.json written by tf.LayersModel.save or tensorflowjs_converter.',
    );
  }
  const buffers: Uint8Array[] = [];
  const weightSpecs: tf.io.WeightsManifestEntry[] = [];
  for (const group of json.weightsManifest) {
    for (const p of group.paths) {
      try {
        buffers.push(readFileSync(join(dirname(path), p)));
      } catch {
        throw new ImportError(
          'missing-data',
          `The weight file ${p} named by ${path} is missing.`,
          'Copy the whole model folder, not just model.json.',
        );
      }
    }
    weightSpecs.push(...group.weights);
  }
  fillSeparableDepthMultipliers(json.modelTopology, weightSpecs);
  const total = buffers.reduce((n, b) => n + b.byteLength, 0);
  const data = new Uint8Array(total);
  let offset = 0;
  for (const b of buffers) {
    data.set(b, offset);
    offset += b.byteLength;
  }
  return { modelTopology: json.modelTopology, weightSpecs, weightData: data.buffer };
}

/** Loads artifacts with TF.js's own loader; its refusals become an ImportError naming the file. */
export async function loadLayers(artifacts: tf.io.ModelArtifacts, file: string): Promise<tf.LayersModel> {
  try {
    return await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (err) {
    const message = (err as Error).message;
    const unknown = /Unknown layer: (\w+)/.exec(message);
    throw new ImportError(
      unknown ? 'unsupported' : 'corrupt',
      unknown
        ? `${file} uses the layer ${unknown[1]}, which TF.js (and Deepwire) cannot build.`
        : `TF.js cannot read the model in ${file}: ${message}`,
      unknown
        ? 'Replace that layer before saving the model, or export the model to ONNX.'
        : 'Save the model again, or export it to ONNX.',
    );
  }
}

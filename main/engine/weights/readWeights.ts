import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** One stored weight: its shape and values (float32; other dtypes are converted on read). */
export interface StoredWeight {
  shape: number[];
  values: Float32Array;
}

/** A weights file that cannot be read, with what to do (shown as a run note or CLI error). */
export class WeightsFileError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'WeightsFileError';
  }
}

/**
 * Reads every weight of a TF.js layers-format `model.json` (and the weight files its manifest names,
 * relative to it) into a map by weight name (`<layer>/kernel`, …). Only the manifest is used, not
 * the topology, so any model.json with weights will do: Deepwire's runs and imports, tfjs-converter
 * output, `tf.LayersModel.save`.
 *
 * @throws WeightsFileError when the file is missing, not a TF.js model.json, or a weight file is short.
 */
export async function readWeightsFile(modelJsonPath: string): Promise<Map<string, StoredWeight>> {
  let json: tf.io.ModelJSON;
  try {
    json = JSON.parse(await readFile(modelJsonPath, 'utf8')) as tf.io.ModelJSON;
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new WeightsFileError(
      missing
        ? `The initial weights file ${modelJsonPath} does not exist.`
        : `The initial weights file ${modelJsonPath} is not a TF.js model.json (${(err as Error).message}).`,
      missing
        ? 'Put the weights folder back next to the project file, or remove "weights" from the project to start from fresh weights.'
        : 'Import the model again, or remove "weights" from the project to start from fresh weights.',
    );
  }
  if (!Array.isArray(json.weightsManifest)) {
    throw new WeightsFileError(
      `The initial weights file ${modelJsonPath} has no weightsManifest, so it holds no weights.`,
      'Point "weights" at the model.json of a TF.js layers-format folder (a run’s model/ or an import’s weights).',
    );
  }
  const dir = dirname(modelJsonPath);
  const out = new Map<string, StoredWeight>();
  for (const group of json.weightsManifest) {
    const parts: Uint8Array[] = [];
    for (const p of group.paths) {
      try {
        parts.push(await readFile(join(dir, p)));
      } catch {
        throw new WeightsFileError(
          `The weight file ${join(dir, p)} named by ${modelJsonPath} is missing.`,
          'Copy the whole weights folder, not just model.json.',
        );
      }
    }
    const total = parts.reduce((n, b) => n + b.byteLength, 0);
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const b of parts) {
      bytes.set(b, offset);
      offset += b.byteLength;
    }
    const needed = group.weights.reduce(
      (n, w) => n + w.shape.reduce((p, d) => p * d, 1) * bytesPer(w.quantization?.dtype ?? w.dtype),
      0,
    );
    if (needed > total) {
      throw new WeightsFileError(
        `The weight files of ${modelJsonPath} hold ${total} bytes but its manifest needs ${needed}: they are truncated or from another model.`,
        'Export or import the model again.',
      );
    }
    const tensors = tf.io.decodeWeights(bytes.buffer, group.weights);
    for (const [name, t] of Object.entries(tensors)) {
      out.set(name, { shape: t.shape.slice(), values: Float32Array.from(t.dataSync()) });
      t.dispose();
    }
  }
  return out;
}

function bytesPer(dtype: string): number {
  return dtype === 'bool' || dtype === 'uint8' ? 1 : dtype === 'int16' || dtype === 'float16' ? 2 : 4;
}

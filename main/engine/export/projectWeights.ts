import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ExportError } from './exportError';

/** What loading a project's initial weights did: the weights set, and the ones that did not fit. */
export interface InitialWeightsReport {
  path: string;
  loaded: number;
  /** Weights of the model the file has none for, or of another shape: they keep their seeded values. */
  fresh: string[];
}

/**
 * Sets a compiled model's weights from the project's `weights` (a TF.js layers-format model.json
 * beside the project file, DESIGN.md "Initial weights"), matched by weight name (`<node id>/kernel`).
 * A weight the file lacks or whose shape no longer fits keeps its seeded initial value and is listed.
 */
export async function loadInitialWeights(
  model: tf.LayersModel,
  weightsPath: string,
  projectPath: string,
): Promise<InitialWeightsReport> {
  const path = resolve(dirname(projectPath), weightsPath);
  let json: tf.io.ModelJSON;
  try {
    json = JSON.parse(await readFile(path, 'utf8')) as tf.io.ModelJSON;
  } catch (err) {
    throw new ExportError(
      `The project's initial weights (${path}) cannot be read: ${(err as Error).message}.`,
      'Fix or remove the "weights" entry of the project file.',
    );
  }
  const byName = new Map<string, { shape: number[]; values: Float32Array }>();
  for (const group of json.weightsManifest ?? []) {
    const buffers = await Promise.all(group.paths.map((p) => readFile(join(dirname(path), p))));
    const bytes = Buffer.concat(buffers);
    let offset = 0;
    for (const spec of group.weights) {
      const count = spec.shape.reduce((p, d) => p * d, 1);
      if (spec.quantization || (spec.dtype && spec.dtype !== 'float32'))
        throw new ExportError(`The initial weight ${spec.name} in ${path} is not plain float32.`);
      const values = new Float32Array(count);
      new Uint8Array(values.buffer).set(bytes.subarray(offset, offset + count * 4));
      offset += count * 4;
      byName.set(spec.name, { shape: spec.shape, values });
    }
  }
  const fresh: string[] = [];
  let loaded = 0;
  for (const layer of model.layers) {
    if (layer.weights.length === 0) continue;
    const current = layer.getWeights();
    const next = layer.weights.map((w, i) => {
      const found = byName.get(w.originalName);
      if (found && found.shape.join() === (w.shape as number[]).join()) {
        loaded++;
        return tf.tensor(found.values, found.shape);
      }
      fresh.push(w.originalName);
      return current[i];
    });
    layer.setWeights(next);
  }
  return { path, loaded, fresh };
}

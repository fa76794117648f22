import * as tf from '@tensorflow/tfjs';
import { compileGraph, type CompiledGraph } from '../compile';
import { ImportError } from './importError';
import type { ImportedModel } from './types';

/**
 * Compiles an imported graph with Deepwire's own compiler and sets the imported weights, checking
 * each node's weights against what its layer holds (a mismatch is an importer bug, said as such).
 */
export function buildModel(imported: ImportedModel): CompiledGraph {
  let compiled: CompiledGraph;
  try {
    compiled = compileGraph(imported.graph, { seed: 1 });
  } catch (err) {
    throw new ImportError(
      'internal',
      `The imported graph does not compile: ${(err as Error).message}`,
      'Report this with the model file: the importer made a graph Deepwire cannot build.',
    );
  }
  for (const [id, weights] of imported.weights) {
    const layer = compiled.model.getLayer(compiled.layerNames.get(id)!);
    const held = layer.weights;
    const fits = held.length === weights.length && held.every((v, i) => v.shape.join() === weights[i].shape.join());
    if (!fits) {
      throw new ImportError(
        'internal',
        `The weights imported for ${id} (${weights.map((w) => `[${w.shape}]`).join(', ')}) do not fit its ${layer.getClassName()} layer (${held.map((v) => `[${v.shape}]`).join(', ')}).`,
        'Report this with the model file.',
      );
    }
    layer.setWeights(weights.map((w) => tf.tensor(w.values, w.shape)));
  }
  return compiled;
}

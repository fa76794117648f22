import * as tf from '@tensorflow/tfjs';
import type { Graph } from '../../../shared/graph/types';
import type { Project } from '../../../shared/project/schema';
import { hashSeed, Rng } from '../datasets/rng';
import { compileGraph } from '../compile';
import { weightsByNode } from './layerWeights';
import type { ExportSource, ReferenceBatch } from './types';

/*
 * Test support for the exporters: an ExportSource straight from a graph compiled with a seed (what
 * `deepwire export PROJECT` does for a project without a run), and a reference batch from the TF.js
 * model itself.
 */

/** An ExportSource for `graph` compiled with `seed` (initial weights), optionally with training settings. */
export function sourceFromGraph(
  graph: Graph,
  options: { seed?: number; name?: string; training?: Project['training'] } = {},
): ExportSource {
  const compiled = compileGraph(graph, { seed: options.seed ?? 1 });
  const project = {
    format: 'deepwire-project',
    version: 2,
    name: options.name ?? 'test',
    graph,
    ...(options.training ? { training: options.training } : {}),
  } as Project;
  return {
    project,
    analysis: compiled.analysis,
    model: compiled.model,
    weights: weightsByNode(compiled.model, graph),
  };
}

/**
 * `n` examples for the model's (single) input, standard normal or (`intMax`) whole numbers in
 * [0, intMax), seeded, and the model's outputs on them (several outputs flattened side by side).
 */
export function referenceBatch(model: tf.LayersModel, n = 3, seed = 7, intMax?: number): ReferenceBatch {
  const shape = [n, ...(model.inputs[0].shape.slice(1) as number[]).map((d) => d ?? 5)];
  const count = shape.reduce((p, d) => p * d, 1);
  const rng = new Rng(hashSeed(seed, count, 3));
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = intMax ? Math.floor(rng.next() * intMax) : rng.normal();
  const outputs = tf.tidy(() => {
    const y = model.predict(tf.tensor(values, shape));
    const ys = Array.isArray(y) ? y : [y];
    return ys.map((t) => ({ per: t.size / n, data: t.dataSync() as Float32Array }));
  });
  const width = outputs.reduce((p, o) => p + o.per, 0);
  const out = new Float32Array(n * width);
  for (let r = 0, at = 0; r < n; r++) {
    for (const o of outputs) {
      out.set(o.data.subarray(r * o.per, (r + 1) * o.per), at);
      at += o.per;
    }
  }
  return { input: { shape, values }, output: { shape: [n, width], values: out } };
}

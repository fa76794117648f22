import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Params } from '../../../shared/catalog/types';
import type { Graph } from '../../../shared/graph/types';
import { compileGraph } from '../compile';
import { registerTrainingKernels } from '../kernels/register';
import { fileLoadHandler, fileSaveHandler } from './fileIOHandler';

/*
 * Bug: a model with a SeparableConv2D whose depthMultiplier was not 1 trained, but its saved run
 * did not load ("Shape mismatch [3,3,3,1] vs [3,3,3,2]"), dilated or not. TF.js 4.22's
 * SeparableConv2D.getConfig leaves depthMultiplier out, so the reloaded layer was built with 1.
 */

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  registerTrainingKernels('cpu');
  dir = await mkdtemp(join(tmpdir(), 'deepwire-separable-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const graph = (params: Params): Graph => ({
  nodes: [
    { id: 'in', kind: 'Input', params: { shape: [9, 9, 3] } },
    { id: 'sep', kind: 'SeparableConv2D', params: { filters: 5, kernelSize: 3, ...params } },
    { id: 'out', kind: 'Dense', params: { units: 2 } },
  ],
  edges: [
    { source: 'in', target: 'sep' },
    { source: 'sep', target: 'out' },
  ],
});

async function expectSamePredictions(model: tf.LayersModel, folder: string): Promise<tf.LayersModel> {
  const loaded = await tf.loadLayersModel(fileLoadHandler(folder));
  const x = tf.randomNormal([2, 9, 9, 3], 0, 1, 'float32', 7);
  const [a, b] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
  expect(b.shape).toEqual(a.shape);
  expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
  expect(loaded.getLayer('sep').getWeights()[0].shape).toEqual(model.getLayer('sep').getWeights()[0].shape);
  tf.dispose([x, a, b]);
  return loaded;
}

describe('SeparableConv2D with depthMultiplier ≠ 1 loads back from a run folder (bug: Shape mismatch [3,3,3,1] vs [3,3,3,2])', () => {
  it.each([
    ['depthMultiplier 2', { depthMultiplier: 2 }],
    ['depthMultiplier 3, dilation 2, same', { depthMultiplier: 3, dilationRate: 2, padding: 'same' }],
  ] as [string, Params][])('%s: save → load → predict gives identical outputs', async (name, params) => {
    const { model } = compileGraph(graph(params), { seed: 3 });
    const folder = join(dir, name.replace(/\W+/g, '-'));
    await model.save(fileSaveHandler(folder));
    const json = JSON.parse(await readFile(join(folder, 'model.json'), 'utf8')) as tf.io.ModelJSON;
    const topology = json.modelTopology as { config: { layers: { name: string; config: Params }[] } };
    expect(topology.config.layers.find((l) => l.name === 'sep')!.config.depth_multiplier).toBe(params.depthMultiplier);
    const loaded = await expectSamePredictions(model, folder);
    model.dispose();
    loaded.dispose();
  });

  it('a run folder saved before the fix (no depth_multiplier in model.json) loads too, from the kernel shape', async () => {
    const { model } = compileGraph(graph({ depthMultiplier: 2 }), { seed: 4 });
    const folder = join(dir, 'before-the-fix');
    await model.save(fileSaveHandler(folder));
    const path = join(folder, 'model.json');
    const json = JSON.parse(await readFile(path, 'utf8')) as tf.io.ModelJSON;
    const topology = json.modelTopology as { config: { layers: { name: string; config: Params }[] } };
    delete topology.config.layers.find((l) => l.name === 'sep')!.config.depth_multiplier;
    await writeFile(path, JSON.stringify(json));
    const loaded = await expectSamePredictions(model, folder);
    model.dispose();
    loaded.dispose();
  });
});

import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../../../shared/graph/types';
import { pythonExecutable } from '../pythonRunner';
import { referenceBatch, sourceFromGraph } from '../testFixtures';
import { checkKerasExports, kerasExporter } from './index';

/*
 * model.keras's structure against what Keras 3's saving_lib writes: the zip's three members, and the
 * weights file read with h5py — groups named after model.layers in Keras's own order (a DFS from
 * the outputs, then by depth: here the branch `b` joins the Concatenate first, so it is `dense`
 * and `a` is `dense_1`), recurrent weights under `cell/`, Bidirectional's under
 * `forward_layer/cell` and `backward_layer/cell`, trainable variables before non-trainable ones.
 */

const root = mkdtempSync(join(tmpdir(), 'dw-keras-layout-'));
const hasH5py = spawnSync(pythonExecutable(), ['-c', 'import h5py, numpy'], { encoding: 'utf8' }).status === 0;
const run = hasH5py || process.env.CI ? it : it.skip;

const graph: Graph = {
  nodes: [
    { id: 'in', kind: 'Input', params: { shape: [6, 3] } },
    { id: 'a', kind: 'Dense', params: { units: 4 } },
    { id: 'b', kind: 'Dense', params: { units: 5 } },
    { id: 'm', kind: 'Concatenate', params: {} },
    { id: 'bn', kind: 'BatchNormalization', params: {} },
    { id: 'lstm', kind: 'LSTM', params: { units: 2, returnSequences: true } },
    { id: 'bi', kind: 'Bidirectional', params: { layer: 'GRU', units: 3 } },
  ],
  edges: [
    { source: 'in', target: 'a' },
    { source: 'in', target: 'b' },
    { source: 'b', target: 'm' },
    { source: 'a', target: 'm' },
    { source: 'm', target: 'bn' },
    { source: 'bn', target: 'lstm' },
    { source: 'lstm', target: 'bi' },
  ],
};

const LIST_H5 = `
import h5py, io, json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
f = h5py.File(io.BytesIO(z.read("model.weights.h5")), "r")
out = {}
f.visititems(lambda name, obj: out.__setitem__(name, list(obj.shape) if isinstance(obj, h5py.Dataset) else dict(obj.attrs)))
print(json.dumps(out, default=str))
`;

let dir = '';
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = join(root, 'layout');
  mkdirSync(dir);
  await kerasExporter.write(sourceFromGraph(graph, { seed: 2, name: 'layout' }), dir);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('model.keras layout', () => {
  it('is a zip of metadata.json, config.json and model.weights.h5 with a Functional config', () => {
    const files = unzipSync(new Uint8Array(readFileSync(join(dir, 'model.keras'))));
    expect(Object.keys(files).sort()).toEqual(['config.json', 'metadata.json', 'model.weights.h5']);
    const config = JSON.parse(Buffer.from(files['config.json']).toString());
    expect(config).toMatchObject({ class_name: 'Functional', registered_name: 'Functional' });
    const names = config.config.layers.map((l: { name: string }) => l.name);
    // In model.layers order (Keras's map_graph), as Keras writes it: b before a.
    expect(names).toEqual(['in', 'b', 'a', 'm', 'bn', 'lstm', 'bi']);
    const m = config.config.layers[3];
    const a = config.config.layers[2];
    expect(
      m.inbound_nodes[0].args[0].map((t: { config: { keras_history: unknown[] } }) => t.config.keras_history),
    ).toEqual([
      ['b', 0, 0],
      ['a', 0, 0],
    ]);
    expect(a.config.dtype).toEqual({
      module: 'keras',
      class_name: 'DTypePolicy',
      config: { name: 'float32' },
      registered_name: null,
    });
    expect(JSON.parse(Buffer.from(files['metadata.json']).toString()).keras_version).toMatch(/^3\./);
  });

  run('puts every weight where Keras 3 loads it from', () => {
    const r = spawnSync(pythonExecutable(), ['-c', LIST_H5, join(dir, 'model.keras')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const items = JSON.parse(r.stdout) as Record<string, number[] | Record<string, string>>;
    const datasets = Object.fromEntries(Object.entries(items).filter(([, v]) => Array.isArray(v)));
    expect(datasets).toEqual({
      'layers/dense/vars/0': [3, 5], // b, met first from the Concatenate
      'layers/dense/vars/1': [5],
      'layers/dense_1/vars/0': [3, 4], // a
      'layers/dense_1/vars/1': [4],
      'layers/batch_normalization/vars/0': [9], // gamma, beta, then moving mean and variance
      'layers/batch_normalization/vars/1': [9],
      'layers/batch_normalization/vars/2': [9],
      'layers/batch_normalization/vars/3': [9],
      'layers/lstm/cell/vars/0': [9, 8],
      'layers/lstm/cell/vars/1': [2, 8],
      'layers/lstm/cell/vars/2': [8],
      'layers/bidirectional/forward_layer/cell/vars/0': [2, 9],
      'layers/bidirectional/forward_layer/cell/vars/1': [3, 9],
      'layers/bidirectional/forward_layer/cell/vars/2': [2, 9],
      'layers/bidirectional/backward_layer/cell/vars/0': [2, 9],
      'layers/bidirectional/backward_layer/cell/vars/1': [3, 9],
      'layers/bidirectional/backward_layer/cell/vars/2': [2, 9],
    });
    // Every layer has its vars group (named), the model too.
    for (const g of ['vars', 'layers/input_layer/vars', 'layers/concatenate/vars', 'layers/lstm/vars']) {
      expect(items[g], g).toBeTypeOf('object');
    }
    expect(items['layers/dense/vars']).toEqual({ name: 'b' });
  });

  run('a wrong weight fails the NumPy check', async () => {
    const source = sourceFromGraph(graph, { seed: 2, name: 'layout' });
    const batch = referenceBatch(source.model, 2, 1);
    const w = source.weights.get('bn')!;
    w[2] = { ...w[2], values: w[2].values.map((v) => v + 0.5) };
    const bad = join(root, 'bad');
    mkdirSync(bad);
    await kerasExporter.write(source, bad);
    const [good, wrong] = await checkKerasExports([
      { dir, batch },
      { dir: bad, batch },
    ]);
    expect(good.status).toBe('passed');
    expect(wrong.status).toBe('failed');
  });
});

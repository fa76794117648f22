import type * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../../shared/graph/types';
import { compileGraph } from '../compile';
import { fileSaveHandler } from '../runs/fileIOHandler';
import { setupRun } from '../train/setupRun';
import { xorProject } from '../train/test/projects';
import { runSession } from '../train/test/runSession';
import { useTestBackend } from '../train/test/testBackend';
import { TrainingError } from '../train/trainingError';
import { applyInitialWeights, initialWeightsNotes } from './initialWeights';
import { readWeightsFile } from './readWeights';

let dir: string;
beforeAll(async () => {
  await useTestBackend();
  dir = await mkdtemp(join(tmpdir(), 'dw-initial-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const cnn = (filters = 4, classes = 10): Graph => ({
  nodes: [
    { id: 'in', kind: 'Input', params: { shape: [12, 12, 1] } },
    { id: 'c1', kind: 'Conv2D', params: { filters, kernelSize: 3, activation: 'relu' } },
    { id: 'bn', kind: 'BatchNormalization', params: {} },
    { id: 'c2', kind: 'Conv2D', params: { filters: 6, kernelSize: 3, activation: 'leakyRelu' } },
    { id: 'f', kind: 'Flatten', params: {} },
    { id: 'out', kind: 'Dense', params: { units: classes, activation: 'softmax' } },
  ],
  edges: [
    { source: 'in', target: 'c1' },
    { source: 'c1', target: 'bn' },
    { source: 'bn', target: 'c2' },
    { source: 'c2', target: 'f' },
    { source: 'f', target: 'out' },
  ],
});

async function saveWeights(graph: Graph, name: string, seed: number): Promise<{ path: string; model: tf.LayersModel }> {
  const { model } = compileGraph(graph, { seed });
  await model.save(fileSaveHandler(join(dir, name)));
  return { path: join(dir, name, 'model.json'), model };
}

const values = (model: tf.LayersModel, layer: string) =>
  model
    .getLayer(layer)
    .getWeights()
    .map((w) => [...w.dataSync()]);

describe('initial weights', () => {
  it('replacing the head keeps every other layer’s weights and starts only the new head fresh', async () => {
    const { path, model: original } = await saveWeights(cnn(), 'cnn', 1);
    // Delete the last Dense, add Dense(3) under another id, as the inspector does.
    const g = cnn();
    g.nodes = g.nodes.filter((n) => n.id !== 'out');
    g.nodes.push({ id: 'head', kind: 'Dense', params: { units: 3, activation: 'softmax' } });
    g.edges = g.edges.filter((e) => e.target !== 'out').concat({ source: 'f', target: 'head' });
    const { model } = compileGraph(g, { seed: 2 });
    const report = applyInitialWeights(model, g, await readWeightsFile(path));
    expect(report.loaded.sort()).toEqual(['bn', 'c1', 'c2']);
    expect(report.missing).toEqual(['head']);
    for (const id of ['c1', 'bn', 'c2']) expect(values(model, id)).toEqual(values(original, id));
    expect(initialWeightsNotes(report, 'cnn/model.json')).toEqual([
      '3 layers start from the weights in cnn/model.json.',
      'head is not in the weights file, so it starts from fresh weights.',
    ]);
  });

  it('a head of the same id but other units starts fresh and says which weight no longer fits', async () => {
    const { path } = await saveWeights(cnn(), 'cnn10', 1);
    const g = cnn(4, 3);
    const { model } = compileGraph(g, { seed: 2 });
    const fresh = values(model, 'out');
    const report = applyInitialWeights(model, g, await readWeightsFile(path));
    expect(report.mismatched).toEqual([
      { nodeId: 'out', detail: 'kernel is [384, 3] now but [384, 10] in the weights file' },
    ]);
    expect(values(model, 'out')).toEqual(fresh);
    expect(initialWeightsNotes(report, 'w')[1]).toBe(
      'out starts from fresh weights: its shapes no longer fit (kernel is [384, 3] now but [384, 10] in the weights file).',
    );
  });

  it('a layer changed upstream makes the layers whose shapes changed start fresh, and only those', async () => {
    const { path, model: original } = await saveWeights(cnn(4), 'cnn4', 1);
    const g = cnn(5);
    const { model } = compileGraph(g, { seed: 2 });
    const report = applyInitialWeights(model, g, await readWeightsFile(path));
    expect(report.mismatched.map((m) => m.nodeId)).toEqual(['c1', 'bn', 'c2']);
    expect(report.loaded).toEqual(['out']);
    expect(values(model, 'out')).toEqual(values(original, 'out'));
  });

  it('training starts from the file, frozen layers stay as they are and the rest learns', async () => {
    const base = xorProject({ epochs: 2 });
    const { path, model: original } = await saveWeights(base.graph, 'xor', 11);
    const project = xorProject({ epochs: 2 });
    project.weights = 'xor/model.json';
    project.graph.nodes[1].trainable = false; // h1 by the project file's per-node field
    project.graph.nodes[2].params = { ...project.graph.nodes[2].params, trainable: false }; // h2 by the layer param
    const setup = await setupRun(project, { initialWeights: path });
    expect(setup.notes).toContain('3 layers start from the weights in xor/model.json.');
    expect(setup.notes).toContain('2 layers are frozen (their weights stay as they are): h1, h2.');
    expect(values(setup.model, 'out')).toEqual(values(original, 'out'));
    setup.model.dispose();

    const { session, end } = await runSession(project, { epochs: 2, initialWeights: path });
    expect(end.type).toBe('finished');
    expect(values(session.model, 'h1')).toEqual(values(original, 'h1'));
    expect(values(session.model, 'h2')).toEqual(values(original, 'h2'));
    expect(values(session.model, 'out')).not.toEqual(values(original, 'out'));
    session.dispose();
  });

  it('a missing or damaged weights file fails the run with what to do', async () => {
    const project = xorProject();
    project.weights = 'gone/model.json';
    const missing = await setupRun(project, { initialWeights: join(dir, 'gone', 'model.json') }).catch((e) => e);
    expect(missing).toBeInstanceOf(TrainingError);
    expect(missing.code).toBe('weights-missing');
    expect(missing.message).toMatch(/does not exist/);
    expect(missing.hint).toMatch(/next to the project file/);

    await writeFile(join(dir, 'notjson.json'), 'PK\u0003\u0004');
    const bad = await setupRun(project, { initialWeights: join(dir, 'notjson.json') }).catch((e) => e);
    expect(bad.message).toMatch(/is not a TF\.js model\.json/);

    const { path } = await saveWeights(xorProject().graph, 'short', 1);
    await writeFile(join(dir, 'short', 'weights.bin'), new Uint8Array(10));
    const short = await setupRun(project, { initialWeights: path }).catch((e) => e);
    expect(short.message).toMatch(/truncated or from another model/);
  });
});

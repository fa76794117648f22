import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../../../shared/graph/types';
import { parseProject } from '../../../../shared/project';
import { compileGraph } from '../../compile';
import { missingPython, runPython } from '../../export/pythonRunner';
import { fileSaveHandler } from '../../runs/fileIOHandler';
import { useTestBackend } from '../../train/test/testBackend';
import { applyInitialWeights } from '../../weights/initialWeights';
import { readWeightsFile } from '../../weights/readWeights';
import { ImportError } from '../importError';
import { importModel } from '../importModel';

const SCRIPT = fileURLToPath(new URL('../keras/test/kerasFiles.py', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dw-layers-import-'));
const files = join(dir, 'keras');
let skip: string | null = null;

beforeAll(async () => {
  await useTestBackend();
  const r = await runPython([SCRIPT, files], { timeoutMs: 120_000 });
  skip = missingPython(r, ['numpy', 'h5py']);
  if (!skip && r.code !== 0) throw new Error(`kerasFiles.py failed:\n${r.stderr}`);
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function readNpy(path: string): { shape: number[]; data: Float32Array } {
  const bytes = readFileSync(path);
  const headerLength = bytes.readUInt16LE(8);
  const header = bytes.subarray(10, 10 + headerLength).toString('latin1');
  const shape = /'shape': \(([^)]*)\)/
    .exec(header)![1]
    .split(',')
    .filter((s) => s.trim())
    .map(Number);
  const start = bytes.byteOffset + 10 + headerLength;
  return { shape, data: new Float32Array(bytes.buffer.slice(start, bytes.byteOffset + bytes.length)) };
}

/** Loads a written project with its weights as training would, and predicts `x`. */
async function predictWritten(projectPath: string, outDir: string, x: { shape: number[]; data: Float32Array }) {
  const parsed = parseProject(readFileSync(projectPath, 'utf8'));
  if (!parsed.ok) throw new Error('bad project');
  const { project } = parsed;
  const { model } = compileGraph(project.graph, { seed: 5 });
  const report = applyInitialWeights(model, project.graph, await readWeightsFile(join(outDir, project.weights!)));
  expect(report.mismatched).toEqual([]);
  expect(report.missing).toEqual([]);
  const y = tf.tidy(() => (model.predict(tf.tensor(x.data, x.shape)) as tf.Tensor).dataSync());
  model.dispose();
  return { project, y };
}

const maxRel = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(b).reduce((m, v, i) => Math.max(m, Math.abs(a[i] - v) / Math.max(Math.abs(v), 1)), 0);

describe('Keras import (files written in Keras’s layout; outputs from a NumPy forward pass)', () => {
  it.each([
    ['cnn.h5', 'cnn', ['Input', 'Conv2D', 'BatchNormalization', 'MaxPooling2D', 'Flatten', 'Dropout', 'Dense']],
    ['functional.keras', 'functional', ['Input', 'Dense', 'Dense', 'Add', 'BatchNormalization', 'Dense']],
    ['lstm.keras', 'lstm', ['Input', 'LSTM', 'Dense']],
  ])('%s imports and gives NumPy’s outputs', async (file, stem, kinds) => {
    if (skip) return console.warn(`skipped: ${skip}`);
    const out = join(dir, 'out', stem);
    const r = await importModel(join(files, file), { outDir: out });
    expect(r.check.maxRelativeError).toBeLessThanOrEqual(1e-4);
    const { project, y } = await predictWritten(r.written.projectPath, out, readNpy(join(files, `${stem}.x.npy`)));
    expect(project.graph.nodes.map((n) => n.kind)).toEqual(kinds);
    expect(maxRel(y, readNpy(join(files, `${stem}.y.npy`)).data)).toBeLessThanOrEqual(1e-4);
  });

  it('keeps Keras’s frozen layers frozen and its layer names as node ids', async () => {
    if (skip) return;
    const r = await importModel(join(files, 'functional.keras'), { outDir: join(dir, 'frozen') });
    const nodes = r.imported.graph.nodes;
    expect(nodes.map((n) => n.id)).toEqual(['input_layer', 'left', 'right', 'add', 'bn', 'head']);
    expect(nodes.find((n) => n.id === 'bn')!.trainable).toBe(false);
    expect(nodes.find((n) => n.id === 'left')!.params).toMatchObject({ units: 8, activation: 'relu' });
  });

  it('a truncated .h5, a weights-only .h5 and a broken .keras are named as such', async () => {
    if (skip) return;
    const expectError = async (file: string, code: string, message: RegExp) => {
      const err = await importModel(file, { outDir: join(dir, 'bad') }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImportError);
      expect((err as ImportError).code).toBe(code);
      expect((err as ImportError).message).toMatch(message);
    };
    writeFileSync(join(dir, 'cut.h5'), readFileSync(join(files, 'cnn.h5')).subarray(0, 900));
    await expectError(join(dir, 'cut.h5'), 'corrupt', /not a readable HDF5 file/);
    writeFileSync(join(dir, 'cut.keras'), readFileSync(join(files, 'functional.keras')).subarray(0, 200));
    await expectError(join(dir, 'cut.keras'), 'corrupt', /not a readable \.keras archive/);
    await runPython([
      '-c',
      `import h5py; f = h5py.File(${JSON.stringify(join(dir, 'w.h5'))}, 'w'); f.attrs['layer_names'] = [b'dense']`,
    ]);
    await expectError(join(dir, 'w.h5'), 'not-a-model', /only weights \(model\.save_weights\)/);
  });
});

describe('TF.js layers-format import', () => {
  it('a model saved by tf.LayersModel.save imports with the same outputs', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [10, 10, 2], filters: 3, kernelSize: 3, activation: 'relu', name: 'c' }),
        tf.layers.separableConv2d({ filters: 4, kernelSize: 3, depthMultiplier: 2, name: 'sep' }),
        tf.layers.globalAveragePooling2d({ name: 'gap' }),
        tf.layers.dense({ units: 2, activation: 'sigmoid', name: 'd' }),
      ],
    });
    await model.save(fileSaveHandler(join(dir, 'tfjs', 'seq')));
    const r = await importModel(join(dir, 'tfjs', 'seq', 'model.json'), { outDir: join(dir, 'tfjs-out') });
    expect(r.written.projectPath).toMatch(/seq\.deepwire\.json$/);
    expect(r.imported.graph.nodes.map((n) => `${n.id}:${n.kind}`)).toEqual([
      'c_input:Input',
      'c:Conv2D',
      'sep:SeparableConv2D',
      'gap:GlobalAveragePooling2D',
      'd:Dense',
    ]);
    expect(r.check.maxRelativeError).toBeLessThanOrEqual(1e-6);
    model.dispose();
  });

  it('Deepwire’s own export comes back as the same graph (activations TF.js lacks, causal padding) and outputs', async () => {
    const graph: Graph = {
      nodes: [
        { id: 'in', kind: 'Input', params: { shape: [12, 2] } },
        {
          id: 'conv',
          kind: 'Conv1D',
          params: { filters: 4, kernelSize: 3, padding: 'causal', activation: 'leakyRelu' },
        },
        { id: 'side', kind: 'Conv1D', params: { filters: 2, kernelSize: 1 } },
        { id: 'cat', kind: 'Concatenate', params: {} },
        { id: 'flat', kind: 'Flatten', params: {} },
        { id: 'out', kind: 'Dense', params: { units: 3, activation: 'softmax' } },
      ],
      edges: [
        { source: 'in', target: 'conv' },
        { source: 'in', target: 'side' },
        { source: 'conv', target: 'cat' },
        { source: 'side', target: 'cat' },
        { source: 'cat', target: 'flat' },
        { source: 'flat', target: 'out' },
      ],
    };
    const { model } = compileGraph(graph, { seed: 9 });
    await model.save(fileSaveHandler(join(dir, 'own', 'model')));
    const r = await importModel(join(dir, 'own', 'model', 'model.json'), { outDir: join(dir, 'own-out'), name: 'own' });
    expect(
      r.imported.graph.nodes.map(({ id, kind, params }) => ({
        id,
        kind,
        params: { activation: params.activation, padding: params.padding },
      })),
    ).toEqual(
      graph.nodes.map(({ id, kind, params }) => ({
        id,
        kind,
        params: { activation: params.activation, padding: params.padding },
      })),
    );
    expect(r.check.maxRelativeError).toBeLessThanOrEqual(1e-6);
    model.dispose();
  });

  it('a TF.js graph model is refused with what to do', async () => {
    writeFileSync(
      join(dir, 'graph.json'),
      JSON.stringify({ format: 'graph-model', modelTopology: { node: [] }, weightsManifest: [] }),
    );
    const err = await importModel(join(dir, 'graph.json'), { outDir: join(dir, 'bad') }).catch((e: unknown) => e);
    expect((err as ImportError).message).toMatch(/is a TF\.js graph model/);
    expect((err as ImportError).hint).toMatch(/tfjs_layers_model/);
  });
});

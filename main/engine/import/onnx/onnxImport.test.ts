import * as tf from '@tensorflow/tfjs';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../../../shared/graph/analyzeGraph';
import { parseProject } from '../../../../shared/project';
import { compileGraph } from '../../compile';
import { missingPython, runPython } from '../../export/pythonRunner';
import { useTestBackend } from '../../train/test/testBackend';
import { applyInitialWeights } from '../../weights/initialWeights';
import { readWeightsFile } from '../../weights/readWeights';
import { buildModel } from '../buildModel';
import { ImportError } from '../importError';
import { importModel } from '../importModel';
import { permute } from '../tensorMath';
import { checkOnnxImport } from './checkOnnx';
import { onnxToGraph } from './onnxToGraph';
import { num, readOnnxFile } from './readOnnx';

const SCRIPT = fileURLToPath(new URL('./test/torchModels.py', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dw-onnx-import-'));
const models = join(dir, 'models');
let skip: string | null = null;

beforeAll(async () => {
  await useTestBackend();
  // One Python process writes every model (importing torch takes seconds).
  const r = await runPython([SCRIPT, models], { timeoutMs: 240_000 });
  skip = missingPython(r, ['torch', 'numpy', 'onnx']);
  if (!skip && r.code !== 0) throw new Error(`torchModels.py failed:\n${r.stderr}`);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A little-endian float32 .npy file (what the script writes). */
function readNpy(path: string): { shape: number[]; data: Float32Array } {
  const bytes = readFileSync(path);
  const headerLength = bytes.readUInt16LE(8);
  const header = bytes.subarray(10, 10 + headerLength).toString('latin1');
  const shape = /'shape': \(([^)]*)\)/
    .exec(header)![1]
    .split(',')
    .filter((s) => s.trim())
    .map(Number);
  const start = 10 + headerLength;
  return {
    shape,
    data: new Float32Array(bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + bytes.length)),
  };
}

/** Float weights stored in the ONNX file (what PyTorch's folded graph carries). */
function onnxWeightCount(file: string): number {
  const g = readOnnxFile(file).graph!;
  return g.initializer
    .filter((t) => t.data_type === 1)
    .reduce((n, t) => n + t.dims.map(num).reduce((p, d) => p * d, 1), 0);
}

const CASES: [name: string, kinds: string[], summedBiases: number][] = [
  ['mlp', ['Input', 'Dense', 'BatchNormalization', 'Activation', 'Dense', 'LeakyReLU', 'Dense'], 0],
  [
    'residual',
    [
      'Input',
      'ZeroPadding2D',
      'Conv2D',
      'ZeroPadding2D',
      'MaxPooling2D',
      'Conv2D',
      'Conv2D',
      'Add',
      'Activation',
      'Conv2D',
      'ZeroPadding2D',
      'Conv2D',
      'Add',
      'Activation',
      'Flatten',
      'Dense',
    ],
    0,
  ],
  [
    'mobile',
    [
      'Input',
      'ZeroPadding2D',
      'Conv2D',
      'DepthwiseConv2D',
      'Conv2D',
      'ZeroPadding2D',
      'DepthwiseConv2D',
      'GlobalAveragePooling2D',
      'Dense',
    ],
    0,
  ],
  [
    'branches',
    [
      'Input',
      'Conv2D',
      'Conv2D',
      'Conv2D',
      'ELU',
      'Concatenate',
      'AveragePooling2D',
      'ZeroPadding2D',
      'Conv2D',
      'Flatten',
      'Dense',
    ],
    0,
  ],
  ['lstm', ['Input', 'LSTM', 'Dense'], 4 * 12],
  ['lstm2', ['Input', 'LSTM', 'Activation', 'LSTM'], 4 * (8 + 5)],
  // A reset-after GRU keeps both biases, as ONNX does.
  ['gru', ['Input', 'GRU', 'Activation', 'Dense'], 0],
  ['rnn_tanh', ['Input', 'SimpleRNN'], 7],
  ['rnn_relu', ['Input', 'SimpleRNN'], 7],
  ['bilstm', ['Input', 'Bidirectional', 'Dense'], 2 * 4 * 5],
];

describe('ONNX import of models written by PyTorch', () => {
  it.each(CASES)(
    '%s: same outputs as onnxruntime and PyTorch, Keras kinds, the folded graph’s weights',
    async (name, kinds, summedBiases) => {
      if (skip) return console.warn(`skipped: ${skip}`);
      const file = join(models, `${name}.onnx`);
      const out = join(dir, 'out', name);
      const result = await importModel(file, { outDir: out });
      expect(result.check.maxRelativeError).toBeLessThanOrEqual(1e-4);
      const text = readFileSync(result.written.projectPath, 'utf8');
      const parsed = parseProject(text);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      const { project } = parsed;
      expect(project.graph.nodes.map((n) => n.kind)).toEqual(kinds);
      expect(project.graph.nodes.every((n) => n.position)).toBe(true);
      const analysis = analyzeGraph(project.graph);
      expect(analysis.valid).toBe(true);
      // ONNX keeps two RNN biases (input and recurrent) where Keras adds them into one (not for
      // the reset-after GRU).
      expect(analysis.totals.total).toBe(onnxWeightCount(file) - summedBiases);

      // The written weights are the project's initial weights: every layer loads, and the model then
      // gives PyTorch's own outputs on the batch PyTorch saved.
      const { model } = compileGraph(project.graph, { seed: 3 });
      const report = applyInitialWeights(model, project.graph, await readWeightsFile(join(out, project.weights!)));
      expect(report.mismatched).toEqual([]);
      expect(report.missing).toEqual([]);
      const x = readNpy(join(models, `${name}.x.npy`));
      const y = readNpy(join(models, `${name}.y.npy`));
      const rank = x.shape.length;
      const channelsLast = rank === 4 ? permute(x.data, x.shape, [0, 2, 3, 1]) : x.data;
      const dwShape = rank === 4 ? [x.shape[0], x.shape[2], x.shape[3], x.shape[1]] : x.shape;
      const predicted = tf.tidy(() => (model.predict(tf.tensor(channelsLast, dwShape)) as tf.Tensor).dataSync());
      let worst = 0;
      y.data.forEach((v, i) => (worst = Math.max(worst, Math.abs(predicted[i] - v) / Math.max(Math.abs(v), 1))));
      expect(worst).toBeLessThanOrEqual(1e-4);
      model.dispose();
    },
  );

  it('says the input is channels-last now, in the project notes', async () => {
    if (skip) return;
    const r = await importModel(join(models, 'mobile.onnx'), { outDir: join(dir, 'notes') });
    const project = JSON.parse(readFileSync(r.written.projectPath, 'utf8')) as { notes: string[]; description: string };
    expect(project.notes[0]).toMatch(
      /takes \[batch, 3, 16, 16\] \(channels first\); this project takes \[batch, 16, 16, 3\]/,
    );
    expect(project.description).toMatch(/Imported from mobile\.onnx \(ONNX, written by pytorch/);
  });

  it('names the first layer that diverges when a translated weight is wrong, and writes nothing', async () => {
    if (skip) return;
    const file = join(models, 'residual.onnx');
    const model = readOnnxFile(file);
    const { imported, values, inputDims } = onnxToGraph(model, file);
    imported.weights.get('c2')![0].values[5] += 0.5; // a wrong kernel value in one layer
    const compiled = buildModel(imported);
    const check = await checkOnnxImport(file, model, imported, compiled, values, inputDims);
    expect(check.maxRelativeError).toBeGreaterThan(1e-4);
    expect(check.firstDiverging?.nodeId).toBe('c2');
    expect(check.firstDiverging?.origin).toBe('/c2/Conv');
    compiled.model.dispose();
  });
});

describe('ONNX import: bad input', () => {
  const expectImportError = async (p: Promise<unknown>, code: string, message: RegExp, hint?: RegExp) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).code).toBe(code);
    expect((err as ImportError).message).toMatch(message);
    if (hint) expect((err as ImportError).hint).toMatch(hint);
  };

  it('a truncated file', async () => {
    if (skip) return;
    const file = join(dir, 'truncated.onnx');
    writeFileSync(file, readFileSync(join(models, 'residual.onnx')).subarray(0, 3000));
    await expectImportError(
      importModel(file, { outDir: join(dir, 'bad') }),
      'corrupt',
      /truncated/,
      /Export the model again/,
    );
  });

  it('a file that is not a model', async () => {
    const file = join(dir, 'notes.onnx');
    writeFileSync(file, 'These are my notes, not a network.\n');
    await expectImportError(importModel(file, { outDir: join(dir, 'bad') }), 'corrupt', /cannot be read as ONNX/);
    const json = join(dir, 'model.csv');
    writeFileSync(json, 'a,b\n1,2\n');
    await expectImportError(
      importModel(json, { outDir: join(dir, 'bad') }),
      'not-a-model',
      /not a model file Deepwire imports/,
    );
  });

  it('an unsupported operator: named with its node and position; --partial imports the part before it', async () => {
    if (skip) return;
    const file = join(models, 'gelu.onnx');
    await expectImportError(
      importModel(file, { outDir: join(dir, 'bad') }),
      'unsupported',
      // PyTorch writes GELU as x · 0.5 · (1 + erf(x / √2)): the division by a constant comes first.
      /^Div node "\/Div" \(node 3 of the graph in .*gelu\.onnx\) cannot be imported: Deepwire has no layer for this operator/,
      /--partial/,
    );
    const partial = await importModel(file, { outDir: join(dir, 'partial'), partial: true });
    expect(partial.imported.graph.nodes.map((n) => n.id)).toEqual(['input', 'fc1']);
    expect(partial.check.maxRelativeError).toBeLessThanOrEqual(1e-4);
    expect(partial.imported.notes.at(-1)).toMatch(/Imported up to Div node "\/Div" only \(--partial\)/);
  });

  it('open height and width: asks for --input-shape, and imports with it', async () => {
    if (skip) return;
    const file = join(models, 'dynamic.onnx');
    await expectImportError(
      importModel(file, { outDir: join(dir, 'bad') }),
      'dynamic-shape',
      /open dimensions \[batch, 3, \?, \?\]/,
      /--input-shape 3,32,32/,
    );
    const r = await importModel(file, { outDir: join(dir, 'dyn'), inputShape: [3, 24, 24] });
    expect(r.imported.graph.nodes[0].params.shape).toEqual([24, 24, 3]);
  });

  it('external weights: read from beside the model; a missing data file is named', async () => {
    if (skip) return;
    const ext = join(models, 'external');
    const ok = await importModel(join(ext, 'mlp.onnx'), { outDir: join(dir, 'ext') });
    expect(ok.check.maxRelativeError).toBeLessThanOrEqual(1e-4);
    copyFileSync(join(ext, 'mlp.onnx'), join(dir, 'lonely.onnx'));
    await expectImportError(
      importModel(join(dir, 'lonely.onnx'), { outDir: join(dir, 'bad') }),
      'missing-data',
      /external data file .*mlp\.data, which is missing/,
      /Copy mlp\.data into the folder of the \.onnx file/,
    );
  });

  it('refuses to overwrite an existing project, leaving no temporary folder behind', async () => {
    if (skip) return;
    const out = join(dir, 'twice');
    await importModel(join(models, 'mlp.onnx'), { outDir: out });
    await expectImportError(importModel(join(models, 'mlp.onnx'), { outDir: out }), 'internal', /already exists/);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(out).sort()).toEqual(['mlp.deepwire.json', 'mlp.weights']);
    unlinkSync(join(out, 'mlp.deepwire.json'));
  });
});

import * as tf from '@tensorflow/tfjs';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newProject, parseProject, serializeProject, type Project } from '../../../../shared/project';
import { compileGraph } from '../../compile';
import { loadProjectObject } from '../../export/exportSource';
import { pytorchExporter } from '../../export/pytorch';
import { writeSafetensors } from '../../export/pytorch/safetensors';
import { useTestBackend } from '../../train/test/testBackend';
import { applyInitialWeights } from '../../weights/initialWeights';
import { readWeightsFile } from '../../weights/readWeights';
import { ImportError } from '../importError';
import { importSafetensors, readSafetensors } from './importSafetensors';

const dir = mkdtempSync(join(tmpdir(), 'dw-safetensors-'));
beforeAll(() => useTestBackend());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const project: Project = {
  ...newProject('Cluster CNN', 'p1'),
  graph: {
    nodes: [
      { id: 'in', kind: 'Input', params: { shape: [8, 8, 2] } },
      { id: 'conv', kind: 'Conv2D', params: { filters: 3, kernelSize: 3, activation: 'relu' } },
      { id: 'bn', kind: 'BatchNormalization', params: {} },
      { id: 'flat', kind: 'Flatten', params: {} },
      { id: 'out', kind: 'Dense', params: { units: 4, activation: 'softmax' } },
    ],
    edges: [
      { source: 'in', target: 'conv' },
      { source: 'conv', target: 'bn' },
      { source: 'bn', target: 'flat' },
      { source: 'flat', target: 'out' },
    ],
  },
};

describe('deepwire import model.safetensors --project', () => {
  it('loads weights trained outside (PyTorch layout) back into the graph, checked against model.py', async () => {
    const projectPath = join(dir, 'cnn.deepwire.json');
    writeFileSync(projectPath, serializeProject(project));
    const exportDir = join(dir, 'export');
    mkdirSync(exportDir);
    const { source } = await loadProjectObject(project, projectPath);
    await pytorchExporter.write(source, exportDir);
    source.model.dispose();
    // "Training on the cluster": every stored value changes.
    const file = join(exportDir, 'model.safetensors');
    const trained = [...readSafetensors(file)].map(([name, t]) => ({
      name,
      shape: t.shape,
      values: t.values.map((v, i) => (name.endsWith('running_var') ? Math.abs(v) + 0.5 : v * 1.5 + 0.01 * (i % 7))),
    }));
    writeFileSync(file, writeSafetensors(trained));

    const r = await importSafetensors(file, projectPath);
    expect(r.layers).toBe(3);
    if (r.check.status === 'skipped') console.warn(`PyTorch check skipped: ${r.check.reason}`);
    else expect(r.check.status).toBe('passed');
    const parsed = parseProject(readFileSync(projectPath, 'utf8'));
    expect(parsed.ok && parsed.project.weights).toBe('Cluster-CNN.weights/model.json');

    // The Dense kernel is PyTorch's Linear weight transposed.
    const { model } = compileGraph(project.graph);
    const report = applyInitialWeights(model, project.graph, await readWeightsFile(r.weightsPath));
    expect(report.loaded.sort()).toEqual(['bn', 'conv', 'out']);
    const kernel = model.getLayer('out').getWeights()[0];
    const linear = trained.find((t) => t.name.endsWith('.weight') && t.shape[0] === 4)!;
    expect(kernel.shape).toEqual([linear.shape[1], 4]);
    const k = kernel.arraySync() as number[][];
    expect(k[5][2]).toBeCloseTo(linear.values[2 * linear.shape[1] + 5], 6);
    model.dispose();
    tf.disposeVariables();
  }, 120_000);

  it('refuses weights from another graph, naming the tensor', async () => {
    const projectPath = join(dir, 'other.deepwire.json');
    const other = structuredClone(project);
    other.graph.nodes[4].params = { units: 5 };
    writeFileSync(projectPath, serializeProject(other));
    const err = await importSafetensors(join(dir, 'export', 'model.safetensors'), projectPath).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).message).toMatch(
      /is \[4, \d+\] in model\.safetensors but the project's out needs \[5, \d+\]/,
    );
  });
});

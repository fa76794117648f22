import * as tf from '@tensorflow/tfjs';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Params } from '../../../../shared/catalog/types';
import { analyzeGraph } from '../../../../shared/graph/analyzeGraph';
import type { Graph } from '../../../../shared/graph/types';
import { compileGraph } from '../../compile';
import { KIND_CASES } from '../../compile/test/graphsForKinds';
import { maxRelativeError } from '../compare';
import { randomizeWeights, referenceBatch } from '../test/exportFixtures';
import { EXPORT_TOLERANCE, type ExportSource } from '../types';
import { customClassesIn, tfjsExporter } from './tfjsExporter';

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'dw-tfjs-export-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const sourceOf = (graph: Graph, model: tf.LayersModel): ExportSource => ({
  project: { format: 'deepwire-project', version: 2, name: 'x', graph } as ExportSource['project'],
  analysis: analyzeGraph(graph),
  model,
  weights: new Map(),
});

function chain(shape: number[], layers: [string, Params][]): Graph {
  return {
    nodes: [
      { id: 'in', kind: 'Input', params: { shape } },
      ...layers.map(([kind, params], i) => ({ id: `n${i}`, kind, params })),
    ],
    edges: layers.map((_, i) => ({ source: i === 0 ? 'in' : `n${i - 1}`, target: `n${i}` })),
  };
}

/** Loads model.json in a separate Node with plain TF.js (no Deepwire classes) and predicts. */
function predictWithPlainTfjs(folder: string, input: { shape: number[]; values: Float32Array }): Promise<number[]> {
  const script = `
const tf = require('@tensorflow/tfjs');
const fs = require('fs'), path = require('path');
const dir = process.argv[1];
if (fs.existsSync(path.join(dir, 'deepwire-layers.js'))) require(path.join(dir, 'deepwire-layers.js'))(tf);
const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
const bin = fs.readFileSync(path.join(dir, 'weights.bin'));
const input = JSON.parse(fs.readFileSync(path.join(dir, 'input.json'), 'utf8'));
tf.loadLayersModel({ load: async () => ({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights,
  weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) }) })
  .then((m) => { const y = m.predict(tf.tensor(input.values, input.shape)); console.log('OUT ' + JSON.stringify(Array.from(y.dataSync()))); })
  .catch((e) => { console.log('ERR ' + e.message); });`;
  return new Promise((resolvePromise, reject) => {
    void writeFile(
      join(folder, 'input.json'),
      JSON.stringify({ shape: input.shape, values: Array.from(input.values) }),
    ).then(() =>
      execFile(process.execPath, ['-e', script, folder], { cwd: process.cwd() }, (err, stdout) => {
        const line = stdout.split('\n').find((l) => l.startsWith('OUT ') || l.startsWith('ERR '));
        if (err || !line) return reject(err ?? new Error(stdout));
        if (line.startsWith('ERR ')) return reject(new Error(line.slice(4)));
        resolvePromise(JSON.parse(line.slice(4)) as number[]);
      }),
    );
  });
}

describe('TF.js export', () => {
  it.each(KIND_CASES.map((c, i) => [c.name, c, i] as const))(
    '%s loads back and predicts the same',
    async (_n, c, i) => {
      const { model } = compileGraph(c.graph, { seed: 1 });
      randomizeWeights(model, 30 + i);
      const out = join(dir, `case${i}`);
      await tfjsExporter.write(sourceOf(c.graph, model), out);
      const batch = referenceBatch(model, 2, 3 + i, c.intInputs);
      const check = await tfjsExporter.check(out, batch);
      expect(check).toMatchObject({ status: 'passed' });
    },
  );

  it('loads in plain TF.js with deepwire-layers.js (Gaussian, LRN, Subtract, causal padding, dilated Conv2D)', async () => {
    const graph: Graph = {
      nodes: [
        { id: 'in', kind: 'Input', params: { shape: [8, 2] } },
        { id: 'c', kind: 'Conv1D', params: { filters: 4, kernelSize: 3, padding: 'causal', activation: 'gaussian' } },
        { id: 'r', kind: 'Reshape', params: { targetShape: [8, 1, 4] } },
        { id: 'd', kind: 'Conv2D', params: { filters: 4, kernelSize: [3, 1], dilationRate: [2, 1], padding: 'same' } },
        { id: 'l', kind: 'LocalResponseNormalization', params: { depthRadius: 1 } },
        { id: 's', kind: 'Subtract', params: {} },
        { id: 'f', kind: 'Flatten', params: {} },
      ],
      edges: [
        { source: 'in', target: 'c' },
        { source: 'c', target: 'r' },
        { source: 'r', target: 'd' },
        { source: 'd', target: 'l' },
        { source: 'l', target: 's' },
        { source: 'd', target: 's' },
        { source: 's', target: 'f' },
      ],
    };
    const { model } = compileGraph(graph, { seed: 2 });
    randomizeWeights(model, 8);
    const out = join(dir, 'portable');
    const files = await tfjsExporter.write(sourceOf(graph, model), out);
    expect(files).toContain('deepwire-layers.js');
    const text = await readFile(join(out, 'model.json'), 'utf8');
    expect(text).not.toContain('DeepwireDilatedConv2D');
    expect(customClassesIn(model)).toEqual({
      portable: ['GaussianActivation', 'LocalResponseNormalization', 'DeepwireSubtract', 'DeepwireCausalPadding1D'],
      deepwireOnly: [],
    });
    const batch = referenceBatch(model, 2, 4);
    const y = await predictWithPlainTfjs(out, batch.input);
    expect(maxRelativeError(y, batch.output.values)).toBeLessThanOrEqual(EXPORT_TOLERANCE);
  });

  it('names the layers plain TF.js cannot load (reset-after GRU)', () => {
    const graph = chain([5, 3], [['GRU', { units: 2 }]]);
    const { model } = compileGraph(graph, { seed: 1 });
    expect(customClassesIn(model)).toEqual({ portable: [], deepwireOnly: ['DeepwireResetAfterGRU'] });
  });
});

import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../../../shared/graph/analyzeGraph';
import type { Graph } from '../../../../shared/graph/types';
import { parseProject } from '../../../../shared/project';
import { selectBackend } from '../../backend';
import { compileGraph } from '../../compile';
import { maxRelativeError } from '../compare';
import { randomBatch } from '../referenceBatch';
import { checkOnnxFiles, pythonOnnxMissing } from '../test/pythonOnnx';
import { EXPORT_TOLERANCE } from '../types';
import { convertModel } from './convertModel';
import { runOnnx } from './onnxExporter';

/*
 * Every template, exported to ONNX with its seeded initial weights and run in onnxruntime-node,
 * equals TF.js. The templates that take longer than ~10 s at full size (compiling 60–140 M seeded
 * weights, a 224×224 forward pass on two cores) are tested with the same layers at a reduced size:
 * the Input's image 32×32 (AlexNet 67×67), at most 32 filters per convolution and 256 units per
 * hidden Dense. Full-size VGG16 and ResNet-50 are exported and checked by bench/export.bench.ts.
 */

const TEMPLATES_DIR = new URL('../../../../templates/', import.meta.url);
const REDUCED: Record<string, number> = {
  alexnet: 67,
  'star-galaxy': 44,
  'vgg-a': 32,
  'vgg-a-lrn': 32,
  'vgg-b': 32,
  'vgg-c': 32,
  vgg16: 32,
  vgg19: 32,
  resnet50: 32,
};
/** A representative set that also goes through python onnx's full checker (one process for all). */
const FULL_CHECK = new Set([
  'lenet5',
  'alexnet',
  'conv-autoencoder',
  'exoplanet',
  'quasar-microlensing',
  'inception-module',
  'resnet18',
  'googlenet',
  'strong-lens',
  'galaxy-morphology',
]);

/** The same graph with a smaller image, fewer filters and narrower hidden Dense layers. */
function reduced(graph: Graph, size: number): Graph {
  const outputs = new Set(analyzeGraph(graph).outputs);
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      const p = n.params ?? {};
      if (n.kind === 'Input') {
        const shape = p.shape as number[];
        return { ...n, params: { ...p, shape: [size, size, shape[2]] } };
      }
      if (typeof p.filters === 'number' && p.filters > 32) return { ...n, params: { ...p, filters: 32 } };
      if (n.kind === 'Dense' && !outputs.has(n.id) && Number(p.units) > 256)
        return { ...n, params: { ...p, units: 256 } };
      return n;
    }),
  };
}

const names = readdirSync(TEMPLATES_DIR)
  .filter((f) => f.endsWith('.deepwire.json'))
  .map((f) => f.replace('.deepwire.json', ''))
  .sort();

let dir: string;
const checked: string[] = [];
beforeAll(async () => {
  await selectBackend({ env: { DEEPWIRE_BACKEND: 'wasm' } });
  dir = await mkdtemp(join(tmpdir(), 'dw-onnx-templates-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('ONNX export of every template', () => {
  it('finds the 26 templates', () => expect(names.length).toBeGreaterThanOrEqual(26));

  it.each(names)('%s equals TF.js in onnxruntime', async (name) => {
    const parsed = parseProject(readFileSync(new URL(`${name}.deepwire.json`, TEMPLATES_DIR), 'utf8'));
    if (!parsed.ok) throw new Error(`${name}: ${parsed.errors[0].message}`);
    const graph = REDUCED[name] ? reduced(parsed.project.graph, REDUCED[name]) : parsed.project.graph;
    const { model } = compileGraph(graph, { seed: 42 });
    try {
      const batch = randomBatch(model, 2, 1);
      const { bytes } = convertModel(model, { producerVersion: 'test', project: { ...parsed.project, graph } });
      const path = join(dir, `${name}.onnx`);
      await writeFile(path, bytes);
      const error = maxRelativeError(await runOnnx(path, batch.input), batch.output.values);
      expect(error).toBeLessThanOrEqual(EXPORT_TOLERANCE);
      if (FULL_CHECK.has(name)) checked.push(path);
    } finally {
      model.dispose();
      tf.disposeVariables();
    }
  });

  const missing = pythonOnnxMissing();
  if (missing) console.warn(`Skipping onnx.checker: ${missing}.`);
  it.skipIf(missing !== undefined)('a representative set passes onnx.checker full_check', async () => {
    expect(checked.length).toBe(FULL_CHECK.size);
    const { ok, output } = await checkOnnxFiles(checked);
    expect(ok, output).toBe(true);
  });
});

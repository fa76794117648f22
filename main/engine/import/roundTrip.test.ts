import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../../shared/graph/analyzeGraph';
import type { Graph } from '../../../shared/graph/types';
import { parseProject } from '../../../shared/project';
import { selectBackend } from '../backend';
import { compileGraph } from '../compile';
import { convertModel } from '../export/onnx/convertModel';
import { fileSaveHandler } from '../runs/fileIOHandler';
import { ImportError } from './importError';
import { importModel } from './importModel';

/*
 * Every template with its seeded initial weights, exported (TF.js layers format; ONNX by the ONNX
 * exporter) and imported back: the same parameter count and the same outputs; TF.js also the same
 * layer kinds. (ONNX has no Dropout at inference and folds activations into the layer before, so
 * the kinds can differ there.) Templates at ImageNet size run at the reduced size the exporter's
 * own template test uses.
 */

const TEMPLATES = new URL('../../../templates/', import.meta.url);
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
/** Not yet imported from ONNX, with the operator that stops it (none: all 26 come back). */
const ONNX_NOT_YET: Record<string, RegExp> = {};

function reduced(graph: Graph, size: number): Graph {
  const outputs = new Set(analyzeGraph(graph).outputs);
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      const p = n.params ?? {};
      if (n.kind === 'Input') return { ...n, params: { ...p, shape: [size, size, (p.shape as number[])[2]] } };
      if (typeof p.filters === 'number' && p.filters > 32) return { ...n, params: { ...p, filters: 32 } };
      if (n.kind === 'Dense' && !outputs.has(n.id) && Number(p.units) > 256)
        return { ...n, params: { ...p, units: 256 } };
      return n;
    }),
  };
}

const names = readdirSync(TEMPLATES)
  .filter((f) => f.endsWith('.deepwire.json'))
  .map((f) => f.replace('.deepwire.json', ''))
  .sort();
const dir = mkdtempSync(join(tmpdir(), 'dw-roundtrip-'));
beforeAll(() => selectBackend({ env: { DEEPWIRE_BACKEND: 'wasm' } }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('every template exported and imported back', () => {
  it('finds the 26 templates', () => expect(names.length).toBeGreaterThanOrEqual(26));

  it.each(names)(
    '%s: TF.js and ONNX',
    async (name) => {
      const parsed = parseProject(readFileSync(new URL(`${name}.deepwire.json`, TEMPLATES), 'utf8'));
      if (!parsed.ok) throw new Error(parsed.errors[0].message);
      const graph = REDUCED[name] ? reduced(parsed.project.graph, REDUCED[name]) : parsed.project.graph;
      const total = analyzeGraph(graph).totals.total;
      const { model } = compileGraph(graph, { seed: 42 });
      try {
        await model.save(fileSaveHandler(join(dir, name, 'tfjs')));
        const fromTfjs = await importModel(join(dir, name, 'tfjs', 'model.json'), {
          outDir: join(dir, name, 'a'),
          name,
        });
        // The same layers (in topological order, which can differ from the file's for branches).
        const layers = (g: Graph) => g.nodes.map((n) => `${n.id}:${n.kind}`).sort();
        expect(layers(fromTfjs.imported.graph)).toEqual(layers(graph));
        expect(analyzeGraph(fromTfjs.imported.graph).totals.total).toBe(total);
        expect(fromTfjs.check.maxRelativeError).toBeLessThanOrEqual(1e-6);

        const onnx = join(dir, name, `${name}.onnx`);
        writeFileSync(
          onnx,
          convertModel(model, { producerVersion: 'test', project: { ...parsed.project, graph } }).bytes,
        );
        const back = importModel(onnx, { outDir: join(dir, name, 'b'), name });
        if (ONNX_NOT_YET[name]) {
          const err = await back.catch((e: unknown) => e);
          expect(err).toBeInstanceOf(ImportError);
          expect((err as ImportError).message).toMatch(ONNX_NOT_YET[name]);
          return;
        }
        const fromOnnx = await back;
        expect(analyzeGraph(fromOnnx.imported.graph).totals.total).toBe(total);
        // A 'same' Conv2DTranspose comes back as one (the exporter's crop folded into its padding).
        const paddings = (g: Graph) =>
          g.nodes
            .filter((n) => n.kind === 'Conv2DTranspose')
            .map((n) => String(n.params?.padding ?? 'valid'))
            .sort();
        expect(paddings(fromOnnx.imported.graph)).toEqual(paddings(graph));
        expect(fromOnnx.check.maxRelativeError).toBeLessThanOrEqual(1e-4);
      } finally {
        model.dispose();
        tf.disposeVariables();
      }
    },
    120_000,
  );
});

import * as tf from '@tensorflow/tfjs';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../../../shared/graph/analyzeGraph';
import type { Graph } from '../../../../shared/graph/types';
import { KIND_CASES } from '../../compile/test/graphsForKinds';
import { maxRelativeError } from '../../export/compare';
import { kerasExporter } from '../../export/keras';
import { templates } from '../../export/templateFixtures';
import { referenceBatch, sourceFromGraph } from '../../export/testFixtures';
import { useTestBackend } from '../../train/test/testBackend';
import { buildModel } from '../buildModel';
import { importModel } from '../importModel';

/*
 * Every kind case and the 26 templates (initial weights, the big ones at the exporters' reduced
 * size) written by the Keras exporter as model.keras and imported back: the same kinds, output
 * shapes and parameter counts, and the same outputs (≤ 1e-5) on a seeded batch — including what
 * TF.js's loader cannot build as Keras writes it (see kerasClasses): leaky_relu and registered
 * activations, causal Conv1D, Subtract, SpatialDropout2D, Deepwire's bilinear UpSampling2D, Reshape −1.
 */

const cases: [string, Graph, number | undefined][] = [
  ...KIND_CASES.map((c) => [`kind: ${c.name}`, c.graph, c.intInputs] as [string, Graph, number | undefined]),
  ...templates.map(
    (t) => [`template: ${t.file.replace('.deepwire.json', '')}`, t.graph, undefined] as [string, Graph, undefined],
  ),
];
const dir = mkdtempSync(join(tmpdir(), 'dw-keras-roundtrip-'));
beforeAll(useTestBackend);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const kinds = (g: Graph) => g.nodes.map((n) => n.kind).sort();

describe('Keras exporter → Keras import', () => {
  it.each(cases)(
    '%s',
    async (name, graph, intInputs) => {
      const source = sourceFromGraph(graph, { seed: 3 });
      const out = join(dir, name.replace(/\W+/g, '_'));
      try {
        mkdirSync(out, { recursive: true });
        await kerasExporter.write(source, out);
        const { imported } = await importModel(join(out, 'model.keras'), { outDir: join(out, 'imported'), name: 'rt' });
        expect(kinds(imported.graph)).toEqual(kinds(graph));
        const [a, b] = [analyzeGraph(imported.graph), analyzeGraph(graph)];
        expect(a.totals).toEqual(b.totals);
        expect(a.outputs.map((o) => a.nodes.get(o)?.outputShape)).toEqual(
          b.outputs.map((o) => b.nodes.get(o)?.outputShape),
        );
        const batch = referenceBatch(source.model, 2, 11, intInputs);
        const { model } = buildModel(imported);
        try {
          const y = tf.tidy(
            () => [model.predict(tf.tensor(batch.input.values, batch.input.shape))].flat() as tf.Tensor[],
          );
          const got = Float32Array.from(y.flatMap((t) => [...t.dataSync()]));
          tf.dispose(y);
          expect(maxRelativeError(got, batch.output.values)).toBeLessThanOrEqual(1e-5);
        } finally {
          model.dispose();
        }
      } finally {
        source.model.dispose();
        rmSync(out, { recursive: true, force: true });
      }
    },
    120_000,
  );
});

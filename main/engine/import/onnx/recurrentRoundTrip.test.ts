import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../../../shared/graph/analyzeGraph';
import { selectBackend } from '../../backend';
import { compileGraph } from '../../compile';
import { KIND_CASES } from '../../compile/test/graphsForKinds';
import { convertModel } from '../../export/onnx/convertModel';
import { importModel } from '../importModel';

/*
 * Deepwire's own ONNX export of its recurrent kind cases (RNN, LSTM, GRU operators; Bidirectional
 * as direction "bidirectional") imported back: the same kinds and parameter counts, and outputs
 * equal to onnxruntime's on the exported file (the import's check) within 1e-4.
 */

const CASES = KIND_CASES.filter((c) => c.kinds.some((k) => ['SimpleRNN', 'LSTM', 'GRU', 'Bidirectional'].includes(k)));
const dir = mkdtempSync(join(tmpdir(), 'dw-rnn-roundtrip-'));
beforeAll(() => selectBackend({ env: { DEEPWIRE_BACKEND: 'wasm' } }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('recurrent layers exported to ONNX and imported back', () => {
  it('covers SimpleRNN, LSTM, both GRUs and Bidirectional', () => expect(CASES.length).toBeGreaterThanOrEqual(7));

  it.each(CASES.map((c) => [c.name, c] as const))(
    '%s',
    async (name, c) => {
      const { model } = compileGraph(c.graph, { seed: 5 });
      try {
        const file = join(dir, `${name.replace(/\W+/g, '_')}.onnx`);
        writeFileSync(file, convertModel(model, { producerVersion: 'test', project: { graph: c.graph } }).bytes);
        const result = await importModel(file, { outDir: join(dir, name.replace(/\W+/g, '_')), name: 'rt' });
        const kinds = (g: typeof c.graph) => g.nodes.map((n) => n.kind);
        expect(kinds(result.imported.graph)).toEqual(kinds(c.graph));
        const params = (g: typeof c.graph): Record<string, unknown>[] =>
          g.nodes.map((n) => ({ ...n.params, mergeMode: n.params?.mergeMode ?? 'concat' }));
        expect(analyzeGraph(result.imported.graph).totals.total).toBe(analyzeGraph(c.graph).totals.total);
        for (const [got, want] of params(result.imported.graph).map((p, i) => [p, params(c.graph)[i]] as const))
          for (const key of ['units', 'returnSequences', 'goBackwards', 'resetAfter', 'layer', 'mergeMode'] as const)
            if (want[key] !== undefined) expect(got[key], `${key}`).toEqual(want[key]);
        expect(result.check.maxRelativeError).toBeLessThanOrEqual(1e-4);
      } finally {
        model.dispose();
        tf.disposeVariables();
      }
    },
    60_000,
  );
});

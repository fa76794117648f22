import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../../../shared/graph/analyzeGraph';
import { missingPython, runPython } from '../../export/pythonRunner';
import { useTestBackend } from '../../train/test/testBackend';
import { ImportError } from '../importError';
import { importModel } from '../importModel';

/*
 * ONNX's RNN/GRU/LSTM with direction "reverse" alone (PyTorch never writes one; the models are built
 * with onnx.helper) imported as Keras's go_backwards and checked against onnxruntime-node by the
 * import itself (≤ 1e-4). Y_h is the layer's output as such; the sequence Y comes back only through
 * the Slice that reverses its time axis, since go_backwards returns it last step first.
 */

const SCRIPT = fileURLToPath(new URL('./test/reverseRnns.py', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dw-onnx-reverse-'));
let skip: string | null = null;

beforeAll(async () => {
  await useTestBackend();
  const r = await runPython([SCRIPT, dir], { timeoutMs: 60_000 });
  skip = missingPython(r, ['numpy', 'onnx']);
  if (!skip && r.code !== 0) throw new Error(`reverseRnns.py failed:\n${r.stderr}`);
}, 90_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ONNX direction "reverse" alone is go_backwards', () => {
  it.each([
    // name, kind, returnSequences, ONNX biases Keras sums into one (none for the reset-after GRU)
    ['rnn_reverse', 'SimpleRNN', false, 5],
    ['gru_reverse_seq', 'GRU', true, 0],
  ] as const)('%s: %s with goBackwards equals onnxruntime', async (name, kind, sequences, summedBiases) => {
    if (skip) return console.warn(`skipped: ${skip}`);
    const result = await importModel(join(dir, `${name}.onnx`), { outDir: join(dir, 'out', name) });
    expect(result.check.maxRelativeError).toBeLessThanOrEqual(1e-4);
    const { graph } = result.imported;
    expect(graph.nodes.map((n) => n.kind)).toEqual(['Input', kind]);
    expect(graph.nodes[1].params).toMatchObject({ units: 5, goBackwards: true, returnSequences: sequences });
    const gates = kind === 'GRU' ? 3 : 1;
    const onnxWeights = gates * 5 * (4 + 5 + 2 * 1);
    expect(analyzeGraph(graph).totals.total).toBe(onnxWeights - summedBiases);
  });

  it('the sequence read in time order, with no reversing Slice, is refused saying why', async () => {
    if (skip) return;
    const err = await importModel(join(dir, 'lstm_reverse_y.onnx'), { outDir: join(dir, 'out', 'lstm') }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).message).toMatch(
      /backwards-only recurrent layer \(direction "reverse"\) in time order/,
    );
    expect((err as ImportError).hint).toMatch(/Slice \(step −1\)/);
  });
});

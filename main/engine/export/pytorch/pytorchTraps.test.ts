import * as tf from '@tensorflow/tfjs';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportError } from '../exportError';
import { referenceBatch, sourceFromGraph } from '../testFixtures';
import { chain, EXTRA_TRAPS, TRAPS } from '../trapGraphs';
import type { EquivalenceCheck } from '../types';
import { checkTorchExports } from './checkTorch';
import { pytorchExporter } from './index';
import { readSafetensors } from './safetensors';

/*
 * The known traps of issue 10 that concern PyTorch, each as a small graph: the numbers must equal
 * TF.js's, and model.py / model.safetensors must show the translation that avoids the trap.
 */

const ALL = { ...TRAPS, ...EXTRA_TRAPS };
const root = mkdtempSync(join(tmpdir(), 'dw-torch-traps-'));
const results: Record<string, EquivalenceCheck> = {};
const py = (name: string) => readFileSync(join(root, name, 'model.py'), 'utf8');
const tensors = (name: string) =>
  new Map(
    readSafetensors(new Uint8Array(readFileSync(join(root, name, 'model.safetensors')))).tensors.map((t) => [
      t.name,
      t,
    ]),
  );

beforeAll(async () => {
  await tf.setBackend('cpu');
  const names = Object.keys(ALL);
  const jobs = [];
  for (const name of names) {
    const source = sourceFromGraph(ALL[name], { seed: 9 });
    mkdirSync(join(root, name));
    await pytorchExporter.write(source, join(root, name));
    jobs.push({ dir: join(root, name), batch: referenceBatch(source.model, 2, 5) });
  }
  // A wrong weight must fail: the Dense of flattenAfterConv with one value changed.
  const bad = sourceFromGraph(TRAPS.flattenAfterConv, { seed: 9 });
  const w = bad.weights.get('n2')!;
  w[0] = { ...w[0], values: w[0].values.map((v, i) => (i === 7 ? v + 1 : v)) };
  mkdirSync(join(root, 'wrong'));
  await pytorchExporter.write(bad, join(root, 'wrong'));
  jobs.push({ dir: join(root, 'wrong'), batch: jobs[names.indexOf('flattenAfterConv')].batch });
  const checks = await checkTorchExports(jobs);
  [...names, 'wrong'].forEach((n, i) => (results[n] = checks[i]));
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const skipped = (name: string) => results[name].status === 'skipped' && !process.env.CI;

describe('PyTorch export: the known traps', () => {
  it.each(Object.keys(ALL).map((n) => [n]))('%s equals TF.js', (name) => {
    if (skipped(name)) return;
    const r = results[name];
    expect(r.status === 'failed' ? r.detail : r.status).toBe('passed');
  });

  it('a changed weight fails the check', () => {
    if (skipped('wrong')) return;
    expect(results.wrong.status).toBe('failed');
  });

  it("TF 'same' with stride 2 pads explicitly, never padding='same'", () => {
    const text = py('sameStride2');
    expect(text).toContain('F.pad(in_nchw, (0, 1, 0, 1))');
    expect(text).toMatch(/max_pool_same\(n0, \(2, 2\), \(2, 2\)\)/);
    expect(text.slice(text.indexOf('class Model'))).not.toMatch(/padding=["']same/);
  });

  it('Flatten after a convolution flattens channels-last', () => {
    expect(py('flattenAfterConv')).toMatch(/n0_nhwc = n0\.permute\(0, 2, 3, 1\).*\n.*n1 = self\.n1\(n0_nhwc\)/);
  });

  it('go_backwards: nn.GRU/LSTM over the time-flipped input, the generated cell with go_backwards=True', () => {
    const text = py('goBackwards');
    expect(text).toMatch(/n0 = self\.n0\(\w+\.flip\(1\)\)\[0\]\n/);
    expect(text).toMatch(/n2 = self\.n2\(n1\.flip\(1\)\)\[0\]\[:, -1\]/);
    expect(text).toContain('go_backwards=True');
  });

  it('LSTM keeps gate order i,f,g,o and gets a zero second bias', () => {
    expect(py('lstmGatesAndBias')).toContain('nn.LSTM(3, 4, batch_first=True)');
    const t = tensors('lstmGatesAndBias');
    expect([...t.get('n0.bias_hh_l0')!.values].every((v) => v === 0)).toBe(true);
    expect([...t.get('n0.bias_ih_l0')!.values].some((v) => v !== 0)).toBe(true);
  });

  it('GRU reset_after=True is nn.GRU; reset_after=False is a generated cell', () => {
    expect(py('gruResetAfter')).toContain('nn.GRU(3, 4, batch_first=True)');
    expect(py('gruResetBefore')).toContain(
      'KerasRecurrent("GRU", 3, 4, activation="tanh", recurrent_activation="sigmoid", reset_after=False)',
    );
  });

  it("hardSigmoid is TF.js's 0.2x + 0.5, in a generated cell for recurrent layers", () => {
    const text = py('hardSigmoid');
    expect(text).toContain('return torch.clamp(0.2 * x + 0.5, 0.0, 1.0)');
    expect(text).toContain('recurrent_activation="hardSigmoid"');
    expect(text).not.toContain('nn.LSTM(');
  });

  it('BatchNormalization momentum is 1 − Keras momentum, epsilons exact', () => {
    const text = py('batchNormMomentumEpsilon');
    expect(text).toContain('nn.BatchNorm2d(3, eps=0.01, momentum=0.1)');
    expect(text).toContain('nn.LayerNorm(3, eps=0.5)');
  });

  it('LRN: size 2r+1 and alpha × size', () => {
    expect(py('lrn')).toContain('nn.LocalResponseNorm(5, alpha=0.5, beta=0.75, k=2.0)');
  });

  it('DepthwiseConv2D: groups = channels, weights [C·m, 1, kh, kw]', () => {
    expect(py('depthwise')).toContain('groups=3');
    expect(tensors('depthwise').get('n0.weight')!.shape).toEqual([9, 1, 3, 2]);
  });

  it('Conv2DTranspose: padding 0, then crop (output_padding only where the stride exceeds the kernel)', () => {
    const text = py('convTranspose');
    expect(text).toContain('self.n0(in_nchw)[:, :, 1:-1, 1:-1]');
    expect(text).toContain('self.n1(n0)[:, :, :-1, :-1]');
    expect(text).toContain('output_padding=2');
    expect(text).not.toMatch(/ConvTranspose2d\([^)]*[^_]padding=\d/);
  });

  it('refuses what it cannot express, naming the node', () => {
    const graph = chain(
      [5],
      [
        ['Embedding', { inputDim: 10, outputDim: 3, maskZero: true }],
        ['LSTM', { units: 2 }],
      ],
    );
    const source = sourceFromGraph(graph);
    const dir = join(root, 'refused');
    mkdirSync(dir);
    return expect(pytorchExporter.write(source, dir)).rejects.toMatchObject({
      constructor: ExportError,
      nodeId: 'n0',
      message: expect.stringContaining('n0 (Embedding) uses maskZero'),
    });
  });
});

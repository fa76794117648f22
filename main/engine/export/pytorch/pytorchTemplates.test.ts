import * as tf from '@tensorflow/tfjs';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { all, templates, withoutOrthogonal } from '../templateFixtures';
import { referenceBatch, sourceFromGraph } from '../testFixtures';
import { EXPORT_TOLERANCE, type EquivalenceCheck } from '../types';
import { checkTorchExports } from './checkTorch';
import { pytorchExporter } from './index';

/*
 * Every template, with its initial weights, exported to PyTorch and compared with TF.js on one
 * example. The ImageNet-size ones (AlexNet, GoogLeNet, ResNets, VGGs: 7–144 M weights, up to
 * 20 GFLOP per example) take TF.js's pure-JS cpu backend minutes, so the suite runs them only with
 * DEEPWIRE_EXPORT_ALL_TEMPLATES=1; the rest always run. Orthogonal initializers become Glorot ones
 * here: TF.js's QR of a 2048×2048 matrix costs minutes and the weights' values do not matter to
 * the comparison.
 */

const root = mkdtempSync(join(tmpdir(), 'dw-torch-templates-'));
const results = new Map<string, EquivalenceCheck>();

beforeAll(async () => {
  await tf.setBackend('cpu');
  const jobs = [];
  const run = templates.filter((t) => all || !t.heavy);
  for (const t of run) {
    const source = sourceFromGraph(withoutOrthogonal(t.graph), { seed: 1, name: t.file });
    const out = join(root, t.file);
    mkdirSync(out);
    await pytorchExporter.write(source, out);
    jobs.push({ dir: out, batch: referenceBatch(source.model, 1, 2) });
    source.model.dispose();
  }
  const checks = await checkTorchExports(jobs);
  run.forEach((t, i) => results.set(t.file, checks[i]));
}, 1_800_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('PyTorch export of every template', () => {
  it('there are 26 templates, and most run in the suite', () => {
    expect(templates).toHaveLength(26);
    expect(templates.filter((t) => !t.heavy).length).toBeGreaterThanOrEqual(14);
  });

  it.each(templates.map((t) => [t.file, t]))('%s equals TF.js', (_f, t) => {
    const r = results.get(t.file);
    if (!r) return; // heavy, not run (see above)
    if (r.status === 'skipped' && !process.env.CI) return;
    expect(r.status === 'failed' ? r.detail : r.status).toBe('passed');
    if (r.status === 'passed') expect(r.maxRelativeError).toBeLessThanOrEqual(EXPORT_TOLERANCE);
  });
});

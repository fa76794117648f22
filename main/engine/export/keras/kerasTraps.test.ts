import * as tf from '@tensorflow/tfjs';
import { unzipSync } from 'fflate';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceBatch, sourceFromGraph } from '../testFixtures';
import { EXTRA_TRAPS, TRAPS } from '../trapGraphs';
import type { EquivalenceCheck } from '../types';
import { checkKerasExports, kerasExporter } from './index';

/*
 * The traps that concern Keras 3: TF.js's hardSigmoid (0.2x + 0.5, not Keras 3's x/6 + 0.5) and its
 * legacy bilinear resize become Deepwire's registered objects, LRN and the Gaussian activation
 * custom layers, epsilons and momentum pass through unchanged; the NumPy check agrees with TF.js.
 */

const ALL = { ...TRAPS, ...EXTRA_TRAPS };
const root = mkdtempSync(join(tmpdir(), 'dw-keras-traps-'));
const results: Record<string, EquivalenceCheck> = {};
const config = (name: string) => {
  const files = unzipSync(new Uint8Array(readFileSync(join(root, name, 'model.keras'))));
  return Buffer.from(files['config.json']).toString();
};

beforeAll(async () => {
  await tf.setBackend('cpu');
  const jobs = [];
  for (const [name, graph] of Object.entries(ALL)) {
    const source = sourceFromGraph(graph, { seed: 8 });
    mkdirSync(join(root, name));
    await kerasExporter.write(source, join(root, name));
    jobs.push({ dir: join(root, name), batch: referenceBatch(source.model, 2, 6) });
  }
  const checks = await checkKerasExports(jobs);
  Object.keys(ALL).forEach((n, i) => (results[n] = checks[i]));
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('Keras export: the known traps', () => {
  it.each(Object.keys(ALL).map((n) => [n]))('%s equals TF.js (NumPy check)', (name) => {
    const r = results[name];
    if (r.status === 'skipped' && !process.env.CI) return;
    expect(r.status === 'failed' ? r.detail : r.status).toBe('passed');
  });

  it("hardSigmoid is Deepwire's registered tfjs_hard_sigmoid, defined in model.py", () => {
    expect(config('hardSigmoid')).toContain(
      '"recurrent_activation":{"module":"model","class_name":"function","config":"tfjs_hard_sigmoid","registered_name":"deepwire>tfjs_hard_sigmoid"}',
    );
    const py = readFileSync(join(root, 'hardSigmoid', 'model.py'), 'utf8');
    expect(py).toContain('return ops.clip(0.2 * x + 0.5, 0.0, 1.0)');
    expect(py).toContain('recurrent_activation=tfjs_hard_sigmoid');
  });

  it('layers Keras lacks are custom layers in model.py', () => {
    expect(config('lrn')).toContain('"registered_name":"deepwire>LocalResponseNormalization"');
    expect(config('gaussian')).toContain('"registered_name":"deepwire>GaussianActivation"');
    expect(config('bilinear')).toContain('"registered_name":"deepwire>TfjsBilinearUpSampling2D"');
    expect(readFileSync(join(root, 'lrn', 'model.py'), 'utf8')).toContain(
      'class LocalResponseNormalization(layers.Layer)',
    );
  });

  it('BatchNormalization keeps Keras momentum and epsilon; GRU says reset_after', () => {
    expect(config('batchNormMomentumEpsilon')).toContain('"momentum":0.9,"epsilon":0.01');
    expect(config('gruResetBefore')).toContain('"reset_after":false');
    expect(config('gruResetAfter')).toContain('"reset_after":true');
    expect(config('goBackwards').match(/"go_backwards":true/g)).toHaveLength(3);
  });
});

import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KINDS } from '../../../../shared/catalog';
import { KIND_CASES } from '../../compile/test/graphsForKinds';
import { referenceBatch, sourceFromGraph } from '../testFixtures';
import { pythonExecutable } from '../pythonRunner';
import { EXPORT_TOLERANCE, type EquivalenceCheck } from '../types';
import { checkKerasExports, kerasExporter } from './index';

/*
 * Every catalog kind exported to Keras 3 and run by the NumPy interpreter of model.keras (weights
 * read with h5py where Keras 3 would look for them): outputs equal TF.js's within 1e-4.
 */

const root = mkdtempSync(join(tmpdir(), 'dw-keras-kinds-'));
const results = new Map<string, EquivalenceCheck>();

beforeAll(async () => {
  await tf.setBackend('cpu');
  const jobs = [];
  for (const [i, c] of KIND_CASES.entries()) {
    const source = sourceFromGraph(c.graph, { seed: 4 });
    const dir = join(root, `case${i}`);
    mkdirSync(dir);
    await kerasExporter.write(source, dir);
    jobs.push({ dir, batch: referenceBatch(source.model, 3, 13, c.intInputs) });
  }
  const checks = await checkKerasExports(jobs);
  KIND_CASES.forEach((c, i) => results.set(c.name, checks[i]));
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('Keras export of every catalog kind (NumPy check)', () => {
  it('covers every kind', () => {
    const covered = new Set(KIND_CASES.flatMap((c) => c.kinds));
    expect(KINDS.filter((k) => k !== 'Input' && !covered.has(k))).toEqual([]);
  });

  it('every model.py is valid Python (Keras itself cannot be imported here)', () => {
    const dirs = KIND_CASES.map((_, i) => join(root, `case${i}`, 'model.py'));
    const script = 'import ast, sys\nfor p in sys.argv[1:]:\n    ast.parse(open(p).read(), p)';
    const r = spawnSync(pythonExecutable(), ['-c', script, ...dirs], { encoding: 'utf8' });
    if (r.error && !process.env.CI) return;
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.each(KIND_CASES.map((c) => [c.name]))('%s equals TF.js within 1e-4', (name) => {
    const r = results.get(name)!;
    if (r.status === 'skipped' && !process.env.CI) {
      console.warn(`skipped: ${r.reason}`);
      return;
    }
    expect(r.status === 'failed' ? r.detail : '').toBe('');
    expect(r.status).toBe('passed');
    if (r.status === 'passed') expect(r.maxRelativeError).toBeLessThanOrEqual(EXPORT_TOLERANCE);
  });
});

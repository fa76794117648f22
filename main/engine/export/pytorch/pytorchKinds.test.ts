import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KINDS } from '../../../../shared/catalog';
import { KIND_CASES } from '../../compile/test/graphsForKinds';
import { referenceBatch, sourceFromGraph } from '../testFixtures';
import { EXPORT_TOLERANCE, type EquivalenceCheck } from '../types';
import { checkTorchExports } from './checkTorch';
import { pytorchExporter } from './index';

/*
 * Every catalog kind, alone in its small graph (graphsForKinds), exported to PyTorch and run in
 * Debian's torch on a seeded batch: the outputs must equal TF.js's within 1e-4. All models go
 * through one Python process, since importing torch takes seconds.
 */

const root = mkdtempSync(join(tmpdir(), 'dw-torch-kinds-'));
const results = new Map<string, EquivalenceCheck>();

beforeAll(async () => {
  await tf.setBackend('cpu');
  const jobs = [];
  for (const [i, c] of KIND_CASES.entries()) {
    const source = sourceFromGraph(c.graph, { seed: 3 });
    const dir = join(root, `case${i}`);
    await import('node:fs/promises').then((fs) => fs.mkdir(dir));
    await pytorchExporter.write(source, dir);
    jobs.push({ dir, batch: referenceBatch(source.model, 3, 11, c.intInputs) });
  }
  const checks = await checkTorchExports(jobs);
  KIND_CASES.forEach((c, i) => results.set(c.name, checks[i]));
  if (process.env.DW_DEBUG)
    console.log(checks.map((c, i) => `${KIND_CASES[i].name}: ${JSON.stringify(c).slice(0, 400)}`).join('\n'));
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('PyTorch export of every catalog kind', () => {
  it('covers every kind', () => {
    const covered = new Set(KIND_CASES.flatMap((c) => c.kinds));
    expect(KINDS.filter((k) => k !== 'Input' && !covered.has(k))).toEqual([]);
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

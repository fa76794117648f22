import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../backend';
import { templates } from '../templateFixtures';
import { referenceBatch, sourceFromGraph } from '../testFixtures';
import { EXPORT_TOLERANCE, type EquivalenceCheck } from '../types';
import { checkKerasExports, kerasExporter } from './index';

/*
 * The templates exported to Keras 3 and run by the NumPy check: branching graphs (Inception,
 * ResNet, the functional example) exercise Keras's layer order in the weights file. The
 * ImageNet-size ones at a reduced size unless DEEPWIRE_EXPORT_ALL_TEMPLATES=1 (templateFixtures.ts).
 */

const root = mkdtempSync(join(tmpdir(), 'dw-keras-templates-'));
const results = new Map<string, EquivalenceCheck>();

beforeAll(async () => {
  // wasm: several times faster than the pure-JS cpu backend on the big convolutions.
  await selectBackend({ env: { DEEPWIRE_BACKEND: 'wasm' } });
  const jobs = [];
  for (const t of templates) {
    const source = sourceFromGraph(t.graph, { seed: 2, name: t.file });
    const out = join(root, t.file);
    mkdirSync(out);
    await kerasExporter.write(source, out);
    jobs.push({ dir: out, batch: referenceBatch(source.model, 1, 4) });
    source.model.dispose();
  }
  const checks = await checkKerasExports(jobs);
  templates.forEach((t, i) => results.set(t.file, checks[i]));
}, 1_800_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('Keras export of every template (NumPy check)', () => {
  it.each(templates.map((t) => [t.file, t]))('%s equals TF.js', (_f, t) => {
    const r = results.get(t.file)!;
    if (r.status === 'skipped' && !process.env.CI) return;
    expect(r.status === 'failed' ? r.detail : r.status).toBe('passed');
    if (r.status === 'passed') expect(r.maxRelativeError).toBeLessThanOrEqual(EXPORT_TOLERANCE);
  });
});

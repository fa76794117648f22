import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../backend';
import { templates } from '../templateFixtures';
import { referenceBatch, sourceFromGraph } from '../testFixtures';
import { EXPORT_TOLERANCE, type EquivalenceCheck } from '../types';
import { checkTorchExports } from './checkTorch';
import { pytorchExporter } from './index';

/*
 * Every template, with its initial weights, exported to PyTorch and compared with TF.js on one
 * example; the ImageNet-size ones at a reduced size unless DEEPWIRE_EXPORT_ALL_TEMPLATES=1 (see
 * templateFixtures.ts; at full size they were checked by hand, see the commit message).
 */

const root = mkdtempSync(join(tmpdir(), 'dw-torch-templates-'));
const results = new Map<string, EquivalenceCheck>();

beforeAll(async () => {
  // wasm: several times faster than the pure-JS cpu backend on the big convolutions.
  await selectBackend({ env: { DEEPWIRE_BACKEND: 'wasm' } });
  const jobs = [];
  for (const t of templates) {
    const source = sourceFromGraph(t.graph, { seed: 1, name: t.file });
    const out = join(root, t.file);
    mkdirSync(out);
    await pytorchExporter.write(source, out);
    jobs.push({ dir: out, batch: referenceBatch(source.model, 1, 2) });
    source.model.dispose();
  }
  const checks = await checkTorchExports(jobs);
  templates.forEach((t, i) => results.set(t.file, checks[i]));
}, 1_800_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('PyTorch export of every template', () => {
  it('there are 26 templates', () => expect(templates).toHaveLength(26));

  it.each(templates.map((t) => [t.file, t]))('%s equals TF.js', (_f, t) => {
    const r = results.get(t.file)!;
    if (r.status === 'skipped' && !process.env.CI) return;
    expect(r.status === 'failed' ? r.detail : r.status).toBe('passed');
    if (r.status === 'passed') expect(r.maxRelativeError).toBeLessThanOrEqual(EXPORT_TOLERANCE);
  });
});

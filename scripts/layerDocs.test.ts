import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../shared/catalog';
import { LAYER_DOCS_PATH, layerDocs } from './layerDocs';

describe('docs/layers.md', () => {
  it('is what the catalog generates (else run npx tsx scripts/layerDocs.ts)', () => {
    expect(readFileSync(LAYER_DOCS_PATH, 'utf8')).toBe(layerDocs());
  });

  it('has a section for every kind', () => {
    const text = layerDocs();
    for (const kind of KINDS) expect(text).toContain(`\n### ${kind}\n`);
  });
});

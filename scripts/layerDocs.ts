/**
 * docs/layers.md, the layer reference, generated from the catalog (shared/catalog): one section per
 * kind with its summary, detail and parameters (Keras defaults). A kind's docs live in its spec;
 * this page only gathers them.
 *   npx tsx scripts/layerDocs.ts          write docs/layers.md
 *   npx tsx scripts/layerDocs.ts --check  exit 1 if docs/layers.md differs (nothing written)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, LAYER_SPECS } from '../shared/catalog';
import { allParams } from '../shared/catalog/paramValues';
import type { ParamSpec } from '../shared/catalog/types';

export const LAYER_DOCS_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'layers.md');

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function showDefault(p: ParamSpec): string {
  if (p.default === null) return 'none';
  return typeof p.default === 'string' ? p.default : JSON.stringify(p.default);
}

/** The page's Markdown. */
export function layerDocs(): string {
  const out = [
    '# Layers',
    '',
    'Every layer kind Deepwire offers, by palette category. Names, parameters and defaults follow Keras;',
    'parameter counts equal Keras’s. Generated from `shared/catalog/` by `npx tsx scripts/layerDocs.ts`;',
    'do not edit by hand (a test fails when this page and the catalog differ).',
    '',
  ];
  for (const category of CATEGORIES) {
    const specs = LAYER_SPECS.filter((s) => s.category === category);
    if (!specs.length) continue;
    out.push(`## ${category}`, '');
    for (const spec of specs) {
      out.push(`### ${spec.kind}`, '', spec.summary, '');
      if (spec.detail) out.push(spec.detail, '');
      const params = Object.entries(allParams(spec));
      if (params.length) {
        out.push('| parameter | default | what it does |', '|---|---|---|');
        for (const [name, p] of params) out.push(`| \`${name}\` | \`${cell(showDefault(p))}\` | ${cell(p.doc)} |`);
        out.push('');
      }
    }
  }
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = layerDocs();
  if (process.argv.includes('--check')) {
    const same = readFileSync(LAYER_DOCS_PATH, 'utf8') === text;
    if (!same) console.error('docs/layers.md differs from the catalog: run npx tsx scripts/layerDocs.ts');
    process.exit(same ? 0 : 1);
  }
  writeFileSync(LAYER_DOCS_PATH, text);
  console.log(`wrote ${LAYER_DOCS_PATH}`);
}

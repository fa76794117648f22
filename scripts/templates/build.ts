/**
 * Writes templates/<id>.deepwire.json from the definitions in this folder.
 *   npx tsx scripts/templates/build.ts          write every file
 *   npx tsx scripts/templates/build.ts --check  exit 1 if any file on disk differs (nothing written)
 * Files in templates/ that no definition produces are reported, never deleted.
 */
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serializeProject } from '../../shared/project';
import { buildTemplates } from './index';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');
const check = process.argv.includes('--check');

let stale = 0;
const produced = new Set<string>();
for (const { file, project } of buildTemplates()) {
  produced.add(file);
  const path = join(outDir, file);
  const text = serializeProject(project);
  const current = existsSync(path) ? readFileSync(path, 'utf8') : null;
  if (current === text) continue;
  stale++;
  if (check) console.error(`${file}: ${current === null ? 'missing' : 'differs from its definition'}`);
  else {
    writeFileSync(path, text);
    console.log(`wrote ${file}`);
  }
}
for (const f of readdirSync(outDir)) {
  if (f.endsWith('.deepwire.json') && !produced.has(f))
    console.warn(`${f}: not produced by scripts/templates (left as is)`);
}
if (check && stale) {
  console.error(`${stale} template file(s) out of date: run npx tsx scripts/templates/build.ts`);
  process.exit(1);
}
console.log(check ? 'templates up to date' : `${produced.size} templates, ${stale} written`);

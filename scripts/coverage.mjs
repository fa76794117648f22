#!/usr/bin/env node
// `npm run coverage`: the Vitest suite once with V8 coverage, then line coverage per top-level folder
// (main/engine, main/host, main/server, main/electron, main/cli, shared, each renderer/src subfolder).
// Every production source file counts, loaded by a test or not. Not part of `npm test` (it is slow).
// Extra arguments go to Vitest (e.g. a path to cover only some tests).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatTable, linesByFolder } from './coverageTable.mjs';

const root = resolve(import.meta.dirname, '..');
const dir = join(root, 'coverage');
const args = [
  'vitest',
  'run',
  '--coverage.enabled',
  '--coverage.provider=v8',
  '--coverage.reporter=json-summary',
  '--coverage.reporter=text-summary',
  `--coverage.reportsDirectory=${dir}`,
  ...['main/**/*.ts', 'shared/**/*.ts', 'renderer/src/**/*.{ts,tsx}'].map((g) => `--coverage.include=${g}`),
  ...['**/*.test.*', '**/test/**', '**/testing/**', '**/*.d.ts'].map((g) => `--coverage.exclude=${g}`),
  ...process.argv.slice(2),
];
const run = spawnSync('npx', args, { cwd: root, stdio: 'inherit' });
const file = join(dir, 'coverage-summary.json');
if (!existsSync(file)) {
  console.error(`No coverage summary at ${file}: Vitest exited with ${run.status}.`);
  process.exit(run.status || 1);
}
console.log('\nLine coverage per folder:\n');
console.log(formatTable(linesByFolder(JSON.parse(readFileSync(file, 'utf8')), root)));
if (run.status !== 0)
  console.log(`\nNote: some tests failed (Vitest exited with ${run.status}); the numbers cover the run as it went.`);
process.exit(run.status ?? 1);

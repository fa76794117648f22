/**
 * Fuzzes the project-file parser, the analysis and `deepwire inspect` with many seeded mutants of
 * the templates (issue 13) and prints the tried / handled / failed table. The standing test
 * (main/cli/fuzz.test.ts) runs a few hundred; this runs thousands.
 *
 *   npx tsx bench/fuzz.bench.ts [count=5000] [firstSeed=1] [compileEvery=25]
 */
import * as tf from '@tensorflow/tfjs';
import { compileGraph } from '../main/engine/compile';
import { runFuzz } from '../main/cli/test/fuzzRun';
import type { Graph } from '../shared/graph';

const [count = 5000, firstSeed = 1, compileEvery = 25] = process.argv.slice(2).map(Number);
await tf.setBackend('cpu');
const t0 = performance.now();
const r = await runFuzz({
  firstSeed,
  count,
  compileEvery,
  cliEvery: 20,
  compile: (graph) => void compileGraph(graph as Graph).model.dispose(),
});
const seconds = (performance.now() - t0) / 1000;
console.log(`fuzzed project files: seeds ${firstSeed}..${firstSeed + count - 1}, ${seconds.toFixed(1)} s`);
console.table({
  tried: r.tried,
  'handled: refused with a message (exit 2)': r.refused,
  'handled: graph errors named (exit 1)': r.invalid,
  'handled: valid (exit 0)': r.valid,
  'failed: uncaught exception': r.uncaught.length,
  'valid graphs compiled': r.compiled,
  'failed: valid but did not compile': r.compileFailures.length,
  'slowest mutant (ms)': Math.round(r.slowest.ms),
  'prototype polluted': r.prototypePolluted,
});
console.log('exit codes:', r.exitCodes);
for (const u of [...r.uncaught, ...r.compileFailures].slice(0, 10)) console.log(`seed ${u.seed}: ${u.error}`);

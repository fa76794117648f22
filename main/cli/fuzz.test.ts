import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../engine/compile';
import type { Graph } from '../../shared/graph';
import { runFuzz } from './test/fuzzRun';

// The standing fuzz check of issue 13: a few hundred seeded mutants of real templates through the
// project-file parser, the analysis and `deepwire inspect`. Many thousands: npx tsx bench/fuzz.bench.ts.

describe('fuzzed project files', () => {
  it('150 mutants: no uncaught exception, exit codes 0/1/2, no hang, no prototype pollution, valid graphs compile', async () => {
    await tf.setBackend('cpu');
    const report = await runFuzz({
      firstSeed: 1,
      count: 150,
      compileEvery: 4,
      cliEvery: 10,
      compile: (graph) => void compileGraph(graph as Graph).model.dispose(),
    });
    expect(report.uncaught).toEqual([]);
    expect(Object.keys(report.exitCodes).every((c) => ['0', '1', '2'].includes(c))).toBe(true);
    expect(report.slowest.ms).toBeLessThan(10_000); // a hang, not a speed check
    expect(report.prototypePolluted).toBe(false);
    expect(report.compileFailures).toEqual([]);
    // The mix must exercise every path, or the test proves little.
    expect(report.refused).toBeGreaterThan(10);
    expect(report.invalid).toBeGreaterThan(10);
    expect(report.valid).toBeGreaterThan(10);
    expect(report.compiled).toBeGreaterThan(2);
  });
});

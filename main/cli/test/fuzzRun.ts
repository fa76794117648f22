import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeGraph } from '../../../shared/graph';
import { parseProject } from '../../../shared/project';
import { mutate } from '../../../shared/project/test/projectMutants';
import { inspectJson, inspectText, runInspect } from '../inspect';

/** Small templates to mutate: every kind of graph (chain, branches, merges) at a size that compiles fast. */
export const FUZZ_BASES = [
  'perceptron',
  'xor-mlp',
  'mnist-mlp',
  'keras-sequential',
  'keras-functional',
  'lenet5',
  'inception-module',
  'batchnorm-example',
];

export interface FuzzOptions {
  firstSeed: number;
  count: number;
  /** Compile one in this many graphs called valid (compiling is the slow part). 0: never. */
  compileEvery: number;
  /** Run the `deepwire inspect` command itself on one in this many mutants (file on disk, exit code). */
  cliEvery: number;
  /** tfjs compile, passed in so that callers without tfjs loaded can skip it. */
  compile?: (graph: unknown) => void;
}

export interface FuzzReport {
  tried: number;
  /** Refused with a message (parse errors): exit 2. */
  refused: number;
  /** Parsed, with graph errors named: exit 1. */
  invalid: number;
  /** Parsed and valid: exit 0. */
  valid: number;
  /** Anything thrown out of parse/analysis/inspect, with the seed to reproduce it. */
  uncaught: { seed: number; error: string }[];
  exitCodes: Record<string, number>;
  slowest: { ms: number; seed: number };
  prototypePolluted: boolean;
  compiled: number;
  compileFailures: { seed: number; error: string }[];
}

const snapshot = () =>
  [Object.getOwnPropertyNames(Object.prototype).join(), Object.getOwnPropertyNames(Array.prototype).join()].join('|');

/** Parses, analyses and inspects `count` seeded mutants of the {@link FUZZ_BASES} templates. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const bases = await Promise.all(
    FUZZ_BASES.map((name) => readFile(new URL(`../../../templates/${name}.deepwire.json`, import.meta.url), 'utf8')),
  );
  const before = snapshot();
  const report: FuzzReport = {
    tried: 0,
    refused: 0,
    invalid: 0,
    valid: 0,
    uncaught: [],
    exitCodes: {},
    slowest: { ms: 0, seed: -1 },
    prototypePolluted: false,
    compiled: 0,
    compileFailures: [],
  };
  const dir = await mkdtemp(join(tmpdir(), 'deepwire-fuzz-'));
  const quiet = { log: console.log, error: console.error };
  /** Valid graphs small enough to compile quickly, seen so far. */
  let compileCandidates = 0;
  try {
    for (let seed = options.firstSeed; seed < options.firstSeed + options.count; seed++) {
      const text = mutate(bases[seed % bases.length], seed);
      report.tried++;
      const t0 = performance.now();
      let exit: number;
      let graph: unknown;
      try {
        const parsed = parseProject(text);
        if (!parsed.ok) {
          if (!parsed.errors.length || !parsed.errors.every((e) => typeof e.message === 'string' && e.message))
            throw new Error('refused without a message');
          report.refused++;
          exit = 2;
        } else {
          const analysis = analyzeGraph(parsed.project.graph);
          inspectText(parsed.project, analysis);
          JSON.stringify(inspectJson(parsed.project, analysis));
          exit = analysis.valid ? 0 : 1;
          if (analysis.valid) {
            report.valid++;
            graph = parsed.project.graph;
          } else report.invalid++;
        }
      } catch (error) {
        report.uncaught.push({ seed, error: String((error as Error).stack ?? error).slice(0, 500) });
        continue;
      }
      if (options.cliEvery > 0 && seed % options.cliEvery === 0) {
        const file = join(dir, `m${seed}.deepwire.json`);
        await writeFile(file, text);
        console.log = console.error = () => undefined;
        try {
          exit = await runInspect([file, '--json']);
        } catch (error) {
          report.uncaught.push({ seed, error: `deepwire inspect threw: ${String(error)}`.slice(0, 500) });
          continue;
        } finally {
          console.log = quiet.log;
          console.error = quiet.error;
        }
      }
      report.exitCodes[exit] = (report.exitCodes[exit] ?? 0) + 1;
      const ms = performance.now() - t0;
      if (ms > report.slowest.ms) report.slowest = { ms, seed };
      const nodes = (graph as { nodes?: unknown[] } | undefined)?.nodes?.length ?? 0;
      if (
        graph &&
        options.compile &&
        options.compileEvery > 0 &&
        nodes <= 300 &&
        compileCandidates++ % options.compileEvery === 0
      ) {
        try {
          options.compile(graph);
          report.compiled++;
        } catch (error) {
          report.compileFailures.push({ seed, error: String((error as Error).message ?? error).slice(0, 500) });
        }
      }
      if (snapshot() !== before || ({} as Record<string, unknown>).polluted !== undefined)
        report.prototypePolluted = true;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return report;
}

/**
 * One optimizer step (applyGradients) on a network's weights, Deepwire's fused updates against
 * TF.js's own optimizers (issue 12, item 2: "Adam/RMSprop updates with fewer kernels per
 * variable"), on wasm and cpu, for the weight shapes of MLP 784-128-10, LeNet-5 and
 * star-galaxy-small. Interleaved; prints medians and the ratio TF.js / fused.
 *
 * Run: npx tsx bench/optimizerStep.bench.ts   Env: DEEPWIRE_BENCH_RUNS (default 41). Never fails on time.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { initBackends } from '../main/engine/kernels/kernelTestHarness';
import { compileGraph } from '../main/engine/compile';
import { hasFusedUpdate } from '../main/engine/fusedOptimizers';
import { makeOptimizer } from '../main/engine/optimizers';
import type { OptimizerKind } from '../shared/training/options';

const root = resolve(import.meta.dirname, '..');
const graphOf = (name: string) =>
  JSON.parse(readFileSync(join(root, 'templates', `${name}.deepwire.json`), 'utf8')).graph;
const RUNS = Number(process.env.DEEPWIRE_BENCH_RUNS ?? 41);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const NETS = ['mnist-mlp', 'lenet5', 'star-galaxy-small'];
const KINDS: OptimizerKind[] = ['adam', 'rmsprop', 'momentum', 'sgd'];

await initBackends();
for (const backend of ['wasm', 'cpu']) {
  await tf.setBackend(backend);
  console.log(`\n${backend}: one applyGradients, median of ${RUNS} interleaved runs (ms)`);
  for (const template of NETS) {
    const model = compileGraph(graphOf(template), { seed: 1 }).model;
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const weights = vars.reduce((s, v) => s + v.size, 0);
    const grads = tf.tidy(() => Object.fromEntries(vars.map((v) => [v.name, tf.randomNormal(v.shape, 0, 0.01)])));
    const row: string[] = [];
    for (const kind of KINDS) {
      if (!hasFusedUpdate(kind)) {
        row.push(`${kind}: TF.js's own (no fused update on ${backend})`);
        continue;
      }
      const optimizers = {
        tfjs: makeOptimizer({ kind }, { fused: false }),
        fused: makeOptimizer({ kind }, { fused: true }),
      };
      const times: Record<string, number[]> = { tfjs: [], fused: [] };
      for (const o of Object.values(optimizers)) o.applyGradients(grads); // creates the state
      for (let r = 0; r < RUNS; r++) {
        for (const name of (r % 2 ? ['tfjs', 'fused'] : ['fused', 'tfjs']) as (keyof typeof optimizers)[]) {
          const t0 = performance.now();
          optimizers[name].applyGradients(grads);
          times[name].push(performance.now() - t0);
        }
      }
      const [t, f] = [median(times.tfjs), median(times.fused)];
      row.push(`${kind} ${t.toFixed(2)} → ${f.toFixed(2)} (×${(t / f).toFixed(1)})`);
      Object.values(optimizers).forEach((o) => o.dispose());
    }
    console.log(
      `  ${template.padEnd(18)} ${String(vars.length).padStart(2)} variables, ${weights.toLocaleString('en-US')} weights: ${row.join(' | ')}`,
    );
    tf.dispose(Object.values(grads));
    model.dispose();
  }
}

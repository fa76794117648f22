/**
 * Training step time of real templates on wasm (issue 12, item 2), with each of Deepwire's step
 * kernels against the backend's own, interleaved in one process: LeNet-5 and star-galaxy-small as
 * the trainer compiles them (setupRun), batch 32, optimizer.minimize + the loss read back, as
 * SingleStepper does. Prints the median step time per variant and the ratio, then one step's kernel
 * profile (calls and milliseconds per kernel, tf.profile) with Deepwire's kernels.
 *
 * Run: npx tsx bench/trainStep.bench.ts   Env: DEEPWIRE_BENCH_RUNS (rounds, default 7),
 * DEEPWIRE_BENCH_TEMPLATES (default lenet5,star-galaxy-small). Prints medians; never fails on time.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { selectBackend } from '../main/engine/backend';
import { builtinKernel } from '../main/engine/kernels/register';
import { makeOptimizer } from '../main/engine/optimizers';
import { objective, readValues } from '../main/engine/parallel/objective';
import { setupRun } from '../main/engine/train/setupRun';
import { parseProject } from '../shared/project';
import type { Loss } from '../shared/training/options';

const root = resolve(import.meta.dirname, '..');
const ROUNDS = Number(process.env.DEEPWIRE_BENCH_RUNS ?? 7);
const TEMPLATES = (process.env.DEEPWIRE_BENCH_TEMPLATES ?? 'lenet5,star-galaxy-small').split(',');
const STEPS_PER_SAMPLE = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A kernel of Deepwire's that the bench compares with the backend's own. */
const VARIANTS = ['Identity'] as const;

function useKernel(kernelName: string, config: tf.KernelConfig): void {
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel(config);
}

async function prepare(template: string) {
  const parsed = parseProject(readFileSync(join(root, 'templates', `${template}.deepwire.json`), 'utf8'));
  if (!parsed.ok) throw new Error(`${template}: not a valid project`);
  const project = parsed.project;
  const setup = await setupRun({ ...project, training: { ...project.training, dataset: undefined } } as never).catch(
    () => setupRun(project as never),
  );
  const model = setup.model;
  const optimizer = makeOptimizer(project.training!.optimizer as never);
  const vars = model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
  const inShape = model.inputs[0].shape.slice(1) as number[];
  const units = model.outputs[0].shape[1] as number;
  const x = tf.randomNormal([32, ...inShape]);
  const y = tf.oneHot(tf.randomUniform([32], 0, units, 'int32') as tf.Tensor1D, units).toFloat();
  const loss = (project.training?.loss ?? 'categoricalCrossentropy') as Loss;
  const step = () =>
    tf.tidy(() => {
      const parts: tf.Tensor[] = [];
      const cost = optimizer.minimize(() => objective(model, loss, {}, x, y, parts), true, vars)!;
      return readValues(cost, parts);
    });
  return { step };
}

async function main() {
  await selectBackend({ env: { DEEPWIRE_BACKEND: 'wasm' } });
  const ours = Object.fromEntries(VARIANTS.map((k) => [k, tf.getKernel(k, 'wasm')!]));
  const own = Object.fromEntries(VARIANTS.map((k) => [k, builtinKernel(k, 'wasm')!]));
  for (const template of TEMPLATES) {
    const { step } = await prepare(template);
    step();
    step();
    const modes = ['backend’s own', ...VARIANTS.map((k) => `Deepwire ${k}`)];
    const times = new Map<string, number[]>(modes.map((m) => [m, []]));
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 ? [...modes].reverse() : modes;
      for (const mode of order) {
        for (const k of VARIANTS) useKernel(k, mode === `Deepwire ${k}` ? ours[k] : own[k]);
        step();
        const t0 = performance.now();
        for (let i = 0; i < STEPS_PER_SAMPLE; i++) step();
        times.get(mode)!.push((performance.now() - t0) / STEPS_PER_SAMPLE);
      }
    }
    for (const k of VARIANTS) useKernel(k, ours[k]);
    const base = median(times.get(modes[0])!);
    console.log(`\n${template}: wasm training step, batch 32, median of ${ROUNDS} interleaved samples`);
    for (const mode of modes) {
      const m = median(times.get(mode)!);
      console.log(`  ${mode.padEnd(28)} ${m.toFixed(1).padStart(8)} ms   ×${(base / m).toFixed(2)} vs own`);
    }
    const profile = await tf.profile(() => {
      step();
    });
    const byKernel = new Map<string, { n: number; ms: number }>();
    for (const k of profile.kernels) {
      const e = byKernel.get(k.name) ?? { n: 0, ms: 0 };
      e.n++;
      e.ms += Number(k.kernelTimeMs) || 0;
      byKernel.set(k.name, e);
    }
    const total = [...byKernel.values()].reduce((s, e) => s + e.ms, 0);
    console.log(`  one step with Deepwire's kernels, by kernel (calls, ms, share of ${total.toFixed(0)} ms):`);
    for (const [name, e] of [...byKernel].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) {
      console.log(
        `    ${name.padEnd(22)} ${String(e.n).padStart(4)} ${e.ms.toFixed(1).padStart(8)} ${((100 * e.ms) / total).toFixed(0).padStart(3)} %`,
      );
    }
  }
}

await main();

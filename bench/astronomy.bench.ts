/**
 * Trains each astronomy template on its own built-in dataset (CPU-sized subsets) and prints the
 * learning-curve end points and the test accuracy or error. Prints numbers; never fails on them.
 *
 *   npx tsx bench/astronomy.bench.ts                 every astronomy template
 *   npx tsx bench/astronomy.bench.ts exoplanet ...   only these
 */
import { selectBackend } from '../main/engine/backend';
import { loadDataset } from '../main/engine/datasets';
import { loadTemplateProject, trainTemplate } from '../templates/test/trainTemplate';

/** Test MAE of always predicting the training targets' mean: what a regressor must beat. */
async function meanPredictorMae(id: string, size: number, params?: Record<string, number>): Promise<number> {
  const training = loadTemplateProject(id).training!;
  const ref = training.dataset as { builtin: string };
  const d = await loadDataset(ref.builtin, { seed: training.seed ?? 42, size, params });
  const t = d.targetNames?.length ?? 1;
  const mean = new Array<number>(t).fill(0);
  for (const i of d.splits.train) for (let k = 0; k < t; k++) mean[k] += d.y[i * t + k] / d.splits.train.length;
  let sum = 0;
  for (const i of d.splits.test) for (let k = 0; k < t; k++) sum += Math.abs(d.y[i * t + k] - mean[k]);
  return sum / (d.splits.test.length * t);
}

/** Dataset size and epochs per template: enough to see learning on 2 CPU cores, not the papers' budgets. */
const RUNS: { id: string; size: number; epochs: number; params?: Record<string, number> }[] = [
  { id: 'star-galaxy-small', size: 2000, epochs: 8 },
  // 11 M parameters and a minute of orthogonal initialisation: a short look only.
  { id: 'star-galaxy', size: 500, epochs: 2 },
  { id: 'galaxy-morphology', size: 2000, epochs: 5 },
  { id: 'strong-lens', size: 1000, epochs: 3 },
  { id: 'exoplanet', size: 2000, epochs: 30, params: { length: 180 } },
  { id: 'quasar-microlensing', size: 2000, epochs: 20 },
];

const fmt = (m?: Record<string, number>) =>
  m
    ? Object.entries(m)
        .map(([k, v]) => `${k} ${v.toFixed(3)}`)
        .join(', ')
    : '–';

const only = process.argv.slice(2);
const report = await selectBackend();
const backend = { backend: report.backend, device: report.device };
console.log(`backend: ${report.backend} (${report.device})`);
for (const run of RUNS.filter((r) => !only.length || only.includes(r.id))) {
  const r = await trainTemplate(run.id, { ...run, backend });
  console.log(`\n${run.id}: ${run.size} examples, ${run.epochs} epochs, ${r.seconds.toFixed(0)} s`);
  console.log(`  first epoch  train: ${fmt(r.first.train)} | validation: ${fmt(r.first.validation)}`);
  console.log(`  last epoch   train: ${fmt(r.last.train)} | validation: ${fmt(r.last.validation)}`);
  console.log(`  test         ${fmt(r.test)}`);
  if (r.test.mae !== undefined) {
    console.log(
      `  mean predictor's test mae ${(await meanPredictorMae(run.id, run.size, run.params)).toFixed(3)} (the model's: ${r.test.mae.toFixed(3)})`,
    );
  }
}

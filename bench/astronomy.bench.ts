/**
 * Trains each astronomy template on its own built-in dataset (CPU-sized subsets) and prints the
 * learning-curve end points and the test accuracy or error. Prints numbers; never fails on them.
 *
 *   npx tsx bench/astronomy.bench.ts                 every astronomy template
 *   npx tsx bench/astronomy.bench.ts exoplanet ...   only these
 */
import { selectBackend } from '../main/engine/backend';
import { trainTemplate } from '../templates/test/trainTemplate';

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
}

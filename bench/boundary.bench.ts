/**
 * The decision boundary's cost per epoch (issue 14, section 2.2): for the xor-mlp and perceptron
 * templates and a wider 16-8 MLP, the median time of one boundary (one batched predict over the
 * 64 × 64 grid, the neuron maps and the bytes) against the median time of one training epoch of
 * the same run, and their ratio. The boundary is throttled to one per 100 ms, so on epochs faster
 * than that its share is capped near (boundary ms / 200 ms).
 *
 * Run: npx tsx bench/boundary.bench.ts   Env: DEEPWIRE_BACKEND (default wasm), DEEPWIRE_BENCH_RUNS (default 30).
 * Prints medians; never fails on time.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { selectBackend } from '../main/engine/backend';
import { BoundaryView, type BoundaryProbe } from '../main/engine/train/boundary';
import { setupRun, type RunProject } from '../main/engine/train/setupRun';
import { TrainingSession } from '../main/engine/train/trainingSession';
import type { TrainerEvent } from '../shared/protocol/trainer';

const root = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.DEEPWIRE_BENCH_RUNS ?? 30);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const template = (file: string): RunProject => JSON.parse(readFileSync(resolve(root, 'templates', file), 'utf8'));
const wider = (): RunProject => {
  const p = template('xor-mlp.deepwire.json');
  const nodes = p.graph.nodes.map((n) =>
    n.kind === 'Dense' && n.params.units === 8 ? { ...n, params: { ...n.params, units: 16 } } : n,
  );
  return { ...p, graph: { ...p.graph, nodes } };
};

async function measure(name: string, project: RunProject) {
  const epochs = 8;
  const setup = await setupRun(project, { epochs });
  const epochSeconds: number[] = [];
  const session = new TrainingSession(setup, project.graph, {
    runId: 'bench',
    backend: { backend: 'bench', device: '' },
    emit: (e: TrainerEvent) => {
      if (e.type === 'epoch') epochSeconds.push(e.seconds);
    },
  });
  await session.run();
  const probe = (session as unknown as { boundaryProbe: BoundaryProbe }).boundaryProbe;
  const view = await BoundaryView.create(probe, (session as unknown as { data: never }).data, setup.targetScaler);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const event = view.compute('bench', i);
    times.push(performance.now() - t0);
    bytes = event.output.data.length + event.neurons.reduce((s, n) => s + n.data.length, 0);
  }
  const b = median(times);
  const e = median(epochSeconds) * 1000;
  console.log(
    `${name.padEnd(22)} boundary ${b.toFixed(1).padStart(6)} ms   epoch ${e.toFixed(1).padStart(7)} ms   ` +
      `boundary/epoch ${(b / e).toFixed(3)}   bytes ${bytes}`,
  );
  view.dispose();
  session.dispose();
}

const backend = await selectBackend({ env: { DEEPWIRE_BACKEND: process.env.DEEPWIRE_BACKEND ?? 'wasm' } });
console.log(`backend ${backend.backend}, medians of ${RUNS} boundaries and 8 epochs`);
await measure('xor-mlp (8 tanh)', template('xor-mlp.deepwire.json'));
await measure('perceptron', template('perceptron.deepwire.json'));
await measure('xor 16 tanh', wider());

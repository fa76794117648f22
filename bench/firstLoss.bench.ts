/**
 * Train to first loss (issue 12, item 3: target under 2 s for LeNet-5 and star-galaxy-small),
 * through the real trainer process as `deepwire train` and the host start it: fork (tsx), backend,
 * dataset, model, first batch. For each template, interleaved: a cold start (an empty dataset cache,
 * so the set is generated as before the cache existed) and a warm one (the set read back from the
 * disk cache). Prints, per template and mode, the median time from fork to `ready`, to `started`
 * (dataset and model ready) and to the first batch's loss, and the warm/cold ratios; "bundled" is
 * the warm start of the esbuild bundle (dist/main/trainer.cjs, what `deepwire train` forks when it
 * is up to date) instead of the TypeScript source through tsx. Then the
 * dataset step alone, in this process: wall and CPU seconds to generate each template's set versus
 * to read it from the cache (CPU time moves less than wall time on a loaded machine).
 *
 * Run: npx tsx bench/firstLoss.bench.ts   Env: DEEPWIRE_BENCH_RUNS (default 5), DEEPWIRE_BACKEND (default wasm),
 * DEEPWIRE_BENCH_TEMPLATES (comma-separated, default lenet5,star-galaxy-small). Prints medians; never fails on time.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startTrainer, TRAINER_ENTRY } from '../main/host/trainerProcess';
import { trainerEntry } from '../main/host/trainerEntry';
import { forkTrainerLauncher } from '../main/host/trainerLauncher';
import { loadDataset } from '../main/engine/datasets';
import { parseProject } from '../shared/project';

const root = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.DEEPWIRE_BENCH_RUNS ?? 5);
const BACKEND = process.env.DEEPWIRE_BACKEND ?? 'wasm';
const TEMPLATES = (process.env.DEEPWIRE_BENCH_TEMPLATES ?? 'lenet5,star-galaxy-small').split(',');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Times {
  ready: number;
  started: number;
  firstLoss: number;
}

/** One run of `template` until its first batch, with the dataset cache in `cacheDir`. */
async function firstLoss(template: string, cacheDir: string, runsDir: string, entry = TRAINER_ENTRY): Promise<Times> {
  const text = readFileSync(join(root, 'templates', `${template}.deepwire.json`), 'utf8');
  const parsed = parseProject(text);
  if (!parsed.ok) throw new Error(`${template}: not a valid project`);
  const { project } = parsed;
  const runId = `bench-${template}-${Date.now()}`;
  const t0 = performance.now();
  const times: Partial<Times> = {};
  const trainer = startTrainer({
    start: { type: 'start', runId, project, runDir: join(runsDir, runId), epochs: 1, backend: BACKEND },
    launcher: forkTrainerLauncher(entry, { env: { ...process.env, DEEPWIRE_CACHE_DIR: cacheDir } }),
    onEvent: (event) => {
      const t = (performance.now() - t0) / 1000;
      if (event.type === 'ready') times.ready ??= t;
      if (event.type === 'started') times.started ??= t;
      if (event.type === 'batch' && times.firstLoss === undefined) {
        times.firstLoss = t;
        trainer.kill();
      }
      if (event.type === 'failed' && times.firstLoss === undefined) console.error(`${template}: ${event.message}`);
    },
  });
  await trainer.exited;
  if (times.firstLoss === undefined) throw new Error(`${template}: no batch before the trainer ended`);
  return times as Times;
}

/** The bundled trainer `deepwire train` forks when dist/main is up to date (npm run build:main), if it is. */
const bundled = trainerEntry(root);
const BUNDLE = bundled === TRAINER_ENTRY ? undefined : bundled;
if (!BUNDLE)
  console.log(
    '(dist/main/trainer.cjs is missing or older than the sources: run npm run build:main to time the bundled trainer too)',
  );

const work = mkdtempSync(join(tmpdir(), 'dw-first-loss-'));
try {
  const warmDir = join(work, 'warm-cache');
  const results = new Map<string, Times[]>();
  const record = (k: string, t: Times) => results.set(k, [...(results.get(k) ?? []), t]);
  // Fill the warm cache once (not timed).
  for (const template of TEMPLATES) await firstLoss(template, warmDir, join(work, 'runs'));
  for (let i = 0; i < RUNS; i++) {
    for (const template of TEMPLATES) {
      const coldDir = join(work, `cold-${i}-${template}`);
      const modes: [string, string, string][] = [
        ['cold', coldDir, TRAINER_ENTRY],
        ['warm', warmDir, TRAINER_ENTRY],
        ...(BUNDLE ? [['bundled', warmDir, BUNDLE] as [string, string, string]] : []),
      ];
      if (i % 2) modes.reverse();
      for (const [mode, dir, entry] of modes)
        record(`${template}/${mode}`, await firstLoss(template, dir, join(work, 'runs'), entry));
      rmSync(coldDir, { recursive: true, force: true });
    }
  }
  console.log(`backend ${BACKEND}, ${RUNS} interleaved runs each, medians in seconds from fork:`);
  console.log('template            mode     ready  started  first loss');
  for (const template of TEMPLATES) {
    const m: Record<string, Times> = {};
    for (const mode of ['cold', 'warm', ...(BUNDLE ? ['bundled'] : [])]) {
      const runs = results.get(`${template}/${mode}`) ?? [];
      m[mode] = {
        ready: median(runs.map((r) => r.ready)),
        started: median(runs.map((r) => r.started)),
        firstLoss: median(runs.map((r) => r.firstLoss)),
      };
      const r = m[mode];
      console.log(
        `${template.padEnd(19)} ${mode.padEnd(7)} ${r.ready.toFixed(2).padStart(6)} ${r.started.toFixed(2).padStart(8)} ${r.firstLoss.toFixed(2).padStart(11)}`,
      );
    }
    console.log(`${''.padEnd(19)} warm/cold first loss ×${(m.warm.firstLoss / m.cold.firstLoss).toFixed(2)}`);
  }
  console.log('\ndataset step alone (medians, seconds):     wall gen  wall cache   cpu gen  cpu cache   ratio (cpu)');
  for (const template of TEMPLATES) {
    const parsed = parseProject(readFileSync(join(root, 'templates', `${template}.deepwire.json`), 'utf8'));
    const ref = parsed.ok ? parsed.project.training?.dataset : undefined;
    if (!ref || !('builtin' in ref)) continue;
    const id = String(ref.builtin);
    const seed = parsed.ok ? (parsed.project.training?.seed ?? 42) : 42;
    const size = (ref.options as { size?: number } | undefined)?.size;
    const cacheDir = join(work, 'inproc');
    const timed = async (dir: string | undefined) => {
      const wall = performance.now();
      const cpu = process.cpuUsage();
      const d = await loadDataset(id, { seed, ...(size ? { size } : {}), cacheDir: dir });
      const used = process.cpuUsage(cpu);
      return { wall: (performance.now() - wall) / 1000, cpu: (used.user + used.system) / 1e6, source: d.source };
    };
    await timed(cacheDir); // fill
    const gen: { wall: number; cpu: number }[] = [];
    const hit: { wall: number; cpu: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      gen.push(await timed(undefined));
      const h = await timed(cacheDir);
      if (h.source !== 'cache') throw new Error(`${id}: expected a cache hit`);
      hit.push(h);
    }
    const [wg, wc, cg, cc] = [gen, hit, gen, hit].map((xs, i) => median(xs.map((x) => (i < 2 ? x.wall : x.cpu))));
    console.log(
      `${`${template} (${id})`.padEnd(40)} ${wg.toFixed(3).padStart(9)} ${wc.toFixed(3).padStart(11)} ${cg.toFixed(3).padStart(9)} ${cc.toFixed(3).padStart(10)}   ×${(cc / cg).toFixed(3)}`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

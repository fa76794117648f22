import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newProject, type Project } from '../../../shared/project';
import type { TrainerEvent } from '../../../shared/protocol/trainer';
import { Host, type HostCatalog, type HostOptions } from '../host';
import { fileRunStore } from '../runStore';
import { forkTrainerLauncher, type TrainerLauncher } from '../trainerLauncher';

/** The fake trainer script (see fakeTrainer.ts for its modes). */
export const FAKE_TRAINER = fileURLToPath(new URL('./fakeTrainer.ts', import.meta.url));

/** A catalog with canned answers: host tests are about calls, runs and events, not the engine. */
export const fakeCatalog: HostCatalog = {
  listTemplates: async () => [{ id: 'tiny.deepwire.json', ok: true, title: 'Tiny' }],
  loadTemplate: async (id) => ({ path: `/templates/${id}`, text: '{}' }),
  listDatasets: async () => [],
  previewDataset: async (id) => {
    throw Object.assign(new Error(`There is no built-in dataset called "${id}".`), {
      code: 'unknown-dataset',
      hint: 'Pick one from the list.',
    });
  },
  // Says which path the host resolved, so tests can check where data is looked for.
  describeData: async (path, dataset) => ({
    kind: 'table',
    description: {
      format: 'csv',
      path,
      bytes: 0,
      examples: 0,
      inputShape: [1],
      task: 'classification',
      target: dataset.target,
      problems: [],
    },
  }),
  backendInfo: async () => ({ backend: 'cpu', device: 'CPU', tried: [] }),
};

export function project(name = 'Tiny'): Project {
  return newProject(name);
}

/**
 * A host over a temporary runs folder and the fake trainer in `mode`, with `options` (e.g.
 * maxTrainers) over the defaults. Call `dispose` after.
 */
export async function makeHost(
  mode: 'complete' | 'hang' | 'stuck' | 'crash' | 'early' = 'complete',
  launcher?: TrainerLauncher,
  options: Partial<Pick<HostOptions, 'maxTrainers'>> = {},
) {
  const root = await mkdtemp(join(tmpdir(), 'deepwire-host-'));
  const runs = fileRunStore(root);
  const base = launcher ?? forkTrainerLauncher(FAKE_TRAINER, { env: { ...process.env, FAKE_TRAINER: mode } });
  /** Pids of the trainers started, in order (to kill one from outside). */
  const pids: (number | undefined)[] = [];
  const host = new Host({
    catalog: fakeCatalog,
    runs,
    launchTrainer: (run) => {
      const handle = base(run);
      pids.push(handle.pid);
      return handle;
    },
    shutdownGraceMs: 500,
    ...options,
  });
  const events: TrainerEvent[] = [];
  host.subscribe((e) => events.push(e));
  return {
    host,
    runs,
    events,
    pids,
    async dispose() {
      await host.shutdown();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Resolves when `events` holds an event matching `match` (polls; tests have a timeout). */
export async function waitFor(
  events: TrainerEvent[],
  match: (e: TrainerEvent) => boolean,
  timeoutMs = 30_000,
): Promise<TrainerEvent> {
  const t0 = Date.now();
  for (;;) {
    const found = events.find(match);
    if (found) return found;
    if (Date.now() - t0 > timeoutMs)
      throw new Error(`no matching event in ${timeoutMs} ms; got ${events.map((e) => e.type).join(', ')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Lists 10,000 runs through the real run store (issue 13, item 7: "an index or cache so listing
 * 10,000 runs stays fast"). Generates run folders with a small summary and project file in a temp
 * folder, then times, with medians: a cold listing without the persistent index (a fresh store,
 * every summary read and parsed; it writes the index), a cold listing with the index (a fresh store,
 * as a new host or `deepwire runs` sees it) and a warm one (the same store again: its in-memory cache).
 *
 *   npx tsx bench/runList.bench.ts [runs=10000] [repeats=5]
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newProject } from '../shared/project';
import type { RunSummary } from '../shared/protocol/client';
import { mapLimit } from '../main/host/runListing';
import { fileRunStore } from '../main/host/runStore';
import { RUNS_INDEX_FILE } from '../main/host/runsIndex';

const [runs = 10_000, repeats = 5] = process.argv.slice(2).map(Number);
const root = await mkdtemp(join(tmpdir(), 'deepwire-runlist-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  const t0 = performance.now();
  // Ten projects, so a listing also filters (the runs list asks for one project's runs).
  const projects = Array.from({ length: 10 }, (_, i) => newProject(`Project ${i}`));
  await mapLimit(
    Array.from({ length: runs }, (_, i) => i),
    32,
    async (i) => {
      const project = projects[i % projects.length];
      const created = new Date(Date.UTC(2026, 0, 1) + i * 60_000);
      const runId = `${created.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-bench-${i.toString(16).padStart(6, '0')}`;
      const summary: RunSummary = {
        runId,
        projectName: project.name,
        ...(project.id ? { projectId: project.id } : {}),
        createdAt: created.toISOString(),
        status: 'completed',
        epochsCompleted: 3,
      };
      await mkdir(join(root, runId));
      await writeFile(join(root, runId, 'summary.json'), JSON.stringify(summary));
      await writeFile(join(root, runId, 'project.deepwire.json'), JSON.stringify(project));
    },
  );
  console.log(`generated ${runs} run folders in ${((performance.now() - t0) / 1000).toFixed(1)} s (${root})`);

  const cold: number[] = [];
  const indexed: number[] = [];
  const warm: number[] = [];
  let listed = 0;
  const time = async (into: number[], list: () => Promise<unknown[]>) => {
    const t = performance.now();
    listed = (await list()).length;
    into.push(performance.now() - t);
  };
  for (let r = 0; r < repeats; r++) {
    await rm(join(root, RUNS_INDEX_FILE), { force: true });
    await time(cold, () => fileRunStore(root).list('Project 3')); // a fresh store has an empty cache
    const store = fileRunStore(root);
    await time(indexed, () => store.list('Project 3'));
    await time(warm, () => store.list('Project 3'));
  }
  if (listed !== runs / projects.length) throw new Error(`listed ${listed} runs of Project 3, expected ${runs / 10}`);
  const row = (xs: number[]) => ({ 'median ms': Math.round(median(xs)), runs, repeats });
  console.table({
    'cold, no index (writes it)': row(cold),
    'cold, with the runs index': row(indexed),
    'warm (in-memory cache)': row(warm),
  });
  console.log(`each listing returned ${listed} runs of one project`);
} finally {
  await rm(root, { recursive: true, force: true });
}

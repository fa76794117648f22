import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { RunDetail, RunSummary } from '../../shared/protocol/client';
import type { TrainerEvent } from '../../shared/protocol/trainer';
import type { Project } from '../../shared/project';
import { writeFileAtomic } from '../engine/files/atomicWrite';
import { HostError } from './hostError';

/**
 * What the host needs from the runs folder. Each run is a folder `<root>/<runId>/` holding
 * `project.deepwire.json` (the project as trained), `summary.json` and `metrics.jsonl`; the trainer
 * appends to the last two while it trains, the host creates the folder and records crashes.
 */
export interface RunStore {
  readonly root: string;
  /** A new run folder; `continues` records the run it continues from (shown in the runs list). */
  create(project: Project, options?: { continues?: string }): Promise<{ runId: string; runDir: string }>;
  dirOf(runId: string): string;
  /** A project's runs, newest first: see EngineClient.listRuns for how they are matched. */
  list(projectName: string, projectId?: string): Promise<RunSummary[]>;
  get(runId: string): Promise<RunDetail>;
  /** Records that a run ended without the trainer saying so (crash, killed, app closed). */
  markFailed(runId: string, failure: NonNullable<RunSummary['failure']>): Promise<void>;
  /** Records that a run the host had to end (a stuck trainer killed on a second Stop) was stopped. */
  markStopped(runId: string, end: Pick<RunSummary, 'epochsCompleted' | 'final'>): Promise<void>;
}

/** `DEEPWIRE_RUNS_DIR`, else `~/.deepwire/runs`. */
export function defaultRunsRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.DEEPWIRE_RUNS_DIR?.trim() || join(homedir(), '.deepwire', 'runs');
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'project'
  );
}

/** A sortable, unique, filesystem-safe run id: `20250101-120000-tiny-cnn-a1b2c3`. */
export function newRunId(projectName: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${slug(projectName)}-${randomBytes(3).toString('hex')}`;
}

/**
 * Whether a run is one of the project's: by id when the project has one (a run recorded before
 * projects had ids, with none of its own, matches by name), else by name.
 */
export function belongsTo(run: RunSummary, projectName: string, projectId?: string): boolean {
  if (!projectId) return run.projectName === projectName;
  return run.projectId ? run.projectId === projectId : run.projectName === projectName;
}

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  return writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** The runs folder on disk. */
export function fileRunStore(root: string): RunStore {
  const dirOf = (runId: string) => join(root, runId);
  return {
    root,
    dirOf,
    async create(project, options = {}) {
      const runId = newRunId(project.name);
      const runDir = dirOf(runId);
      await mkdir(runDir, { recursive: true });
      await writeJsonAtomic(join(runDir, 'project.deepwire.json'), project);
      const summary: RunSummary = {
        runId,
        projectName: project.name,
        ...(project.id ? { projectId: project.id } : {}),
        createdAt: new Date().toISOString(),
        status: 'running',
        epochsCompleted: 0,
        ...(options.continues ? { continues: options.continues } : {}),
      };
      await writeJsonAtomic(join(runDir, 'summary.json'), summary);
      return { runId, runDir };
    },
    async list(projectName, projectId) {
      let names: string[];
      try {
        names = await readdir(root);
      } catch {
        return [];
      }
      const summaries = await Promise.all(names.map((n) => readJson<RunSummary>(join(root, n, 'summary.json'))));
      return summaries
        .filter((s): s is RunSummary => !!s && belongsTo(s, projectName, projectId))
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    },
    async get(runId) {
      const dir = dirOf(runId);
      const summary = await readJson<RunSummary>(join(dir, 'summary.json'));
      const project = await readJson<Project>(join(dir, 'project.deepwire.json'));
      if (!summary || !project) {
        throw new HostError(
          'not-found',
          `There is no run "${runId}" in ${root}.`,
          'It may have been deleted, or Deepwire is using another runs folder (DEEPWIRE_RUNS_DIR).',
        );
      }
      let history: TrainerEvent[] = [];
      try {
        const text = await readFile(join(dir, 'metrics.jsonl'), 'utf8');
        history = text
          .split('\n')
          .filter((line) => line.trim())
          .flatMap((line) => {
            try {
              return [JSON.parse(line) as TrainerEvent];
            } catch {
              return []; // a line cut short by a crash
            }
          });
      } catch {
        // no metrics yet
      }
      return { summary, project, history };
    },
    async markFailed(runId, failure) {
      const path = join(dirOf(runId), 'summary.json');
      const summary = await readJson<RunSummary>(path);
      if (!summary || summary.status !== 'running') return;
      await writeJsonAtomic(path, { ...summary, status: 'failed', failure });
    },
    async markStopped(runId, end) {
      const path = join(dirOf(runId), 'summary.json');
      const summary = await readJson<RunSummary>(path);
      if (!summary || summary.status !== 'running') return;
      await writeJsonAtomic(path, { ...summary, status: 'stopped', ...end });
    },
  };
}

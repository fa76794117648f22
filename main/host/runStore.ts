import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { RunDetail, RunSummary } from '../../shared/protocol/client';
import type { TrainerEvent } from '../../shared/protocol/trainer';
import type { Project } from '../../shared/project';
import { writeFileAtomic } from '../engine/files/atomicWrite';
import { BOUNDARY_FILE, boundaryFromJson } from '../engine/runs/savedBoundary';
import { HostError } from './hostError';
import {
  brokenRun,
  INTERRUPTED,
  isSummary,
  LIST_CONCURRENCY,
  mapLimit,
  OWNER_FILE,
  ownerMayBeAlive,
  ownerRecord,
  readJsonFile,
} from './runListing';
import { loadRunsIndex, saveRunsIndex, type CachedSummary } from './runsIndex';
import { runsFolderError } from './runsFolderError';
import { runSettings } from '../../shared/training/runSettings';

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
  /**
   * Records which process trains the run (its trainer, once started): while the run says `running`,
   * that process must be alive, else the run was interrupted.
   */
  setOwner(runId: string, pid: number | undefined): Promise<void>;
  /** Marks every `running` run whose process is gone as failed ("interrupted"); returns their ids. */
  recoverInterrupted(): Promise<string[]>;
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

/** Whether a broken run's id (which carries the project name's slug) names this project. */
function idNamesProject(runId: string, projectName: string): boolean {
  return runId.includes(`-${slug(projectName)}-`);
}

/**
 * Whether a run is one of the project's: by id when the project has one (a run recorded before
 * projects had ids, with none of its own, matches by name), else by name.
 */
export function belongsTo(run: RunSummary, projectName: string, projectId?: string): boolean {
  if (run.failure?.code === 'broken' && !run.projectName && !run.projectId)
    return idNamesProject(run.runId, projectName);
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
  /** Summaries of runs that have ended, by run id, with the file's mtime and size when read. */
  const cache = new Map<string, CachedSummary>();
  /** The persistent index (runsIndex.ts) read into `cache`, once, before the first listing. */
  let indexLoaded: Promise<void> | undefined;
  /** Whether `cache` has changed since the index was last read or written. */
  let indexDirty = false;

  /** One run folder as the runs list shows it: its summary, broken, or interrupted; null if not a run. */
  async function readRun(name: string): Promise<RunSummary | null> {
    const dir = dirOf(name);
    const summaryPath = join(dir, 'summary.json');
    const info = await stat(summaryPath).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error) {
      if (info.code !== 'ENOENT') return brokenRun(dir, name, info.message);
      const isDir = await stat(dir)
        .then((d) => d.isDirectory())
        .catch(() => false);
      return isDir ? brokenRun(dir, name, 'it has no summary.json') : null; // a stray file: not a run
    }
    const cached = cache.get(name);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.summary;
    const read = await readJsonFile(summaryPath);
    if (!read.ok) return brokenRun(dir, name, read.reason);
    if (!isSummary(read.value)) return brokenRun(dir, name, 'its summary.json lacks the fields of a run');
    let summary = read.value;
    if (summary.status === 'running') {
      summary = (await interruptIfOrphaned(name, summary)) ?? summary;
    } else {
      cache.set(name, { mtimeMs: info.mtimeMs, size: info.size, summary });
      indexDirty = true;
    }
    return summary;
  }

  /** A `running` run whose owner is gone becomes failed; returns the new summary, or null if alive. */
  async function interruptIfOrphaned(runId: string, summary: RunSummary): Promise<RunSummary | null> {
    const owner = await readJsonFile(join(dirOf(runId), OWNER_FILE));
    // Runs from before owner files, or made by scripts without a host: nothing to check against.
    if (!owner.ok || ownerMayBeAlive(owner.value)) return null;
    const failed: RunSummary = { ...summary, status: 'failed', failure: INTERRUPTED };
    // Best effort: on a full or read-only disk the list still shows it as interrupted.
    await writeJsonAtomic(join(dirOf(runId), 'summary.json'), failed).catch(() => undefined);
    return failed;
  }

  /** Every run folder's name; a missing folder has none, an unreadable one is an error that says so. */
  async function runNames(): Promise<string[]> {
    try {
      return (await readdir(root)).filter((n) => !n.startsWith('.'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw runsFolderError(root, error);
    }
  }

  return {
    root,
    dirOf,
    async create(project, options = {}) {
      const runId = newRunId(project.name);
      const runDir = dirOf(runId);
      try {
        // Not one recursive mkdir: on a read-only disk that reports ENOENT instead of EROFS.
        await mkdir(root, { recursive: true });
        await mkdir(runDir);
        await writeJsonAtomic(join(runDir, OWNER_FILE), ownerRecord());
        await writeJsonAtomic(join(runDir, 'project.deepwire.json'), project);
        const summary: RunSummary = {
          runId,
          projectName: project.name,
          ...(project.id ? { projectId: project.id } : {}),
          createdAt: new Date().toISOString(),
          status: 'running',
          epochsCompleted: 0,
          ...(options.continues ? { continues: options.continues } : {}),
          settings: runSettings(project),
        };
        await writeJsonAtomic(join(runDir, 'summary.json'), summary);
      } catch (error) {
        // Leave no empty or half-made run folder behind (issue 13, item 11).
        await rm(runDir, { recursive: true, force: true }).catch(() => undefined);
        throw runsFolderError(root, error);
      }
      return { runId, runDir };
    },
    async list(projectName, projectId) {
      indexLoaded ??= loadRunsIndex(root).then((indexed) => {
        for (const [name, entry] of indexed) if (!cache.has(name)) cache.set(name, entry);
      });
      await indexLoaded;
      const names = await runNames();
      const summaries = await mapLimit(names, LIST_CONCURRENCY, readRun);
      const present = new Set(names);
      for (const name of cache.keys()) {
        if (present.has(name)) continue;
        cache.delete(name); // a deleted run folder
        indexDirty = true;
      }
      if (indexDirty) {
        indexDirty = false;
        // Best effort: a read-only or full runs folder lists as before, only without the index.
        await saveRunsIndex(root, cache).catch(() => undefined);
      }
      return summaries
        .filter((s): s is RunSummary => !!s && belongsTo(s, projectName, projectId))
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    },
    async recoverInterrupted() {
      const summaries = await mapLimit(await runNames(), LIST_CONCURRENCY, async (name) => {
        const read = await readJsonFile(join(dirOf(name), 'summary.json'));
        if (!read.ok || !isSummary(read.value) || read.value.status !== 'running') return null;
        return (await interruptIfOrphaned(name, read.value)) ? name : null;
      });
      return summaries.filter((n): n is string => n !== null);
    },
    async setOwner(runId, pid) {
      if (pid === undefined) return;
      await writeJsonAtomic(join(dirOf(runId), OWNER_FILE), ownerRecord(pid));
    },
    async get(runId) {
      const dir = dirOf(runId);
      let summary = await readJson<RunSummary>(join(dir, 'summary.json'));
      if (summary?.status === 'running') summary = (await interruptIfOrphaned(runId, summary)) ?? summary;
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
      // A network on two inputs: the decision boundary it ended with, after the curves.
      const boundary = boundaryFromJson(await readJson<unknown>(join(dir, BOUNDARY_FILE)));
      if (boundary) history.push(boundary);
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

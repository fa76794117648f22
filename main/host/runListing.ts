import { hostname } from 'node:os';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunSummary } from '../../shared/protocol/client';

/*
 * Reading the runs folder robustly (issue 13, items 6 and 7). Listing used to open every run's
 * summary at once: with 2,000 runs under `ulimit -n 1024` half of them failed with EMFILE and were
 * silently dropped. Now reads run with bounded concurrency (and retry on EMFILE), a run that cannot
 * be read is listed as broken with the reason, and a `running` run whose process is gone becomes
 * failed ("interrupted") instead of running for ever.
 */

/** Files the host keeps in a run folder beside the trainer's. */
export const OWNER_FILE = 'owner.json';

/** Reads at a time: far below any file limit, enough to keep a disk busy. */
export const LIST_CONCURRENCY = 16;

/** Who trains a run: the process that must be alive while its status is `running`. */
export interface RunOwner {
  pid: number;
  hostname: string;
}

/** The owner record for a process on this machine (the host at creation, then its trainer). */
export function ownerRecord(pid: number = process.pid): RunOwner {
  return { pid, hostname: hostname() };
}

/** Whether `owner` may still be training: false only when it is surely gone (same machine, no such pid). */
export function ownerMayBeAlive(owner: unknown): boolean {
  if (!owner || typeof owner !== 'object') return false;
  const { pid, hostname: host } = owner as Partial<RunOwner>;
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return false;
  // A runs folder shared between machines: another machine's process cannot be checked from here.
  if (host !== hostname()) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}

/** The failure recorded for a run whose process went away while it trained. */
export const INTERRUPTED: NonNullable<RunSummary['failure']> = {
  code: 'interrupted',
  message: 'Interrupted: Deepwire stopped while this run was training (it was closed, crashed or killed).',
  hint: 'The weights of the last saved epoch are kept in the run folder: press Continue to train on from them.',
};

/** Runs `fn` over `items` with at most `limit` at a time; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** readFile that waits and retries while the process is out of file descriptors. */
export async function readFileRetrying(path: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'EMFILE' && code !== 'ENFILE') || attempt >= 20) throw error;
      await sleep(5 * (attempt + 1));
    }
  }
}

/** A file's JSON, or why it could not be had. */
export async function readJsonFile(
  path: string,
): Promise<{ ok: true; value: unknown } | { ok: false; reason: string }> {
  let text: string;
  try {
    text = await readFileRetrying(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'it has no summary.json' : (error as Error).message };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return {
      ok: false,
      reason: text.trim() ? 'its summary.json is damaged (not valid JSON)' : 'its summary.json is empty',
    };
  }
}

const STATUSES = new Set(['running', 'completed', 'stopped', 'failed']);

/** Whether a parsed summary has the fields the runs list relies on. */
export function isSummary(value: unknown): value is RunSummary {
  if (!value || typeof value !== 'object') return false;
  const s = value as Record<string, unknown>;
  return (
    typeof s.runId === 'string' &&
    typeof s.projectName === 'string' &&
    typeof s.createdAt === 'string' &&
    typeof s.status === 'string' &&
    STATUSES.has(s.status) &&
    typeof s.epochsCompleted === 'number'
  );
}

/** `20250101-120000-tiny-cnn-a1b2c3` → its creation time, for a broken run with no summary. */
function createdFromId(runId: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-/.exec(runId);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z` : undefined;
}

/**
 * The entry for a run folder whose summary cannot be used: listed as failed, with the reason, so it
 * is not silently missing. Its project comes from the run's project file when that one is readable.
 */
export async function brokenRun(dir: string, runId: string, reason: string): Promise<RunSummary> {
  const project = await readJsonFile(join(dir, 'project.deepwire.json'));
  const p =
    project.ok && project.value && typeof project.value === 'object' ? (project.value as Record<string, unknown>) : {};
  const createdAt =
    createdFromId(runId) ??
    (await stat(dir)
      .then((s) => s.mtime.toISOString())
      .catch(() => new Date(0).toISOString()));
  return {
    runId,
    projectName: typeof p.name === 'string' ? p.name : '',
    ...(typeof p.id === 'string' ? { projectId: p.id } : {}),
    createdAt,
    status: 'failed',
    epochsCompleted: 0,
    failure: {
      code: 'broken',
      message: `This run's folder could not be read: ${reason}.`,
      hint: `Its files may be damaged. Look in ${dir}; delete the folder if you do not need it.`,
    },
  };
}

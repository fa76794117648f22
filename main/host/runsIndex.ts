import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunSummary } from '../../shared/protocol/client';
import { writeFileAtomic } from '../engine/files/atomicWrite';
import { isSummary } from './runListing';

/*
 * A persistent index of ended runs' summaries (issue 13, item 7: "an index or cache so listing
 * 10,000 runs stays fast"). bench/runList.bench.ts measured a cold listing of 10,000 runs at about
 * 2.2 s (every summary.json opened, read and parsed) against 0.3 s warm (a stat per run against
 * the in-memory cache); a new host, `deepwire runs` or a restarted app always listed cold. The
 * index is that in-memory cache kept on disk. It is only ever a hint: each entry carries its
 * summary.json's mtime and size and is used only while the file still has them (runStore checks
 * with the stat it does anyway), so a stale, foreign or damaged index costs a re-read, never a
 * wrong list. Written atomically; a folder that cannot be written simply has no index.
 */

/** In the runs folder; the leading dot keeps it out of the run names (and out of the runs list). */
export const RUNS_INDEX_FILE = '.runs-index.json';
const FORMAT = 'deepwire-runs-index';
const VERSION = 1;

/** A summary as read, with its file's mtime and size at the time. */
export interface CachedSummary {
  mtimeMs: number;
  size: number;
  summary: RunSummary;
}

/** The index's entries by run folder name; empty when there is none or it cannot be used. */
export async function loadRunsIndex(root: string): Promise<Map<string, CachedSummary>> {
  const entries = new Map<string, CachedSummary>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(join(root, RUNS_INDEX_FILE), 'utf8'));
  } catch {
    return entries; // none yet, unreadable or damaged: list from the run folders
  }
  const index = parsed as { format?: unknown; version?: unknown; runs?: unknown } | null;
  if (!index || index.format !== FORMAT || index.version !== VERSION) return entries;
  if (!index.runs || typeof index.runs !== 'object') return entries;
  for (const [name, entry] of Object.entries(index.runs)) {
    if (!Array.isArray(entry) || entry.length !== 3) continue;
    const [mtimeMs, size, summary] = entry as unknown[];
    // Running runs are never indexed: their status must be checked against a live process.
    if (typeof mtimeMs !== 'number' || typeof size !== 'number' || !isSummary(summary) || summary.status === 'running')
      continue;
    entries.set(name, { mtimeMs, size, summary });
  }
  return entries;
}

/** Replaces the index with `entries` (atomically). Throws the file system's error. */
export async function saveRunsIndex(root: string, entries: ReadonlyMap<string, CachedSummary>): Promise<void> {
  const runs: Record<string, [number, number, RunSummary]> = {};
  for (const [name, e] of entries)
    Object.defineProperty(runs, name, { value: [e.mtimeMs, e.size, e.summary], enumerable: true });
  await writeFileAtomic(join(root, RUNS_INDEX_FILE), JSON.stringify({ format: FORMAT, version: VERSION, runs }));
}

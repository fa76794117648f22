import { parseProject, serializeProject, type Project } from '../../../shared/project';
import type { RecoveryBridge } from '../../../shared/protocol/wire';

/*
 * Unsaved work survives a reload, a crash or a closed tab (issue 13, item 5). While the open project
 * has unsaved changes, a copy is kept in the background — in the desktop app a file in its user-data
 * folder (through the preload's `recovery` calls), in a browser localStorage — and the next start
 * offers it back. Nothing is ever restored without asking, and the copy goes away once the work is
 * saved or the user discards it.
 */

/** Where a recovery copy lives: a text slot that can be read, replaced and emptied. */
export type RecoveryStorage = RecoveryBridge;

/** What a recovery copy holds: the project as it would be saved, where it was, and when. */
export interface RecoveryRecord {
  format: 'deepwire-recovery';
  version: 1;
  /** ISO time of the copy. */
  savedAt: string;
  /** The file the project was opened from or saved to (null: never saved). */
  filePath: string | null;
  /** The project file's text (serializeProject), read back through parseProject. */
  project: string;
}

/** A copy read back at start: the project to offer, or why the copy could not be used. */
export type RecoveredWork =
  { ok: true; project: Project; filePath: string | null; savedAt: Date } | { ok: false; reason: string };

/** The text a recovery copy is stored as. */
export function recoveryText(project: Project, filePath: string | null, savedAt: Date): string {
  const record: RecoveryRecord = {
    format: 'deepwire-recovery',
    version: 1,
    savedAt: savedAt.toISOString(),
    filePath,
    project: serializeProject(project),
  };
  return JSON.stringify(record);
}

/**
 * Reads a recovery copy back. Anything else — cut short, edited by hand, written by a future
 * version — is reported with the reason (the caller shows it and drops the copy), never thrown.
 */
export function parseRecovery(text: string): RecoveredWork {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the copy is not complete JSON (it may have been cut short).' };
  }
  const r = value as Partial<RecoveryRecord> | null;
  if (!r || typeof r !== 'object' || r.format !== 'deepwire-recovery')
    return { ok: false, reason: 'the copy is not a Deepwire recovery copy.' };
  if (r.version !== 1)
    return { ok: false, reason: `the copy has version ${String(r.version)}, which this Deepwire does not read.` };
  const savedAt = new Date(typeof r.savedAt === 'string' ? r.savedAt : NaN);
  if (
    Number.isNaN(savedAt.getTime()) ||
    typeof r.project !== 'string' ||
    (r.filePath !== null && typeof r.filePath !== 'string')
  )
    return { ok: false, reason: 'the copy is missing its time, its file name or its project.' };
  const parsed = parseProject(r.project);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    return {
      ok: false,
      reason: `its project has errors (${first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'unknown'}).`,
    };
  }
  return { ok: true, project: parsed.project, filePath: r.filePath, savedAt };
}

/** The recovery key of this page's server (every `deepwire serve` origin keeps its own). */
export function recoveryKey(origin: string): string {
  return `deepwire:recovery:${origin}`;
}

/**
 * A recovery copy in localStorage under {@link recoveryKey}. Storage can be missing, full or
 * forbidden (private windows, locked-down browsers): the calls then reject, and the keeper says so.
 */
export function localRecoveryStorage(
  origin: string,
  storage: () => Storage | undefined = () => globalThis.localStorage,
): RecoveryStorage {
  const key = recoveryKey(origin);
  const need = () => {
    const s = storage();
    if (!s) throw new Error('this browser gives the page no local storage');
    return s;
  };
  return {
    // Synchronous inside: a write made while the page unloads completes before it goes.
    read: async () => need().getItem(key),
    write: async (text) => need().setItem(key, text),
    clear: async () => need().removeItem(key),
  };
}

/** The project state the keeper follows. */
export interface WorkSnapshot {
  project: Project;
  filePath: string | null;
  dirty: boolean;
}

export interface RecoveryKeeperOptions {
  storage: RecoveryStorage;
  /** Quiet time after the last change before a copy is written. */
  delayMs?: number;
  /** Under a stream of changes (dragging, typing), a copy at least this often. */
  maxWaitMs?: number;
  now?: () => Date;
  /** Told once when keeping a copy fails (storage full, the disk refuses), so the user knows. */
  onError?: (message: string) => void;
}

export interface RecoveryKeeper {
  /** The project changed: unsaved work is copied (debounced); saved or discarded work clears the copy. */
  update(snapshot: WorkSnapshot): void;
  /** Writes a pending copy now (the page is going away). */
  flush(): Promise<void>;
  /** Drops any pending copy and the stored one. */
  clear(): Promise<void>;
  /** Stops timers; nothing more is written. */
  dispose(): void;
}

/**
 * Keeps the stored copy in step with the open project: a debounced write while there are unsaved
 * changes, a clear as soon as there are none (saved, or another project opened after the user
 * agreed to discard). Storage calls run one after another, so an old copy never lands after a newer
 * clear.
 */
export function createRecoveryKeeper(options: RecoveryKeeperOptions): RecoveryKeeper {
  const { storage, delayMs = 800, maxWaitMs = 5000, now = () => new Date(), onError } = options;
  let pending: WorkSnapshot | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstPendingAt = 0;
  /** Something may be stored (a copy was written, or one existed at start). */
  let stored = true;
  let reported = false;
  let disposed = false;
  let queue: Promise<void> = Promise.resolve();

  const run = (task: () => Promise<void>) => {
    queue = queue.then(task).catch((error: unknown) => {
      if (reported) return;
      reported = true;
      onError?.(error instanceof Error ? error.message : String(error));
    });
    return queue;
  };
  const stopTimer = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const writePending = () => {
    stopTimer();
    const snap = pending;
    pending = null;
    if (!snap) return queue;
    stored = true;
    return run(() => storage.write(recoveryText(snap.project, snap.filePath, now())));
  };

  return {
    update(snapshot) {
      if (disposed) return;
      if (!snapshot.dirty) {
        stopTimer();
        pending = null;
        if (stored) {
          stored = false;
          void run(() => storage.clear());
        }
        return;
      }
      const t = Date.now();
      if (!pending) firstPendingAt = t;
      pending = snapshot;
      stopTimer();
      const wait = Math.max(0, Math.min(delayMs, firstPendingAt + maxWaitMs - t));
      timer = setTimeout(() => void writePending(), wait);
    },
    flush: () => (disposed ? queue : writePending()),
    clear() {
      stopTimer();
      pending = null;
      stored = false;
      return run(() => storage.clear());
    },
    dispose() {
      disposed = true;
      stopTimer();
      pending = null;
    },
  };
}

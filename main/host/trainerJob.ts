import type { TrainerCommand } from '../../shared/protocol/trainer';
import { HostError } from './hostError';
import type { TrainerExit, TrainerLauncher } from './trainerLauncher';

/** One request to a short-lived trainer process, and how to read its answer. */
export interface TrainerJob<T> {
  /** 'export' or 'import': named in the messages. */
  what: string;
  /** The command sent once the process is ready; its requestId ties the reply to it. */
  command: Extract<TrainerCommand, { requestId: string }>;
  timeoutMs: number;
  /** What to do when the job runs past `timeoutMs`. */
  timeoutHint: string;
  /** The outcome when `message` is this job's reply; an Error when the reply refuses; else undefined. */
  reply(message: unknown): { ok: T } | { error: Error } | undefined;
  /** A trainer `failed` event before any reply (the process could not even start the job). */
  failed?(message: { message?: string; hint?: string }): Error;
  /** What to do when the process ends without replying. */
  exitHint(exit: TrainerExit): string;
}

/**
 * Runs one job in a short-lived trainer process (TF.js and onnxruntime never load in the host, which
 * may be Electron's main process): waits for `ready`, sends the command, resolves with the reply's
 * outcome, and shuts the process down. A process that dies or stalls is reported plainly.
 */
export function runTrainerJob<T>(launch: TrainerLauncher, job: TrainerJob<T>): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const handle = launch({ runId: `${job.what}-${job.command.requestId}` });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      finish(() =>
        reject(
          new HostError(
            'internal',
            `The ${job.what} did not finish within ${Math.round(job.timeoutMs / 60_000)} minutes.`,
            job.timeoutHint,
          ),
        ),
      );
      handle.kill();
    }, job.timeoutMs);
    timer.unref?.();
    handle.onMessage((message) => {
      const type = (message as { type?: unknown } | null)?.type;
      if (type === 'ready') return handle.send(job.command);
      if (type === 'failed' && job.failed) {
        const error = job.failed(message as { message?: string; hint?: string });
        finish(() => reject(error));
        handle.kill();
        return;
      }
      const outcome = job.reply(message);
      if (!outcome) return;
      handle.send({ type: 'shutdown' });
      finish(() => ('ok' in outcome ? resolvePromise(outcome.ok) : reject(outcome.error)));
    });
    handle.onExit((exit) => {
      finish(() =>
        reject(
          new HostError(
            'internal',
            `The ${job.what} process ended unexpectedly (${exit.signal ?? `exit code ${exit.code}`}).${exit.stderrTail ? ` ${exit.stderrTail.trim().split('\n').at(-1)}` : ''}`,
            job.exitHint(exit),
          ),
        ),
      );
    });
  });
}

/**
 * A job's reply checked against its schema (exports.ts, imports.ts): undefined when `message` is
 * not this job's reply; a HostError naming the field when it is but breaks the protocol.
 */
export function checkedReply<T>(
  schema: {
    safeParse(
      m: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  types: readonly string[],
  message: unknown,
  requestId: string,
  what: string,
): T | HostError | undefined {
  const m = message as { type?: unknown; requestId?: unknown } | null;
  if (!m || typeof m !== 'object' || !types.includes(m.type as string) || m.requestId !== requestId) return undefined;
  const parsed = schema.safeParse(message);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return new HostError(
    'internal',
    `The ${what} process answered in a way that breaks the protocol (its "${String(m.type)}" reply's field ${issue?.path.map(String).join('.') || '(none)'}: ${issue?.message ?? 'invalid'}).`,
    'This is a bug in Deepwire; please report it.',
  );
}

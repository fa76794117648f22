import type { ExportCommand, ExportOutcome, ExportReply } from '../../shared/protocol/exports';
import { HostError } from './hostError';
import type { TrainerLauncher } from './trainerLauncher';

/** An export of a VGG-size model takes a minute or two on two cores; past this it is stuck. */
const EXPORT_TIMEOUT_MS = 15 * 60_000;

/** An export refused or failed in the trainer process: its message and hint, as the host's error. */
export class ExportRefused extends Error {
  readonly code = 'export-refused';
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ExportRefused';
  }
}

const isReply = (m: unknown, requestId: string): m is ExportReply =>
  !!m &&
  typeof m === 'object' &&
  ((m as { type?: unknown }).type === 'exported' || (m as { type?: unknown }).type === 'export-failed') &&
  (m as { requestId?: unknown }).requestId === requestId;

/**
 * Runs one export in a short-lived trainer process (TF.js never loads in the host, which may be
 * Electron's main process): waits for `ready`, sends the command, resolves with the outcome, and
 * shuts the process down. A process that dies or stalls is reported plainly.
 */
export function runExportJob(
  launch: TrainerLauncher,
  command: ExportCommand,
  timeoutMs = EXPORT_TIMEOUT_MS,
): Promise<ExportOutcome> {
  return new Promise((resolvePromise, reject) => {
    const handle = launch({ runId: `export-${command.requestId}` });
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
            `The export did not finish within ${Math.round(timeoutMs / 60_000)} minutes.`,
            'Try again; for a very large model use `deepwire export` on the command line.',
          ),
        ),
      );
      handle.kill();
    }, timeoutMs);
    timer.unref?.();
    handle.onMessage((message) => {
      const type = (message as { type?: unknown } | null)?.type;
      if (type === 'ready') return handle.send(command);
      if (type === 'failed') {
        const m = message as { message?: string; hint?: string };
        finish(() => reject(new ExportRefused(m.message ?? 'The export process failed.', m.hint)));
        handle.kill();
        return;
      }
      if (!isReply(message, command.requestId)) return;
      handle.send({ type: 'shutdown' });
      if (message.type === 'exported') finish(() => resolvePromise(message.outcome));
      else finish(() => reject(new ExportRefused(message.message, message.hint)));
    });
    handle.onExit((exit) => {
      finish(() =>
        reject(
          new HostError(
            'internal',
            `The export process ended unexpectedly (${exit.signal ?? `exit code ${exit.code}`}).${exit.stderrTail ? ` ${exit.stderrTail.trim().split('\n').at(-1)}` : ''}`,
            'Try again; if it keeps happening, export with `deepwire export` to see the whole error.',
          ),
        ),
      );
    });
  });
}

import type { ExportCommand, ExportOutcome, ExportReply } from '../../shared/protocol/exports';
import { runTrainerJob } from './trainerJob';
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

/** Runs one export in a short-lived trainer process (see {@link runTrainerJob}). */
export function runExportJob(
  launch: TrainerLauncher,
  command: ExportCommand,
  timeoutMs = EXPORT_TIMEOUT_MS,
): Promise<ExportOutcome> {
  return runTrainerJob<ExportOutcome>(launch, {
    what: 'export',
    command,
    timeoutMs,
    timeoutHint: 'Try again; for a very large model use `deepwire export` on the command line.',
    reply: (message) =>
      !isReply(message, command.requestId)
        ? undefined
        : message.type === 'exported'
          ? { ok: message.outcome }
          : { error: new ExportRefused(message.message, message.hint) },
    failed: (m) => new ExportRefused(m.message ?? 'The export process failed.', m.hint),
    exitHint: () => 'Try again; if it keeps happening, export with `deepwire export` to see the whole error.',
  });
}

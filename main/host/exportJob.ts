import { exportReplySchema, type ExportCommand, type ExportOutcome } from '../../shared/protocol/exports';
import { checkedReply, runTrainerJob } from './trainerJob';
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
    reply: (message) => {
      // Checked against the export reply's schema where it enters the host.
      const reply = checkedReply(
        exportReplySchema,
        ['exported', 'export-failed'],
        message,
        command.requestId,
        'export',
      );
      if (!reply) return undefined;
      if (reply instanceof Error) return { error: reply };
      return reply.type === 'exported'
        ? { ok: reply.outcome }
        : { error: new ExportRefused(reply.message, reply.hint) };
    },
    failed: (m) => new ExportRefused(m.message ?? 'The export process failed.', m.hint),
    exitHint: () => 'Try again; if it keeps happening, export with `deepwire export` to see the whole error.',
  });
}

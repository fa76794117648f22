import { importReplySchema, type ImportCommand, type ImportReply } from '../../shared/protocol/imports';
import { checkedReply, runTrainerJob } from './trainerJob';
import type { TrainerLauncher } from './trainerLauncher';

/** A 100 MB model imports in well under a minute; past this the process is stuck. */
const IMPORT_TIMEOUT_MS = 10 * 60_000;

/** An import the importer refused (an unsupported layer, a corrupt file): its message and hint. */
export class ImportRefused extends Error {
  readonly code = 'import-refused';
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ImportRefused';
  }
}

/** Runs one import in a short-lived trainer process (see {@link runTrainerJob}). */
export function runImportJob(
  launch: TrainerLauncher,
  command: ImportCommand,
  timeoutMs = IMPORT_TIMEOUT_MS,
): Promise<Extract<ImportReply, { type: 'imported' }>> {
  return runTrainerJob<Extract<ImportReply, { type: 'imported' }>>(launch, {
    what: 'import',
    command,
    timeoutMs,
    timeoutHint: 'Try `deepwire import` on the command line, which says how far it got.',
    reply: (message) => {
      // Checked against the import reply's schema where it enters the host.
      const reply = checkedReply(
        importReplySchema,
        ['imported', 'import-failed'],
        message,
        command.requestId,
        'import',
      );
      if (!reply) return undefined;
      if (reply instanceof Error) return { error: reply };
      return reply.type === 'imported' ? { ok: reply } : { error: new ImportRefused(reply.message, reply.hint) };
    },
    exitHint: (exit) =>
      exit.signal === 'SIGKILL'
        ? 'It may have run out of memory: import the model with `deepwire import` on a machine with more memory.'
        : 'Try `deepwire import` on the command line to see the whole error.',
  });
}

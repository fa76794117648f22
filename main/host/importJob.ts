import type { ImportCommand, ImportReply } from '../../shared/protocol/imports';
import { HostError } from './hostError';
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

const isReply = (m: unknown, requestId: string): m is ImportReply =>
  !!m &&
  typeof m === 'object' &&
  ((m as { type?: unknown }).type === 'imported' || (m as { type?: unknown }).type === 'import-failed') &&
  (m as { requestId?: unknown }).requestId === requestId;

/**
 * Runs one import in a short-lived trainer process (TF.js and onnxruntime never load in the host,
 * which may be Electron's main process), as runExportJob does for exports.
 */
export function runImportJob(
  launch: TrainerLauncher,
  command: ImportCommand,
  timeoutMs = IMPORT_TIMEOUT_MS,
): Promise<Extract<ImportReply, { type: 'imported' }>> {
  return new Promise((resolvePromise, reject) => {
    const handle = launch({ runId: `import-${command.requestId}` });
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
            `The import did not finish within ${Math.round(timeoutMs / 60_000)} minutes.`,
            'Try `deepwire import` on the command line, which says how far it got.',
          ),
        ),
      );
      handle.kill();
    }, timeoutMs);
    timer.unref?.();
    handle.onMessage((message) => {
      const type = (message as { type?: unknown } | null)?.type;
      if (type === 'ready') return handle.send(command);
      if (!isReply(message, command.requestId)) return;
      handle.send({ type: 'shutdown' });
      if (message.type === 'imported') finish(() => resolvePromise(message));
      else finish(() => reject(new ImportRefused(message.message, message.hint)));
    });
    handle.onExit((exit) => {
      finish(() =>
        reject(
          new HostError(
            'internal',
            `The import process ended unexpectedly (${exit.signal ?? `exit code ${exit.code}`}).${exit.stderrTail ? ` ${exit.stderrTail.trim().split('\n').at(-1)}` : ''}`,
            exit.signal === 'SIGKILL'
              ? 'It may have run out of memory: import the model with `deepwire import` on a machine with more memory.'
              : 'Try `deepwire import` on the command line to see the whole error.',
          ),
        ),
      );
    });
  });
}

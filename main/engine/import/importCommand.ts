import type { ImportCommand, ImportReply } from '../../../shared/protocol/imports';
import { selectBackend } from '../backend';
import { ImportError } from './importError';
import { importModel } from './importModel';

/** The trainer process's side of an import: runs it and answers with an ImportReply (never throws). */
export async function importInTrainer(command: ImportCommand): Promise<ImportReply> {
  try {
    await selectBackend();
    const r = await importModel(command.model, {
      outDir: command.out,
      partial: command.partial,
      inputShape: command.inputShape,
    });
    return {
      type: 'imported',
      requestId: command.requestId,
      projectPath: r.written.projectPath,
      format: r.format,
      notes: r.imported.notes,
      maxRelativeError: r.check.maxRelativeError,
      runtime: r.check.runtime,
    };
  } catch (err) {
    const e = err instanceof ImportError ? err : undefined;
    return {
      type: 'import-failed',
      requestId: command.requestId,
      code: e?.code ?? 'internal',
      message: e?.message ?? `The import failed: ${(err as Error).message}`,
      hint: e?.hint ?? 'Try `deepwire import` on the command line to see the whole error.',
    };
  }
}

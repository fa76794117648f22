import type { Project } from '../../../shared/project';
import type { ExportCommand, ExportReply } from '../../../shared/protocol/exports';
import { selectBackend } from '../backend';
import { disposeSource, loadSource } from './exportSource';
import { ExportError } from './exportError';
import { runExport } from './runExport';

/**
 * The trainer process's side of `EngineClient.exportModel`: the same export as `deepwire export`,
 * for a run folder or a project sent by the app, answered with one ExportReply. Refusals
 * (ExportError) come back as `export-failed` with their message and hint; other errors too, said
 * to be a bug.
 */
export async function exportInTrainer(command: ExportCommand): Promise<ExportReply> {
  const { requestId } = command;
  try {
    await selectBackend();
    const loaded = await loadSource(
      command.runDir
        ? { kind: 'run', runDir: command.runDir }
        : { kind: 'object', project: command.project as Project, projectPath: command.projectPath },
    );
    try {
      const result = await runExport(loaded, {
        format: command.format,
        out: command.out,
        force: command.force,
        target: command.runDir ?? command.projectPath ?? 'PROJECT.deepwire.json',
        projectFile: command.projectPath,
      });
      return {
        type: 'exported',
        requestId,
        outcome: { format: command.format, dir: result.dir, files: result.files, check: result.check },
      };
    } finally {
      disposeSource(loaded.source);
    }
  } catch (err) {
    if (err instanceof ExportError)
      return {
        type: 'export-failed',
        requestId,
        message: err.message,
        ...(err.hint ? { hint: err.hint } : {}),
        ...(err.nodeId ? { nodeId: err.nodeId } : {}),
      };
    return {
      type: 'export-failed',
      requestId,
      message: `The export stopped because of an internal error: ${(err as Error).message}`,
      hint: 'This is a bug in Deepwire; please report it with this message.',
    };
  }
}

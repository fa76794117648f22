import { useCallback } from 'react';
import { useEngine } from '../../engine/EngineProvider';
import { useEditor } from '../../store';
import { isActive } from '../runs/runModel';
import { useRuns } from '../runs/runsStore';

const asCallError = (err: unknown) => ({
  message: err instanceof Error ? err.message : String(err),
  hint: (err as { hint?: string } | null)?.hint,
});

/**
 * Train, Stop and Continue. Train sends the project as it is right now (the engine keeps its own
 * copy, so editing while it trains never changes the run); a second Train while one is starting or
 * running is ignored here as well as disabled in the UI.
 */
export function useRunActions() {
  const client = useEngine();

  const start = useCallback(
    async (continueFrom?: string) => {
      const runs = useRuns.getState();
      const current = runs.currentRunId ? runs.runs[runs.currentRunId] : undefined;
      if (runs.starting || (current && isActive(current.status))) return;
      runs.setStarting(true);
      const { project, filePath } = useEditor.getState();
      try {
        const epochs = project.training?.epochs;
        // The host finds the project's initial weights and its data file relative to its file.
        const dataset = project.training?.dataset;
        const relative = !!project.weights || (!!dataset && 'file' in dataset);
        const where = filePath && relative ? { projectPath: filePath } : {};
        const options = continueFrom ? { continueFrom, epochs, ...where } : filePath && relative ? where : undefined;
        const { runId } = await client.startRun(project, options);
        useRuns.getState().adopt(runId, continueFrom);
      } catch (err) {
        useRuns.getState().setCallError(asCallError(err));
      }
    },
    [client],
  );

  const stop = useCallback(async () => {
    const { currentRunId } = useRuns.getState();
    if (!currentRunId) return;
    try {
      await client.stopRun(currentRunId);
    } catch (err) {
      useRuns.getState().setCallError(asCallError(err));
    }
  }, [client]);

  return { train: () => start(), continueRun: (runId: string) => start(runId), stop };
}

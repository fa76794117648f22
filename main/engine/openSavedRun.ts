import type { TrainerEvent } from '../../shared/protocol/trainer';
import { loadRun, savedTargetScaler } from './runs';
import { setupRun, TrainingSession } from './train';

/**
 * A finished run reopened from its folder as a session that can evaluate, predict and show
 * activations (not train): its saved model, the project as trained (for the dataset and the
 * loss), and the target scaling it was trained with, so predictions come out in real units.
 *
 * @throws when the folder has no saved model or its project cannot be set up any more.
 */
export async function openSavedRun(
  runDir: string,
  options: { backend: { backend: string; device: string }; emit(event: TrainerEvent): void },
): Promise<TrainingSession> {
  const run = await loadRun(runDir);
  const project = { name: run.project.name, graph: run.project.graph, training: run.project.training };
  // The user's data is found where the run read it (data.json has its absolute path).
  const dataset = project.training?.dataset;
  if (run.data && dataset && 'file' in dataset)
    project.training = { ...project.training, dataset: { ...dataset, file: run.data.path } };
  const setup = await setupRun(project, {
    initialModel: run.model,
    targetScaler: savedTargetScaler(run),
    inputScaling: run.inputScaling,
  });
  return new TrainingSession(setup, run.project.graph, {
    runId: run.summary.runId,
    backend: options.backend,
    emit: options.emit,
    initialEpoch: run.summary.epochsCompleted,
  });
}

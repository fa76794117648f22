import type { TrainerEvent } from '../../../../shared/protocol/trainer';
import { setupRun, type RunProject } from '../setupRun';
import { TrainingSession } from '../trainingSession';

/** Sets up and runs one session, collecting its events; `during` sees each event as it is emitted. */
export async function runSession(
  project: RunProject,
  options: {
    epochs?: number;
    initialWeights?: string;
    during?: (e: TrainerEvent, session: TrainingSession) => void;
  } = {},
) {
  const events: TrainerEvent[] = [];
  const setup = await setupRun(project, { epochs: options.epochs, initialWeights: options.initialWeights });
  const session: TrainingSession = new TrainingSession(setup, project.graph, {
    runId: 'test',
    backend: { backend: 'cpu', device: 'CPU' },
    emit: (e) => {
      events.push(e);
      options.during?.(e, session);
    },
  });
  const end = await session.run();
  return { events, end, session };
}

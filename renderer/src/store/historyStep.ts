import { applyEdit, type Edit } from '../../../shared/graph';
import type { Project } from '../../../shared/project';
import type { TrainingConfig } from '../../../shared/training/options';
import { withGraph } from './withGraph';

/**
 * One undo step: a graph edit, or a graph edit made together with a change of the training settings
 * ("Train at a smaller input size" sets the Input and the dataset's picture size at once), undone and
 * redone as one.
 */
export type HistoryStep = Edit | { type: 'withTraining'; edit: Edit; training: TrainingConfig | undefined };

/** Applies a step to the project; returns the new project, the step that takes it back, and the graph edit. */
export function applyStep(project: Project, step: HistoryStep): { project: Project; inverse: HistoryStep; edit: Edit } {
  if (step.type !== 'withTraining') {
    const { graph, inverse } = applyEdit(project.graph, step);
    return { project: withGraph(project, graph), inverse, edit: step };
  }
  const { graph, inverse } = applyEdit(project.graph, step.edit);
  const before = project.training as TrainingConfig | undefined;
  // The file schema's training type also allows unknown fields (kept on save), hence the cast.
  const next = { ...withGraph(project, graph), training: step.training as Project['training'] };
  return { project: next, inverse: { type: 'withTraining', edit: inverse, training: before }, edit: step.edit };
}

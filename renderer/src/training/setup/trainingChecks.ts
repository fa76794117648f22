import type { GraphAnalysis } from '../../../../shared/graph';
import type { Graph } from '../../../../shared/graph/types';
import type { DatasetInfo } from '../../../../shared/protocol/client';
import { checkTraining, lossWarnings, proposeLoss, type DatasetFacts } from '../../../../shared/training/checkTraining';
import { datasetInputShape } from '../../../../shared/training/datasetOptions';
import { modelFacts } from '../../../../shared/training/modelFacts';
import type { Loss, TrainingConfig } from '../../../../shared/training/options';
import { fileDatasetFacts } from '../../../../shared/data/facts';
import type { FileDataState } from './useFileData';

/** Something that stops training from starting, in the words the panel shows. */
export interface PanelProblem {
  message: string;
  hint?: string;
}

export interface TrainingReadiness {
  /** Empty when Train can start. */
  problems: PanelProblem[];
  /** Odd but trainable (a softmax loss on a linear output). */
  warnings: string[];
  /** The loss that will be used: the project's, or the one proposed for this output and dataset. */
  loss: Loss | null;
}

export const datasetFacts = (info: DatasetInfo): DatasetFacts => ({
  id: info.id,
  task: info.task,
  inputShape: info.inputShape,
  classes: info.classNames?.length,
  targets: info.targetNames?.length,
});

/** The built-in dataset the project names (the user's own file is described by the engine: useFileData). */
export function chosenDataset(
  training: TrainingConfig | undefined,
  datasets: readonly DatasetInfo[],
): DatasetInfo | null {
  const ref = training?.dataset;
  if (!ref || !('builtin' in ref)) return null;
  const info = datasets.find((d) => d.id === ref.builtin);
  if (!info) return null;
  // The shape its examples have with the project's options (the exoplanet template's length 180),
  // evaluated as the trainer evaluates it; options it refuses are reported by datasetOptionsProblem.
  const shaped = datasetInputShape(info, ref.options as Record<string, unknown> | undefined);
  return 'inputShape' in shaped ? { ...info, inputShape: shaped.inputShape } : info;
}

/** Why the built-in dataset's options (`training.dataset.options`) cannot be used, or null. */
export function datasetOptionsProblem(
  training: TrainingConfig | undefined,
  datasets: readonly DatasetInfo[] | null,
): PanelProblem | null {
  const ref = training?.dataset;
  if (!ref || !('builtin' in ref) || !datasets) return null;
  const info = datasets.find((d) => d.id === ref.builtin);
  const shaped = info ? datasetInputShape(info, ref.options as Record<string, unknown> | undefined) : null;
  return shaped && 'problem' in shaped ? shaped.problem : null;
}

/**
 * What stops this graph, dataset and loss from training together, decided before anything is sent
 * to the engine with the same shared checks the trainer runs (so the words match). `datasets` is
 * null while the engine's list is on its way; the user's own file is checked from the engine's
 * description of it (`file`), with the same facts the trainer derives.
 */
export function trainingReadiness(
  graph: Graph,
  analysis: GraphAnalysis,
  training: TrainingConfig | undefined,
  datasets: readonly DatasetInfo[] | null,
  file?: FileDataState,
): TrainingReadiness {
  const none = (message: string, hint?: string): TrainingReadiness => ({
    problems: [{ message, hint }],
    warnings: [],
    loss: training?.loss ?? null,
  });
  const ref = training?.dataset as { builtin?: unknown; file?: unknown } | undefined;
  if (!ref) return none('Choose a dataset to train on.', 'Pick one from the Dataset list in Setup.');
  const error = analysis.problems.find((p) => p.severity === 'error');
  if (error) return none(`The network has a problem: ${error.message}`, error.hint);
  if (analysis.inputs.length === 0)
    return none('The network has no Input layer.', 'Add an Input layer from the palette and connect it.');
  if (analysis.outputs.length !== 1) {
    return none(
      `The network has ${analysis.outputs.length} outputs (${analysis.outputs.join(', ')}); training needs exactly one.`,
      'Join the branches with Add or Concatenate before a single output layer, or delete the unused one.',
    );
  }
  const optionsProblem = datasetOptionsProblem(training, datasets);
  if (optionsProblem) return none(optionsProblem.message, optionsProblem.hint);
  const facts = modelFacts(graph, analysis);
  if (!facts)
    return none('The shapes of this network cannot be worked out yet.', 'Fix the layers marked in red first.');
  let data: DatasetFacts;
  if (typeof ref.file === 'string') {
    // The user's own data, checked from the engine's description as the trainer checks it.
    if (file?.error) return none(file.error.message, file.error.hint);
    const d = file?.preview?.description;
    if (!d) return { problems: [], warnings: [], loss: training?.loss ?? null };
    data = fileDatasetFacts(d);
    const bad = d.problems.filter((p) => p.severity === 'error');
    const facts0 = modelFacts(graph, analysis);
    const pairing = facts0 && checkTraining(training?.loss ?? 'categoricalCrossentropy', facts0, data);
    // A shape the reader refuses is said once, by the training check, which names both shapes.
    if (bad.length && !(pairing && pairing.code === 'dataset-mismatch'))
      return {
        problems: bad.map((p) => ({ message: `${p.message}${p.where ? ` (${p.where})` : ''}`, hint: p.hint })),
        warnings: [],
        loss: training?.loss ?? null,
      };
  } else {
    const dataset = datasets ? chosenDataset(training, datasets) : null;
    if (!dataset) {
      if (datasets && typeof ref.builtin === 'string')
        return none(`Deepwire has no built-in dataset "${ref.builtin}".`, 'Pick one from the Dataset list in Setup.');
      // Still loading the list: the engine checks when it starts.
      return { problems: [], warnings: [], loss: training?.loss ?? null };
    }
    data = datasetFacts(dataset);
  }
  // An autoencoder (`target: "input"`) learns to reproduce its input rather than the labels.
  const target = training?.target ?? 'labels';
  const loss = training?.loss ?? proposeLoss(facts.outputShape, facts.outputActivation, data, target);
  const problem = checkTraining(loss, facts, data, target);
  return {
    problems: problem ? [{ message: problem.message, hint: problem.hint }] : [],
    warnings: lossWarnings(loss, facts),
    loss,
  };
}

import type { Shape } from '../catalog/types';
import { LOSS_INFO, type Loss, type TrainingTarget } from './options';

/**
 * Whether a model, a loss and a dataset can train together, decided before any tensor exists, so
 * the training panel and the trainer refuse the same things with the same words. Pure: no tfjs.
 */

/** What the check needs to know about the dataset. */
export interface DatasetFacts {
  id: string;
  task: 'classification' | 'regression';
  /** Shape of one example (no batch). */
  inputShape: number[];
  /** Classification: number of classes. */
  classes?: number;
  /** Regression: number of targets per example. */
  targets?: number;
}

/** What the check needs to know about the model. */
export interface ModelFacts {
  /** Each model input's shape, batch first (null = any size). */
  inputShapes: Shape[];
  /** The (single) output's shape, batch first. */
  outputShape: Shape;
  /** The output layer's activation ('linear' when none). */
  outputActivation: string;
}

export interface TrainingProblem {
  code: 'dataset-mismatch' | 'loss-mismatch';
  message: string;
  hint: string;
}

/** Losses that want labels −1/+1; 0/1 class labels are mapped to them. */
export const SIGNED_LABEL_LOSSES: readonly Loss[] = ['hinge', 'squaredHinge', 'exponential', 'logistic'];

const REGRESSION_LOSSES: readonly Loss[] = ['meanSquaredError', 'meanAbsoluteError', 'huber', 'logcosh'];

const shapeText = (dims: readonly (number | null)[]) => `[${dims.map((d) => (d === null ? 'any' : d)).join(', ')}]`;
const size = (dims: readonly number[]) => dims.reduce((p, d) => p * d, 1);

function checkInput(model: ModelFacts, data: DatasetFacts): TrainingProblem | null {
  if (model.inputShapes.length !== 1) {
    return {
      code: 'dataset-mismatch',
      message: `The network has ${model.inputShapes.length} inputs, but the dataset "${data.id}" gives one input per example.`,
      hint: 'Keep one Input layer for built-in datasets.',
    };
  }
  const want = model.inputShapes[0].slice(1);
  const got = data.inputShape;
  const fits = want.length === got.length && want.every((d, i) => d === null || d === got[i]);
  if (fits) return null;
  const sameSize = want.every((d) => d !== null) && size(want as number[]) === size(got);
  return {
    code: 'dataset-mismatch',
    message: `The network's Input expects examples of shape ${shapeText(want)}, but the dataset "${data.id}" has examples of shape ${shapeText(got)}.`,
    hint: sameSize
      ? `Set the Input's shape to ${shapeText(got)} and add a Reshape to ${shapeText(want)} after it, or change the Input to ${shapeText(got)}.`
      : `Set the Input's shape to ${shapeText(got)}, or choose a dataset whose examples have shape ${shapeText(want)}.`,
  };
}

function classificationProblem(
  loss: Loss,
  units: number,
  k: number,
  activation: string,
  data: DatasetFacts,
): TrainingProblem | null {
  const refuse = (message: string, hint: string): TrainingProblem => ({ code: 'loss-mismatch', message, hint });
  const oneOutputOk = k === 2 && units === 1;
  if (loss === 'categoricalCrossentropy' || loss === 'sparseCategoricalCrossentropy' || loss === 'kld') {
    if (units === 1) {
      return refuse(
        `${LOSS_INFO[loss].label} needs one output per class, but the output layer has a single unit.`,
        k === 2
          ? 'For two classes use binaryCrossentropy with a sigmoid output, or give the output layer 2 units with softmax.'
          : `Give the output layer ${k} units (one per class) with a softmax activation.`,
      );
    }
    if (units !== k) {
      return refuse(
        `The output layer has ${units} units${activation === 'softmax' ? ' (softmax)' : ''}, but the dataset "${data.id}" has ${k} classes.`,
        `Set the output layer's units to ${k}.`,
      );
    }
    return null;
  }
  if (units === k || oneOutputOk) return null;
  if (units === 1) {
    return refuse(
      `One output unit can only separate two classes, but the dataset "${data.id}" has ${k}.`,
      `Give the output layer ${k} units with softmax and use categoricalCrossentropy.`,
    );
  }
  return refuse(
    `The output layer has ${units} units, but the dataset "${data.id}" has ${k} classes.`,
    k === 2
      ? 'Set the output layer to 1 unit (sigmoid) or 2 units (softmax).'
      : `Set the output layer's units to ${k}.`,
  );
}

/**
 * Refuses pairings that cannot train: a model input that does not fit the dataset's examples
 * ('dataset-mismatch'), or a loss the output or the labels cannot serve ('loss-mismatch'), each
 * with a plain message and what to change. Null when they fit.
 */
export function checkLossPairing(loss: Loss, model: ModelFacts, data: DatasetFacts): TrainingProblem | null {
  const input = checkInput(model, data);
  if (input) return input;
  const out = model.outputShape;
  if (out.length !== 2 || out[1] === null) {
    return {
      code: 'loss-mismatch',
      message: `The output has shape ${shapeText(out.slice(1))}; training needs one row of numbers per example.`,
      hint: 'Add a Flatten (or a global pooling layer) and a Dense output layer at the end.',
    };
  }
  const units = out[1];
  if (data.task === 'regression') {
    const t = data.targets ?? 1;
    if (!REGRESSION_LOSSES.includes(loss)) {
      return {
        code: 'loss-mismatch',
        message: `${LOSS_INFO[loss].label} is a loss for classifying, but the dataset "${data.id}" asks for numbers (regression).`,
        hint: 'Use meanSquaredError (or meanAbsoluteError, huber, logcosh) with a linear output.',
      };
    }
    if (units !== t) {
      return {
        code: 'loss-mismatch',
        message: `The output layer has ${units} units, but the dataset "${data.id}" has ${t} target value${t === 1 ? '' : 's'} per example.`,
        hint: `Set the output layer's units to ${t}.`,
      };
    }
    return null;
  }
  return classificationProblem(loss, units, data.classes ?? 2, model.outputActivation, data);
}

/** Losses that can compare a reconstruction with its input, value by value. */
export const RECONSTRUCTION_LOSSES: readonly Loss[] = [...REGRESSION_LOSSES, 'binaryCrossentropy'];

/**
 * Refuses a reconstruction (training target 'input', an autoencoder) that cannot train: an input
 * that does not fit the dataset, an output whose shape is not the input's, or a loss that does not
 * compare values one by one. Null when it can train.
 */
export function checkReconstruction(loss: Loss, model: ModelFacts, data: DatasetFacts): TrainingProblem | null {
  const input = checkInput(model, data);
  if (input) return input;
  const out = model.outputShape.slice(1);
  const want = data.inputShape;
  if (out.length !== want.length || out.some((d, i) => d !== want[i])) {
    return {
      code: 'loss-mismatch',
      message: `The network should rebuild its input (training target "input"), so its output needs the input's shape ${shapeText(want)}, but it has shape ${shapeText(out)}.`,
      hint: `Change the last layers so the output is ${shapeText(want)} (for images: as many filters as input channels in the last convolution), or train on the labels instead.`,
    };
  }
  if (!RECONSTRUCTION_LOSSES.includes(loss)) {
    return {
      code: 'loss-mismatch',
      message: `${LOSS_INFO[loss].label} compares class scores, but this network rebuilds its input (training target "input").`,
      hint: 'Use meanSquaredError, or binaryCrossentropy with a sigmoid output when the inputs lie between 0 and 1.',
    };
  }
  return null;
}

/** {@link checkLossPairing} or {@link checkReconstruction}, as the training target says. */
export function checkTraining(
  loss: Loss,
  model: ModelFacts,
  data: DatasetFacts,
  target: TrainingTarget = 'labels',
): TrainingProblem | null {
  return target === 'input' ? checkReconstruction(loss, model, data) : checkLossPairing(loss, model, data);
}

/** A sensible loss for this output and dataset: what the training panel preselects. */
export function proposeLoss(
  outputShape: Shape,
  outputActivation: string,
  data: Pick<DatasetFacts, 'task' | 'classes'>,
  target: TrainingTarget = 'labels',
): Loss {
  if (target === 'input') return outputActivation === 'sigmoid' ? 'binaryCrossentropy' : 'meanSquaredError';
  if (data.task === 'regression') return 'meanSquaredError';
  const units = outputShape[outputShape.length - 1];
  if (units === 1) return outputActivation === 'tanh' || outputActivation === 'linear' ? 'hinge' : 'binaryCrossentropy';
  if (outputActivation === 'sigmoid') return 'binaryCrossentropy';
  return 'categoricalCrossentropy';
}

/**
 * Warnings that do not stop training but usually mean a mistake (cross-entropy on a linear output
 * learns badly). Empty when nothing looks odd.
 */
export function lossWarnings(loss: Loss, model: ModelFacts): string[] {
  const act = model.outputActivation;
  const out: string[] = [];
  if (loss === 'binaryCrossentropy' && act !== 'sigmoid') {
    out.push(`Binary cross-entropy expects probabilities; the output activation is ${act}. Use sigmoid.`);
  }
  if ((loss === 'categoricalCrossentropy' || loss === 'sparseCategoricalCrossentropy') && act !== 'softmax') {
    out.push(`${LOSS_INFO[loss].label} expects probabilities; the output activation is ${act}. Use softmax.`);
  }
  return out;
}

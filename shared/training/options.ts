/** Losses, optimizers and metrics, as const arrays the UI, the project schema and the engine share. */

export const LOSSES = [
  'meanSquaredError',
  'meanAbsoluteError',
  'huber',
  'logcosh',
  'binaryCrossentropy',
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'hinge',
  'squaredHinge',
  'kld',
  'exponential',
  'logistic',
] as const;
export type Loss = (typeof LOSSES)[number];

/** One line per loss for the training panel. */
export const LOSS_INFO: Record<Loss, { label: string; doc: string; task: 'regression' | 'classification' }> = {
  meanSquaredError: {
    label: 'Mean squared error',
    doc: 'Average of (prediction − target)²; the usual regression loss.',
    task: 'regression',
  },
  meanAbsoluteError: {
    label: 'Mean absolute error',
    doc: 'Average of |prediction − target|; less swayed by outliers.',
    task: 'regression',
  },
  huber: { label: 'Huber', doc: 'Squared error for small errors, absolute for large ones.', task: 'regression' },
  logcosh: { label: 'Log-cosh', doc: 'log(cosh(error)): smooth, like Huber.', task: 'regression' },
  binaryCrossentropy: {
    label: 'Binary cross-entropy',
    doc: 'For one sigmoid output giving the probability of class 1.',
    task: 'classification',
  },
  categoricalCrossentropy: {
    label: 'Categorical cross-entropy',
    doc: 'For a softmax over classes, with one-hot targets.',
    task: 'classification',
  },
  sparseCategoricalCrossentropy: {
    label: 'Sparse categorical cross-entropy',
    doc: 'Like categorical, with class numbers as targets.',
    task: 'classification',
  },
  hinge: { label: 'Hinge', doc: 'max(0, 1 − ŷy) with labels ±1: the perceptron/SVM loss.', task: 'classification' },
  squaredHinge: { label: 'Squared hinge', doc: 'max(0, 1 − ŷy)², labels ±1.', task: 'classification' },
  kld: {
    label: 'KL divergence',
    doc: 'How one probability distribution differs from another.',
    task: 'classification',
  },
  exponential: {
    label: 'Exponential',
    doc: 'exp(−ŷy) with labels ±1 (the lecture; AdaBoost’s loss).',
    task: 'classification',
  },
  logistic: { label: 'Logistic', doc: 'log₂(1 + exp(−ŷy)) with labels ±1 (the lecture).', task: 'classification' },
};

export const OPTIMIZERS = ['sgd', 'momentum', 'adagrad', 'adadelta', 'rmsprop', 'adam', 'adamax'] as const;
export type OptimizerKind = (typeof OPTIMIZERS)[number];

/** Settings each optimizer takes, with Keras's defaults. */
export const OPTIMIZER_DEFAULTS: Record<OptimizerKind, Record<string, number | boolean>> = {
  sgd: { learningRate: 0.01 },
  momentum: { learningRate: 0.01, momentum: 0.9, nesterov: false },
  adagrad: { learningRate: 0.001, initialAccumulatorValue: 0.1 },
  adadelta: { learningRate: 0.001, rho: 0.95, epsilon: 1e-7 },
  rmsprop: { learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7 },
  adam: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  adamax: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
};

export const METRICS = ['accuracy', 'mae', 'mse'] as const;
export type Metric = (typeof METRICS)[number];

/**
 * What the model learns to output: the dataset's labels, or the input itself (autoencoders: the
 * output must have the input's shape; no labels are used).
 */
export const TRAINING_TARGETS = ['labels', 'input'] as const;
export type TrainingTarget = (typeof TRAINING_TARGETS)[number];

export interface OptimizerConfig {
  kind: OptimizerKind;
  learningRate?: number;
  [setting: string]: unknown;
}

/** A built-in dataset, or the user's own file (see `fileDatasetSchema` in shared/project/schema.ts). */
export type DatasetRef =
  | { builtin: string; options?: Record<string, unknown> }
  | { file: string; format?: string; target?: string; features?: string[]; [k: string]: unknown };

/** The `training` section of a project file. Every field is optional; defaults below. */
export interface TrainingConfig {
  dataset?: DatasetRef;
  loss?: Loss;
  optimizer?: OptimizerConfig;
  metrics?: Metric[];
  batchSize?: number;
  epochs?: number;
  validationSplit?: number;
  seed?: number;
  /** 'labels' (the default) or 'input' (reconstruction). */
  target?: TrainingTarget;
  [extra: string]: unknown;
}

export const TRAINING_DEFAULTS = {
  optimizer: { kind: 'adam', learningRate: 0.001 } as OptimizerConfig,
  metrics: ['accuracy'] as Metric[],
  batchSize: 32,
  epochs: 5,
  validationSplit: 0.1,
  seed: 42,
};

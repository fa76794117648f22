import type { RunWarning } from '../training/runHealth';
import { z } from 'zod';
import type { ParamCount, Shape } from '../catalog/types';
import { exportCommandSchema } from './exports';
import { importCommandSchema } from './imports';

/**
 * The host ↔ trainer protocol: commands into the trainer process, events out of it. Discriminated
 * unions handled by exhaustive switches; commands are validated where they enter the trainer.
 */

export const trainerCommandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    runId: z.string(),
    /** The project as trained (already parsed and valid). */
    project: z.looseObject({ graph: z.any(), training: z.any().optional() }),
    /** Where the run's folder is (created by the host). */
    runDir: z.string(),
    /** Continue from this earlier run's weights (its folder). */
    resumeFrom: z.string().optional(),
    /**
     * The project's initial weights (`project.weights`) as an absolute model.json path, resolved
     * against the project file's folder (and confined to it) by the host or the CLI.
     */
    initialWeights: z.string().optional(),
    /** The folder a relative `training.dataset.file` is in (the project file's), absolute. */
    dataBase: z.string().optional(),
    /** An earlier run's folder whose data record (data.json) this run compares its data with. */
    compareData: z.string().optional(),
    /** Overrides project.training.epochs. */
    epochs: z.number().int().positive().optional(),
    backend: z.string().optional(),
  }),
  z.object({ type: z.literal('stop') }),
  /*
   * evaluate, activations and predict work on the model this trainer trained, or, with `runDir`,
   * on a finished run's saved model (loaded once and kept while the same folder is asked for), so
   * a fresh trainer can serve a run trained earlier.
   */
  z.object({ type: z.literal('evaluate'), requestId: z.string(), runDir: z.string().optional() }),
  z.object({ type: z.literal('activations'), requestId: z.string(), runDir: z.string().optional() }),
  z.object({
    type: z.literal('predict'),
    requestId: z.string(),
    /** Examples, each flattened to the input's size. */
    inputs: z.array(z.array(z.number())),
    runDir: z.string().optional(),
  }),
  z.object({ type: z.literal('shutdown') }),
  /** Write an export (a finished run or a project) and check it; answered with an ExportReply. */
  exportCommandSchema,
  /** Import a model file into a project; answered with an ImportReply. */
  importCommandSchema,
]);
export type TrainerCommand = z.infer<typeof trainerCommandSchema>;

export interface MetricValues {
  loss: number;
  [metric: string]: number;
}

/** One layer's activations for the probe example, quantized to bytes with the layer's min/max. */
export interface LayerActivation {
  nodeId: string;
  kind: string;
  /** The layer's full output shape (batch first). */
  shape: Shape;
  /** How the bytes are laid out: channels × height × width (dense layers: 1 × 1 × units as a strip). */
  channels: number;
  height: number;
  width: number;
  /** value = min + byte / 255 × (max − min). */
  min: number;
  max: number;
  data: Uint8Array;
}

/** First-layer convolution filters as images (channels = filters shown, height × width = kernel). */
export type FilterImages = LayerActivation;

export interface EvaluationResult {
  split: 'test' | 'validation';
  metrics: MetricValues;
  /** Classifiers: rows = true class, columns = predicted class. */
  confusion?: number[][];
  classNames?: string[];
  perClassAccuracy?: number[];
  /** A few test examples with what the model said (for the grid of predictions). */
  examples?: {
    index: number;
    actual: number | number[];
    predicted: number | number[];
    confidence?: number;
    /**
     * What the output said when it is not a probability (a margin from a hinge loss, a linear or
     * tanh output): shown as a score, never as a percentage (issue 14.4). Absent with `confidence`.
     */
    score?: number;
    /** The example's input, flattened channels-last like DatasetPreview's (small datasets), so the UI can draw it. */
    x?: number[];
  }[];
}

export type TrainerEvent =
  | { type: 'ready'; pid: number }
  | {
      type: 'started';
      runId: string;
      backend: string;
      device: string;
      params: ParamCount;
      epochs: number;
      /** First epoch number of this run (> 0 when continuing). */
      initialEpoch: number;
      batchesPerEpoch: number;
      dataset: {
        id: string;
        train: number;
        validation: number;
        test: number;
        classNames?: string[];
        /** Shape of one example (the user's own data: so its examples can be drawn). */
        inputShape?: number[];
        /** The user's own data: how its examples are best shown. */
        kind?: 'image' | 'series' | 'table';
        /** The user's own data: how it differs from an earlier run's (it changed on disk), in words. */
        warnings?: string[];
      };
    }
  | { type: 'batch'; runId: string; epoch: number; batch: number; batchesPerEpoch: number; metrics: MetricValues }
  | {
      type: 'epoch';
      runId: string;
      epoch: number;
      epochs: number;
      metrics: MetricValues;
      validation?: MetricValues;
      seconds: number;
      examplesPerSecond: number;
      etaSeconds: number;
    }
  | {
      type: 'activations';
      runId: string;
      epoch: number;
      requestId?: string;
      layers: LayerActivation[];
      filters?: FilterImages;
    }
  | { type: 'evaluation'; runId: string; requestId?: string; result: EvaluationResult }
  | { type: 'prediction'; runId: string; requestId: string; outputs: number[][] }
  | {
      type: 'finished';
      runId: string;
      reason: 'completed' | 'stopped';
      epochsCompleted: number;
      final: { train?: MetricValues; validation?: MetricValues; test?: EvaluationResult };
      /** The run ended without an error but did not learn (diverged, accuracy at chance): why, and what to try. */
      warning?: RunWarning;
    }
  | { type: 'failed'; runId: string; code: TrainerErrorCode; message: string; hint?: string }
  | { type: 'log'; level: 'info' | 'warn'; message: string };

/**
 * The trainer saves the model to the run folder after every epoch when it has at most this many
 * weights (bigger ones only at the end), so a killed trainer leaves its last finished epoch behind.
 */
export const SAVE_EVERY_EPOCH_MAX_WEIGHTS = 10_000_000;

export const TRAINER_ERROR_CODES = [
  'invalid-graph',
  'dataset-mismatch',
  'dataset-missing',
  /** A built-in dataset asked for more examples than it has (its `size` above its maximum). */
  'dataset-too-large',
  /** A built-in dataset's options are out of range (size, split fractions, generator settings). */
  'dataset-options',
  /** The project's initial weights (`weights`) cannot be read. */
  'weights-missing',
  'loss-mismatch',
  'nan-loss',
  'backend',
  'out-of-memory',
  /** The runs folder is full, read-only or not a folder. */
  'runs-folder',
  'crashed',
  'internal',
] as const;
export type TrainerErrorCode = (typeof TRAINER_ERROR_CODES)[number];

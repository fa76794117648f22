import { z } from 'zod';
import { exportCommandSchema } from './exports';
import { importCommandSchema } from './imports';
import { speedCommandSchema } from './speed';

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
    /** Also every layer's activations for the first example (the Train panel's "Try it"). */
    activations: z.boolean().optional(),
  }),
  z.object({ type: z.literal('shutdown') }),
  /** Write an export (a finished run or a project) and check it; answered with an ExportReply. */
  exportCommandSchema,
  /** Import a model file into a project; answered with an ImportReply. */
  importCommandSchema,
  /** Measure how fast this computer trains (speed.ts); answered with a SpeedReply. */
  speedCommandSchema,
]);
export type TrainerCommand = z.infer<typeof trainerCommandSchema>;

/**
 * The trainer saves the model to the run folder after every epoch when it has at most this many
 * weights (bigger ones only at the end), so a killed trainer leaves its last finished epoch behind.
 */
export const SAVE_EVERY_EPOCH_MAX_WEIGHTS = 10_000_000;

export {
  TRAINER_ERROR_CODES,
  TRAINER_PHASES,
  trainerEventSchema,
  type BoundaryOutput,
  type EvaluationResult,
  type FilterImages,
  type LayerActivation,
  type MetricValues,
  type NeuronMaps,
  type TrainerErrorCode,
  type TrainerEvent,
  type TrainerPhase,
} from './trainerEvents';

import { z } from 'zod';
import type { ParamCount, Shape } from '../catalog/types';
import type { RunWarning } from '../training/runHealth';

/**
 * The trainer's events as one zod schema (issue 15, item 2): the TypeScript types are inferred from
 * it, and every event is checked with it where it enters the host (from a trainer process) and the
 * renderer (from the WebSocket or Electron IPC). The fakes' scripts and a recorded real run are
 * checked with the same schema in `trainerEvents.test.ts`.
 */

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

/**
 * A measured value: any number, NaN and ±Infinity included (a loss can blow up). JSON carries a
 * non-finite number as null, so null is read back as NaN.
 */
const measured = z.preprocess(
  (v) => (v === null ? NaN : v),
  z.custom<number>((v) => typeof v === 'number', {
    error: (issue) => `Invalid input: expected number, received ${typeof issue.input}`,
  }),
);
const count = z.number().int().nonnegative();
/** Bytes (activation maps, boundary grids): Uint8Array over any buffer, as structured clone gives. */
const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, {
  error: (issue) => `Invalid input: expected bytes (Uint8Array), received ${typeof issue.input}`,
});
const dim = z.number().int().nonnegative().nullable();

export const metricValuesSchema = z.object({ loss: measured }).catchall(measured);
export type MetricValues = z.infer<typeof metricValuesSchema>;

/** One layer's activations for the probe example, quantized to bytes with the layer's min/max. */
export const layerActivationSchema = z.object({
  nodeId: z.string(),
  kind: z.string(),
  /** The layer's full output shape (batch first). */
  shape: z.array(dim),
  /** How the bytes are laid out: channels × height × width (dense layers: 1 × 1 × units as a strip). */
  channels: count,
  height: count,
  width: count,
  /** value = min + byte / 255 × (max − min). */
  min: measured,
  max: measured,
  data: bytes,
});
export type LayerActivation = z.infer<typeof layerActivationSchema>;
/** First-layer convolution filters as images (channels = filters shown, height × width = kernel). */
export type FilterImages = LayerActivation;

const exampleSchema = z.object({
  index: count,
  actual: z.union([measured, z.array(measured)]),
  predicted: z.union([measured, z.array(measured)]),
  confidence: measured.optional(),
  /**
   * What the output said when it is not a probability (a margin from a hinge loss, a linear or
   * tanh output): shown as a score, never as a percentage (issue 14.4). Absent with `confidence`.
   */
  score: measured.optional(),
  /** The example's input, flattened channels-last like DatasetPreview's (small datasets), so the UI can draw it. */
  x: z.array(measured).optional(),
});

export const evaluationResultSchema = z.object({
  split: z.enum(['test', 'validation']),
  metrics: metricValuesSchema,
  /** Classifiers: rows = true class, columns = predicted class. */
  confusion: z.array(z.array(count)).optional(),
  classNames: z.array(z.string()).optional(),
  perClassAccuracy: z.array(measured).optional(),
  /** A few test examples with what the model said (for the grid of predictions). */
  examples: z.array(exampleSchema).optional(),
  /**
   * Regression: what the model said against the truth for the split's first examples (up to 500),
   * in the targets' own units (the standardisation undone), rows of `targetNames.length` values.
   */
  regression: z
    .object({ targetNames: z.array(z.string()), actual: z.array(measured), predicted: z.array(measured) })
    .optional(),
});
export type EvaluationResult = z.infer<typeof evaluationResultSchema>;

/**
 * The network's output over the plane of a two-value input (issue 14, section 2.2: TensorFlow
 * Playground's decision boundary), a `size` × `size` grid. Row 0 is the top (the largest second
 * input), column 0 the left (the smallest first input). `data` per cell: `probability` p × 255;
 * `score` and `value` min + byte / 255 × (max − min); `classes` the winning class, with its
 * probability × 255 in `confidence`.
 */
export const boundaryOutputSchema = z.object({
  kind: z.enum(['probability', 'score', 'classes', 'value']),
  data: bytes,
  confidence: bytes.optional(),
  min: measured,
  max: measured,
  /** Where a score changes class (0 for a hinge margin). */
  threshold: measured.optional(),
});
export type BoundaryOutput = z.infer<typeof boundaryOutputSchema>;

/** One hidden layer's units over the same plane, `size` × `size` each, quantized with the layer's min/max. */
export const neuronMapsSchema = z.object({
  nodeId: z.string(),
  units: count,
  size: count,
  min: measured,
  max: measured,
  /** units × size × size bytes, unit by unit, rows top first. */
  data: bytes,
});
export type NeuronMaps = z.infer<typeof neuronMapsSchema>;

/** What the trainer is doing before the first batch (issue 14.6): shown instead of a silent wait. */
export const TRAINER_PHASES = ['backend', 'data', 'model', 'first-batch'] as const;
export type TrainerPhase = (typeof TRAINER_PHASES)[number];

const runId = z.string();
const finalSchema = z.object({
  train: metricValuesSchema.optional(),
  validation: metricValuesSchema.optional(),
  test: evaluationResultSchema.optional(),
});

export const trainerEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), pid: count }),
  z.object({
    type: z.literal('phase'),
    runId,
    phase: z.enum(TRAINER_PHASES),
    /** In words, for the run status: "Generating 2,000 light curves…", "Initialising 11 M weights…". */
    message: z.string(),
    /** 0–1 when the phase knows how far it is. */
    progress: z.number().min(0).max(1).optional(),
  }),
  z.object({
    type: z.literal('started'),
    runId,
    backend: z.string(),
    device: z.string(),
    params: z.object({ trainable: count, nonTrainable: count }),
    epochs: count,
    /** First epoch number of this run (> 0 when continuing). */
    initialEpoch: count,
    batchesPerEpoch: count,
    dataset: z.object({
      id: z.string(),
      train: count,
      validation: count,
      test: count,
      classNames: z.array(z.string()).optional(),
      /** Shape of one example (the user's own data: so its examples can be drawn). */
      inputShape: z.array(count).optional(),
      /** The user's own data: how its examples are best shown. */
      kind: z.enum(['image', 'series', 'table']).optional(),
      /** The user's own data: how it differs from an earlier run's (it changed on disk), in words. */
      warnings: z.array(z.string()).optional(),
    }),
  }),
  z.object({
    type: z.literal('batch'),
    runId,
    epoch: count,
    batch: count,
    batchesPerEpoch: count,
    metrics: metricValuesSchema,
  }),
  z.object({
    type: z.literal('epoch'),
    runId,
    epoch: count,
    epochs: count,
    metrics: metricValuesSchema,
    validation: metricValuesSchema.optional(),
    seconds: measured,
    examplesPerSecond: measured,
    etaSeconds: measured,
    /**
     * The threads this epoch's batches ran on, where it may differ from the device in `started`
     * (the trainer goes back to 1 thread when splitting batches proves slower).
     */
    threads: count.optional(),
  }),
  z.object({
    type: z.literal('activations'),
    runId,
    /** The number of epochs completed (0: before training). */
    epoch: count,
    requestId: z.string().optional(),
    layers: z.array(layerActivationSchema),
    filters: layerActivationSchema.optional(),
  }),
  z.object({
    type: z.literal('boundary'),
    runId,
    /** The number of epochs completed (0: before training). */
    epoch: count,
    /** The plane shown: the data's range plus a margin, in the model's input units. */
    extent: z.object({ x: z.tuple([z.number(), z.number()]), y: z.tuple([z.number(), z.number()]) }),
    size: count,
    output: boundaryOutputSchema,
    /** The first hidden layers of a small network (≤ 16 units each), Playground's neuron thumbnails. */
    neurons: z.array(neuronMapsSchema),
    /**
     * Some examples to draw on top: coordinates as x1, x2 pairs, their class (or target value in
     * its own units), and how many of them (the last ones) are test examples.
     */
    points: z.object({ xy: z.array(z.number()), label: z.array(z.number()), test: count }),
  }),
  z.object({ type: z.literal('evaluation'), runId, requestId: z.string().optional(), result: evaluationResultSchema }),
  z.object({
    type: z.literal('prediction'),
    runId,
    requestId: z.string(),
    outputs: z.array(z.array(measured)),
    /** Asked with `activations`: every layer's output for the first example. */
    layers: z.array(layerActivationSchema).optional(),
  }),
  z.object({
    type: z.literal('finished'),
    runId,
    reason: z.enum(['completed', 'stopped']),
    epochsCompleted: count,
    final: finalSchema,
    /** The run ended without an error but did not learn (diverged, accuracy at chance): why, and what to try. */
    warning: z
      .object({ code: z.enum(['diverged', 'chance-accuracy']), message: z.string(), hint: z.string() })
      .optional(),
  }),
  z.object({
    type: z.literal('failed'),
    runId,
    code: z.enum(TRAINER_ERROR_CODES),
    message: z.string(),
    hint: z.string().optional(),
  }),
  z.object({
    type: z.literal('log'),
    level: z.enum(['info', 'warn']),
    message: z.string(),
    /** A request this message answers (a refused "Try it" example). */
    requestId: z.string().optional(),
  }),
]);
export type TrainerEvent = z.infer<typeof trainerEventSchema>;
export type TrainerEventType = TrainerEvent['type'];

// The schema's types agree with the ones other modules declare (a compile error if either drifts).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree: [
  Same<Extract<TrainerEvent, { type: 'started' }>['params'], ParamCount>,
  Same<LayerActivation['shape'], Shape>,
  Same<NonNullable<Extract<TrainerEvent, { type: 'finished' }>['warning']>, RunWarning>,
] = [true, true, true];
void agree;

/** The outcome of checking one message against the contract. */
export type EventCheck = { ok: true; event: TrainerEvent } | { ok: false; problem: string };

/**
 * Checks one message against {@link trainerEventSchema}. A refusal names the event and the field:
 * `the "epoch" event's field metrics.loss: Invalid input: expected number, received string`.
 */
export function checkTrainerEvent(message: unknown): EventCheck {
  const parsed = trainerEventSchema.safeParse(message);
  if (parsed.success) return { ok: true, event: parsed.data };
  const type = (message as { type?: unknown } | null)?.type;
  const name = typeof type === 'string' ? `the "${type.slice(0, 40)}" event` : 'a message without a type';
  const issue = parsed.error.issues[0];
  if (issue?.path.length === 0 || !issue) return { ok: false, problem: `${name}: ${issue?.message ?? 'invalid'}` };
  return { ok: false, problem: `${name}'s field ${issue.path.join('.')}: ${issue.message}` };
}

/**
 * The event in `message`, or undefined after logging why it was refused (never a throw: one bad
 * event must not take down the host or the window). `from` says where it came from, for the log.
 */
export function readTrainerEvent(
  message: unknown,
  from: string,
  log: (text: string) => void = console.error,
): TrainerEvent | undefined {
  const checked = checkTrainerEvent(message);
  if (checked.ok) return checked.event;
  log(
    `Deepwire: ignored an event from ${from} that breaks the trainer protocol: ${checked.problem}. This is a bug; please report it.`,
  );
  return undefined;
}

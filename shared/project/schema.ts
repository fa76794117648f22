import { z } from 'zod';
import { LOSSES, METRICS, OPTIMIZERS, TRAINING_TARGETS } from '../training/options';

/**
 * The project file's schema (DESIGN.md, "The project file"). Objects are loose: unknown fields are
 * kept on load and written back on save, so files from newer tools or hand edits survive.
 */

const position = z.looseObject({ x: z.number(), y: z.number() });

export const nodeSchema = z.looseObject({
  id: z.string().min(1, 'a node needs an id'),
  kind: z.string().min(1, 'a node needs a kind'),
  params: z.record(z.string(), z.unknown()).default({}),
  position: position.optional(),
});

export const edgeSchema = z.looseObject({
  source: z.string().min(1),
  target: z.string().min(1),
  targetPort: z.number().int().nonnegative().optional(),
});

export const graphSchema = z.looseObject({
  nodes: z.array(nodeSchema),
  edges: z.array(edgeSchema).default([]),
});

const datasetRef = z.union([
  z.looseObject({ builtin: z.string().min(1), options: z.record(z.string(), z.unknown()).optional() }),
  z.looseObject({ path: z.string().min(1) }),
]);

export const trainingSchema = z.looseObject({
  dataset: datasetRef.optional(),
  loss: z.enum(LOSSES).optional(),
  optimizer: z.looseObject({ kind: z.enum(OPTIMIZERS), learningRate: z.number().positive().optional() }).optional(),
  metrics: z.array(z.enum(METRICS)).optional(),
  batchSize: z.number().int().positive().optional(),
  epochs: z.number().int().positive().optional(),
  validationSplit: z.number().min(0).lt(1).optional(),
  seed: z.number().int().optional(),
  target: z.enum(TRAINING_TARGETS).optional(),
});

/** Gallery metadata carried by files in templates/. */
export const templateSchema = z.looseObject({
  title: z.string(),
  summary: z.string(),
  teachingNotes: z.array(z.string()).default([]),
  citation: z.string().optional(),
  category: z.string().optional(),
  /** Where the reference parameter count comes from (e.g. "Keras applications.VGG16"). */
  reference: z.looseObject({ params: z.number().int(), source: z.string() }).optional(),
});

export const CURRENT_VERSION = 1;
export const FORMAT = 'deepwire-project';

export const projectSchema = z.looseObject({
  format: z.literal(FORMAT),
  version: z.literal(CURRENT_VERSION),
  name: z.string().default('Untitled'),
  /**
   * The project's stable identity (its runs are found by it, so a rename keeps them). Optional:
   * files from before it have none and get one when opened, written on the next save.
   */
  id: z.string().optional(),
  description: z.string().optional(),
  graph: graphSchema,
  training: trainingSchema.optional(),
  template: templateSchema.optional(),
});

export type Project = z.infer<typeof projectSchema>;
export type TemplateMeta = z.infer<typeof templateSchema>;

import { z } from 'zod';
import { LOSSES, METRICS, OPTIMIZERS, TRAINING_TARGETS } from '../training/options';
import { groupProblems } from '../graph/groups';
import { MAX_GRAPH_EDGES, MAX_GRAPH_NODES } from './jsonLimits';

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
  /** false freezes the layer: training leaves its weights as they are (version 2). */
  trainable: z.boolean().optional(),
});

export const edgeSchema = z.looseObject({
  source: z.string().min(1),
  target: z.string().min(1),
  targetPort: z.number().int().nonnegative().optional(),
});

/**
 * A group of layers the canvas can show as one node (optional, version 2 unchanged: code that does
 * not know groups keeps them as an unknown field). Presentation only: training ignores it.
 */
export const groupSchema = z.looseObject({
  id: z.string().min(1, 'a group needs an id'),
  label: z.string(),
  members: z.array(z.string()).min(1, 'a group needs at least one layer in "members"'),
  collapsed: z.boolean().optional(),
});

export const graphSchema = z
  .looseObject({
    nodes: z
      .array(nodeSchema)
      .max(MAX_GRAPH_NODES, `a network may have at most ${MAX_GRAPH_NODES.toLocaleString('en')} layers`),
    edges: z
      .array(edgeSchema)
      .max(MAX_GRAPH_EDGES, `a network may have at most ${MAX_GRAPH_EDGES.toLocaleString('en')} connections`)
      .default([]),
    groups: z
      .array(groupSchema)
      .max(MAX_GRAPH_NODES, `a network may have at most ${MAX_GRAPH_NODES.toLocaleString('en')} groups`)
      .optional(),
  })
  .superRefine((graph, ctx) => {
    // Paths are relative to the graph (the file's path adds `graph.` in front).
    for (const p of groupProblems(graph)) {
      const path = p.path
        .replace(/^graph\./, '')
        .split(/[.[\]]+/)
        .filter(Boolean)
        .map((x) => (/^\d+$/.test(x) ? Number(x) : x));
      ctx.addIssue({ code: 'custom', message: p.message, path });
    }
  });

/** The formats of the user's own data (`training.dataset.format`); absent means "tell from the file". */
export const DATA_FILE_FORMATS = ['csv', 'images', 'npy', 'npz', 'fits', 'hdf5'] as const;
export type DataFileFormat = (typeof DATA_FILE_FORMATS)[number];

/**
 * The user's own data (project file version 2). `file` is relative to the project file where it can
 * be; options that do not apply to a format are absent. `x`/`y` name arrays (npz, HDF5 paths) or, for
 * `.npy`, the file of labels beside `file`; `hdu`/`labelHdu` pick FITS extensions.
 */
export const fileDatasetSchema = z.looseObject({
  file: z.string().min(1, 'the dataset needs a file'),
  format: z.enum(DATA_FILE_FORMATS).optional(),
  /** Table column (CSV, FITS table) or array holding what the network learns to output. */
  target: z.string().optional(),
  /** Table columns fed to the network; default: every number and category column but the target. */
  features: z.array(z.string()).optional(),
  /** Images: resize every picture to [height, width]; default: the Input layer's size. */
  imageSize: z.tuple([z.number().int().positive(), z.number().int().positive()]).optional(),
  x: z.string().optional(),
  y: z.string().optional(),
  hdu: z.union([z.number().int().nonnegative(), z.string()]).optional(),
  labelHdu: z.union([z.number().int().nonnegative(), z.string()]).optional(),
  /** A column whose values (train / validation / test) fix each row's split. */
  splitColumn: z.string().optional(),
  /** Use only the first `size` examples. */
  size: z.number().int().positive().optional(),
  validationFraction: z.number().min(0).lt(1).optional(),
  testFraction: z.number().min(0).lt(1).optional(),
});
export type FileDatasetRef = z.infer<typeof fileDatasetSchema>;

const datasetRef = z.union([
  z.looseObject({ builtin: z.string().min(1), options: z.record(z.string(), z.unknown()).optional() }),
  fileDatasetSchema,
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

export const CURRENT_VERSION = 2;
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
  /**
   * Initial weights (version 2): a TF.js layers-format `model.json`, relative to the project file,
   * matched to nodes by id. Training starts from them; a node whose shapes no longer fit starts fresh.
   */
  weights: z.string().min(1).optional(),
  training: trainingSchema.optional(),
  template: templateSchema.optional(),
});

export type Project = z.infer<typeof projectSchema>;
export type TemplateMeta = z.infer<typeof templateSchema>;

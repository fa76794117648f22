import { z } from 'zod';

/** Any number, NaN and ±Infinity included (an error measure can be either). */
const anyNumber = z.custom<number>((v) => typeof v === 'number', 'Invalid input: expected number');
import { projectSchema } from '../project/schema';

/**
 * Exports across the process boundaries: what the app asks for (`EngineClient.exportModel`), the
 * command the host gives a trainer process to do it (TF.js stays out of the Electron main process),
 * and what comes back. The files written are those of `deepwire export` (DESIGN.md, "Exports").
 */

export const EXPORT_FORMATS = ['onnx', 'pytorch', 'keras', 'tfjs'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One line per format for the Export dialog. */
export const EXPORT_FORMAT_INFO: Record<ExportFormat, { title: string; files: string }> = {
  onnx: { title: 'ONNX', files: 'model.onnx — runs in onnxruntime, TensorRT, OpenVINO, …' },
  pytorch: { title: 'PyTorch', files: 'model.py, model.safetensors and train.py (one machine or a cluster)' },
  keras: { title: 'Keras 3', files: 'model.py and model.keras' },
  tfjs: { title: 'TensorFlow.js', files: 'model.json and weights.bin, for the web' },
};

/** The outcome of running an export on the reference batch and comparing with `deepwire predict`. */
export const equivalenceCheckSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('passed'),
    maxRelativeError: anyNumber,
    tolerance: anyNumber,
    runtime: z.string(),
    examples: z.number().int(),
  }),
  z.object({
    status: z.literal('failed'),
    maxRelativeError: anyNumber,
    tolerance: anyNumber,
    runtime: z.string(),
    examples: z.number().int(),
    detail: z.string(),
  }),
  z.object({ status: z.literal('skipped'), reason: z.string() }),
]);
export type EquivalenceCheck = z.infer<typeof equivalenceCheckSchema>;

/**
 * What to export, and where. Exactly one of `runId` (a finished run's trained model) or `project`
 * (the architecture on the canvas, with its initial weights).
 */
export interface ExportRequest {
  format: ExportFormat;
  runId?: string;
  project?: z.infer<typeof projectSchema>;
  /** Where the project file is, so its `weights` can be found (as for startRun). */
  projectPath?: string;
  /**
   * The folder to create: an absolute path the desktop app's folder chooser gave, or (the browser
   * shell) a plain name, created under the served folder's `exports/`.
   */
  destination: string;
  /** Replace the folder when it exists (the app asks first). */
  force?: boolean;
}

/** What an export wrote, and its check. */
export const exportOutcomeSchema = z.object({
  format: z.enum(EXPORT_FORMATS),
  /** The folder written (absolute). */
  dir: z.string(),
  files: z.array(z.string()),
  check: equivalenceCheckSchema,
});
export type ExportOutcome = z.infer<typeof exportOutcomeSchema>;

/** A plain folder name or an absolute path (no "..": the host resolves and confines it). */
export const exportRequestSchema = z.object({
  format: z.enum(EXPORT_FORMATS),
  runId: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\w][\w.-]*$/)
    .optional(),
  project: projectSchema.optional(),
  projectPath: z.string().max(4096).optional(),
  destination: z
    .string()
    .min(1)
    .max(4096)
    .refine((s) => !s.split(/[\\/]/).includes('..'), 'must not contain ".."'),
  force: z.boolean().optional(),
});

/** The trainer-process command (host → trainer): everything resolved to absolute paths. */
export const exportCommandSchema = z.object({
  type: z.literal('export'),
  requestId: z.string(),
  format: z.enum(EXPORT_FORMATS),
  /** The folder to create. */
  out: z.string(),
  force: z.boolean().optional(),
  /** A run folder, or … */
  runDir: z.string().optional(),
  /** … a project (with `projectPath` for its weights). */
  project: z.looseObject({ graph: z.any() }).optional(),
  projectPath: z.string().optional(),
});
export type ExportCommand = z.infer<typeof exportCommandSchema>;

/** The trainer's answer to an export command (sent on the trainer channel, beside its events). */
export const exportReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('exported'), requestId: z.string(), outcome: exportOutcomeSchema }),
  z.object({
    type: z.literal('export-failed'),
    requestId: z.string(),
    message: z.string(),
    hint: z.string().optional(),
    nodeId: z.string().optional(),
  }),
]);
export type ExportReply = z.infer<typeof exportReplySchema>;

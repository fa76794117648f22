import { z } from 'zod';

/** Any number, NaN and ±Infinity included (an error measure can be either). */
const anyNumber = z.custom<number>((v) => typeof v === 'number', 'Invalid input: expected number');

/**
 * Imports across the process boundaries: the app sends the model's files (`EngineClient.importModel`),
 * the host writes them to a temporary folder and has a trainer process run `deepwire import` on them
 * (TF.js stays out of the Electron main process), and the new project comes back to open.
 */

/** The largest upload the app sends (the WebSocket carries at most 64 MB per message). */
export const IMPORT_UPLOAD_LIMIT = 60 * 1024 * 1024;

/** What the user picked: the model file and any files beside it (TF.js weights, ONNX external data). */
export interface ImportRequest {
  files: { name: string; bytes: Uint8Array }[];
  /** Import up to the first unsupported layer instead of refusing. */
  partial?: boolean;
  /** The input size without the batch, as the file orders it, for models saved with open sizes. */
  inputShape?: number[];
}

/** The imported project, ready to open on the canvas. */
export interface ImportOutcome {
  /** Where the project was written (a path under Electron, relative to the served folder in a browser). */
  path: string;
  text: string;
  format: string;
  notes: string[];
  maxRelativeError: number;
  runtime: string;
}

const fileName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^\\/]+$/, 'must be a file name, not a path')
  .refine((s) => s !== '.' && s !== '..', 'must be a file name');

export const importRequestSchema = z.object({
  files: z
    .array(z.object({ name: fileName, bytes: z.instanceof(Uint8Array) }))
    .min(1)
    .max(64),
  partial: z.boolean().optional(),
  inputShape: z.array(z.number().int().positive().max(100_000)).max(8).optional(),
});

/** The trainer-process command (host → trainer), with absolute paths. */
export const importCommandSchema = z.object({
  type: z.literal('import'),
  requestId: z.string(),
  /** The model file (its companions are beside it). */
  model: z.string(),
  /** The folder the project and its weights are written into. */
  out: z.string(),
  partial: z.boolean().optional(),
  inputShape: z.array(z.number().int().positive()).optional(),
});
export type ImportCommand = z.infer<typeof importCommandSchema>;

/** The trainer's answer to an import command. */
export const importReplySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('imported'),
    requestId: z.string(),
    projectPath: z.string(),
    format: z.string(),
    notes: z.array(z.string()),
    maxRelativeError: anyNumber,
    runtime: z.string(),
  }),
  z.object({
    type: z.literal('import-failed'),
    requestId: z.string(),
    code: z.string(),
    message: z.string(),
    hint: z.string().optional(),
  }),
]);
export type ImportReply = z.infer<typeof importReplySchema>;

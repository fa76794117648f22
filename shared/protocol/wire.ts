import { z } from 'zod';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../project/jsonLimits';
import { fileDatasetSchema, projectSchema } from '../project/schema';
import { CLIENT_METHODS, type ClientMethod, type EngineClient } from './client';
import { exportRequestSchema } from './exports';
import { importRequestSchema } from './imports';
import type { TrainerEvent } from './trainer';

/**
 * The renderer ↔ host wire protocol, shared by both transports (WebSocket and Electron IPC).
 *
 * - renderer → host: `{type:'call', id, method, args}` (VS Code's `call`)
 * - host → renderer: `{type:'result', id, ok, value | error}` and `{type:'event', event}` (VS Code's `listen`)
 *
 * Every call is validated here, where it enters the host: the method must be one of CLIENT_METHODS
 * and its args must match that method's tuple schema. Over a WebSocket, messages that carry bytes
 * (activation maps) travel as one binary frame (see {@link encodeFrame}); over Electron IPC the
 * structured clone carries Uint8Array natively.
 */

/** A file or run id that is safe to use as one path segment (no separators, no `..`). */
const safeName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\w][\w.-]*$/, 'must be a plain name (letters, digits, "_", "-", ".")')
  .refine((s) => !s.includes('..'), 'must not contain ".."');

const startRunOptionsSchema = z.object({
  epochs: z.number().int().positive().max(100_000).optional(),
  continueFrom: safeName.optional(),
  backend: z.string().max(100).optional(),
  projectPath: z.string().max(4096).optional(),
});

/** Argument tuples, one per method. `satisfies` ties each to the EngineClient signature. */
export const METHOD_ARGS = {
  listTemplates: z.tuple([]),
  loadTemplate: z.tuple([safeName]),
  openProjectFile: z.tuple([]),
  saveProjectFile: z.tuple([z.string().max(4096).nullable(), z.string(), z.string().max(255)]),
  listDatasets: z.tuple([]),
  previewDataset: z.tuple([z.string().min(1).max(200), z.number().int().min(0).max(1000)]),
  describeData: z.tuple([
    fileDatasetSchema,
    z.string().max(4096).optional(),
    z.array(z.number().int().positive().max(65536)).max(8).optional(),
  ]),
  listDataFiles: z.tuple([z.string().max(4096).optional()]),
  chooseDataPath: z.tuple([z.enum(['file', 'folder'])]),
  backendInfo: z.tuple([]),
  trainingSpeed: z.tuple([]),
  startRun: z.tuple([projectSchema, startRunOptionsSchema.optional()]),
  stopRun: z.tuple([safeName]),
  requestActivations: z.tuple([safeName]),
  tryInput: z.tuple([safeName, z.array(z.number().finite()).max(4_000_000)]),
  listRuns: z.tuple([z.string().max(1000), z.string().max(1000).optional()]),
  getRun: z.tuple([safeName]),
  exportModel: z.tuple([exportRequestSchema]),
  chooseExportFolder: z.tuple([z.string().min(1).max(255)]),
  importModel: z.tuple([importRequestSchema]),
} as const satisfies { [M in ClientMethod]: z.ZodType<Parameters<NonNullable<EngineClient[M]>>> };

export type MethodArgs<M extends ClientMethod> = Parameters<NonNullable<EngineClient[M]>>;
export type MethodResult<M extends ClientMethod> = Awaited<ReturnType<NonNullable<EngineClient[M]>>>;

/** An error as it crosses the wire (STYLE.md 11): a code, a plain message, and what to do. */
export interface WireError {
  code: string;
  message: string;
  hint?: string;
}

export const wireErrorSchema = z.object({ code: z.string(), message: z.string(), hint: z.string().optional() });

export const callMessageSchema = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string(),
  args: z.array(z.unknown()),
});
export type CallMessage = z.infer<typeof callMessageSchema>;

export type ResultMessage =
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: WireError };
export type EventMessage = { type: 'event'; event: TrainerEvent };
/** What the host sends to a renderer. */
export type HostMessage = ResultMessage | EventMessage;

/**
 * Host → renderer messages, validated where they enter the renderer: this checks the envelope; an
 * event inside is then checked against `trainerEventSchema` (`readTrainerEvent`), so a refusal can
 * name the event and its field.
 */
export const hostMessageSchema = z.union([
  // A call that returns nothing (stopRun) arrives without `value`: JSON drops undefined.
  z.object({ type: z.literal('result'), id: z.number().int(), ok: z.literal(true), value: z.unknown().optional() }),
  z.object({ type: z.literal('result'), id: z.number().int(), ok: z.literal(false), error: wireErrorSchema }),
  z.object({ type: z.literal('event'), event: z.looseObject({ type: z.string() }) }),
]);

/** A validated call: the method is known and the args match it. */
export type ValidCall = { [M in ClientMethod]: { method: M; args: MethodArgs<M> } }[ClientMethod];

export function isClientMethod(name: string): name is ClientMethod {
  return (CLIENT_METHODS as readonly string[]).includes(name);
}

/**
 * Checks a call's method and args. Returns the typed call, or a WireError saying what is wrong.
 * (The host calls this for every call, whichever transport brought it.)
 */
export function validateCall(
  method: unknown,
  args: unknown,
): { ok: true; call: ValidCall } | { ok: false; error: WireError } {
  if (typeof method !== 'string' || !isClientMethod(method)) {
    return {
      ok: false,
      error: {
        code: 'unknown-method',
        // Bounded: a client must not get a megabyte name echoed back (issue 13, item 14).
        message: `The engine has no method called "${clip(String(method), 80)}".`,
        hint: `Known methods: ${CLIENT_METHODS.join(', ')}. The app and the engine may be different versions: restart Deepwire.`,
      },
    };
  }
  // Before the schema: its recursive walk (and later the trainer's structured clone) would overflow
  // the stack on args nested thousands deep and take the host down (issue 13, item 3).
  if (jsonDepthExceeds(args)) {
    return {
      ok: false,
      error: {
        code: 'bad-request',
        message: `The call ${method} was refused: its arguments nest more than ${MAX_JSON_DEPTH} levels deep.`,
        hint: 'A Deepwire project never nests that deep; check the file for a runaway field.',
      },
    };
  }
  const parsed = METHOD_ARGS[method].safeParse(args ?? []);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.length ? `args.${clip(i.path.join('.'), 200)}` : 'args'}: ${clip(i.message, 300)}`)
      .join('; ');
    return {
      ok: false,
      error: {
        code: 'bad-request',
        message: `The call ${method} was refused: ${detail}.`,
        hint: 'This is a bug in the app; please report it.',
      },
    };
  }
  return { ok: true, call: { method, args: parsed.data } as ValidCall };
}

/** `text` cut to `max` characters, marked with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Menu commands the desktop shell sends to the renderer (Edit → Undo etc. are handled there). */
export const MENU_COMMANDS = ['new', 'open', 'save', 'saveAs', 'import', 'undo', 'redo'] as const;
export const menuCommandSchema = z.union([
  z.object({ command: z.enum(MENU_COMMANDS) }),
  z.object({ command: z.literal('openFile'), file: z.object({ path: z.string(), text: z.string() }) }),
]);
export type MenuCommand = z.infer<typeof menuCommandSchema>;

// ---------------------------------------------------------------------------------------------
// Framing. A message without bytes is one text frame of JSON. A message with Uint8Arrays is ONE
// binary frame: [u32 big-endian header length][header JSON, UTF-8][blob 0][blob 1]…, where the
// header is {m: message with each Uint8Array replaced by {"$bin": i}, b: [length of blob i]}.
// One frame per message keeps ordering trivial and needs no reassembly state on either side.
// ---------------------------------------------------------------------------------------------

const BIN_KEY = '$bin';

function extractBlobs(value: unknown, blobs: Uint8Array[]): unknown {
  if (value instanceof Uint8Array) {
    blobs.push(value);
    return { [BIN_KEY]: blobs.length - 1 };
  }
  if (Array.isArray(value)) return value.map((v) => extractBlobs(v, blobs));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = extractBlobs(v, blobs);
    return out;
  }
  return value;
}

function restoreBlobs(value: unknown, blobs: Uint8Array[]): unknown {
  if (Array.isArray(value)) return value.map((v) => restoreBlobs(v, blobs));
  if (value && typeof value === 'object') {
    const rec = value as Record<string, unknown>;
    const keys = Object.keys(rec);
    if (keys.length === 1 && keys[0] === BIN_KEY && typeof rec[BIN_KEY] === 'number') {
      const blob = blobs[rec[BIN_KEY]];
      if (!blob) throw new Error(`binary frame refers to missing blob ${rec[BIN_KEY]}`);
      return blob;
    }
    for (const k of keys) rec[k] = restoreBlobs(rec[k], blobs);
    return rec;
  }
  return value;
}

function hasBytes(value: unknown): boolean {
  if (value instanceof Uint8Array) return true;
  if (Array.isArray(value)) return value.some(hasBytes);
  if (value && typeof value === 'object') return Object.values(value).some(hasBytes);
  return false;
}

/** Encodes a message for a WebSocket: a JSON string, or one binary frame when it carries bytes. */
export function encodeFrame(message: unknown): string | Uint8Array {
  if (!hasBytes(message)) return JSON.stringify(message);
  const blobs: Uint8Array[] = [];
  const m = extractBlobs(message, blobs);
  const header = new TextEncoder().encode(JSON.stringify({ m, b: blobs.map((b) => b.byteLength) }));
  const total = 4 + header.byteLength + blobs.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, header.byteLength, false);
  out.set(header, 4);
  let offset = 4 + header.byteLength;
  for (const b of blobs) {
    out.set(b, offset);
    offset += b.byteLength;
  }
  return out;
}

/**
 * Decodes a frame made by {@link encodeFrame}. Each Uint8Array gets its own copy of the bytes.
 * @throws Error on a malformed frame (the caller closes the connection).
 */
export function decodeFrame(data: string | ArrayBuffer | Uint8Array): unknown {
  if (typeof data === 'string') return JSON.parse(data);
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.byteLength < 4) throw new Error('binary frame too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0, false);
  if (4 + headerLength > bytes.byteLength) throw new Error('binary frame header overruns the frame');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength))) as {
    m?: unknown;
    b?: unknown;
  };
  if (!Array.isArray(header.b) || !header.b.every((n) => Number.isInteger(n) && n >= 0))
    throw new Error('binary frame header has no blob table');
  const blobs: Uint8Array[] = [];
  let offset = 4 + headerLength;
  for (const length of header.b as number[]) {
    if (offset + length > bytes.byteLength) throw new Error('binary frame blob overruns the frame');
    blobs.push(bytes.slice(offset, offset + length));
    offset += length;
  }
  if (offset !== bytes.byteLength) throw new Error('binary frame has trailing bytes');
  return restoreBlobs(header.m, blobs);
}

/** The outcome of one call as it comes back over either transport. */
export type CallOutcome = { ok: true; value: unknown } | { ok: false; error: WireError };

/**
 * The one API the Electron preload exposes to the page as `window.deepwire` (never raw ipcRenderer).
 * `call` resolves with the outcome (errors are values, so their code and hint survive IPC).
 */
export interface DeepwireBridge {
  call(method: ClientMethod, args: unknown[]): Promise<CallOutcome>;
  /** Raw events as IPC delivered them: the page checks them against the trainer protocol. */
  onEvent(listener: (event: unknown) => void): () => void;
  /** Raw menu commands: the page checks them with {@link menuCommandSchema}. */
  onMenu(listener: (command: unknown) => void): () => void;
  /** The desktop app's recovery file of unsaved work (see {@link RecoveryBridge}). */
  recovery: RecoveryBridge;
}

/**
 * The one file where the desktop app keeps the open project's unsaved edits between starts (issue
 * 13, item 5), in the app's user-data folder. The page never names a path: it can only read, replace
 * or remove this one file. `read` resolves null when there is none.
 */
export interface RecoveryBridge {
  read(): Promise<string | null>;
  write(text: string): Promise<void>;
  clear(): Promise<void>;
}

export { IPC_CHANNELS } from './ipc';

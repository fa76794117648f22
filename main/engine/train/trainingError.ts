import type { TrainerErrorCode } from '../../../shared/protocol/trainer';

/** A run that cannot start or go on: the `failed` event's code, message and hint. */
export class TrainingError extends Error {
  constructor(
    readonly code: TrainerErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'TrainingError';
  }
}

/** What the run needed, for an out-of-memory message: see {@link estimateTrainingBytes}. */
export interface MemoryContext {
  /** Estimated bytes for weights, gradients, optimizer state and one batch's activations. */
  bytes: number;
  batchSize: number;
  backend: string;
}

const OOM =
  /out of memory|allocation failed|Array buffer allocation|memory access out of bounds|Cannot enlarge memory|Aborted\(OOM\)|Invalid typed array length|Invalid array length/i;

const mb = (bytes: number): string =>
  bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.max(1, Math.round(bytes / 1e6))} MB`;

/** Plain words for a file-system error while writing the run folder (full, read-only, not a folder). */
function diskFailure(error: unknown): { message: string; hint: string } | null {
  const e = error as NodeJS.ErrnoException | undefined;
  const where = e?.path ? ` (${e.path})` : '';
  const fix = 'free some space or choose another runs folder (DEEPWIRE_RUNS_DIR, or --out for deepwire train)';
  switch (e?.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return {
        message: `The disk holding the runs folder is full${where}, so the run could not be saved.`,
        hint: `Stopped: ${fix}, then train again.`,
      };
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return {
        message: `The runs folder is not writable${where}.`,
        hint: `Make it writable or ${fix.replace('free some space or ', '')}, then train again.`,
      };
    case 'ENOTDIR':
      return {
        message: `The runs folder is not a folder${where}.`,
        hint: `Move the file in the way, or ${fix.replace('free some space or ', '')}.`,
      };
    default:
      return null;
  }
}

/**
 * Any error as the fields of a `failed` event; unknown errors become 'internal'. With `memory`, an
 * out-of-memory failure (including the wasm backend's "memory access out of bounds", which used to be
 * called a bug) says how much the run needed and what to change.
 */
export function describeFailure(
  error: unknown,
  memory?: MemoryContext,
): { code: TrainerErrorCode; message: string; hint?: string } {
  if (error instanceof TrainingError) return { code: error.code, message: error.message, hint: error.hint };
  const e = error as { code?: unknown; message?: unknown; hint?: unknown; name?: unknown };
  if (e && e.name === 'CompileError' && typeof e.message === 'string') {
    return {
      code: e.code === 'invalid-graph' ? 'invalid-graph' : 'internal',
      message: e.message,
      hint: typeof e.hint === 'string' ? e.hint : undefined,
    };
  }
  if (e && e.name === 'DatasetError' && typeof e.message === 'string') {
    // The set exists but cannot be that big, or its options are wrong: not "missing" (issue 13, item 15).
    const code =
      e.code === 'too-large' ? 'dataset-too-large' : e.code === 'bad-option' ? 'dataset-options' : 'dataset-missing';
    return { code, message: e.message, hint: typeof e.hint === 'string' ? e.hint : undefined };
  }
  const disk = diskFailure(error);
  if (disk) return { code: 'runs-folder', ...disk };
  const message = error instanceof Error ? error.message : String(error);
  if (OOM.test(message)) {
    const need = memory ? ` It needs about ${mb(memory.bytes)} for batches of ${memory.batchSize}.` : '';
    const native = memory?.backend === 'wasm' || memory?.backend === 'cpu';
    return {
      code: 'out-of-memory',
      message: `Training ran out of memory (${message}).${need}`,
      hint: `Use a smaller batch size${memory ? ` (e.g. ${Math.max(1, Math.floor(memory.batchSize / 4))})` : ''}, a smaller input image, or fewer filters or units${native ? '; the native backend (npm install @tensorflow/tfjs-node) is not limited to 4 GB as the WebAssembly one is' : ''}.`,
    };
  }
  return {
    code: 'internal',
    message: `Training stopped because of an internal error: ${message}`,
    hint: 'This is a bug in Deepwire; please report it with this message.',
  };
}

/**
 * A rough upper estimate of a training step's memory, in bytes: weights, their gradients and two
 * optimizer moments (4 copies of 4 bytes per weight), plus every layer's output for one batch kept
 * for the backward pass and its gradient (2 × 4 bytes per value).
 */
export function estimateTrainingBytes(params: number, activationsPerExample: number, batchSize: number): number {
  return params * 16 + activationsPerExample * batchSize * 8;
}

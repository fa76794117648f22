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

/** Any error as the fields of a `failed` event; unknown errors become 'internal'. */
export function describeFailure(error: unknown): { code: TrainerErrorCode; message: string; hint?: string } {
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
    return { code: 'dataset-missing', message: e.message, hint: typeof e.hint === 'string' ? e.hint : undefined };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/out of memory|allocation failed|Array buffer allocation/i.test(message)) {
    return {
      code: 'out-of-memory',
      message: `The computer ran out of memory while training (${message}).`,
      hint: 'Use a smaller batch size, fewer filters or units, or a smaller dataset.',
    };
  }
  return {
    code: 'internal',
    message: `Training stopped because of an internal error: ${message}`,
    hint: 'This is a bug in Deepwire; please report it with this message.',
  };
}

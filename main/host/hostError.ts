import type { WireError } from '../../shared/protocol/wire';

/** Codes the host itself raises; engine modules may add their own (e.g. a DatasetError's code). */
export const HOST_ERROR_CODES = [
  'bad-request',
  'unknown-method',
  'run-active',
  'run-not-active',
  'not-found',
  'shell-only',
  /** The runs folder is full, read-only or not a folder (see runsFolderError). */
  'runs-folder',
  /** Too many runs are training at once (see Host's maxTrainers). */
  'busy',
  /** An export's folder exists and the request did not say to replace it. */
  'exists',
  'internal',
] as const;
export type HostErrorCode = (typeof HOST_ERROR_CODES)[number];

/** A refusal the user can act on: a code, a plain message and what to do (STYLE.md 11). */
export class HostError extends Error {
  constructor(
    readonly code: HostErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'HostError';
  }
}

/**
 * Turns anything thrown by host code into a WireError. Errors that already carry a string `code`
 * (HostError, DatasetError, BackendError, …) keep it with their message and hint; anything else is
 * an internal error whose message is kept but marked as a bug.
 */
export function toWireError(error: unknown): WireError {
  if (error instanceof Error) {
    const { code, hint } = error as Error & { code?: unknown; hint?: unknown };
    if (typeof code === 'string' && !/^E[A-Z]+$/.test(code)) {
      return { code, message: error.message, ...(typeof hint === 'string' ? { hint } : {}) };
    }
    return {
      code: 'internal',
      message: `Something went wrong in the engine: ${error.message}`,
      hint: 'This is a bug in Deepwire; please report it with this message.',
    };
  }
  return {
    code: 'internal',
    message: `Something went wrong in the engine: ${String(error)}`,
    hint: 'This is a bug in Deepwire; please report it.',
  };
}

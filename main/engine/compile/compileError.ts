import type { TrainerErrorCode } from '../../../shared/protocol/trainer';

/** Why a graph could not become a model: a code, a plain message, and what to do (STYLE.md 11). */
export class CompileError extends Error {
  constructor(
    readonly code: Extract<TrainerErrorCode, 'invalid-graph' | 'internal'>,
    message: string,
    readonly hint?: string,
    readonly nodeId?: string,
  ) {
    super(message);
    this.name = 'CompileError';
  }
}

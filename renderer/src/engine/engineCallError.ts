import type { WireError } from '../../../shared/protocol/wire';

/**
 * A call the engine refused or could not do, with its code, a plain message and what to do
 * (STYLE.md 11). Both transports reject with this, so the UI shows errors the same way.
 */
export class EngineCallError extends Error {
  readonly code: string;
  readonly hint?: string;

  constructor(error: WireError) {
    super(error.message);
    this.name = 'EngineCallError';
    this.code = error.code;
    this.hint = error.hint;
  }
}

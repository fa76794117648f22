/** Why an import stopped: a code, a message naming what and where, and what to do (STYLE.md 11). */
export type ImportErrorCode =
  'not-a-model' | 'corrupt' | 'unsupported' | 'dynamic-shape' | 'missing-data' | 'too-large' | 'not-equal' | 'internal';

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

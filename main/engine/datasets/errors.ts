/** Why a dataset could not be produced. Const array so callers can switch on it exhaustively. */
export const DATASET_ERROR_CODES = ['unknown-dataset', 'bad-option', 'too-large', 'data-missing', 'aborted'] as const;
export type DatasetErrorCode = (typeof DATASET_ERROR_CODES)[number];

/** An error with a code, a message a non-programmer understands, and what to do about it (STYLE.md 11). */
export class DatasetError extends Error {
  readonly code: DatasetErrorCode;
  readonly hint?: string;

  constructor(code: DatasetErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'DatasetError';
    this.code = code;
    this.hint = hint;
  }
}

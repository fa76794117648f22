/** Why a data file or folder could not be read at all. Const array so callers can switch on it. */
export const DATA_ERROR_CODES = [
  'not-found',
  'empty-file',
  'unknown-format',
  'unsupported',
  'truncated',
  'bad-header',
  'no-such-column',
  'no-such-array',
  'no-images',
  'unreadable',
] as const;
export type DataErrorCode = (typeof DATA_ERROR_CODES)[number];

/**
 * A data file or folder Deepwire cannot read: a code, a message a non-programmer understands, and
 * what to do about it (STYLE.md 11). Readable data with something wrong in it is not an error: it
 * opens, and its {@link DataProblem}s say what is wrong.
 */
export class DataError extends Error {
  readonly code: DataErrorCode;
  readonly hint?: string;

  constructor(code: DataErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'DataError';
    this.code = code;
    this.hint = hint;
  }
}

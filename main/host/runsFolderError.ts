import { HostError } from './hostError';

/**
 * A file-system error in the runs folder in plain words (issue 13, item 11): a full disk, a
 * read-only or forbidden folder, or a path that is not a folder used to be reported as "an internal
 * error… a bug in Deepwire". Says which folder, what is wrong and what to do. Any other error is
 * returned as it is.
 */
export function runsFolderError(root: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const elsewhere = 'or set DEEPWIRE_RUNS_DIR to a folder on another disk (deepwire train: --out DIR)';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new HostError(
        'runs-folder',
        `The runs folder ${root} is full${code === 'EDQUOT' ? ' (your disk quota is used up)' : ''}, so the run could not be saved.`,
        `Free some space there, ${elsewhere}.`,
      );
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return new HostError(
        'runs-folder',
        `The runs folder ${root} is not writable (${code === 'EROFS' ? 'it is on a read-only disk' : 'permission denied'}).`,
        `Make it writable, ${elsewhere}.`,
      );
    case 'ENOTDIR':
    case 'EEXIST':
      return new HostError(
        'runs-folder',
        `The runs folder ${root} is not a folder (a file is in the way).`,
        `Move that file away, ${elsewhere}.`,
      );
    default:
      return error;
  }
}

/** Whether an error is one of {@link runsFolderError}'s (the CLI exits 2 for those). */
export function isRunsFolderError(error: unknown): error is HostError {
  return error instanceof HostError && error.code === 'runs-folder';
}

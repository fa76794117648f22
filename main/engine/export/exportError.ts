/**
 * Why an export cannot be written: a layer the format cannot express, a run without a model, … The
 * message names the node when one is to blame, and the hint says what to do instead.
 */
export class ExportError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    /** The node the problem is about, when there is one. */
    readonly nodeId?: string,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

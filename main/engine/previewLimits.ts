/**
 * How much one preview call may return (issue 13, item 14): a client asking a built-in dataset for
 * a thousand 64×64 images got 194 MB of JSON back. Both previews — a built-in dataset's examples
 * (`previewDataset`) and the user's own data (`describeData`) — stop at these, whatever was asked.
 */
export const PREVIEW_LIMITS = {
  /** Examples in one preview. The UI asks for at most 300 (a scatter of a 2-D set). */
  examples: 1000,
  /** Bytes of example values in one preview, as JSON. */
  bytes: 4 * 1024 * 1024,
} as const;

/**
 * What one number may take as JSON: a float32 widened to a double prints up to 17 significant
 * digits, a sign, a point and an exponent ("-1.2345678901234567e-30" is 23). Budgeting the worst
 * case lets a preview be cut before its examples are generated, not after.
 */
export const JSON_BYTES_PER_NUMBER = 24;

/** A number cut to 4 significant digits, as drawn previews send them: "-1.235e-10" and its comma. */
export const JSON_BYTES_PER_ROUNDED_NUMBER = 11;

/** How many examples of `valuesPerExample` numbers fit in one preview (at least none, at most `asked`). */
export function previewExampleCount(
  asked: number,
  valuesPerExample: number,
  bytesPerNumber: number = JSON_BYTES_PER_NUMBER,
): number {
  const wanted = Number.isFinite(asked) ? Math.max(0, Math.floor(asked)) : 0;
  const perExample = Math.max(1, valuesPerExample + 1) * bytesPerNumber;
  return Math.min(wanted, PREVIEW_LIMITS.examples, Math.floor(PREVIEW_LIMITS.bytes / perExample));
}

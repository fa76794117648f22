import { ShapeError, type Dim, type Shape } from './types';

/** Expands an int-or-tuple parameter to `n` ints (Keras's `conv_utils.normalize_tuple`). */
export function tuple(value: unknown, n: number, name: string): number[] {
  if (typeof value === 'number') return Array.from({ length: n }, () => value);
  if (Array.isArray(value) && value.length === n && value.every((v) => typeof v === 'number')) return value as number[];
  throw new ShapeError(`${name} must be a number or a list of ${n} numbers.`);
}

/** Product of known dimensions; null when any is unknown. */
export function prod(dims: Dim[]): number | null {
  let p = 1;
  for (const d of dims) {
    if (d === null) return null;
    p *= d;
  }
  return p;
}

/** Product of known dimensions, treating unknown ones as 1 (for MAC estimates). */
export function prodKnown(dims: Dim[]): number {
  return dims.reduce<number>((p, d) => p * (d ?? 1), 1);
}

export function formatShape(shape: Shape): string {
  return `(${shape.map((d) => (d === null ? 'None' : String(d))).join(', ')}${shape.length === 1 ? ',' : ''})`;
}

/**
 * Requires an input of `rank` dimensions (batch included) and says what to add when it is not.
 * `what` names the expected layout for the message, e.g. "(batch, height, width, channels)".
 */
export function requireRank(input: Shape, rank: number, kind: string, what: string): void {
  if (input.length === rank) return;
  const got = formatShape(input);
  let hint: string | undefined;
  if (input.length > rank && rank === 2) hint = 'Add a Flatten (or a global pooling layer) before it.';
  else if (input.length < rank && rank >= 3) hint = 'Add a Reshape before it to give the input its spatial dimensions.';
  else if (input.length > rank) hint = 'Add a Reshape or a pooling layer to remove the extra dimensions.';
  throw new ShapeError(`${kind} expects a ${rank - 1}-D input ${what}, but gets ${got}.`, hint);
}

/** Keras's `conv_output_length`. */
export function convOutputLength(
  length: Dim,
  kernel: number,
  padding: string,
  stride: number,
  dilation = 1,
): Dim {
  if (length === null) return null;
  const dilated = kernel + (kernel - 1) * (dilation - 1);
  let out: number;
  if (padding === 'same' || padding === 'causal') out = length;
  else if (padding === 'valid') out = length - dilated + 1;
  else if (padding === 'full') out = length + dilated - 1;
  else throw new ShapeError(`Unknown padding "${padding}".`);
  return Math.floor((out + stride - 1) / stride);
}

/** Keras's `deconv_output_length` for Conv2DTranspose without output padding. */
export function deconvOutputLength(length: Dim, kernel: number, padding: string, stride: number, dilation = 1): Dim {
  if (length === null) return null;
  const dilated = kernel + (kernel - 1) * (dilation - 1);
  if (padding === 'valid') return length * stride + Math.max(dilated - stride, 0);
  if (padding === 'same') return length * stride;
  throw new ShapeError(`Unknown padding "${padding}".`);
}

/** Throws a plain-words error when a spatial output dimension has shrunk to nothing. */
export function requirePositive(shape: Shape, kind: string, input: Shape): Shape {
  if (shape.some((d) => d !== null && d <= 0)) {
    throw new ShapeError(
      `${kind} would shrink ${formatShape(input)} to ${formatShape(shape)}: the input is too small for this kernel, pool size or stride.`,
      'Use padding "same", a smaller kernel or stride, or remove a pooling layer before it.',
    );
  }
  return shape;
}

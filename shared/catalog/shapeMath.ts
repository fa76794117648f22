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
export function requireRank(input: Shape, rank: number, kind: string, what: string, hint?: string): void {
  if (input.length === rank) return;
  const got = formatShape(input);
  // A caller's `hint` wins: it knows a better remedy (recurrent layers: Reshape to timesteps, or Embedding).
  hint ??= defaultRankHint(input, rank);
  throw new ShapeError(`${kind} expects a ${rank - 1}-D input ${what}, but gets ${got}.`, hint);
}

function defaultRankHint(input: Shape, rank: number): string | undefined {
  if (input.length > rank && rank === 2) return 'Add a Flatten (or a global pooling layer) before it.';
  if (input.length === rank - 1 && rank >= 4 && input.slice(1).every((d) => d !== null)) {
    return `Add a Reshape with targetShape [${[...input.slice(1), 1].join(', ')}] to give it a channels dimension.`;
  }
  if (input.length < rank && rank >= 3) return 'Add a Reshape before it to give the input its spatial dimensions.';
  if (input.length > rank) return 'Add a Reshape or a pooling layer to remove the extra dimensions.';
  return undefined;
}

/** Keras's `conv_output_length`. */
export function convOutputLength(length: Dim, kernel: number, padding: string, stride: number, dilation = 1): Dim {
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

/** "3×3" for a kernel or pool size given as an int or a tuple of `n`. */
export function formatTuple(value: unknown, n: number): string {
  if (typeof value === 'number') return Array.from({ length: n }, () => value).join('×');
  return Array.isArray(value) ? value.join('×') : String(value);
}

/** Whether an int-or-tuple parameter is 1 everywhere (strides or dilation that change nothing). */
export function isAllOnes(value: unknown): boolean {
  return value === 1 || (Array.isArray(value) && value.every((v) => v === 1));
}

/**
 * The last dimension (channels or features), which a layer's weights depend on. Throws when it is
 * unknown, since the weights could not be built.
 */
export function knownLastDim(input: Shape, kind: string): number {
  const last = input[input.length - 1];
  if (last === null || last === undefined) {
    throw new ShapeError(
      `${kind} needs the last dimension (channels or features) of its input to be known, but it is unknown in ${formatShape(input)}.`,
      'Give the Input a fixed size for its last dimension.',
    );
  }
  return last;
}

/**
 * Keras's axis convention (batch is axis 0, -1 is the last): the non-negative axis, or a
 * ShapeError when it is out of range or names the batch.
 */
export function normalizeAxis(axis: number, input: Shape, kind: string): number {
  const rank = input.length;
  const a = axis < 0 ? rank + axis : axis;
  if (a <= 0 || a >= rank) {
    throw new ShapeError(
      `${kind}'s axis ${axis} does not name a dimension of ${formatShape(input)} other than the batch.`,
      `Use -1 for the last dimension, or a number from 1 to ${rank - 1}.`,
    );
  }
  return a;
}

/** Merges two dimensions that must agree: unknown takes the other; undefined when they disagree. */
export function mergeDim(a: Dim, b: Dim): Dim | undefined {
  if (a === null) return b;
  if (b === null || a === b) return a;
  return undefined;
}

/**
 * ZeroPadding2D/Cropping2D's int, [h, w] or [[top, bottom], [left, right]] as
 * [[top, bottom], [left, right]] (Keras's normalization of the same argument).
 */
export function normalizePadding2d(value: unknown, name: string): [[number, number], [number, number]] {
  if (typeof value === 'number')
    return [
      [value, value],
      [value, value],
    ];
  if (Array.isArray(value) && value.length === 2) {
    const [h, w] = value as unknown[];
    if (typeof h === 'number' && typeof w === 'number')
      return [
        [h, h],
        [w, w],
      ];
    if (Array.isArray(h) && Array.isArray(w) && h.length === 2 && w.length === 2) {
      return [h as [number, number], w as [number, number]];
    }
  }
  throw new ShapeError(`${name} must be n, [height, width] or [[top, bottom], [left, right]].`);
}

/** The batch-free layout text for `n` spatial dimensions, for rank messages. */
export function spatialLayout(n: number): string {
  if (n === 1) return '(batch, steps, channels)';
  if (n === 2) return '(batch, height, width, channels)';
  return '(batch, depth, height, width, channels)';
}

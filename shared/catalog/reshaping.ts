import { INTERPOLATIONS } from './enums';
import { formatShape, formatTuple, normalizePadding2d, prod, requireRank, spatialLayout, tuple } from './shapeMath';
import { defineSpec, ShapeError, type Dim } from './types';

/* Reshaping layers move values around without weights: every count is zero, and so are the MACs. */

const zero = () => ({ trainable: 0, nonTrainable: 0 });
const noMacs = () => 0;
const add = (d: Dim, k: number): Dim => (d === null ? null : d + k);

export const Flatten = defineSpec({
  kind: 'Flatten',
  category: 'Reshaping',
  summary: 'Lays an image (or any block of numbers) out as one long row, so a Dense layer can read it.',
  params: {},
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 16]],
  outputShape: ({ inputs: [x] }) => {
    if (x.length < 2)
      throw new ShapeError(`Flatten needs at least one dimension besides the batch, but gets ${formatShape(x)}.`);
    return [null, prod(x.slice(1))];
  },
  paramCount: zero,
  macs: noMacs,
  tfjs: { factory: 'flatten' },
});

export const Reshape = defineSpec({
  kind: 'Reshape',
  category: 'Reshaping',
  summary: 'Rearranges the same numbers into a new shape, e.g. a row of 784 into a 28×28×1 image.',
  params: {
    targetShape: {
      type: 'intList',
      default: [-1],
      allowMinusOne: true,
      min: 1,
      doc: 'The new shape without the batch; one dimension may be -1 to have it worked out. Keras requires it; the palette starts at -1 (one long row).',
      key: true,
    },
  },
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 16]],
  outputShape: ({ params, inputs: [x] }) => {
    const target = params.targetShape;
    const inSize = prod(x.slice(1));
    const known = target.filter((d) => d !== -1).reduce((p, d) => p * d, 1);
    const shown = `[${target.join(', ')}]`;
    if (!target.includes(-1)) {
      if (inSize !== null && inSize !== known) {
        throw new ShapeError(
          `Reshape cannot turn ${formatShape(x)} (${inSize} values) into ${shown} (${known} values).`,
          `The target shape must hold the same ${inSize} values; put -1 in one place to have that size worked out.`,
        );
      }
      return [null, ...target];
    }
    if (inSize !== null && inSize % known !== 0) {
      throw new ShapeError(
        `Reshape cannot fit the ${inSize} values of ${formatShape(x)} into ${shown}: ${inSize} is not a multiple of ${known}.`,
        `Choose target sizes whose product divides ${inSize}.`,
      );
    }
    return [null, ...target.map((d) => (d === -1 ? (inSize === null ? null : inSize / known) : d))];
  },
  paramCount: zero,
  macs: noMacs,
  describe: (p) => `→ (${p.targetShape.join(', ')})`,
  tfjs: { factory: 'reshape' },
});

export const Permute = defineSpec({
  kind: 'Permute',
  category: 'Reshaping',
  summary: 'Swaps the order of the dimensions, e.g. turns (time, features) into (features, time).',
  params: {
    dims: {
      type: 'intList',
      default: [2, 1],
      min: 1,
      doc: 'The new order of the dimensions, counted from 1 without the batch. Keras requires it; the palette starts at 2, 1 (swap the first two).',
      key: true,
    },
  },
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 100, 8]],
  outputShape: ({ params, inputs: [x] }) => {
    const { dims } = params;
    const n = x.length - 1;
    const sorted = [...dims].sort((a, b) => a - b);
    if (dims.length !== n || sorted.some((d, i) => d !== i + 1)) {
      throw new ShapeError(
        `Permute's dims [${dims.join(', ')}] must list each of the dimensions 1 to ${n} of ${formatShape(x)} exactly once.`,
        `Give ${n} numbers, a reordering of ${Array.from({ length: n }, (_, i) => i + 1).join(', ')}.`,
      );
    }
    return [null, ...dims.map((d) => x[d])];
  },
  paramCount: zero,
  macs: noMacs,
  describe: (p) => `(${p.dims.join(', ')})`,
  tfjs: { factory: 'permute' },
});

export const RepeatVector = defineSpec({
  kind: 'RepeatVector',
  category: 'Reshaping',
  summary: 'Repeats a row of features n times, making a sequence (e.g. to feed a decoder one step per output).',
  params: {
    n: {
      type: 'int',
      default: 2,
      min: 1,
      doc: 'How many times to repeat the input. Keras requires it; the palette starts at 2.',
      key: true,
    },
  },
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 16]],
  outputShape: ({ params, inputs: [x] }) => {
    requireRank(x, 2, 'RepeatVector', '(batch, features)');
    return [null, params.n, x[1]];
  },
  paramCount: zero,
  macs: noMacs,
  describe: (p) => `× ${p.n}`,
  tfjs: { factory: 'repeatVector' },
});

function describePadding(v: unknown): string {
  const [[t, b], [l, r]] = normalizePadding2d(v, 'padding');
  if (t === b && l === r) return t === l ? `${t}` : `${t}×${l}`;
  return `${t},${b} × ${l},${r}`;
}

export const ZeroPadding2D = defineSpec({
  kind: 'ZeroPadding2D',
  category: 'Reshaping',
  summary: 'Adds a border of zeros around an image, so a following convolution does not shrink it.',
  params: {
    padding: {
      type: 'padding2d',
      default: 1,
      doc: 'Rows and columns of zeros to add: n on every side, [height, width], or [[top, bottom], [left, right]].',
      key: true,
    },
  },
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 28, 28, 8]],
  outputShape: ({ params, inputs: [x] }) => {
    requireRank(x, 4, 'ZeroPadding2D', spatialLayout(2));
    const [[t, b], [l, r]] = normalizePadding2d(params.padding, 'padding');
    return [null, add(x[1], t + b), add(x[2], l + r), x[3]];
  },
  paramCount: zero,
  macs: noMacs,
  describe: (p) => `pad ${describePadding(p.padding)}`,
  tfjs: { factory: 'zeroPadding2d' },
});

export const Cropping2D = defineSpec({
  kind: 'Cropping2D',
  category: 'Reshaping',
  summary: 'Cuts rows and columns off the edges of an image, e.g. to match the size of another branch.',
  params: {
    cropping: {
      type: 'padding2d',
      default: 0,
      doc: 'Rows and columns to remove: n from every side, [height, width], or [[top, bottom], [left, right]].',
      key: true,
    },
  },
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 28, 28, 8]],
  outputShape: ({ params, inputs: [x] }) => {
    requireRank(x, 4, 'Cropping2D', spatialLayout(2));
    const [[t, b], [l, r]] = normalizePadding2d(params.cropping, 'cropping');
    const out = [null, add(x[1], -(t + b)), add(x[2], -(l + r)), x[3]];
    if (out.some((d) => d !== null && d <= 0)) {
      throw new ShapeError(
        `Cropping2D would crop ${formatShape(x)} down to nothing: it removes ${t + b} rows and ${l + r} columns.`,
        'Crop less, or crop before pooling layers make the image smaller.',
      );
    }
    return out;
  },
  paramCount: zero,
  macs: noMacs,
  describe: (p) => `crop ${describePadding(p.cropping)}`,
  tfjs: { factory: 'cropping2D' },
});

export const UpSampling2D = defineSpec({
  kind: 'UpSampling2D',
  category: 'Reshaping',
  summary: 'Enlarges an image by repeating each pixel (or blending neighbours), without learning anything.',
  params: {
    size: {
      type: 'intTuple',
      length: 2,
      default: 2,
      doc: 'How many times larger the height and width become.',
      key: true,
    },
    interpolation: {
      type: 'select',
      options: INTERPOLATIONS,
      default: 'nearest',
      doc: 'nearest: repeat each pixel; bilinear: blend neighbouring pixels for a smoother result.',
    },
  },
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 28, 28, 8]],
  outputShape: ({ params, inputs: [x] }) => {
    requireRank(x, 4, 'UpSampling2D', spatialLayout(2));
    const [sh, sw] = tuple(params.size, 2, 'size');
    return [null, x[1] === null ? null : x[1] * sh, x[2] === null ? null : x[2] * sw, x[3]];
  },
  paramCount: zero,
  macs: noMacs,
  describe: (p) => `× ${formatTuple(p.size, 2)}${p.interpolation === 'nearest' ? '' : `, ${p.interpolation}`}`,
  tfjs: { factory: 'upSampling2d' },
});

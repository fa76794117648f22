import { paddingParam } from './commonParams';
import { convOutputLength, formatTuple, requirePositive, requireRank, spatialLayout, tuple } from './shapeMath';
import { defineSpec } from './types';

/*
 * Pooling: no weights, so every count is zero. Keras's pool_size defaults to 2 per spatial dimension
 * and strides to None, which means "the same as pool_size" (windows that do not overlap).
 */

type PoolOp = 'Max' | 'Average';

const zero = () => ({ trainable: 0, nonTrainable: 0 });

function poolingSpec<O extends PoolOp, N extends 1 | 2 | 3>(op: O, n: N) {
  const kind = `${op}Pooling${n}D` as const;
  const what = op === 'Max' ? 'the largest value' : 'the average';
  const where = n === 1 ? 'stretch of the sequence' : n === 2 ? 'patch of the image' : 'block of the volume';
  return defineSpec({
    kind,
    category: 'Pooling',
    summary: `Shrinks the input by keeping ${what} of each small ${where}, channel by channel.`,
    params: {
      poolSize: {
        type: 'intTuple',
        length: n,
        default: 2,
        doc: 'The size of each window; 2 halves every spatial dimension.',
        key: true,
      },
      strides: {
        type: 'intTuple',
        length: n,
        default: null,
        nullable: true,
        doc: 'How far the window moves each step; empty means the same as the pool size (no overlap).',
      },
      padding: paddingParam,
    },
    arity: { min: 1, max: 1 },
    exampleInputs: [n === 1 ? [null, 100, 8] : n === 2 ? [null, 28, 28, 8] : [null, 8, 8, 8, 2]],
    outputShape: ({ params, inputs: [x] }) => {
      requireRank(x, n + 2, kind, spatialLayout(n));
      const pool = tuple(params.poolSize, n, 'poolSize');
      const strides = params.strides === null ? pool : tuple(params.strides, n, 'strides');
      const spatial = x.slice(1, -1).map((len, i) => convOutputLength(len, pool[i], params.padding, strides[i]));
      return requirePositive([null, ...spatial, x[n + 1]], kind, x);
    },
    paramCount: zero,
    macs: () => 0,
    describe: (p) => {
      const size = formatTuple(p.poolSize, n);
      if (p.strides === null || JSON.stringify(p.strides) === JSON.stringify(p.poolSize)) return size;
      return `${size}, stride ${typeof p.strides === 'number' ? p.strides : formatTuple(p.strides, n)}`;
    },
    tfjs: { factory: `${op === 'Max' ? 'max' : 'average'}Pooling${n}d` },
  });
}

export const MaxPooling1D = poolingSpec('Max', 1);
export const MaxPooling2D = poolingSpec('Max', 2);
export const MaxPooling3D = poolingSpec('Max', 3);
export const AveragePooling1D = poolingSpec('Average', 1);
export const AveragePooling2D = poolingSpec('Average', 2);
export const AveragePooling3D = poolingSpec('Average', 3);

function globalPoolingSpec<O extends PoolOp, N extends 1 | 2>(op: O, n: N) {
  const kind = `Global${op}Pooling${n}D` as const;
  return defineSpec({
    kind,
    category: 'Pooling',
    summary: `Turns each channel into one number (its ${op === 'Max' ? 'largest value' : 'average'} over the whole ${n === 1 ? 'sequence' : 'image'}): a light replacement for Flatten.`,
    params: {},
    arity: { min: 1, max: 1 },
    exampleInputs: [n === 1 ? [null, 100, 8] : n === 2 ? [null, 28, 28, 8] : [null, 8, 8, 8, 2]],
    outputShape: ({ inputs: [x] }) => {
      requireRank(x, n + 2, kind, spatialLayout(n));
      return [null, x[n + 1]];
    },
    paramCount: zero,
    macs: () => 0,
    tfjs: { factory: `global${op}Pooling${n}d` },
  });
}

export const GlobalMaxPooling1D = globalPoolingSpec('Max', 1);
export const GlobalMaxPooling2D = globalPoolingSpec('Max', 2);
export const GlobalAveragePooling1D = globalPoolingSpec('Average', 1);
export const GlobalAveragePooling2D = globalPoolingSpec('Average', 2);

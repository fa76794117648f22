import { formatShape, mergeDim, normalizeAxis } from './shapeMath';
import { defineSpec, ShapeError, type Dim, type Shape } from './types';

/*
 * Merge layers take two or more inputs, in edge order. Keras lets element-wise merges broadcast;
 * Deepwire requires equal shapes, which is what a learner almost always means and gives a clearer
 * message when the branches disagree. Unknown dimensions match anything.
 */

const zero = () => ({ trainable: 0, nonTrainable: 0 });
const MATCH_HINT = 'Add a Dense/Conv with matching units, or a 1×1 convolution to match channels.';

function requireInputs(kind: string, inputs: Shape[], min: number, max?: number): void {
  if (inputs.length < min || (max !== undefined && inputs.length > max)) {
    const want = max === min ? `exactly ${min}` : `at least ${min}`;
    throw new ShapeError(`${kind} needs ${want} inputs, but has ${inputs.length}.`, 'Connect more branches into it.');
  }
}

/** The common shape of element-wise merge inputs, or a ShapeError naming the first pair that differs. */
function sameShape(kind: string, inputs: Shape[]): Shape {
  let out = inputs[0];
  for (const x of inputs.slice(1)) {
    const merged = out.length === x.length ? out.map((d, i) => mergeDim(d, x[i])) : undefined;
    if (!merged || merged.some((d) => d === undefined)) {
      throw new ShapeError(
        `${kind} needs inputs of the same shape, but gets ${formatShape(inputs[0])} and ${formatShape(x)}.`,
        out.length === x.length
          ? MATCH_HINT
          : `Add a Flatten or Reshape so both have the same number of dimensions. ${MATCH_HINT}`,
      );
    }
    out = merged as Dim[];
  }
  return out;
}

function elementwiseSpec<K extends string>(kind: K, factory: string, summary: string, max?: number) {
  return defineSpec({
    kind,
    category: 'Merge',
    summary,
    params: {},
    arity: { min: 2, max },
    exampleInputs: [
      [null, 16],
      [null, 16],
    ],
    outputShape: ({ inputs }) => {
      requireInputs(kind, inputs, 2, max);
      return sameShape(kind, inputs);
    },
    paramCount: zero,
    macs: () => 0,
    tfjs:
      factory === 'subtract'
        ? {
            factory,
            custom: true,
            caveat:
              'TF.js 4.22 has no subtract layer: Deepwire registers a two-input merge computing inputs[0] − inputs[1].',
          }
        : { factory },
  });
}

export const Add = elementwiseSpec(
  'Add',
  'add',
  'Adds its inputs value by value: how a ResNet skip connection joins back in.',
);
export const Subtract = elementwiseSpec(
  'Subtract',
  'subtract',
  'Subtracts the second input from the first, value by value.',
  2,
);
export const Multiply = elementwiseSpec(
  'Multiply',
  'multiply',
  'Multiplies its inputs value by value, e.g. to apply a learned mask or gate.',
);
export const Average = elementwiseSpec(
  'Average',
  'average',
  'Averages its inputs value by value, e.g. to combine several models’ outputs.',
);
export const Maximum = elementwiseSpec('Maximum', 'maximum', 'Keeps the largest of its inputs at each position.');

export const Concatenate = defineSpec({
  kind: 'Concatenate',
  category: 'Merge',
  summary: 'Joins its inputs side by side along one dimension, e.g. stacks channels as an Inception block does.',
  params: {
    axis: {
      type: 'int',
      default: -1,
      doc: 'The dimension to join along; -1 is the last (channels or features). All other dimensions must match.',
      key: true,
    },
  },
  arity: { min: 2 },
  exampleInputs: [
    [null, 16],
    [null, 16],
  ],
  outputShape: ({ params, inputs }) => {
    requireInputs('Concatenate', inputs, 2);
    const first = inputs[0];
    const axis = normalizeAxis(params.axis, first, 'Concatenate');
    const out: Shape = [...first];
    for (const x of inputs.slice(1)) {
      if (x.length !== first.length) {
        throw new ShapeError(
          `Concatenate needs inputs with the same number of dimensions, but gets ${formatShape(first)} and ${formatShape(x)}.`,
          'Add a Flatten to the branch with more dimensions, or a Reshape to the other.',
        );
      }
      for (let i = 1; i < x.length; i++) {
        if (i === axis) {
          out[i] = out[i] === null || x[i] === null ? null : (out[i] as number) + (x[i] as number);
          continue;
        }
        const d = mergeDim(out[i], x[i]);
        if (d === undefined) {
          throw new ShapeError(
            `Concatenate joins along axis ${params.axis}, so every other dimension must match, but gets ${formatShape(first)} and ${formatShape(x)}.`,
            'Resize one branch (pooling, ZeroPadding2D, Cropping2D or same padding) so they agree, or join along another axis.',
          );
        }
        out[i] = d;
      }
    }
    return out;
  },
  paramCount: zero,
  macs: () => 0,
  describe: (p) => (p.axis === -1 ? '' : `axis ${p.axis}`),
  tfjs: { factory: 'concatenate' },
});

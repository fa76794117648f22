import { activationParam } from './commonParams';
import { formatShape, normalizeAxis, prodKnown } from './shapeMath';
import { defineSpec, ShapeError, type Shape } from './types';

/*
 * Activation layers apply a non-linearity value by value (Softmax: along one axis). They keep the
 * shape; only PReLU has weights. MACs are counted as zero, as for every layer without a weighted sum.
 */

const zero = () => ({ trainable: 0, nonTrainable: 0 });
const same = ({ inputs: [x] }: { inputs: Shape[] }) => x;

export const Activation = defineSpec({
  kind: 'Activation',
  category: 'Activation',
  summary: 'Applies a non-linearity (relu, sigmoid, tanh, …) to every value, as a separate step on the canvas.',
  params: {
    activation: {
      ...activationParam('relu'),
      doc: 'The function applied to every value. Keras requires it; the palette starts at relu.',
    },
  },
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 16]],
  outputActivation: (p) => p.activation,
  outputShape: same,
  paramCount: zero,
  macs: () => 0,
  describe: (p) => String(p.activation),
  tfjs: {
    factory: 'activation',
    caveat:
      'Two ACTIVATIONS names are not TF.js activation identifiers: "gaussian" (build the custom gaussianActivation layer with sigma 1) and "leakyRelu" (build a leakyReLU layer; tf.nn.leaky_relu defaults to 0.2, the LeakyReLU layer to 0.3). The same holds wherever a layer has an `activation` param (Dense, Conv…, recurrent): apply it as a separate layer after a linear one.',
  },
});

export const ReLU = defineSpec({
  kind: 'ReLU',
  category: 'Activation',
  summary: 'Keeps positive values and sets negative ones to zero, optionally capping them (ReLU6).',
  params: {
    maxValue: {
      type: 'float',
      default: null,
      nullable: true,
      min: 0,
      doc: 'The largest value let through; empty means no cap (6 gives ReLU6).',
      key: true,
    },
  },
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 16]],
  outputActivation: () => 'relu',
  outputShape: same,
  paramCount: zero,
  macs: () => 0,
  describe: (p) => (p.maxValue === null ? '' : `max ${p.maxValue}`),
  // null must not reach TF.js as a number: leave maxValue out.
  tfjs: {
    factory: 'reLU',
    args: (p) => (p.maxValue === null ? { trainable: p.trainable } : { maxValue: p.maxValue, trainable: p.trainable }),
  },
});

export const LeakyReLU = defineSpec({
  kind: 'LeakyReLU',
  category: 'Activation',
  summary: 'Like ReLU, but lets a small fraction of negative values through, so no neuron goes completely silent.',
  params: {
    alpha: {
      type: 'float',
      default: 0.3,
      min: 0,
      doc: 'The slope for negative values (Keras 2 and TF.js default 0.3).',
      key: true,
    },
  },
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 16]],
  outputActivation: () => 'leakyRelu',
  outputShape: same,
  paramCount: zero,
  macs: () => 0,
  describe: (p) => `α ${p.alpha}`,
  tfjs: { factory: 'leakyReLU' },
});

export const ELU = defineSpec({
  kind: 'ELU',
  category: 'Activation',
  summary: 'Like ReLU for positive values, but curves smoothly down to −alpha for negative ones.',
  params: {
    alpha: { type: 'float', default: 1, min: 0, doc: 'The value negative inputs approach.', key: true },
  },
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 16]],
  outputActivation: () => 'elu',
  outputShape: same,
  paramCount: zero,
  macs: () => 0,
  describe: (p) => `α ${p.alpha}`,
  tfjs: { factory: 'elu' },
});

/** PReLU's alpha shape: the input without the batch, 1 along each shared axis. */
function preluAlphaShape(shared: number[], x: Shape): number[] {
  const bad = shared.find((a) => a < 1 || a >= x.length);
  if (bad !== undefined) {
    throw new ShapeError(
      `PReLU's sharedAxes names axis ${bad}, but ${formatShape(x)} has axes 1 to ${x.length - 1} besides the batch.`,
      'Use numbers from 1 to the number of dimensions after the batch.',
    );
  }
  return x.slice(1).map((d, i) => {
    if (shared.includes(i + 1)) return 1;
    if (d === null) {
      throw new ShapeError(
        `PReLU learns one slope per value, so it needs axis ${i + 1} of ${formatShape(x)} to be known.`,
        `Share that axis (add ${i + 1} to sharedAxes) or give the Input a fixed size.`,
      );
    }
    return d;
  });
}

export const PReLU = defineSpec({
  kind: 'PReLU',
  category: 'Activation',
  summary: 'A LeakyReLU whose negative slope is learned, one slope per value (or per channel with sharedAxes).',
  params: {
    alphaInitializer: {
      type: 'initializer',
      default: 'zeros',
      doc: 'How the learned slopes start (zeros: like ReLU).',
    },
    alphaRegularizer: { type: 'regularizer', default: null, doc: 'An L1/L2 penalty on the learned slopes.' },
    sharedAxes: {
      type: 'intList',
      default: [],
      min: 1,
      doc: 'Axes (1 = first after the batch) that share one slope; 1, 2 on an image gives one slope per channel.',
      key: true,
    },
  },
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 16]],
  outputShape: ({ params, inputs: [x] }) => {
    preluAlphaShape(params.sharedAxes, x);
    return x;
  },
  paramCount: ({ params, inputs: [x] }) => ({
    trainable: preluAlphaShape(params.sharedAxes, x).reduce((p, d) => p * d, 1),
    nonTrainable: 0,
  }),
  macs: ({ output }) => prodKnown(output.slice(1)),
  describe: (p) => (p.sharedAxes.length ? `shared ${p.sharedAxes.join(', ')}` : ''),
  tfjs: {
    factory: 'prelu',
    // An empty list means "share nothing", which TF.js spells as no sharedAxes at all.
    args: ({ sharedAxes, ...rest }) => (sharedAxes.length ? { ...rest, sharedAxes } : rest),
  },
});

export const Softmax = defineSpec({
  kind: 'Softmax',
  category: 'Activation',
  summary: 'Turns scores into probabilities that add up to 1, usually the last layer of a classifier.',
  params: {
    axis: { type: 'int', default: -1, doc: 'The dimension whose values add up to 1; -1 is the last.', key: true },
  },
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 16]],
  outputActivation: () => 'softmax',
  outputShape: ({ params, inputs: [x] }) => {
    normalizeAxis(params.axis, x, 'Softmax');
    return x;
  },
  paramCount: zero,
  macs: () => 0,
  describe: (p) => (p.axis === -1 ? '' : `axis ${p.axis}`),
  tfjs: { factory: 'softmax' },
});

/* exp(−x²/σ²): the lecture's Gaussian (radial basis) activation; not in Keras or TF.js. */
export const GaussianActivation = defineSpec({
  kind: 'GaussianActivation',
  category: 'Activation',
  summary: 'A bell curve exp(−x²/σ²): 1 at zero, falling towards 0 for large values of either sign.',
  params: {
    sigma: {
      type: 'float',
      default: 1,
      min: 0,
      exclusiveMin: true,
      doc: 'The width of the bell: larger values respond to a wider range of inputs.',
      key: true,
    },
  },
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 16]],
  outputActivation: () => 'gaussian',
  outputShape: same,
  paramCount: zero,
  macs: () => 0,
  describe: (p) => `σ ${p.sigma}`,
  tfjs: {
    factory: 'gaussianActivation',
    custom: true,
    caveat: 'Custom layer: y = exp(−x² / sigma²), no weights; Keras export needs a matching custom layer or a Lambda.',
  },
});

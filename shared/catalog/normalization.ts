import { formatShape, normalizeAxis, prodKnown, requireRank, spatialLayout } from './shapeMath';
import { defineSpec, ShapeError, type ParamSpec, type Shape } from './types';

const axisParam = {
  type: 'int',
  default: -1,
  doc: 'The dimension that is normalized per entry (channels or features); -1 is the last one.',
} satisfies ParamSpec;
const epsilonParam = {
  type: 'float',
  default: 0.001,
  min: 0,
  exclusiveMin: true,
  doc: 'A small number added to the variance so that it never divides by zero.',
} satisfies ParamSpec;
const centerParam = {
  type: 'bool',
  default: true,
  doc: 'Learn an offset (beta) added after normalizing.',
} satisfies ParamSpec;
const scaleParam = {
  type: 'bool',
  default: true,
  doc: 'Learn a factor (gamma) multiplied after normalizing.',
} satisfies ParamSpec;
const betaInitializerParam = {
  type: 'initializer',
  default: 'zeros',
  doc: 'How the offsets (beta) start.',
} satisfies ParamSpec;
const gammaInitializerParam = {
  type: 'initializer',
  default: 'ones',
  doc: 'How the factors (gamma) start.',
} satisfies ParamSpec;
const betaRegularizerParam = {
  type: 'regularizer',
  default: null,
  doc: 'An L1/L2 penalty on the offsets (beta).',
} satisfies ParamSpec;
const gammaRegularizerParam = {
  type: 'regularizer',
  default: null,
  doc: 'An L1/L2 penalty on the factors (gamma).',
} satisfies ParamSpec;

/** The size of the normalized axis, which the weights depend on; throws when unknown or out of range. */
function axisSize(kind: string, params: { axis: number }, x: Shape): number {
  if (x.length < 2)
    throw new ShapeError(`${kind} needs at least one dimension besides the batch, but gets ${formatShape(x)}.`);
  const a = normalizeAxis(params.axis, x, kind);
  const size = x[a];
  if (size === null) {
    throw new ShapeError(
      `${kind} needs the size of axis ${params.axis} to be known, but it is unknown in ${formatShape(x)}.`,
      'Give the Input a fixed size for that dimension, or normalize another axis.',
    );
  }
  return size;
}

const gammaBeta = (p: { center: boolean; scale: boolean }) => (p.center ? 1 : 0) + (p.scale ? 1 : 0);

export const BatchNormalization = defineSpec({
  kind: 'BatchNormalization',
  category: 'Normalization',
  summary: 'Rescales each channel to mean 0 and spread 1 over the batch, which makes deep networks train faster.',
  detail:
    'Besides the learned factor and offset it keeps a running mean and variance per channel for use after training; Keras counts those as non-trainable weights.',
  params: {
    axis: axisParam,
    momentum: {
      type: 'float',
      default: 0.99,
      min: 0,
      max: 1,
      doc: 'How slowly the running mean and variance follow each new batch (closer to 1 is slower).',
      key: true,
    },
    epsilon: epsilonParam,
    center: centerParam,
    scale: scaleParam,
    betaInitializer: betaInitializerParam,
    gammaInitializer: gammaInitializerParam,
    movingMeanInitializer: { type: 'initializer', default: 'zeros', doc: 'How the running mean starts.' },
    movingVarianceInitializer: { type: 'initializer', default: 'ones', doc: 'How the running variance starts.' },
    betaRegularizer: betaRegularizerParam,
    gammaRegularizer: gammaRegularizerParam,
  },
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 16]],
  outputShape: ({ params, inputs: [x] }) => {
    axisSize('BatchNormalization', params, x);
    return x;
  },
  paramCount: ({ params, inputs: [x] }) => {
    const c = axisSize('BatchNormalization', params, x);
    return { trainable: gammaBeta(params) * c, nonTrainable: 2 * c };
  },
  macs: ({ output }) => prodKnown(output.slice(1)),
  tfjs: { factory: 'batchNormalization' },
});

export const LayerNormalization = defineSpec({
  kind: 'LayerNormalization',
  category: 'Normalization',
  summary: 'Rescales the features of each example to mean 0 and spread 1, independent of the batch.',
  params: {
    axis: { ...axisParam, key: true },
    epsilon: epsilonParam,
    center: centerParam,
    scale: scaleParam,
    betaInitializer: betaInitializerParam,
    gammaInitializer: gammaInitializerParam,
    betaRegularizer: betaRegularizerParam,
    gammaRegularizer: gammaRegularizerParam,
  },
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 16]],
  outputShape: ({ params, inputs: [x] }) => {
    axisSize('LayerNormalization', params, x);
    return x;
  },
  paramCount: ({ params, inputs: [x] }) => ({
    trainable: gammaBeta(params) * axisSize('LayerNormalization', params, x),
    nonTrainable: 0,
  }),
  macs: ({ output }) => prodKnown(output.slice(1)),
  tfjs: { factory: 'layerNormalization' },
});

/*
 * Local response normalization (AlexNet, VGG's A-LRN) is not a Keras layer. Its parameters are
 * tf.nn.local_response_normalization's, with its defaults:
 *   out = x / (bias + alpha * sum over channels c-r..c+r of x²) ^ beta,   r = depthRadius.
 * The AlexNet paper's n=5, k=2, α=1e-4, β=0.75 is depthRadius 2, bias 2, alpha 1e-4, beta 0.75
 * (TF's alpha is not divided by n).
 */
export const LocalResponseNormalization = defineSpec({
  kind: 'LocalResponseNormalization',
  category: 'Normalization',
  summary: 'Damps each value by the activity of neighbouring channels at the same pixel, as AlexNet did.',
  detail:
    'Used by AlexNet and VGG (A-LRN) before batch normalization existed. AlexNet’s settings are depthRadius 2, bias 2, alpha 0.0001, beta 0.75.',
  params: {
    depthRadius: {
      type: 'int',
      default: 5,
      min: 0,
      doc: 'How many neighbouring channels on each side take part.',
      key: true,
    },
    bias: { type: 'float', default: 1, doc: 'A constant added inside the denominator (k in the AlexNet paper).' },
    alpha: { type: 'float', default: 1, min: 0, doc: 'How strongly the neighbours’ squared activity damps the value.' },
    beta: { type: 'float', default: 0.5, min: 0, doc: 'The power the denominator is raised to.' },
  },
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 28, 28, 8]],
  outputShape: ({ inputs: [x] }) => {
    requireRank(x, 4, 'LocalResponseNormalization', spatialLayout(2));
    return x;
  },
  paramCount: () => ({ trainable: 0, nonTrainable: 0 }),
  macs: ({ params, output }) => prodKnown(output.slice(1)) * (2 * params.depthRadius + 1),
  describe: (p) => `r ${p.depthRadius}`,
  tfjs: {
    factory: 'localResponseNormalization',
    custom: true,
    caveat: 'Custom layer: tf.localResponseNormalization(x, depthRadius, bias, alpha, beta) on NHWC input; no weights.',
  },
});

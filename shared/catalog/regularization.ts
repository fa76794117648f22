import { requireRank, spatialLayout } from './shapeMath';
import { defineSpec, type ParamSpec } from './types';

/* Regularization layers act only during training, have no weights and pass the shape through. */

const zero = () => ({ trainable: 0, nonTrainable: 0 });

const rateParam = {
  type: 'float',
  default: 0.5,
  min: 0,
  max: 1,
  doc: 'The fraction of values set to zero at each training step. Keras requires it; the palette starts at 0.5.',
  key: true,
} satisfies ParamSpec;

export const Dropout = defineSpec({
  kind: 'Dropout',
  category: 'Regularization',
  summary:
    'While training, randomly switches off a fraction of the values, so the network cannot rely on any one of them.',
  params: { rate: rateParam },
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 16]],
  outputShape: ({ inputs: [x] }) => x,
  paramCount: zero,
  macs: () => 0,
  describe: (p) => `${p.rate}`,
  tfjs: { factory: 'dropout' },
});

export const SpatialDropout2D = defineSpec({
  kind: 'SpatialDropout2D',
  category: 'Regularization',
  summary: 'While training, switches off whole channels of an image at random, rather than single pixels.',
  params: {
    rate: {
      ...rateParam,
      doc: 'The fraction of channels set to zero at each training step. Keras requires it; the palette starts at 0.5.',
    },
  },
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 28, 28, 8]],
  outputShape: ({ inputs: [x] }) => {
    requireRank(x, 4, 'SpatialDropout2D', spatialLayout(2));
    return x;
  },
  paramCount: zero,
  macs: () => 0,
  describe: (p) => `${p.rate}`,
  // TF.js has no spatialDropout2d, but its dropout takes a noise shape whose null entries follow the
  // input: one coin per (example, channel) is exactly SpatialDropout2D.
  tfjs: {
    factory: 'dropout',
    args: (p) => ({ rate: p.rate, noiseShape: [null, 1, 1, null], trainable: p.trainable }),
    caveat:
      'Built as tf.layers.dropout with noiseShape [null, 1, 1, null]; the model JSON says Dropout, exporters must use the kind.',
  },
});

export const GaussianNoise = defineSpec({
  kind: 'GaussianNoise',
  category: 'Regularization',
  summary: 'While training, adds random noise to every value, which makes the network robust to small changes.',
  params: {
    stddev: {
      type: 'float',
      default: 0.1,
      min: 0,
      doc: 'How strong the noise is (its standard deviation). Keras requires it; the palette starts at 0.1.',
      key: true,
    },
  },
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 16]],
  outputShape: ({ inputs: [x] }) => x,
  paramCount: zero,
  macs: () => 0,
  describe: (p) => `σ ${p.stddev}`,
  tfjs: { factory: 'gaussianNoise' },
});

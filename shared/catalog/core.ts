import {
  activationParam,
  biasInitializerParam,
  biasRegularizerParam,
  kernelInitializerParam,
  kernelRegularizerParam,
  useBiasParam,
} from './commonParams';
import { formatShape, knownLastDim, prod } from './shapeMath';
import { defineSpec, ShapeError } from './types';

export const Input = defineSpec({
  kind: 'Input',
  category: 'Input',
  summary: 'Where data enters the network; its shape is one example without the batch.',
  params: {
    shape: {
      type: 'intList',
      default: [784],
      allowNull: true,
      min: 1,
      doc: 'The shape of one example, e.g. 28, 28, 1 for a grey image; leave a dimension empty for any length.',
      key: true,
    },
  },
  arity: { min: 0, max: 0 },
  exampleInputs: [],
  outputShape: ({ params }) => [null, ...params.shape],
  paramCount: () => ({ trainable: 0, nonTrainable: 0 }),
  describe: (p) => formatShape(p.shape),
  tfjs: { factory: 'input' },
});

export const Dense = defineSpec({
  kind: 'Dense',
  category: 'Core',
  summary: 'Every output is a weighted sum of every input, plus a bias: the classic fully connected layer.',
  params: {
    units: { type: 'int', default: 32, min: 1, doc: 'How many outputs (neurons) the layer has.', key: true },
    activation: activationParam(),
    useBias: useBiasParam,
    kernelInitializer: kernelInitializerParam,
    biasInitializer: biasInitializerParam,
    kernelRegularizer: kernelRegularizerParam,
    biasRegularizer: biasRegularizerParam,
  },
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 16]],
  outputShape: ({ params, inputs: [x] }) => {
    if (x.length < 2) throw new ShapeError(`Dense needs at least one feature dimension, but gets ${formatShape(x)}.`);
    const last = x[x.length - 1];
    if (last === null) {
      throw new ShapeError(
        `Dense needs its input's last dimension to be known, but it is unknown in ${formatShape(x)}.`,
        'Give the Input a fixed size, or add a global pooling layer before it.',
      );
    }
    return [...x.slice(0, -1), params.units];
  },
  paramCount: ({ params, inputs: [x] }) => {
    const inF = knownLastDim(x, 'Dense');
    return { trainable: inF * params.units + (params.useBias ? params.units : 0), nonTrainable: 0 };
  },
  macs: ({ params, inputs: [x] }) => (prod(x.slice(1, -1)) ?? 1) * (x[x.length - 1] ?? 0) * params.units,
  describe: (p) => `${p.units}${p.activation !== 'linear' ? `, ${p.activation}` : ''}`,
  tfjs: { factory: 'dense' },
});

export const Embedding = defineSpec({
  kind: 'Embedding',
  category: 'Core',
  summary: 'Turns each word or token id into a learned row of numbers (its embedding vector).',
  detail: 'Its input holds whole-number ids from 0 to inputDim − 1, typically a sequence of token ids per example.',
  params: {
    inputDim: {
      type: 'int',
      default: 1000,
      min: 1,
      doc: 'How many different ids there are (the vocabulary size). Keras requires it; the palette starts at 1000.',
      key: true,
    },
    outputDim: {
      type: 'int',
      default: 64,
      min: 1,
      doc: 'How many numbers describe each id. Keras requires it; the palette starts at 64.',
      key: true,
    },
    embeddingsInitializer: {
      type: 'initializer',
      default: 'randomUniform',
      doc: 'How the embedding vectors start before training (Keras "uniform": between -0.05 and 0.05).',
    },
    embeddingsRegularizer: {
      type: 'regularizer',
      default: null,
      doc: 'An L1/L2 penalty on the embedding vectors, added to the loss.',
    },
    maskZero: {
      type: 'bool',
      default: false,
      doc: 'Treat id 0 as padding that later recurrent layers skip.',
    },
  },
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 20]],
  outputShape: ({ params, inputs: [x] }) => {
    if (x.length < 2) {
      throw new ShapeError(
        `Embedding needs a sequence of ids per example, but gets ${formatShape(x)}.`,
        'Give the Input a shape such as [20] (20 ids per example).',
      );
    }
    return [...x, params.outputDim];
  },
  paramCount: ({ params }) => ({ trainable: params.inputDim * params.outputDim, nonTrainable: 0 }),
  // A table look-up: no multiplications.
  macs: () => 0,
  describe: (p) => `${p.inputDim} → ${p.outputDim}`,
  tfjs: { factory: 'embedding' },
});

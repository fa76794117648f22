import { GraphBuilder, chain } from './graphBuilder';
import type { TemplateDef } from './templateDef';

/** The lecture's first networks: the perceptron, the two Keras API slides, and two small MLPs. */

function perceptron(): TemplateDef {
  const b = new GraphBuilder();
  b.add('unit', 'Dense', { units: 1 }, b.input([2]));
  return {
    id: 'perceptron',
    name: 'Perceptron',
    graph: b.build(),
    training: {
      dataset: { builtin: 'separable' },
      loss: 'hinge',
      optimizer: { kind: 'sgd', learningRate: 0.01 },
      metrics: ['accuracy'],
      batchSize: 16,
      epochs: 20,
      validationSplit: 0.2,
      seed: 42,
    },
    template: {
      title: 'Perceptron',
      summary:
        'One linear unit, f(x) = w·x + b, trained with the hinge loss max(0, 1 − ŷy) on two linearly separable clouds: ' +
        'the lecture’s "early attempt" at a neuron. It can only draw a straight line.',
      teachingNotes: [
        'There are exactly three numbers to learn in [the one Dense unit](node:unit): two weights and a bias. They define the separating line w·x + b = 0.',
        'The hinge loss reaches 0 as soon as every point is on the right side with a margin of 1; after that nothing moves.',
        'Open the XOR set instead and watch it fail: no straight line separates XOR (Minsky & Papert 1969).',
        'The labels are used as ±1 (class c → 2c − 1), as the lecture writes the losses in terms of ŷy.',
      ],
      citation:
        'Rosenblatt, F. (1958). The perceptron: a probabilistic model for information storage and organization in the brain. Psychological Review 65(6), 386–408.',
      category: 'Basics',
      reference: { params: 3, source: 'Hand count: 2 weights + 1 bias (Keras Dense(1) on 2 inputs).' },
      deviations: [
        'Rosenblatt’s perceptron outputs a hard threshold and learns with the perceptron rule; here the unit is linear and learns by SGD on the hinge loss (the lecture’s formulation), which has the same decision rule sign(w·x + b).',
      ],
    },
  };
}

function kerasSequential(): TemplateDef {
  const b = new GraphBuilder();
  chain(b, b.input([10]), [
    ['dense', 'Dense', { units: 24, activation: 'relu' }],
    ['dense_1', 'Dense', { units: 20, activation: 'relu' }],
    ['dense_2', 'Dense', { units: 10, activation: 'softmax' }],
  ]);
  return {
    id: 'keras-sequential',
    name: 'Keras Sequential API example',
    graph: b.build(),
    training: {
      dataset: { builtin: 'clusters' },
      loss: 'categoricalCrossentropy',
      optimizer: { kind: 'sgd', learningRate: 0.01 },
      metrics: ['accuracy'],
      batchSize: 32,
      epochs: 5,
      validationSplit: 0.1,
      seed: 42,
    },
    template: {
      title: 'Keras Sequential API',
      summary:
        'The lecture’s Sequential-API slide: 10 input features → Dense 24 (ReLU) → Dense 20 (ReLU) → Dense 10 (softmax). ' +
        'A plain stack of layers, one after the other.',
      teachingNotes: [
        'Each Dense layer’s parameter count is inputs × units + units: 10·24+24 = 264, 24·20+20 = 500, 20·10+10 = 210.',
        'The softmax output gives 10 probabilities that add up to 1.',
        'It trains on the built-in “Ten clusters in ten features” set (10 number features, 10 classes); your own CSV with 10 feature columns and a class 0–9 works the same way.',
      ],
      citation:
        'Chollet, F. et al. (2015). Keras. https://keras.io — Sequential model guide; slide "Sequential API" of the lecture.',
      category: 'Basics',
      reference: {
        params: 974,
        source: 'Keras model.summary() of the slide’s model: (10·24+24) + (24·20+20) + (20·10+10) = 974.',
      },
      deviations: [],
    },
  };
}

/** Both MNIST MLPs take the 28×28×1 images of the MNIST set and flatten them to the slide's 784 inputs. */
function mnistMlp(hidden: { units: number; dropout?: number }[]): GraphBuilder {
  const b = new GraphBuilder();
  let x = b.add('flatten', 'Flatten', {}, b.input([28, 28, 1]));
  hidden.forEach((h, i) => {
    x = b.add(i === 0 ? 'dense' : `dense_${i}`, 'Dense', { units: h.units, activation: 'relu' }, x);
    if (h.dropout) x = b.add(i === 0 ? 'dropout' : `dropout_${i}`, 'Dropout', { rate: h.dropout }, x);
  });
  b.add(`dense_${hidden.length}`, 'Dense', { units: 10, activation: 'softmax' }, x);
  return b;
}

function kerasFunctional(): TemplateDef {
  return {
    id: 'keras-functional',
    name: 'Keras functional API example',
    graph: mnistMlp([{ units: 64 }, { units: 64 }]).build(),
    training: {
      dataset: { builtin: 'mnist' },
      loss: 'categoricalCrossentropy',
      optimizer: { kind: 'sgd', learningRate: 0.01 },
      metrics: ['accuracy'],
      batchSize: 32,
      epochs: 5,
      validationSplit: 0.1,
      seed: 42,
    },
    template: {
      title: 'Keras functional API',
      summary:
        'The lecture’s functional-API slide: 784 pixel values → Dense 64 (ReLU) → Dense 64 (ReLU) → Dense 10 (softmax), ' +
        'compiled with SGD and categorical cross-entropy, on MNIST digits.',
      teachingNotes: [
        'Almost all 55,050 parameters sit in the first layer (784·64+64 = 50,240): every pixel talks to every hidden unit.',
        'Plain SGD at 0.01 learns steadily but slowly; compare with Adam in the training panel.',
        'Watch the gap between training and validation accuracy: with 10,000 digits it stays small for a few epochs.',
      ],
      citation:
        'Chollet, F. et al. (2015). Keras. https://keras.io — functional API guide; slide "Functional" of the lecture. Data: LeCun et al. (1998), MNIST.',
      category: 'Basics',
      reference: {
        params: 55050,
        source: 'Keras model.summary() of the slide’s model: (784·64+64) + (64·64+64) + (64·10+10) = 55,050.',
      },
      deviations: [
        'The slide’s Input(shape=(784,)) takes already-flattened images; here a Flatten layer (no parameters) turns the 28×28×1 MNIST image into those 784 values.',
      ],
    },
  };
}

function mnistMlpTemplate(): TemplateDef {
  return {
    id: 'mnist-mlp',
    name: 'MNIST MLP (TensorFlow quickstart)',
    graph: mnistMlp([{ units: 128, dropout: 0.2 }]).build(),
    training: {
      dataset: { builtin: 'mnist' },
      loss: 'sparseCategoricalCrossentropy',
      optimizer: { kind: 'adam', learningRate: 0.001 },
      metrics: ['accuracy'],
      batchSize: 32,
      epochs: 5,
      validationSplit: 0.1,
      seed: 42,
    },
    template: {
      title: 'MNIST multilayer perceptron',
      summary:
        'The TensorFlow 2 "quickstart for beginners" network: Flatten → Dense 128 (ReLU) → Dropout 0.2 → Dense 10 (softmax). ' +
        'One hidden layer is enough for about 97–98 % on handwritten digits.',
      teachingNotes: [
        '101,770 parameters: 784·128+128 = 100,480 in [the hidden layer](node:dense) and 128·10+10 = 1,290 in [the output](node:dense_1).',
        '[Dropout](node:dropout) has no parameters; it only switches off 20 % of the hidden units at random while training.',
        'Accuracy climbs fast in the first epoch and then creeps; the validation curve tells you when to stop.',
      ],
      citation:
        'TensorFlow (2019–). "TensorFlow 2 quickstart for beginners", https://www.tensorflow.org/tutorials/quickstart/beginner. Data: LeCun et al. (1998), MNIST.',
      category: 'Basics',
      reference: {
        params: 101770,
        source: 'Keras model.summary() of the TF2 beginner quickstart model: (784·128+128) + (128·10+10) = 101,770.',
      },
      deviations: [],
    },
  };
}

function xorMlp(): TemplateDef {
  const b = new GraphBuilder();
  chain(b, b.input([2]), [
    ['hidden', 'Dense', { units: 8, activation: 'tanh' }],
    ['output', 'Dense', { units: 1, activation: 'sigmoid' }],
  ]);
  return {
    id: 'xor-mlp',
    name: 'XOR multilayer perceptron',
    graph: b.build(),
    training: {
      dataset: { builtin: 'xor' },
      loss: 'binaryCrossentropy',
      optimizer: { kind: 'adam', learningRate: 0.03 },
      metrics: ['accuracy'],
      batchSize: 16,
      epochs: 40,
      validationSplit: 0.2,
      seed: 42,
    },
    template: {
      title: 'XOR multilayer perceptron',
      summary:
        'Two inputs → 8 hidden tanh units → 1 sigmoid output, on the Playground "exclusive or" set: the smallest problem ' +
        'a perceptron cannot solve and one hidden layer can.',
      teachingNotes: [
        'Each unit of [the hidden layer](node:hidden) draws one straight line; [the output](node:output) combines them into the two diagonal regions of XOR.',
        'Watch the loss sit on a plateau and then drop suddenly: the moment the hidden units split the plane.',
        'Try 2 hidden units (the classic 2-2-1 network): it can solve XOR too, but gets stuck on a plateau far more often.',
      ],
      citation:
        'Rumelhart, D. E., Hinton, G. E. & Williams, R. J. (1986). Learning representations by back-propagating errors. Nature 323, 533–536. Data: TensorFlow Playground (Smilkov & Carter 2016).',
      category: 'Basics',
      reference: { params: 33, source: 'Hand count: (2·8+8) + (8·1+1) = 33.' },
      deviations: [
        'Rumelhart et al. used 2 hidden units on the four XOR corners; 8 tanh units train reliably on the Playground points (with 4, Adam at 0.03 sometimes stalls near 85 % accuracy).',
      ],
    },
  };
}

export const basicTemplates = (): TemplateDef[] => [
  perceptron(),
  xorMlp(),
  kerasSequential(),
  kerasFunctional(),
  mnistMlpTemplate(),
];

import { GraphBuilder, chain } from './graphBuilder';
import type { TemplateDef } from './templateDef';

/** Dropout, batch normalization and a convolutional autoencoder, each in a published small form that trains on MNIST. */

function dropoutExample(): TemplateDef {
  const b = new GraphBuilder();
  chain(b, b.input([28, 28, 1]), [
    ['flatten', 'Flatten', {}],
    ['dense', 'Dense', { units: 512, activation: 'relu' }],
    ['dropout', 'Dropout', { rate: 0.2 }],
    ['dense_1', 'Dense', { units: 512, activation: 'relu' }],
    ['dropout_1', 'Dropout', { rate: 0.2 }],
    ['dense_2', 'Dense', { units: 10, activation: 'softmax' }],
  ]);
  return {
    id: 'dropout-example',
    name: 'Dropout on MNIST (Keras mnist_mlp)',
    graph: b.build(),
    training: {
      dataset: { builtin: 'mnist' },
      loss: 'categoricalCrossentropy',
      optimizer: { kind: 'rmsprop', learningRate: 0.001 },
      metrics: ['accuracy'],
      batchSize: 128,
      epochs: 10,
      validationSplit: 0.1,
      seed: 42,
    },
    template: {
      title: 'Dropout',
      summary:
        'Keras’s classic mnist_mlp example: two hidden layers of 512 ReLU units, each followed by Dropout 0.2, on MNIST. ' +
        'Dropout switches off a random 20 % of the units at every training step, so no unit can rely on any other.',
      teachingNotes: [
        'Train it, then set both dropout rates ([dropout](node:dropout) and [dropout_1](node:dropout_1)) to 0 and train again: the training accuracy rises faster, the validation accuracy does not follow.',
        'Dropout is only active during training; when the network predicts, every unit is used.',
        'With 669,706 parameters and 9,000 training digits this network can memorise; dropout is what keeps the two curves together.',
      ],
      citation:
        'Srivastava, N., Hinton, G., Krizhevsky, A., Sutskever, I. & Salakhutdinov, R. (2014). Dropout: a simple way to prevent neural networks from overfitting. JMLR 15, 1929–1958. Network: Keras examples, mnist_mlp.py.',
      category: 'Techniques',
      reference: {
        params: 669706,
        source: 'Keras examples mnist_mlp.py model.summary(): (784·512+512) + (512·512+512) + (512·10+10) = 669,706.',
      },
      deviations: [
        'The Keras example trains 20 epochs on the 60,000-digit MNIST; here 10 epochs on Deepwire’s 10,000-digit set, to stay quick on a CPU.',
        'A Flatten layer turns the 28×28×1 image into the example’s 784 inputs (no parameters).',
      ],
    },
  };
}

function batchnormExample(): TemplateDef {
  const b = new GraphBuilder();
  let x = b.add('flatten', 'Flatten', {}, b.input([28, 28, 1]));
  for (let i = 1; i <= 3; i++) {
    x = chain(b, x, [
      [`dense_${i}`, 'Dense', { units: 100, useBias: false }],
      [`bn_${i}`, 'BatchNormalization', { momentum: 0.9 }],
      [`sigmoid_${i}`, 'Activation', { activation: 'sigmoid' }],
    ]);
  }
  b.add('output', 'Dense', { units: 10, activation: 'softmax' }, x);
  return {
    id: 'batchnorm-example',
    name: 'Batch normalization on MNIST (Ioffe & Szegedy §4.1)',
    graph: b.build(),
    training: {
      dataset: { builtin: 'mnist' },
      loss: 'categoricalCrossentropy',
      optimizer: { kind: 'sgd', learningRate: 0.5 },
      metrics: ['accuracy'],
      batchSize: 60,
      epochs: 5,
      validationSplit: 0.1,
      seed: 42,
    },
    template: {
      title: 'Batch normalization',
      summary:
        'The MNIST experiment of the batch-normalization paper: three fully connected hidden layers of 100 sigmoid units, ' +
        'each normalized by BatchNormalization before the sigmoid, then a 10-way softmax.',
      teachingNotes: [
        'Delete the three BatchNormalization layers ([bn_1](node:bn_1), [bn_2](node:bn_2), [bn_3](node:bn_3)) and train again with the same (high) learning rate: the sigmoids saturate and learning stalls.',
        'The Dense layers ([dense_1](node:dense_1) …) have no bias: BatchNormalization subtracts the mean anyway, and its β takes the bias’s place (as the paper notes).',
        'Each BatchNormalization has 400 numbers: γ and β are learned (200), the running mean and variance (200) are not.',
        'The running mean and variance are what the network uses after training; if test accuracy lags far behind training accuracy early on, they have not settled yet.',
      ],
      citation:
        'Ioffe, S. & Szegedy, C. (2015). Batch normalization: accelerating deep network training by reducing internal covariate shift. ICML 2015, §4.1 (arXiv:1502.03167).',
      category: 'Techniques',
      reference: {
        params: 100610,
        trainable: 100010,
        source:
          'Hand count: Dense 784·100 + 100·100 + 100·100 (no bias) = 98,400; BatchNormalization 3 × 4·100 = 1,200 (600 non-trainable); output 100·10+10 = 1,010; total 100,610.',
      },
      deviations: [
        'Weights start Glorot-uniform (Keras default) rather than the paper’s "small random Gaussian values".',
        'BatchNormalization momentum 0.9 instead of Keras’s 0.99, so the running statistics settle within the few hundred steps of a CPU run (at 0.99 the test accuracy after 3 short epochs stayed below 40 % while training accuracy was high). No effect on the parameter count.',
        'The paper trained 50,000 steps of 60 examples on the 60,000-digit MNIST; here a few epochs on Deepwire’s 10,000 digits.',
      ],
    },
  };
}

function convAutoencoder(): TemplateDef {
  const b = new GraphBuilder();
  chain(b, b.input([28, 28, 1]), [
    ['conv2d', 'Conv2D', { filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }],
    ['max_pooling2d', 'MaxPooling2D', { poolSize: 2, padding: 'same' }],
    ['conv2d_1', 'Conv2D', { filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }],
    ['max_pooling2d_1', 'MaxPooling2D', { poolSize: 2, padding: 'same' }],
    [
      'conv2d_transpose',
      'Conv2DTranspose',
      { filters: 32, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' },
    ],
    [
      'conv2d_transpose_1',
      'Conv2DTranspose',
      { filters: 32, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' },
    ],
    ['conv2d_2', 'Conv2D', { filters: 1, kernelSize: 3, padding: 'same', activation: 'sigmoid' }],
  ]);
  return {
    id: 'conv-autoencoder',
    name: 'Convolutional autoencoder',
    graph: b.build(),
    training: {
      dataset: { builtin: 'mnist' },
      loss: 'binaryCrossentropy',
      optimizer: { kind: 'adam', learningRate: 0.001 },
      metrics: ['mse'],
      batchSize: 128,
      epochs: 5,
      validationSplit: 0.1,
      seed: 42,
      target: 'input',
    },
    template: {
      title: 'Convolutional autoencoder',
      summary:
        'An encoder of two Conv2D + max-pooling steps squeezes each digit to 7×7×32; a decoder of two stride-2 Conv2DTranspose layers ' +
        'rebuilds the 28×28 image. The training target is the input itself (training.target = "input"): no labels needed.',
      teachingNotes: [
        'Watch the shapes shrink and grow: 28×28×1 → 14×14×32 → 7×7×32 → 14×14×32 → 28×28×32 → 28×28×1.',
        'The loss is per-pixel binary cross-entropy between the output and the input image; the accuracy metric makes no sense here.',
        'Conv2DTranspose learns its upsampling: compare with UpSampling2D + Conv2D, which Chollet’s 2016 blog post used.',
      ],
      citation:
        'Valdarrama, S. L. (2021). Convolutional autoencoder for image denoising. Keras code examples, https://keras.io/examples/vision/autoencoder/. Background: Hinton & Salakhutdinov (2006), Science 313, 504–507.',
      category: 'Techniques',
      reference: {
        params: 28353,
        source:
          'Keras example model.summary(): 320 + 9,248 + 9,248 (Conv2DTranspose 3·3·32·32+32) + 9,248 + 289 = 28,353.',
      },
      deviations: [
        'The Keras example trains on clean digits first and then on noisy ones (denoising); this template is the first stage only: reconstruct the clean digit.',
      ],
    },
  };
}

export const techniqueTemplates = (): TemplateDef[] => [dropoutExample(), batchnormExample(), convAutoencoder()];

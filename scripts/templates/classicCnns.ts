import { GraphBuilder, chain } from './graphBuilder';
import type { TemplateDef, TemplateMetaDef } from './templateDef';
import type { TrainingConfig } from '../../shared/training/options';
import { SHAPES_CLASSES, shapesDataset, shapesHeadDeviation, withShapesHead } from './shapesData';

/** LeNet-5, AlexNet and the six VGG configurations of the lecture's table. */

/** ImageNet-size networks: the paper's settings, on the built-in shapes pictures at the input's size. */
const imagenetTraining = (
  imageSize: number,
  learningRate: number,
  batchSize: number,
  epochs: number,
): TrainingConfig => ({
  dataset: shapesDataset(imageSize),
  loss: 'categoricalCrossentropy',
  optimizer: { kind: 'momentum', learningRate, momentum: 0.9 },
  metrics: ['accuracy'],
  batchSize,
  epochs,
  validationSplit: 0.1,
  seed: 42,
});

function lenet5(): TemplateDef {
  const b = new GraphBuilder();
  chain(b, b.input([28, 28, 1]), [
    ['C1', 'Conv2D', { filters: 6, kernelSize: 5, padding: 'same', activation: 'tanh' }],
    ['S2', 'AveragePooling2D', { poolSize: 2 }],
    ['C3', 'Conv2D', { filters: 16, kernelSize: 5, activation: 'tanh' }],
    ['S4', 'AveragePooling2D', { poolSize: 2 }],
    ['flatten', 'Flatten', {}],
    ['C5', 'Dense', { units: 120, activation: 'tanh' }],
    ['F6', 'Dense', { units: 84, activation: 'tanh' }],
    ['output', 'Dense', { units: 10, activation: 'softmax' }],
  ]);
  return {
    id: 'lenet5',
    name: 'LeNet-5',
    graph: b.build(),
    training: {
      dataset: { builtin: 'mnist' },
      loss: 'categoricalCrossentropy',
      optimizer: { kind: 'adam', learningRate: 0.001 },
      metrics: ['accuracy'],
      batchSize: 32,
      epochs: 5,
      validationSplit: 0.1,
      seed: 42,
    },
    template: {
      title: 'LeNet-5',
      summary:
        'LeCun’s 1998 digit reader in its usual Keras form: two convolution + average-pooling stages (6 and 16 filters of 5×5, tanh), ' +
        'then fully connected layers of 120, 84 and 10. Input: 28×28 MNIST digits, with "same" padding on C1 standing in for the paper’s 32×32 frame.',
      teachingNotes: [
        'Follow the shapes: 28×28×1 → C1 28×28×6 → S2 14×14×6 → C3 10×10×16 → S4 5×5×16 → 400 → 120 → 84 → 10.',
        '[C1](node:C1) has only 156 parameters yet sees the whole image: its 6 filters are shared across every position.',
        'Most parameters (48,120 of 61,706) are in [C5](node:C5), the first fully connected layer.',
        'Open the activation view: [C1](node:C1)’s maps look like edge detectors of the digit.',
        'Watch [the second convolution, C3](node:C3), after epoch 3: its 16 maps at 10×10 respond to strokes and corners, combinations of C1’s edges.',
      ],
      citation:
        'LeCun, Y., Bottou, L., Bengio, Y. & Haffner, P. (1998). Gradient-based learning applied to document recognition. Proceedings of the IEEE 86(11), 2278–2324.',
      category: 'Classic CNNs',
      reference: {
        params: 61706,
        source:
          'Keras model.summary() of the classic Keras LeNet-5: C1 5·5·1·6+6 = 156, C3 5·5·6·16+16 = 2,416, C5 400·120+120 = 48,120, F6 120·84+84 = 10,164, output 84·10+10 = 850; total 61,706.',
      },
      deviations: [
        'Input 28×28 with padding "same" on C1 instead of the paper’s 32×32 input with a valid C1: the feature-map sizes from C1 on are the paper’s (28×28×6, 14×14×6, 10×10×16, 5×5×16).',
        'tanh and average pooling as in the paper, but the paper’s subsampling layers also had a trainable coefficient and bias per map (S2: 12, S4: 32 parameters) and a scaled tanh 1.7159·tanh(2a/3); here pooling has no parameters and tanh is plain.',
        'C3 connects every S2 map to every C3 map (2,416 parameters); the paper used a sparse connection table (1,516).',
        'The output is a softmax over 10 classes; the paper used Euclidean radial basis function units.',
        'C5 is written as Dense after Flatten; on a 5×5 input a 5×5 convolution and a Dense layer are the same.',
        'Trained with Adam and cross-entropy rather than the paper’s stochastic diagonal Levenberg–Marquardt on the MAP/RBF criterion.',
      ],
    },
  };
}

/** AlexNet's local response normalization: n = 5, k = 2, α = 1e-4, β = 0.75 (TF does not divide α by n; nor does the paper). */
const ALEXNET_LRN = { depthRadius: 2, bias: 2, alpha: 0.0001, beta: 0.75 };

function alexnet(): TemplateDef {
  const b = new GraphBuilder();
  chain(b, b.input([227, 227, 3]), [
    ['conv1', 'Conv2D', { filters: 96, kernelSize: 11, strides: 4, activation: 'relu' }],
    ['lrn1', 'LocalResponseNormalization', ALEXNET_LRN],
    ['pool1', 'MaxPooling2D', { poolSize: 3, strides: 2 }],
    ['conv2', 'Conv2D', { filters: 256, kernelSize: 5, padding: 'same', activation: 'relu' }],
    ['lrn2', 'LocalResponseNormalization', ALEXNET_LRN],
    ['pool2', 'MaxPooling2D', { poolSize: 3, strides: 2 }],
    ['conv3', 'Conv2D', { filters: 384, kernelSize: 3, padding: 'same', activation: 'relu' }],
    ['conv4', 'Conv2D', { filters: 384, kernelSize: 3, padding: 'same', activation: 'relu' }],
    ['conv5', 'Conv2D', { filters: 256, kernelSize: 3, padding: 'same', activation: 'relu' }],
    ['pool5', 'MaxPooling2D', { poolSize: 3, strides: 2 }],
    ['flatten', 'Flatten', {}],
    ['fc6', 'Dense', { units: 4096, activation: 'relu' }],
    ['drop6', 'Dropout', { rate: 0.5 }],
    ['fc7', 'Dense', { units: 4096, activation: 'relu' }],
    ['drop7', 'Dropout', { rate: 0.5 }],
    ['fc8', 'Dense', { units: SHAPES_CLASSES, activation: 'softmax' }],
  ]);
  return {
    id: 'alexnet',
    name: 'AlexNet',
    graph: b.build(),
    training: imagenetTraining(227, 0.01, 128, 90),
    template: {
      title: 'AlexNet',
      summary:
        'The 2012 ImageNet winner as one tower: five convolutions (96, 256, 384, 384, 256 filters; 11×11 stride 4 first), ' +
        'ReLU, local response normalization after conv1 and conv2, overlapping 3×3 max pooling, then 4096-4096-10 fully connected with dropout (1000 outputs in the paper).',
      teachingNotes: [
        'The input is 227×227: only then does an 11×11 filter with stride 4 give the paper’s 55×55 maps ((227−11)/4+1 = 55). The paper’s "224" does not add up.',
        'About 94 % of the 62.4 M parameters sit in the three fully connected layers; fc6 alone has 37.7 M.',
        'ReLU instead of tanh was one of the paper’s key speed-ups; LRN was later found to matter little and was dropped by VGG.',
        'At 227×227 it is slow on a laptop CPU: press “Train at a smaller input size” in the Train panel to see it learn the shapes pictures in minutes.',
      ],
      citation:
        'Krizhevsky, A., Sutskever, I. & Hinton, G. E. (2012). ImageNet classification with deep convolutional neural networks. NIPS 25, 1097–1105.',
      category: 'Classic CNNs',
      reference: {
        params: withShapesHead(4096, 62378344),
        source:
          'Commonly cited single-GPU (one-tower) AlexNet count for 227×227×3 input with 1000 classes, checked by formula: convs 34,944 + 614,656 + 885,120 + 1,327,488 + 884,992 = 3,747,200; FC 37,752,832 + 16,781,312 + 4,097,000 = 58,631,144; total 62,378,344. With 10 classes fc8 is 40,970: 58,322,314.',
      },
      deviations: [
        shapesHeadDeviation(4096, 62378344),
        'One tower instead of the paper’s two GPU halves: conv2, conv4 and conv5 see all channels of the previous layer (the paper’s grouped convolutions saw half), so those layers have twice the paper’s weights (the paper reports "60 million" in all).',
        'Input 227×227×3 (see the teaching notes); conv2–conv5 use "same" padding (the paper’s 2 and 1 pixel pads).',
        'Biases start at 0 (Keras default) rather than the paper’s 1 for conv2, conv4, conv5 and the hidden FC layers; weights start Glorot-uniform rather than N(0, 0.01).',
      ],
    },
  };
}

/** The lecture's VGG table: per block, the kernel size of each conv (3 or 1). Filters per block: 64, 128, 256, 512, 512. */
const VGG_CONFIGS: Record<string, { blocks: number[][]; lrn?: boolean }> = {
  A: { blocks: [[3], [3], [3, 3], [3, 3], [3, 3]] },
  'A-LRN': { blocks: [[3], [3], [3, 3], [3, 3], [3, 3]], lrn: true },
  B: {
    blocks: [
      [3, 3],
      [3, 3],
      [3, 3],
      [3, 3],
      [3, 3],
    ],
  },
  C: {
    blocks: [
      [3, 3],
      [3, 3],
      [3, 3, 1],
      [3, 3, 1],
      [3, 3, 1],
    ],
  },
  D: {
    blocks: [
      [3, 3],
      [3, 3],
      [3, 3, 3],
      [3, 3, 3],
      [3, 3, 3],
    ],
  },
  E: {
    blocks: [
      [3, 3],
      [3, 3],
      [3, 3, 3, 3],
      [3, 3, 3, 3],
      [3, 3, 3, 3],
    ],
  },
};
const VGG_FILTERS = [64, 128, 256, 512, 512];

function vggGraph(config: string) {
  const { blocks, lrn } = VGG_CONFIGS[config];
  const b = new GraphBuilder();
  let x = b.input([224, 224, 3]);
  blocks.forEach((kernels, i) => {
    kernels.forEach((k, j) => {
      x = b.add(
        `block${i + 1}_conv${j + 1}`,
        'Conv2D',
        { filters: VGG_FILTERS[i], kernelSize: k, padding: 'same', activation: 'relu' },
        x,
      );
      if (lrn && i === 0 && j === 0) x = b.add('block1_lrn', 'LocalResponseNormalization', ALEXNET_LRN, x);
    });
    x = b.add(`block${i + 1}_pool`, 'MaxPooling2D', { poolSize: 2, strides: 2 }, x);
  });
  chain(b, x, [
    ['flatten', 'Flatten', {}],
    ['fc1', 'Dense', { units: 4096, activation: 'relu' }],
    ['dropout1', 'Dropout', { rate: 0.5 }],
    ['fc2', 'Dense', { units: 4096, activation: 'relu' }],
    ['dropout2', 'Dropout', { rate: 0.5 }],
    ['predictions', 'Dense', { units: SHAPES_CLASSES, activation: 'softmax' }],
  ]);
  return b.build();
}

const VGG_CITATION =
  'Simonyan, K. & Zisserman, A. (2014). Very deep convolutional networks for large-scale image recognition. arXiv:1409.1556 (ICLR 2015), Table 1.';

function vgg(
  config: string,
  id: string,
  title: string,
  weightLayers: number,
  reference: TemplateMetaDef['reference'],
  extraNotes: string[],
  extraDeviations: string[] = [],
): TemplateDef {
  return {
    id,
    name: title,
    graph: vggGraph(config),
    training: imagenetTraining(224, 0.01, 256, 74),
    template: {
      title,
      summary:
        `VGG configuration ${config} (${weightLayers} weight layers) from the lecture’s table: stacks of 3×3 convolutions with "same" padding and ReLU, ` +
        'five 2×2 max-pooling steps that halve the image (224 → 7), then 4096-4096-10 fully connected layers with dropout (1000 outputs in the paper).',
      teachingNotes: [
        'Two stacked 3×3 convolutions see a 5×5 patch, three see 7×7, with fewer weights and more non-linearities than one big filter.',
        'Filters double (64 → 128 → 256 → 512) each time pooling halves the size, so each block costs about the same computation.',
        'Most parameters are in fc1 (7·7·512·4096 + 4096 = 102.8 M); the convolutions hold under 15 %.',
        ...extraNotes,
      ],
      citation: VGG_CITATION,
      category: 'Classic CNNs',
      reference: { ...reference, params: withShapesHead(4096, reference.params) },
      deviations: [
        'Dropout (0.5) after fc1 and fc2 is the paper’s training set-up; Keras applications omit it. Dropout has no parameters, so the counts agree.',
        shapesHeadDeviation(4096, reference.params),
        ...extraDeviations,
      ],
    },
  };
}

const vggFormula = (config: string) =>
  `By formula on the lecture’s table (conv k×k: k·k·c_in·c_out + c_out; fc1 25,088·4096+4096, fc2 4096·4096+4096, predictions 4096·1000+1000 with ImageNet’s classes, 4096·10+10 here); Simonyan & Zisserman Table 2 rounds configuration ${config} to `;

export const classicCnnTemplates = (): TemplateDef[] => [
  lenet5(),
  alexnet(),
  vgg('A', 'vgg-a', 'VGG-11 (configuration A)', 11, { params: 132863336, source: `${vggFormula('A')}133 M.` }, []),
  vgg(
    'A-LRN',
    'vgg-a-lrn',
    'VGG-11 with LRN (configuration A-LRN)',
    11,
    { params: 132863336, source: `${vggFormula('A-LRN')}133 M; LRN has no weights, so it equals A.` },
    [
      'The paper found LRN did not improve A and dropped it from the deeper configurations: compare this template with VGG-11.',
    ],
    [
      'The paper does not give its LRN settings; AlexNet’s (n = 5, k = 2, α = 1e-4, β = 0.75) are used, as the paper refers to Krizhevsky et al.',
    ],
  ),
  vgg('B', 'vgg-b', 'VGG-13 (configuration B)', 13, { params: 133047848, source: `${vggFormula('B')}133 M.` }, []),
  vgg(
    'C',
    'vgg-c',
    'VGG-16 with 1×1 convolutions (configuration C)',
    16,
    { params: 133638952, source: `${vggFormula('C')}134 M.` },
    [
      'The third convolution of blocks 3–5 is 1×1: it adds a non-linearity without widening the view. D, with 3×3 there, did better.',
    ],
  ),
  vgg(
    'D',
    'vgg16',
    'VGG-16 (configuration D)',
    16,
    {
      params: 138357544,
      source: 'Keras applications.VGG16(weights=None).summary(): 138,357,544 (paper Table 2: 138 M).',
    },
    [],
  ),
  vgg(
    'E',
    'vgg19',
    'VGG-19 (configuration E)',
    19,
    {
      params: 143667240,
      source: 'Keras applications.VGG19(weights=None).summary(): 143,667,240 (paper Table 2: 144 M).',
    },
    [],
  ),
];

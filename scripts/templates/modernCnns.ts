import { GraphBuilder, chain } from './graphBuilder';
import type { TemplateDef } from './templateDef';
import type { TrainingConfig } from '../../shared/training/options';
import { SHAPES_CLASSES, shapesDataset, shapesHeadDeviation, withShapesHead } from './shapesData';

/** GoogLeNet and its Inception module, ResNet-18 and Keras's ResNet-50. */

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

/** Filters of one Inception module: #1×1, #3×3 reduce, #3×3, #5×5 reduce, #5×5, pool proj (the paper's Table 1 columns). */
type InceptionSpec = [number, number, number, number, number, number];

const GOOGLENET_INCEPTIONS: Record<string, InceptionSpec> = {
  '3a': [64, 96, 128, 16, 32, 32],
  '3b': [128, 128, 192, 32, 96, 64],
  '4a': [192, 96, 208, 16, 48, 64],
  '4b': [160, 112, 224, 24, 64, 64],
  '4c': [128, 128, 256, 24, 64, 64],
  '4d': [112, 144, 288, 32, 64, 64],
  '4e': [256, 160, 320, 32, 128, 128],
  '5a': [256, 160, 320, 32, 128, 128],
  '5b': [384, 192, 384, 48, 128, 128],
};

const conv = (filters: number, kernelSize: number) => ({ filters, kernelSize, padding: 'same', activation: 'relu' });

/** One Inception module with dimensionality reduction (the paper's Figure 2b); returns the Concatenate's id. */
function inception(b: GraphBuilder, x: string, name: string, [n1, r3, n3, r5, n5, pp]: InceptionSpec): string {
  const p = `inception_${name}`;
  const branch1 = b.add(`${p}_1x1`, 'Conv2D', conv(n1, 1), x);
  const branch3 = chain(b, x, [
    [`${p}_3x3_reduce`, 'Conv2D', conv(r3, 1)],
    [`${p}_3x3`, 'Conv2D', conv(n3, 3)],
  ]);
  const branch5 = chain(b, x, [
    [`${p}_5x5_reduce`, 'Conv2D', conv(r5, 1)],
    [`${p}_5x5`, 'Conv2D', conv(n5, 5)],
  ]);
  const branchPool = chain(b, x, [
    [`${p}_pool`, 'MaxPooling2D', { poolSize: 3, strides: 1, padding: 'same' }],
    [`${p}_pool_proj`, 'Conv2D', conv(pp, 1)],
  ]);
  return b.add(`${p}_output`, 'Concatenate', {}, [branch1, branch3, branch5, branchPool]);
}

const GOOGLENET_CITATION =
  'Szegedy, C., Liu, W., Jia, Y., Sermanet, P., Reed, S., Anguelov, D., Erhan, D., Vanhoucke, V. & Rabinovich, A. (2015). Going deeper with convolutions. CVPR 2015, 1–9 (arXiv:1409.4842).';

function inceptionModule(): TemplateDef {
  const b = new GraphBuilder();
  // A 1×1 stem lifts the shapes pictures' 3 colours to the 192 channels the module takes, and a
  // small head classifies what it gives: the module itself is exactly GoogLeNet's 3a.
  const stem = b.add('stem_1x1', 'Conv2D', conv(192, 1), b.input([28, 28, 3]));
  const out = inception(b, stem, '3a', GOOGLENET_INCEPTIONS['3a']);
  chain(b, out, [
    ['avg_pool', 'GlobalAveragePooling2D', {}],
    ['predictions', 'Dense', { units: SHAPES_CLASSES, activation: 'softmax' }],
  ]);
  return {
    id: 'inception-module',
    name: 'Inception module (3a)',
    graph: b.build(),
    training: {
      dataset: shapesDataset(28),
      loss: 'categoricalCrossentropy',
      optimizer: { kind: 'adam', learningRate: 0.001 },
      metrics: ['accuracy'],
      batchSize: 32,
      epochs: 5,
      validationSplit: 0.1,
      seed: 42,
    },
    template: {
      title: 'Inception module (3a)',
      summary:
        'One Inception module with dimensionality reduction, as GoogLeNet’s "inception (3a)": four parallel branches (1×1; 1×1 → 3×3; 1×1 → 5×5; ' +
        '3×3 max pool → 1×1) over a 28×28×192 input, joined side by side into 64+128+32+32 = 256 channels.',
      teachingNotes: [
        'The 1×1 "reduce" convolutions shrink 192 channels to 96 and 16 before the expensive 3×3 and 5×5 filters.',
        'Without them the 5×5 branch alone would need 5·5·192·32 = 153,600 weights; with the 1×1 reduction it needs 3,088 + 12,832.',
        'Every branch keeps 28×28 ("same" padding, stride 1), which is what lets Concatenate stack them.',
        'A building block, not a whole network: a 1×1 stem (3 → 192 channels) and a global-average-pooling classifier around it let it train on the shapes pictures.',
      ],
      citation: GOOGLENET_CITATION,
      category: 'Modern CNNs',
      reference: {
        params: 163696 + 768 + 2570,
        source:
          'By formula (conv: k·k·c_in·c_out + c_out): the module 12,352 + 18,528 + 110,720 + 3,088 + 12,832 + 6,176 = 163,696 (paper Table 1: 159 K, weights only); stem 3·192+192 = 768; classifier 256·10+10 = 2,570; total 167,034.',
      },
      deviations: [
        'The module is trained on its own: a 1×1 stem_1x1 convolution (3 → 192 channels, 768 parameters) in front and global average pooling with a 10-way softmax (2,570) after it are Deepwire’s, not the paper’s.',
      ],
    },
  };
}

/** bvlc_googlenet's LRN (local_size 5, α 1e-4, β 0.75, k 1) in TF's convention, where α is not divided by the window size: 1e-4/5. */
const GOOGLENET_LRN = { depthRadius: 2, bias: 1, alpha: 0.00002, beta: 0.75 };

function googlenet(): TemplateDef {
  const b = new GraphBuilder();
  let x = chain(b, b.input([224, 224, 3]), [
    ['conv1_7x7_s2', 'Conv2D', { filters: 64, kernelSize: 7, strides: 2, padding: 'same', activation: 'relu' }],
    ['pool1_3x3_s2', 'MaxPooling2D', { poolSize: 3, strides: 2, padding: 'same' }],
    ['pool1_norm1', 'LocalResponseNormalization', GOOGLENET_LRN],
    ['conv2_3x3_reduce', 'Conv2D', conv(64, 1)],
    ['conv2_3x3', 'Conv2D', conv(192, 3)],
    ['conv2_norm2', 'LocalResponseNormalization', GOOGLENET_LRN],
    ['pool2_3x3_s2', 'MaxPooling2D', { poolSize: 3, strides: 2, padding: 'same' }],
  ]);
  for (const name of ['3a', '3b', '4a', '4b', '4c', '4d', '4e', '5a', '5b']) {
    x = inception(b, x, name, GOOGLENET_INCEPTIONS[name]);
    if (name === '3b' || name === '4e') {
      x = b.add(`pool${name[0]}_3x3_s2`, 'MaxPooling2D', { poolSize: 3, strides: 2, padding: 'same' }, x);
    }
  }
  chain(b, x, [
    ['pool5_7x7_s1', 'AveragePooling2D', { poolSize: 7, strides: 1 }],
    ['pool5_drop', 'Dropout', { rate: 0.4 }],
    ['flatten', 'Flatten', {}],
    ['loss3_classifier', 'Dense', { units: SHAPES_CLASSES, activation: 'softmax' }],
  ]);
  return {
    id: 'googlenet',
    name: 'GoogLeNet (Inception v1)',
    graph: b.build(),
    training: imagenetTraining(224, 0.01, 32, 60),
    template: {
      title: 'GoogLeNet (Inception v1)',
      summary:
        'The 2014 ImageNet winner: a 7×7 stem, then nine Inception modules (3a–5b) with max pooling between stages, global 7×7 average pooling, ' +
        'dropout 0.4 and one softmax (10-way here, 1000-way in the paper). 22 layers deep with about 7 M parameters, 9× fewer than AlexNet. Without the two auxiliary classifiers.',
      teachingNotes: [
        'Compare with AlexNet and VGG: far deeper, yet about 7 M parameters, because average pooling replaces the huge fully connected layers.',
        'Channels grow module by module: 256, 480, 512, 512, 512, 528, 832, 832, 1024.',
        'Each module’s 1×1 reductions keep its cost down; open inception-module to study one on its own.',
        'At 224×224 it is slow on a CPU: “Train at a smaller input size” in the Train panel keeps the modules and trains in minutes on the shapes pictures.',
      ],
      citation: GOOGLENET_CITATION,
      category: 'Modern CNNs',
      reference: {
        params: withShapesHead(1024, 6998552),
        source:
          'By formula (conv: k·k·c_in·c_out + c_out, every layer with a bias; classifier 1024·1000+1000 = 6,998,552 with ImageNet’s 1000 classes, 1024·10+10 here), computed independently in templates/templates.test.ts; paper Table 1 sums to about 6.8 M (weights only, rounded).',
      },
      deviations: [
        shapesHeadDeviation(1024, 6998552),
        'The two auxiliary classifiers (after 4a and 4d, used only while training) are left out, as at inference time in the paper; they would add about 6.6 M parameters.',
        'Padding is "same" throughout; Caffe’s ceil-mode pooling gives the same sizes (112, 56, 28, 14, 7).',
        'Local response normalization after pool1 and conv2 uses the settings of the BVLC Caffe model (the paper gives none).',
      ],
    },
  };
}

export const modernCnnTemplates = (): TemplateDef[] => [inceptionModule(), googlenet()];

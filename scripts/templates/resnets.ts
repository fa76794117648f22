import { GraphBuilder, chain } from './graphBuilder';
import type { TemplateDef } from './templateDef';
import { SHAPES_CLASSES, shapesDataset, shapesHeadDeviation, withShapesHead } from './shapesData';

/** ResNet-18 (He et al. Table 1, laid out as torchvision's) and ResNet-50 (exactly Keras applications.ResNet50). */

const RESNET_CITATION =
  'He, K., Zhang, X., Ren, S. & Sun, J. (2016). Deep residual learning for image recognition. CVPR 2016, 770–778 (arXiv:1512.03385).';

const training = {
  dataset: shapesDataset(224),
  loss: 'categoricalCrossentropy' as const,
  optimizer: { kind: 'momentum' as const, learningRate: 0.1, momentum: 0.9 },
  metrics: ['accuracy' as const],
  batchSize: 256,
  epochs: 90,
  validationSplit: 0.1,
  seed: 42,
};

/** torchvision's BatchNorm2d: eps 1e-5, running averages updated with weight 0.1 (Keras momentum 0.9). */
const TORCH_BN = { epsilon: 1e-5, momentum: 0.9 };

/** A basic block: 3×3 → BN → ReLU → 3×3 → BN, plus the shortcut, then ReLU. Strided convs pad 1 on each side as torchvision does. */
function basicBlock(
  b: GraphBuilder,
  x: string,
  name: string,
  filters: number,
  stride: number,
  project: boolean,
): string {
  const first: [string, string, Record<string, unknown>][] =
    stride === 1
      ? [[`${name}_1_conv`, 'Conv2D', { filters, kernelSize: 3, padding: 'same', useBias: false }]]
      : [
          [`${name}_1_pad`, 'ZeroPadding2D', { padding: 1 }],
          [`${name}_1_conv`, 'Conv2D', { filters, kernelSize: 3, strides: stride, useBias: false }],
        ];
  const residual = chain(b, x, [
    ...first,
    [`${name}_1_bn`, 'BatchNormalization', TORCH_BN],
    [`${name}_1_relu`, 'Activation', { activation: 'relu' }],
    [`${name}_2_conv`, 'Conv2D', { filters, kernelSize: 3, padding: 'same', useBias: false }],
    [`${name}_2_bn`, 'BatchNormalization', TORCH_BN],
  ]);
  const shortcut = project
    ? chain(b, x, [
        [`${name}_0_conv`, 'Conv2D', { filters, kernelSize: 1, strides: stride, useBias: false }],
        [`${name}_0_bn`, 'BatchNormalization', TORCH_BN],
      ])
    : x;
  const sum = b.add(`${name}_add`, 'Add', {}, [shortcut, residual]);
  return b.add(`${name}_out`, 'Activation', { activation: 'relu' }, sum);
}

function resnet18(): TemplateDef {
  const b = new GraphBuilder();
  let x = chain(b, b.input([224, 224, 3]), [
    ['conv1_pad', 'ZeroPadding2D', { padding: 3 }],
    ['conv1_conv', 'Conv2D', { filters: 64, kernelSize: 7, strides: 2, useBias: false }],
    ['conv1_bn', 'BatchNormalization', TORCH_BN],
    ['conv1_relu', 'Activation', { activation: 'relu' }],
    ['pool1_pad', 'ZeroPadding2D', { padding: 1 }],
    ['pool1_pool', 'MaxPooling2D', { poolSize: 3, strides: 2 }],
  ]);
  [64, 128, 256, 512].forEach((filters, s) => {
    for (let i = 1; i <= 2; i++) {
      const stride = s > 0 && i === 1 ? 2 : 1;
      x = basicBlock(b, x, `conv${s + 2}_block${i}`, filters, stride, stride !== 1);
    }
  });
  chain(b, x, [
    ['avg_pool', 'GlobalAveragePooling2D', {}],
    ['predictions', 'Dense', { units: SHAPES_CLASSES, activation: 'softmax' }],
  ]);
  return {
    id: 'resnet18',
    name: 'ResNet-18',
    graph: b.build(),
    training,
    template: {
      title: 'ResNet-18',
      summary:
        'The 18-layer residual network of He et al. (Table 1): a 7×7 stem, four stages of two basic blocks (3×3 → 3×3 with an identity shortcut) ' +
        'at 64, 128, 256 and 512 filters, global average pooling and a softmax (10-way here, 1000-way in the paper).',
      teachingNotes: [
        'Follow a shortcut: the block only has to learn a correction F(x) that is added to x, so an extra block can never make things much worse.',
        'Where the size halves and the filters double, the shortcut needs a 1×1 stride-2 convolution to match shapes (projection, option B).',
        'BatchNormalization holds 9,600 non-trainable numbers (running means and variances) on top of the 11,689,512 trainable ones.',
        'At 224×224 it is slow on a CPU: “Train at a smaller input size” in the Train panel keeps the blocks and trains in minutes on the shapes pictures.',
      ],
      citation: RESNET_CITATION,
      category: 'Modern CNNs',
      reference: {
        params: withShapesHead(512, 11699112),
        trainable: withShapesHead(512, 11689512),
        source:
          'torchvision.models.resnet18(): 11,689,512 parameters, which Keras reports as trainable; Keras adds 9,600 non-trainable BatchNormalization moving means and variances (2 × 4,800 channels). Checked by formula in templates/templates.test.ts.',
      },
      deviations: [
        shapesHeadDeviation(512, 11699112),
        'Laid out as torchvision’s ResNet-18 (no conv biases, BatchNormalization ε = 1e-5, symmetric zero padding before strided layers), since Keras applications ship no ResNet-18.',
        'The paper’s Table 1 has no softmax layer of its own; the fully connected output layer here ends in softmax, as in Keras applications.',
      ],
    },
  };
}

/** Keras's BatchNormalization in applications.ResNet50. */
const KERAS_RESNET_BN = { epsilon: 1.001e-5 };

/** keras.applications.resnet.block1: a bottleneck 1×1 → 3×3 → 1×1 (×4 filters) with the stride on the first 1×1. */
function bottleneck(
  b: GraphBuilder,
  x: string,
  name: string,
  filters: number,
  stride: number,
  convShortcut: boolean,
): string {
  const shortcut = convShortcut
    ? chain(b, x, [
        [`${name}_0_conv`, 'Conv2D', { filters: 4 * filters, kernelSize: 1, strides: stride }],
        [`${name}_0_bn`, 'BatchNormalization', KERAS_RESNET_BN],
      ])
    : x;
  const residual = chain(b, x, [
    [`${name}_1_conv`, 'Conv2D', { filters, kernelSize: 1, strides: stride }],
    [`${name}_1_bn`, 'BatchNormalization', KERAS_RESNET_BN],
    [`${name}_1_relu`, 'Activation', { activation: 'relu' }],
    [`${name}_2_conv`, 'Conv2D', { filters, kernelSize: 3, padding: 'same' }],
    [`${name}_2_bn`, 'BatchNormalization', KERAS_RESNET_BN],
    [`${name}_2_relu`, 'Activation', { activation: 'relu' }],
    [`${name}_3_conv`, 'Conv2D', { filters: 4 * filters, kernelSize: 1 }],
    [`${name}_3_bn`, 'BatchNormalization', KERAS_RESNET_BN],
  ]);
  const sum = b.add(`${name}_add`, 'Add', {}, [shortcut, residual]);
  return b.add(`${name}_out`, 'Activation', { activation: 'relu' }, sum);
}

function resnet50(): TemplateDef {
  const b = new GraphBuilder();
  let x = chain(b, b.input([224, 224, 3]), [
    ['conv1_pad', 'ZeroPadding2D', { padding: 3 }],
    ['conv1_conv', 'Conv2D', { filters: 64, kernelSize: 7, strides: 2 }],
    ['conv1_bn', 'BatchNormalization', KERAS_RESNET_BN],
    ['conv1_relu', 'Activation', { activation: 'relu' }],
    ['pool1_pad', 'ZeroPadding2D', { padding: 1 }],
    ['pool1_pool', 'MaxPooling2D', { poolSize: 3, strides: 2 }],
  ]);
  const stages: [number, number, number][] = [
    [64, 3, 1],
    [128, 4, 2],
    [256, 6, 2],
    [512, 3, 2],
  ];
  stages.forEach(([filters, blocks, stride], s) => {
    for (let i = 1; i <= blocks; i++) {
      x = bottleneck(b, x, `conv${s + 2}_block${i}`, filters, i === 1 ? stride : 1, i === 1);
    }
  });
  chain(b, x, [
    ['avg_pool', 'GlobalAveragePooling2D', {}],
    ['predictions', 'Dense', { units: SHAPES_CLASSES, activation: 'softmax' }],
  ]);
  return {
    id: 'resnet50',
    name: 'ResNet-50',
    graph: b.build(),
    training,
    template: {
      title: 'ResNet-50',
      summary:
        'Keras’s applications.ResNet50, layer for layer: a 7×7 stem and 16 bottleneck blocks (1×1 reduce → 3×3 → 1×1 expand ×4, with a shortcut) ' +
        'in stages of 3, 4, 6 and 3, then global average pooling and a softmax (10-way here, 1000-way in the paper).',
      teachingNotes: [
        'The bottleneck’s 1×1 layers squeeze 256 channels to 64 for the 3×3 and expand back: deep but affordable.',
        'The first block of each stage projects its shortcut with a 1×1 convolution (and halves the size from stage 3 on).',
        'Node names match Keras’s model.summary() (conv3_block2_2_conv …), so the canvas can be read against Keras code.',
        'At 224×224 it is slow on a CPU: “Train at a smaller input size” in the Train panel keeps the blocks and trains in minutes on the shapes pictures.',
      ],
      citation: RESNET_CITATION,
      category: 'Modern CNNs',
      reference: {
        params: withShapesHead(2048, 25636712),
        trainable: withShapesHead(2048, 25583592),
        source:
          'Keras applications.ResNet50(weights=None).summary(): 25,636,712 total, 25,583,592 trainable, 53,120 non-trainable.',
      },
      deviations: [
        shapesHeadDeviation(2048, 25636712),
        'As Keras builds it, not exactly as the paper describes: every convolution has a bias (the paper’s had none before BatchNormalization), BatchNormalization ε = 1.001e-5, and the stride sits on the first 1×1 of a block.',
      ],
    },
  };
}

export const resnetTemplates = (): TemplateDef[] => [resnet18(), resnet50()];

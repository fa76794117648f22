import { GraphBuilder, chain } from './graphBuilder';
import type { TemplateDef } from './templateDef';
import { exoplanetTemplate, quasarTemplate } from './lightCurves';

/** The lecture's image case studies: star–galaxy (Kim & Brunner), galaxy morphology (Tuccillo), lens finding (DeepLens). */

/** Kim & Brunner's table: orthogonal weights, constant biases, leaky ReLU after every hidden layer. */
const kbConv = (filters: number, kernelSize: number, padding: 'valid' | 'same') => ({
  filters,
  kernelSize,
  padding,
  kernelInitializer: 'orthogonal',
  biasInitializer: { name: 'constant', value: 0.1 },
});
const kbDense = (units: number, activation?: string) => ({
  units,
  ...(activation ? { activation } : {}),
  kernelInitializer: 'orthogonal',
  biasInitializer: { name: 'constant', value: 0.01 },
});
/** Maas et al.'s leaky ReLU, max(x, 0.01x); the lecture's table does not give the slope. */
const LEAK = { alpha: 0.01 };

/** Kim & Brunner's network with the given widths: [c1, c2, c3, fc]. */
function kimBrunnerGraph([c1, c2, c3, fc]: [number, number, number, number]) {
  const b = new GraphBuilder();
  let x = b.input([44, 44, 5]);
  const layers: [number, number, 'valid' | 'same'][] = [
    [c1, 5, 'valid'],
    [c1, 3, 'same'],
    [c2, 3, 'same'],
    [c2, 3, 'same'],
    [c2, 3, 'same'],
    [c3, 3, 'same'],
    [c3, 3, 'same'],
    [c3, 3, 'same'],
  ];
  layers.forEach(([filters, k, padding], i) => {
    x = chain(b, x, [
      [`conv${i + 1}`, 'Conv2D', kbConv(filters, k, padding)],
      [`conv${i + 1}_lrelu`, 'LeakyReLU', LEAK],
    ]);
    if (i === 1 || i === 4 || i === 7) x = b.add(`pool${(i + 2) / 3}`, 'MaxPooling2D', { poolSize: 2 }, x);
  });
  chain(b, x, [
    ['flatten', 'Flatten', {}],
    ['fc1', 'Dense', kbDense(fc)],
    ['fc1_lrelu', 'LeakyReLU', LEAK],
    ['fc2', 'Dense', kbDense(fc)],
    ['fc2_lrelu', 'LeakyReLU', LEAK],
    ['output', 'Dense', kbDense(2, 'softmax')],
  ]);
  return b.build();
}

const KIM_BRUNNER_CITATION =
  'Kim, E. J. & Brunner, R. J. (2017). Star–galaxy classification using deep convolutional neural networks. MNRAS 464(4), 4463–4475 (arXiv:1608.04369), Table 1.';

const starGalaxyTraining = (learningRate: number, epochs: number) => ({
  dataset: { builtin: 'star-galaxy' },
  loss: 'categoricalCrossentropy' as const,
  optimizer: { kind: 'adam' as const, learningRate },
  metrics: ['accuracy' as const],
  batchSize: 32,
  epochs,
  validationSplit: 0.1,
  seed: 42,
});

function starGalaxy(): TemplateDef {
  return {
    id: 'star-galaxy',
    name: 'Star–galaxy classifier (Kim & Brunner 2016)',
    graph: kimBrunnerGraph([32, 64, 128, 2048]),
    training: starGalaxyTraining(0.0001, 5),
    template: {
      title: 'Star–galaxy ConvNet (Kim & Brunner)',
      summary:
        'Kim & Brunner’s ConvNet, exactly as the lecture’s table: 5-band (ugriz) 44×44 cutouts → a 5×5 convolution and seven 3×3 convolutions ' +
        '(32, 32 | 64 ×3 | 128 ×3 filters) with 2×2 max pooling between groups, then 2048-2048-2 fully connected; leaky ReLU, orthogonal weights.',
      teachingNotes: [
        'Check the lecture’s figure against the shapes: layer 1 is 32 maps of 40×40 (44 − 5 + 1), layer 3 is 64 maps of 20×20, layer 6 is 128 maps of 10×10.',
        'The five input channels are the five SDSS bands; the first filters learn colour as well as shape.',
        'fc1 holds 6.6 M of the 11.2 M parameters (5·5·128 inputs × 2048).',
        'Too big to train comfortably on a CPU: start with star-galaxy-small, which has the same structure.',
      ],
      citation: KIM_BRUNNER_CITATION,
      category: 'Astronomy',
      reference: {
        params: 11230754,
        source:
          'By formula from the lecture’s table: convs 4,032 + 9,248 + 18,496 + 2·36,928 + 73,856 + 2·147,584 = 474,656; fc 3,200·2048+2048 + 2048·2048+2048 + 2048·2+2 = 10,756,098; total 11,230,754.',
      },
      deviations: [
        'The leaky ReLU slope α = 0.01 is Maas et al.’s (2013) value; the lecture’s table does not state it.',
        'Optimizer and learning rate are Deepwire’s choice (Adam, 1e-4); data augmentation, dropout and model averaging from the paper’s training set-up are not part of the graph.',
        'The data are Deepwire’s simulated SDSS-like cutouts (star-galaxy), not the paper’s SDSS/CFHTLenS images.',
      ],
    },
  };
}

function starGalaxySmall(): TemplateDef {
  return {
    id: 'star-galaxy-small',
    name: 'Star–galaxy classifier, small',
    graph: kimBrunnerGraph([8, 16, 32, 128]),
    training: starGalaxyTraining(0.001, 5),
    template: {
      title: 'Star–galaxy ConvNet, small',
      summary:
        'Kim & Brunner’s star–galaxy ConvNet with the same eleven layers, kernels, padding, pooling, leaky ReLU and initialisation, ' +
        'but a quarter of the filters (8, 16, 32) and 128-unit fully connected layers, so it trains on a CPU in a minute or two.',
      teachingNotes: [
        'Same shapes as the full network (40×40 → 20×20 → 10×10 → 5×5), only thinner: 149,834 parameters instead of 11.2 M.',
        'Stars are point sources shaped by the PSF, galaxies are extended: watch which maps of [the first convolution](node:conv1) light up for each in the activation view.',
        'After a few epochs compare [conv2](node:conv2) with [conv7](node:conv7): the early maps still look like the object, the late 5×5 ones only say how extended it is.',
        'Faint objects are the hard cases; the accuracy tops out where noise hides the extent of a galaxy.',
      ],
      citation: KIM_BRUNNER_CITATION,
      category: 'Astronomy',
      reference: {
        params: 149834,
        source:
          'By formula: convs 5·5·5·8+8 = 1,008, 584, 1,168, 2·2,320, 4,640, 2·9,248; fc 800·128+128 = 102,528, 128·128+128 = 16,512, 128·2+2 = 258; total 149,834.',
      },
      deviations: [
        'Reduced for CPU/CI training: filters 32/64/128 → 8/16/32 and fully connected 2048 → 128; everything else as the full template.',
      ],
    },
  };
}

function galaxyMorphology(): TemplateDef {
  const b = new GraphBuilder();
  chain(b, b.input([64, 64, 1]), [
    ['conv1', 'Conv2D', { filters: 32, kernelSize: 5, padding: 'same', activation: 'relu' }],
    ['pool1', 'MaxPooling2D', { poolSize: 2 }],
    ['conv2', 'Conv2D', { filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }],
    ['pool2', 'MaxPooling2D', { poolSize: 2 }],
    ['conv3', 'Conv2D', { filters: 128, kernelSize: 3, padding: 'same', activation: 'relu' }],
    ['pool3', 'MaxPooling2D', { poolSize: 2 }],
    ['flatten', 'Flatten', {}],
    ['fc1', 'Dense', { units: 128, activation: 'relu' }],
    ['dropout', 'Dropout', { rate: 0.5 }],
    ['sersic', 'Dense', { units: 5 }],
  ]);
  return {
    id: 'galaxy-morphology',
    name: 'Galaxy morphology regression (after Tuccillo et al. 2016)',
    graph: b.build(),
    training: {
      dataset: { builtin: 'galaxy-morphology' },
      loss: 'meanSquaredError',
      optimizer: { kind: 'adam', learningRate: 0.001 },
      metrics: ['mae'],
      batchSize: 32,
      epochs: 10,
      validationSplit: 0.1,
      seed: 42,
    },
    template: {
      title: 'Galaxy morphology (Sérsic fit by CNN)',
      summary:
        'A CNN that reads a 64×64 H-band galaxy image and regresses its Sérsic profile — index n, effective radius, axis ratio and orientation ' +
        '(as cos 2θ, sin 2θ) — the task of Tuccillo et al. (2016): replacing a profile-fitting code by one forward pass.',
      teachingNotes: [
        'Five linear outputs, one per target, trained with mean squared error: this is regression, not classification.',
        'n spans 0.5–6 while q spans 0.2–1: Deepwire standardises each target with the training split’s mean and spread so that all five weigh alike in the MSE (the loss is in those standard units; mae is reported in the targets’ own units). Compare per-target errors after training.',
        'The angle is learned as (cos 2θ, sin 2θ) because θ and θ + 180° are the same ellipse; for round galaxies it cannot be learned at all.',
      ],
      citation:
        'Tuccillo, D., Decencière, E. & Velasco-Forero, S. (2016). Deep learning for studies of galaxy morphology. Proc. IAU 12(S325), 191–196. Follow-up: Tuccillo et al. (2018), MNRAS 475, 894 (DeepLeGATo).',
      category: 'Astronomy',
      reference: {
        params: 1142533,
        source:
          'Hand count: 5·5·1·32+32 = 832, 3·3·32·64+64 = 18,496, 3·3·64·128+128 = 73,856, 8·8·128·128+128 = 1,048,704, 128·5+5 = 645; total 1,142,533.',
      },
      deviations: [
        'The layer sizes are Deepwire’s: a small VGG-style regressor sized for the 64×64 data set. The paper’s contribution reproduced here is the task and data (simulated CANDELS H-band galaxies → Sérsic parameters), not its exact layers.',
        'The orientation target is (cos 2θ, sin 2θ) rather than the angle itself.',
      ],
    },
  };
}

/**
 * DeepLens was written in Lasagne, whose BatchNormLayer updates its running statistics with weight
 * alpha = 0.1: Keras momentum 0.9. (At Keras's 0.99 they had not settled after a 3-epoch CPU run and
 * validation stayed at chance while training accuracy rose.)
 */
const LASAGNE_BN = { momentum: 0.9 };

/** A pre-activation bottleneck block of CMU DeepLens: (BN → ELU → conv) × 3, 1×1 → 3×3 → 1×1, plus the shortcut. */
function deepLensBlock(
  b: GraphBuilder,
  x: string,
  name: string,
  inner: number,
  out: number,
  downsample: boolean,
): string {
  const pre = chain(b, x, [
    [`${name}_bn1`, 'BatchNormalization', LASAGNE_BN],
    [`${name}_elu1`, 'ELU', {}],
  ]);
  const shortcut = downsample
    ? b.add(`${name}_shortcut`, 'Conv2D', { filters: out, kernelSize: 1, strides: 2 }, pre)
    : x;
  const residual = chain(b, pre, [
    [`${name}_conv1`, 'Conv2D', { filters: inner, kernelSize: 1, strides: downsample ? 2 : 1 }],
    [`${name}_bn2`, 'BatchNormalization', LASAGNE_BN],
    [`${name}_elu2`, 'ELU', {}],
    [`${name}_conv2`, 'Conv2D', { filters: inner, kernelSize: 3, padding: 'same' }],
    [`${name}_bn3`, 'BatchNormalization', LASAGNE_BN],
    [`${name}_elu3`, 'ELU', {}],
    [`${name}_conv3`, 'Conv2D', { filters: out, kernelSize: 1 }],
  ]);
  return b.add(`${name}_add`, 'Add', {}, [residual, shortcut]);
}

function strongLens(): TemplateDef {
  const b = new GraphBuilder();
  let x = chain(b, b.input([48, 48, 1]), [
    ['conv_in', 'Conv2D', { filters: 16, kernelSize: 7, padding: 'same', activation: 'elu' }],
    ['bn_in', 'BatchNormalization', LASAGNE_BN],
  ]);
  [
    [8, 16],
    [16, 32],
    [32, 64],
  ].forEach(([inner, out], s) => {
    for (let i = 1; i <= 2; i++) x = deepLensBlock(b, x, `stage${s + 1}_block${i}`, inner, out, s > 0 && i === 1);
  });
  chain(b, x, [
    ['avg_pool', 'GlobalAveragePooling2D', {}],
    ['lens_probability', 'Dense', { units: 1, activation: 'sigmoid' }],
  ]);
  return {
    id: 'strong-lens',
    name: 'Strong-lens finder (after CMU DeepLens)',
    graph: b.build(),
    training: {
      dataset: { builtin: 'strong-lens' },
      loss: 'binaryCrossentropy',
      optimizer: { kind: 'adam', learningRate: 0.001 },
      metrics: ['accuracy'],
      batchSize: 32,
      epochs: 10,
      validationSplit: 0.1,
      seed: 42,
    },
    template: {
      title: 'Strong-lens finder (DeepLens-style ResNet)',
      summary:
        'A residual network in the style of CMU DeepLens: a 7×7 ELU convolution, then pre-activation bottleneck blocks (BatchNorm → ELU → conv, ' +
        '1×1 → 3×3 → 1×1) that double their filters when they halve the image, global average pooling and one sigmoid: the probability of a lens.',
      teachingNotes: [
        'A lens shows up as arcs or a ring around a red galaxy; the network has to tell them from spiral arms and neighbours.',
        'Pre-activation: normalisation and ELU come before each convolution, so the shortcut carries the raw signal straight through.',
        'Look at the ROC-style trade-off: what fraction of lenses do you keep when you reject 99 % of non-lenses (the paper’s figure of merit)?',
      ],
      citation:
        'Lanusse, F., Ma, Q., Li, N., Collett, T. E., Li, C.-L., Ravanbakhsh, S., Mandelbaum, R. & Póczos, B. (2018). CMU DeepLens: deep learning for automatic image-based galaxy–galaxy strong lens finding. MNRAS 473(3), 3895–3906 (arXiv:1703.02642).',
      category: 'Astronomy',
      reference: {
        params: 39297,
        trainable: 38465,
        source:
          'Hand count: input conv 7·7·1·16+16 = 800 and BN 64; stage 1 blocks 992 each; stage 2: 3,872 + 3,648; stage 3: 14,912 + 13,952; sigmoid 64+1 = 65; total 39,297 (832 of it BatchNormalization moving statistics, 2 × 416 channels). Recomputed in templates/referenceCounts.ts.',
      },
      deviations: [
        'From the paper: an input 7×7 convolution with ELU and BatchNorm; pre-activation bottleneck residual blocks with BatchNorm and ELU; filters doubling at each stride-2 stage with a 1×1 projection shortcut; average pooling; one sigmoid output.',
        'Reduced: an input convolution of 16 maps (paper: 32) and 3 stages of 2 blocks with 16, 32, 64 output filters instead of the paper’s 5 stages of 3 blocks (32 up to 512), to fit the 48×48 single-band data set and a CPU (the full-resolution first stage dominates the cost: at the paper’s widths one batch of 32 took over 5 s on the wasm backend).',
        'Input 48×48×1 (Deepwire’s strong-lens set) instead of the paper’s 45×45 LSST-like g-band cutouts.',
      ],
    },
  };
}

export const astronomyTemplates = (): TemplateDef[] => [
  starGalaxy(),
  starGalaxySmall(),
  galaxyMorphology(),
  strongLens(),
  exoplanetTemplate(),
  quasarTemplate(),
];

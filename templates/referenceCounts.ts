/**
 * Parameter counts of every template, computed from the papers' layer tables with Keras's formulas
 * and nothing else — independent of the catalog's rules and of shape inference, so a test can hold
 * both the template files and analyzeGraph to them. Each entry is [total, trainable].
 */

/** k×k (or k-wide 1-D, pass k² as k·1) convolution: kernel·c_in·c_out + c_out biases. */
const conv = (kernelArea: number, cin: number, cout: number, bias = true) =>
  kernelArea * cin * cout + (bias ? cout : 0);
const conv2 = (k: number, cin: number, cout: number, bias = true) => conv(k * k, cin, cout, bias);
const dense = (nin: number, nout: number, bias = true) => nin * nout + (bias ? nout : 0);
/** BatchNormalization over c channels: γ, β trainable; moving mean, variance not. */
const bn = (c: number) => ({ t: 2 * c, n: 2 * c });

/** The ImageNet-size templates classify the 10 built-in shapes classes (ImageNet: 1000). */
const SHAPES_CLASSES = 10;

type Count = [total: number, trainable: number];
const plain = (n: number): Count => [n, n];

function vgg(blocks: number[][], classes: number): Count {
  const filters = [64, 128, 256, 512, 512];
  let cin = 3;
  let n = 0;
  blocks.forEach((ks, i) => {
    for (const k of ks) {
      n += conv2(k, cin, filters[i]);
      cin = filters[i];
    }
  });
  // 224 / 2⁵ = 7: fc1 sees 7·7·512 = 25,088 values.
  return plain(n + dense(7 * 7 * 512, 4096) + dense(4096, 4096) + dense(4096, classes));
}

/** Inception module: [#1×1, #3×3 reduce, #3×3, #5×5 reduce, #5×5, pool proj]; returns [params, output channels]. */
function inception(cin: number, [a, r3, b, r5, c, p]: number[]): [number, number] {
  return [
    conv2(1, cin, a) + conv2(1, cin, r3) + conv2(3, r3, b) + conv2(1, cin, r5) + conv2(5, r5, c) + conv2(1, cin, p),
    a + b + c + p,
  ];
}

const GOOGLENET_TABLE: number[][] = [
  [64, 96, 128, 16, 32, 32],
  [128, 128, 192, 32, 96, 64],
  [192, 96, 208, 16, 48, 64],
  [160, 112, 224, 24, 64, 64],
  [128, 128, 256, 24, 64, 64],
  [112, 144, 288, 32, 64, 64],
  [256, 160, 320, 32, 128, 128],
  [256, 160, 320, 32, 128, 128],
  [384, 192, 384, 48, 128, 128],
];

function googlenet(classes: number): Count {
  let n = conv2(7, 3, 64) + conv2(1, 64, 64) + conv2(3, 64, 192);
  let c = 192;
  for (const row of GOOGLENET_TABLE) {
    const [p, out] = inception(c, row);
    n += p;
    c = out;
  }
  return plain(n + dense(1024, classes));
}

/** ResNet from He et al. Table 1: basic blocks (18) without conv biases, or Keras's bottleneck (50) with them. */
function resnet(kind: 18 | 50, classes: number): Count {
  const bias = kind === 50;
  let t = conv2(7, 3, 64, bias) + bn(64).t;
  let nt = bn(64).n;
  let cin = 64;
  const stages = kind === 18 ? [2, 2, 2, 2] : [3, 4, 6, 3];
  [64, 128, 256, 512].forEach((f, s) => {
    for (let i = 0; i < stages[s]; i++) {
      const out = kind === 18 ? f : 4 * f;
      const layers: [number, number, number][] =
        kind === 18
          ? [
              [3, cin, f],
              [3, f, f],
            ]
          : [
              [1, cin, f],
              [3, f, f],
              [1, f, out],
            ];
      if (cin !== out || (i === 0 && s > 0)) layers.push([1, cin, out]); // projection shortcut
      for (const [k, ci, co] of layers) {
        t += conv2(k, ci, co, bias) + bn(co).t;
        nt += bn(co).n;
      }
      cin = out;
    }
  });
  t += dense(cin, classes);
  return [t + nt, t];
}

function kimBrunner([c1, c2, c3, fc]: number[]): Count {
  const convs =
    conv2(5, 5, c1) +
    conv2(3, c1, c1) +
    conv2(3, c1, c2) +
    2 * conv2(3, c2, c2) +
    conv2(3, c2, c3) +
    2 * conv2(3, c3, c3);
  // 44 → 40 (5×5 valid) → 20 → 10 → 5 after three 2×2 poolings.
  return plain(convs + dense(5 * 5 * c3, fc) + dense(fc, fc) + dense(fc, 2));
}

/** CMU DeepLens-style pre-activation bottlenecks: [inner, out, downsample] per block after a 7×7×16 + BN stem. */
function deepLens(): Count {
  let t = conv2(7, 1, 16) + bn(16).t;
  let nt = bn(16).n;
  let cin = 16;
  const blocks: [number, number, boolean][] = [
    [8, 16, false],
    [8, 16, false],
    [16, 32, true],
    [16, 32, false],
    [32, 64, true],
    [32, 64, false],
  ];
  for (const [inner, out, down] of blocks) {
    for (const c of [cin, inner, inner]) {
      t += bn(c).t;
      nt += bn(c).n;
    }
    t += conv2(1, cin, inner) + conv2(3, inner, inner) + conv2(1, inner, out) + (down ? conv2(1, cin, out) : 0);
    cin = out;
  }
  t += dense(cin, 1);
  return [t + nt, t];
}

function pearsonCnn(length: number): Count {
  const l1 = length - 4; // Conv1D width 5, valid
  const p1 = Math.floor(l1 / 3);
  const l2 = p1 - 4;
  const p2 = Math.floor(l2 / 3);
  const prelu = (n: number) => n;
  return plain(
    conv(5, 1, 8) +
      prelu(l1 * 8) +
      conv(5, 8, 8) +
      prelu(l2 * 8) +
      dense(p2 * 8, 64) +
      prelu(64) +
      dense(64, 32) +
      prelu(32) +
      dense(32, 8) +
      prelu(8) +
      dense(8, 1),
  );
}

/** Published figures the formulas must reproduce (Keras applications / torchvision / Keras examples). */
export const PUBLISHED = {
  vgg16: 138_357_544,
  vgg19: 143_667_240,
  resnet50: 25_636_712,
  resnet18Torchvision: 11_689_512,
  alexnetOneTower: 62_378_344,
  lenet5Keras: 61_706,
  kerasMnistMlp: 669_706,
  kerasConvAutoencoder: 28_353,
};

/**
 * Expected [total, trainable] per template id; the exoplanet CNN's count depends on its light-curve
 * length. The ImageNet-size networks end in `imagenetClasses` outputs: the templates' 10 (the shapes
 * data) by default, 1000 to compare with the published ImageNet figures.
 */
export function referenceCounts(exoplanetLength: number, imagenetClasses = SHAPES_CLASSES): Record<string, Count> {
  const k = imagenetClasses;
  const bnMlp = dense(784, 100, false) + 2 * dense(100, 100, false) + dense(100, 10);
  return {
    perceptron: plain(dense(2, 1)),
    'xor-mlp': plain(dense(2, 8) + dense(8, 1)),
    'keras-sequential': plain(dense(10, 24) + dense(24, 20) + dense(20, 10)),
    'keras-functional': plain(dense(784, 64) + dense(64, 64) + dense(64, 10)),
    'mnist-mlp': plain(dense(784, 128) + dense(128, 10)),
    lenet5: plain(conv2(5, 1, 6) + conv2(5, 6, 16) + dense(400, 120) + dense(120, 84) + dense(84, 10)),
    alexnet: plain(
      conv2(11, 3, 96) +
        conv2(5, 96, 256) +
        conv2(3, 256, 384) +
        conv2(3, 384, 384) +
        conv2(3, 384, 256) +
        dense(6 * 6 * 256, 4096) +
        dense(4096, 4096) +
        dense(4096, k),
    ),
    'vgg-a': vgg([[3], [3], [3, 3], [3, 3], [3, 3]], k),
    'vgg-a-lrn': vgg([[3], [3], [3, 3], [3, 3], [3, 3]], k),
    'vgg-b': vgg(
      [
        [3, 3],
        [3, 3],
        [3, 3],
        [3, 3],
        [3, 3],
      ],
      k,
    ),
    'vgg-c': vgg(
      [
        [3, 3],
        [3, 3],
        [3, 3, 1],
        [3, 3, 1],
        [3, 3, 1],
      ],
      k,
    ),
    vgg16: vgg(
      [
        [3, 3],
        [3, 3],
        [3, 3, 3],
        [3, 3, 3],
        [3, 3, 3],
      ],
      k,
    ),
    vgg19: vgg(
      [
        [3, 3],
        [3, 3],
        [3, 3, 3, 3],
        [3, 3, 3, 3],
        [3, 3, 3, 3],
      ],
      k,
    ),
    'inception-module': plain(conv2(1, 3, 192) + inception(192, GOOGLENET_TABLE[0])[0] + dense(256, SHAPES_CLASSES)),
    googlenet: googlenet(k),
    resnet18: resnet(18, k),
    resnet50: resnet(50, k),
    'dropout-example': plain(dense(784, 512) + dense(512, 512) + dense(512, 10)),
    'batchnorm-example': [bnMlp + 3 * (bn(100).t + bn(100).n), bnMlp + 3 * bn(100).t],
    'conv-autoencoder': plain(conv2(3, 1, 32) + conv2(3, 32, 32) + 2 * conv2(3, 32, 32) + conv2(3, 32, 1)),
    'star-galaxy': kimBrunner([32, 64, 128, 2048]),
    'star-galaxy-small': kimBrunner([8, 16, 32, 128]),
    'galaxy-morphology': plain(
      conv2(5, 1, 32) + conv2(3, 32, 64) + conv2(3, 64, 128) + dense(8 * 8 * 128, 128) + dense(128, 5),
    ),
    'strong-lens': deepLens(),
    exoplanet: pearsonCnn(exoplanetLength),
    'quasar-microlensing': plain(
      conv(7, 1, 16) + conv(5, 16, 32) + conv(3, 32, 64) + conv(3, 64, 64) + dense(64, 64) + dense(64, 1),
    ),
  };
}

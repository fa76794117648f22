import {
  activationParam,
  biasInitializerParam,
  biasRegularizerParam,
  kernelInitializerParam,
  kernelRegularizerParam,
  paddingParam,
  useBiasParam,
} from './commonParams';
import { CONV1D_PADDINGS } from './enums';
import {
  convOutputLength,
  deconvOutputLength,
  formatTuple,
  isAllOnes,
  knownLastDim,
  prodKnown,
  requirePositive,
  requireRank,
  spatialLayout,
  tuple,
} from './shapeMath';
import { defineSpec, ShapeError, type ParamSpec, type Shape } from './types';

/*
 * Convolutions. Keras requires `filters` and `kernel_size`; the palette starts at 32 filters of
 * 3 (×3, ×3×3) because that is what nearly every lecture example uses. Every other default is Keras's.
 */

const filtersParam = {
  type: 'int',
  default: 32,
  min: 1,
  doc: 'How many filters (output channels) the layer learns. Keras requires it; the palette starts at 32.',
  key: true,
} satisfies ParamSpec;

const kernelSizeParam = (n: number) =>
  ({
    type: 'intTuple',
    length: n,
    default: 3,
    doc: 'The size of the window each filter looks at. Keras requires it; the palette starts at 3.',
    key: true,
  }) satisfies ParamSpec;

const stridesParam = (n: number) =>
  ({
    type: 'intTuple',
    length: n,
    default: 1,
    doc: 'How far the window moves each step; 2 halves the output size.',
  }) satisfies ParamSpec;

const dilationRateParam = (n: number) =>
  ({
    type: 'intTuple',
    length: n,
    default: 1,
    doc: 'Spacing between the kernel’s taps; above 1 the filter sees a wider area with the same weights.',
  }) satisfies ParamSpec;

const depthMultiplierParam = {
  type: 'int',
  default: 1,
  min: 1,
  doc: 'How many output channels each input channel gets in the per-channel (depthwise) step.',
} satisfies ParamSpec;

const depthwiseInitializerParam = {
  type: 'initializer',
  default: 'glorotUniform',
  doc: 'How the per-channel (depthwise) weights start before training.',
} satisfies ParamSpec;

const depthwiseRegularizerParam = {
  type: 'regularizer',
  default: null,
  doc: 'An L1/L2 penalty on the per-channel (depthwise) weights, added to the loss.',
} satisfies ParamSpec;

const conv1dPaddingParam = {
  type: 'select',
  options: CONV1D_PADDINGS,
  default: 'valid',
  doc: `${paddingParam.doc} causal: pad only the start, so no step sees later steps.`,
} satisfies ParamSpec;

/** The window params every convolution has (SeparableConv2D and DepthwiseConv2D included). */
interface ConvWindow {
  kernelSize: number | number[];
  strides: number | number[];
  padding: string;
  dilationRate?: number | number[];
  activation: string;
}

/** Output spatial dims of a (dilated, strided) convolution or pooling window, batch and channels excluded. */
function convSpatial(kind: string, n: number, params: ConvWindow, x: Shape): Shape {
  const k = tuple(params.kernelSize, n, 'kernelSize');
  const s = tuple(params.strides, n, 'strides');
  const d = tuple(params.dilationRate ?? 1, n, 'dilationRate');
  if (!isAllOnes(s) && !isAllOnes(d)) {
    throw new ShapeError(
      `${kind} cannot use strides above 1 together with a dilationRate above 1.`,
      'Set either strides or dilationRate back to 1.',
    );
  }
  return x.slice(1, -1).map((len, i) => convOutputLength(len, k[i], params.padding, s[i], d[i]));
}

/** `32 × 3×3, stride 2, relu`: filters, kernel, the stride when it is not 1, the activation when not linear. */
function describeConv(p: ConvWindow, n: number, head: string): string {
  const parts = [`${head}${formatTuple(p.kernelSize, n)}`];
  if (!isAllOnes(p.strides))
    parts.push(`stride ${typeof p.strides === 'number' ? p.strides : formatTuple(p.strides, n)}`);
  if (!isAllOnes(p.dilationRate ?? 1)) parts.push(`dilation ${formatTuple(p.dilationRate, n)}`);
  if (p.activation !== 'linear') parts.push(p.activation);
  return parts.join(', ');
}

/** How many taps a kernel of `n` spatial dimensions has (3×3 = 9). */
const taps = (kernelSize: number | number[], n: number) =>
  tuple(kernelSize, n, 'kernelSize').reduce((p, k) => p * k, 1);

/** Conv1D, Conv2D and Conv3D share everything but the number of spatial dimensions. */
function convSpec<N extends 1 | 2 | 3>(n: N) {
  const kind = `Conv${n}D` as const;
  return defineSpec({
    kind,
    category: 'Convolution',
    summary:
      n === 2
        ? 'Slides small learned filters over an image; each filter finds one pattern (an edge, a texture) everywhere.'
        : n === 1
          ? 'Slides small learned filters along a sequence or spectrum; each finds one local pattern wherever it occurs.'
          : 'Slides small learned 3-D filters through a volume (a cube of data, or video frames).',
    params: {
      filters: filtersParam,
      kernelSize: kernelSizeParam(n),
      strides: stridesParam(n),
      padding: n === 1 ? conv1dPaddingParam : paddingParam,
      dilationRate: dilationRateParam(n),
      activation: activationParam(),
      useBias: useBiasParam,
      kernelInitializer: kernelInitializerParam,
      biasInitializer: biasInitializerParam,
      kernelRegularizer: kernelRegularizerParam,
      biasRegularizer: biasRegularizerParam,
    },
    arity: { min: 1, max: 1 },
    exampleInputs: [n === 1 ? [null, 100, 8] : n === 2 ? [null, 28, 28, 8] : [null, 8, 8, 8, 2]],
    outputShape: ({ params, inputs: [x] }) => {
      requireRank(x, n + 2, kind, spatialLayout(n));
      knownLastDim(x, kind);
      return requirePositive([null, ...convSpatial(kind, n, params, x), params.filters], kind, x);
    },
    paramCount: ({ params, inputs: [x] }) => {
      const cin = knownLastDim(x, kind);
      const { filters } = params;
      return {
        trainable: taps(params.kernelSize, n) * cin * filters + (params.useBias ? filters : 0),
        nonTrainable: 0,
      };
    },
    macs: ({ params, inputs: [x], output }) =>
      prodKnown(output.slice(1)) * taps(params.kernelSize, n) * (x[x.length - 1] ?? 0),
    describe: (p) => describeConv(p, n, `${p.filters} × `),
    imageFilters: n === 2,
    tfjs: { factory: `conv${n}d` },
  });
}

export const Conv1D = convSpec(1);
export const Conv2D = convSpec(2);
export const Conv3D = convSpec(3);

export const Conv2DTranspose = defineSpec({
  kind: 'Conv2DTranspose',
  category: 'Convolution',
  summary: 'A convolution run backwards: it enlarges an image, e.g. to rebuild a picture in a decoder.',
  params: {
    filters: filtersParam,
    kernelSize: kernelSizeParam(2),
    strides: { ...stridesParam(2), doc: 'How much larger the output is; 2 doubles height and width.' },
    padding: { ...paddingParam, doc: 'same: the output is exactly strides × the input; valid: a little larger still.' },
    activation: activationParam(),
    useBias: useBiasParam,
    kernelInitializer: kernelInitializerParam,
    biasInitializer: biasInitializerParam,
    kernelRegularizer: kernelRegularizerParam,
    biasRegularizer: biasRegularizerParam,
  },
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 28, 28, 8]],
  outputShape: ({ params, inputs: [x] }) => {
    requireRank(x, 4, 'Conv2DTranspose', spatialLayout(2));
    knownLastDim(x, 'Conv2DTranspose');
    const k = tuple(params.kernelSize, 2, 'kernelSize');
    const s = tuple(params.strides, 2, 'strides');
    const spatial = [1, 2].map((i) => deconvOutputLength(x[i], k[i - 1], params.padding, s[i - 1]));
    return [null, ...spatial, params.filters];
  },
  paramCount: ({ params, inputs: [x] }) => {
    const cin = knownLastDim(x, 'Conv2DTranspose');
    const { filters } = params;
    return { trainable: taps(params.kernelSize, 2) * filters * cin + (params.useBias ? filters : 0), nonTrainable: 0 };
  },
  // Every input value is spread over a k×k×filters patch of the output.
  macs: ({ params, inputs: [x] }) => prodKnown(x.slice(1)) * taps(params.kernelSize, 2) * params.filters,
  describe: (p) => describeConv(p, 2, `${p.filters} × `),
  tfjs: { factory: 'conv2dTranspose' },
});

export const SeparableConv2D = defineSpec({
  kind: 'SeparableConv2D',
  category: 'Convolution',
  summary: 'A cheaper Conv2D: first filter each channel on its own, then mix channels with a 1×1 convolution.',
  params: {
    filters: filtersParam,
    kernelSize: kernelSizeParam(2),
    strides: stridesParam(2),
    padding: paddingParam,
    dilationRate: dilationRateParam(2),
    depthMultiplier: depthMultiplierParam,
    activation: activationParam(),
    useBias: useBiasParam,
    depthwiseInitializer: depthwiseInitializerParam,
    pointwiseInitializer: {
      type: 'initializer',
      default: 'glorotUniform',
      doc: 'How the channel-mixing (1×1) weights start before training.',
    },
    biasInitializer: biasInitializerParam,
    depthwiseRegularizer: depthwiseRegularizerParam,
    pointwiseRegularizer: {
      type: 'regularizer',
      default: null,
      doc: 'An L1/L2 penalty on the channel-mixing (1×1) weights, added to the loss.',
    },
    biasRegularizer: biasRegularizerParam,
  },
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 28, 28, 8]],
  outputShape: ({ params, inputs: [x] }) => {
    requireRank(x, 4, 'SeparableConv2D', spatialLayout(2));
    knownLastDim(x, 'SeparableConv2D');
    return requirePositive(
      [null, ...convSpatial('SeparableConv2D', 2, params, x), params.filters],
      'SeparableConv2D',
      x,
    );
  },
  paramCount: ({ params, inputs: [x] }) => {
    const cin = knownLastDim(x, 'SeparableConv2D');
    const { depthMultiplier: dm, filters } = params;
    const k = taps(params.kernelSize, 2);
    return { trainable: k * cin * dm + cin * dm * filters + (params.useBias ? filters : 0), nonTrainable: 0 };
  },
  macs: ({ params, inputs: [x], output }) => {
    const cinDm = (x[3] ?? 0) * params.depthMultiplier;
    const pixels = prodKnown(output.slice(1, -1));
    return pixels * cinDm * taps(params.kernelSize, 2) + pixels * cinDm * params.filters;
  },
  describe: (p) => describeConv(p, 2, `${p.filters} × sep `),
  tfjs: { factory: 'separableConv2d' },
});

export const DepthwiseConv2D = defineSpec({
  kind: 'DepthwiseConv2D',
  category: 'Convolution',
  summary: 'Filters each channel on its own, without mixing channels: the first half of a separable convolution.',
  params: {
    kernelSize: kernelSizeParam(2),
    strides: stridesParam(2),
    padding: paddingParam,
    depthMultiplier: { ...depthMultiplierParam, key: true },
    dilationRate: dilationRateParam(2),
    activation: activationParam(),
    useBias: useBiasParam,
    depthwiseInitializer: depthwiseInitializerParam,
    biasInitializer: biasInitializerParam,
    depthwiseRegularizer: depthwiseRegularizerParam,
    biasRegularizer: biasRegularizerParam,
  },
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 28, 28, 8]],
  outputShape: ({ params, inputs: [x] }) => {
    requireRank(x, 4, 'DepthwiseConv2D', spatialLayout(2));
    const cin = knownLastDim(x, 'DepthwiseConv2D');
    const spatial = convSpatial('DepthwiseConv2D', 2, params, x);
    return requirePositive([null, ...spatial, cin * params.depthMultiplier], 'DepthwiseConv2D', x);
  },
  paramCount: ({ params, inputs: [x] }) => {
    const cout = knownLastDim(x, 'DepthwiseConv2D') * params.depthMultiplier;
    return { trainable: taps(params.kernelSize, 2) * cout + (params.useBias ? cout : 0), nonTrainable: 0 };
  },
  macs: ({ params, output }) => prodKnown(output.slice(1)) * taps(params.kernelSize, 2),
  describe: (p) => describeConv(p, 2, p.depthMultiplier === 1 ? '' : `×${p.depthMultiplier} `),
  tfjs: { factory: 'depthwiseConv2d' },
});

import { float, int, ints } from './onnxGraph';
import { applyActivation, gaussian } from './activations';
import {
  optionalWeight,
  refuse,
  toChannelsFirst,
  toChannelsLast,
  tuple,
  unsqueeze,
  weight,
  type LayerContext,
  type LayerConverter,
} from './context';

/*
 * Core, reshaping, normalization, merge and activation layers. Every converter takes and returns
 * channels-last values, so Flatten after a convolution flattens in NHWC order, as TF.js does.
 */

const op = (ctx: LayerContext, type: string, inputs: string[], attrs = {}) =>
  ctx.g.op(type, inputs, attrs, { name: ctx.name });

/** Dense on the last axis of any rank: MatMul, + bias, activation. */
export const dense: LayerConverter = (ctx) => {
  const k = weight(ctx, 'kernel');
  let y = op(ctx, 'MatMul', [ctx.inputs[0], ctx.g.weight(`${ctx.name}/kernel`, k.shape, k.values)]);
  if (ctx.config.useBias !== false) {
    const b = weight(ctx, 'bias');
    y = op(ctx, 'Add', [y, ctx.g.weight(`${ctx.name}/bias`, b.shape, b.values)]);
  }
  return applyActivation(ctx, y, ctx.config.activation);
};

/** Embedding: TF.js truncates the (float) input to int32; Cast to int64 truncates the same way. */
export const embedding: LayerConverter = (ctx) => {
  const e = weight(ctx, 'embeddings');
  const idx = op(ctx, 'Cast', [ctx.inputs[0]], { to: int(7) });
  return op(ctx, 'Gather', [ctx.g.weight(`${ctx.name}/embeddings`, e.shape, e.values), idx], { axis: int(0) });
};

export const identity: LayerConverter = (ctx) => op(ctx, 'Identity', [ctx.inputs[0]]);

export const flatten: LayerConverter = (ctx) => op(ctx, 'Flatten', [ctx.inputs[0]], { axis: int(1) });

/** Reshape to the layer's (fully inferred) output shape; 0 keeps the batch dimension. */
export const reshape: LayerConverter = (ctx) => {
  const target = ctx.outputShape.slice(1).map((d) => d ?? -1);
  if (target.filter((d) => d === -1).length > 1)
    refuse(ctx, 'a reshape with more than one unknown size cannot be exported.');
  return op(ctx, 'Reshape', [ctx.inputs[0], ctx.g.int64s(`${ctx.name}/shape`, [0, ...target])]);
};

export const permute: LayerConverter = (ctx) =>
  op(ctx, 'Transpose', [ctx.inputs[0]], { perm: ints([0, ...(ctx.config.dims as number[])]) });

export const repeatVector: LayerConverter = (ctx) => {
  const n = Number(ctx.config.n);
  const x = unsqueeze(ctx, ctx.inputs[0], [1]);
  return op(ctx, 'Tile', [x, ctx.g.int64s(`${ctx.name}/repeats`, [1, n, 1])]);
};

/** [[top, bottom], [left, right]] from any of Keras's spellings. */
function pairs(v: unknown): [[number, number], [number, number]] {
  if (typeof v === 'number')
    return [
      [v, v],
      [v, v],
    ];
  const a = v as (number | number[])[];
  const one = (x: number | number[]): [number, number] => (Array.isArray(x) ? [x[0], x[1]] : [x, x]);
  return [one(a[0]), one(a[1])];
}

export const zeroPadding2d: LayerConverter = (ctx) => {
  const [[t, b], [l, r]] = pairs(ctx.config.padding);
  const pads = ctx.g.int64s(`${ctx.name}/pads`, [0, t, l, 0, 0, b, r, 0]);
  return op(ctx, 'Pad', [ctx.inputs[0], pads], { mode: { string: 'constant' } });
};

/** Cropping2D: Slice with ends counted from the end, so the spatial size may be unknown. */
export const cropping2d: LayerConverter = (ctx) => {
  const [[t, b], [l, r]] = pairs(ctx.config.cropping);
  const end = (n: number) => (n > 0 ? -n : Number.MAX_SAFE_INTEGER);
  const g = ctx.g;
  return op(ctx, 'Slice', [
    ctx.inputs[0],
    g.int64s(`${ctx.name}/starts`, [t, l]),
    g.int64s(`${ctx.name}/ends`, [end(b), end(r)]),
    g.int64s(`${ctx.name}/axes`, [1, 2]),
  ]);
};

/**
 * UpSampling2D: TF.js resizes with align_corners = half_pixel_centers = false, which is ONNX's
 * 'asymmetric' transform (nearest: floor of the source coordinate).
 */
export const upSampling2d: LayerConverter = (ctx) => {
  const [sh, sw] = tuple(ctx.config.size, 2);
  const bilinear = ctx.config.interpolation === 'bilinear';
  const x = toChannelsFirst(ctx, ctx.inputs[0], 4);
  const scales = ctx.g.weight(`${ctx.name}/scales`, [4], Float32Array.of(1, 1, sh, sw));
  const attrs = bilinear
    ? { mode: { string: 'linear' }, coordinate_transformation_mode: { string: 'asymmetric' } }
    : {
        mode: { string: 'nearest' },
        coordinate_transformation_mode: { string: 'asymmetric' },
        nearest_mode: { string: 'floor' },
      };
  return toChannelsLast(ctx, op(ctx, 'Resize', [x, '', scales], attrs), 4);
};

/** The permutation that brings `axis` to position 1 (BatchNormalization's channel axis). */
function channelAxisPerm(rank: number, axis: number): number[] {
  const rest = Array.from({ length: rank }, (_, i) => i).filter((i) => i !== 0 && i !== axis);
  return [0, axis, ...rest];
}

const inverse = (perm: number[]) => perm.map((_, i) => perm.indexOf(i));

/** BatchNormalization at inference (moving statistics), epsilon exactly as trained. */
export const batchNorm: LayerConverter = (ctx) => {
  const rank = ctx.inputShapes[0].length;
  const rawAxis = Number(Array.isArray(ctx.config.axis) ? (ctx.config.axis as number[])[0] : (ctx.config.axis ?? -1));
  const axis = rawAxis < 0 ? rank + rawAxis : rawAxis;
  const mean = weight(ctx, 'moving_mean');
  const c = mean.values.length;
  const ones = new Float32Array(c).fill(1);
  const g = ctx.g;
  const gamma = optionalWeight(ctx, 'gamma')?.values ?? ones;
  const beta = optionalWeight(ctx, 'beta')?.values ?? new Float32Array(c);
  const perm = channelAxisPerm(rank, axis);
  const moved = perm.some((p, i) => p !== i);
  let x = moved ? op(ctx, 'Transpose', [ctx.inputs[0]], { perm: ints(perm) }) : ctx.inputs[0];
  x = op(
    ctx,
    'BatchNormalization',
    [
      x,
      g.weight(`${ctx.name}/gamma`, [c], gamma),
      g.weight(`${ctx.name}/beta`, [c], beta),
      g.weight(`${ctx.name}/moving_mean`, [c], mean.values),
      g.weight(`${ctx.name}/moving_variance`, [c], weight(ctx, 'moving_variance').values),
    ],
    { epsilon: float(Number(ctx.config.epsilon ?? 1e-3)) },
  );
  return moved ? op(ctx, 'Transpose', [x], { perm: ints(inverse(perm)) }) : x;
};

/** LayerNormalization over trailing axes: ONNX's own operator, which needs opset 17. */
export const layerNorm: LayerConverter = (ctx) => {
  const rank = ctx.inputShapes[0].length;
  const axes = tuple(ctx.config.axis ?? -1, 1)
    .map((a) => (a < 0 ? rank + a : a))
    .sort((a, b) => a - b);
  if (axes.some((a, i) => a !== rank - axes.length + i))
    refuse(
      ctx,
      `normalizing over axes [${axes.join(', ')}] cannot be exported; ONNX normalizes over the last axes only.`,
    );
  ctx.g.opset = Math.max(ctx.g.opset, 17);
  const shape = axes.map((a) => ctx.inputShapes[0][a] as number);
  const size = shape.reduce((p, d) => p * d, 1);
  const gamma = optionalWeight(ctx, 'gamma')?.values ?? new Float32Array(size).fill(1);
  const beta = optionalWeight(ctx, 'beta')?.values ?? new Float32Array(size);
  return op(
    ctx,
    'LayerNormalization',
    [ctx.inputs[0], ctx.g.weight(`${ctx.name}/gamma`, shape, gamma), ctx.g.weight(`${ctx.name}/beta`, shape, beta)],
    { axis: int(axes[0]), epsilon: float(Number(ctx.config.epsilon ?? 1e-3)) },
  );
};

/**
 * Local response normalization across channels. TF sums squares over depthRadius channels on each
 * side and multiplies by alpha; ONNX's LRN takes the window size 2·r + 1 and divides alpha by it.
 */
export const lrn: LayerConverter = (ctx) => {
  const r = Number(ctx.config.depthRadius ?? 5);
  const size = 2 * r + 1;
  const x = toChannelsFirst(ctx, ctx.inputs[0], 4);
  const y = op(ctx, 'LRN', [x], {
    size: int(size),
    alpha: float(Number(ctx.config.alpha ?? 1) * size),
    beta: float(Number(ctx.config.beta ?? 0.5)),
    bias: float(Number(ctx.config.bias ?? 1)),
  });
  return toChannelsLast(ctx, y, 4);
};

/** Merge layers: Add/Sum, Sub, Mul, Mean, Max, Concat. */
export const merge =
  (kind: 'add' | 'subtract' | 'multiply' | 'average' | 'maximum' | 'concatenate'): LayerConverter =>
  (ctx) => {
    const xs = ctx.inputs;
    switch (kind) {
      case 'add':
        return op(ctx, xs.length === 2 ? 'Add' : 'Sum', xs);
      case 'subtract':
        return op(ctx, 'Sub', xs);
      case 'multiply':
        return xs.slice(1).reduce((acc, x) => op(ctx, 'Mul', [acc, x]), xs[0]);
      case 'average':
        return op(ctx, 'Mean', xs);
      case 'maximum':
        return op(ctx, 'Max', xs);
      case 'concatenate':
        return op(ctx, 'Concat', xs, { axis: int(Number(ctx.config.axis ?? -1)) });
    }
  };

export const activationLayer: LayerConverter = (ctx) => applyActivation(ctx, ctx.inputs[0], ctx.config.activation);

/** ReLU with an optional maxValue (TF.js: clip(relu(x), 0, max)). */
export const relu: LayerConverter = (ctx) => {
  const max = ctx.config.maxValue;
  if (max === undefined || max === null) return op(ctx, 'Relu', [ctx.inputs[0]]);
  return op(ctx, 'Clip', [
    ctx.inputs[0],
    ctx.g.scalar(`${ctx.name}/min`, 0),
    ctx.g.scalar(`${ctx.name}/max`, Number(max)),
  ]);
};

export const leakyRelu: LayerConverter = (ctx) =>
  op(ctx, 'LeakyRelu', [ctx.inputs[0]], { alpha: float(Number(ctx.config.alpha ?? 0.3)) });

export const elu: LayerConverter = (ctx) =>
  op(ctx, 'Elu', [ctx.inputs[0]], { alpha: float(Number(ctx.config.alpha ?? 1)) });

/** PReLU: its slope tensor [...spatial, C] (1 on shared axes) broadcasts against NHWC. */
export const prelu: LayerConverter = (ctx) => {
  const a = weight(ctx, 'alpha');
  return op(ctx, 'PRelu', [ctx.inputs[0], ctx.g.weight(`${ctx.name}/alpha`, a.shape, a.values)]);
};

export const softmax: LayerConverter = (ctx) => {
  const axis = tuple(ctx.config.axis ?? -1, 1);
  if (axis.length !== 1) refuse(ctx, 'a softmax over several axes cannot be exported.');
  return op(ctx, 'Softmax', [ctx.inputs[0]], { axis: int(axis[0]) });
};

export const gaussianLayer: LayerConverter = (ctx) => gaussian(ctx, ctx.inputs[0], Number(ctx.config.sigma ?? 1));

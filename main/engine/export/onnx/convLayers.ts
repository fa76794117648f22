import { int, ints } from './onnxGraph';
import { applyActivation } from './activations';
import {
  paddingAttrs,
  refuse,
  toChannelsFirst,
  toChannelsLast,
  tuple,
  weight,
  type LayerContext,
  type LayerConverter,
} from './context';
import { transpose } from './tensorOps';

/*
 * Convolutions and pooling. ONNX's operators are channels-first, Deepwire's tensors channels-last:
 * each layer transposes to NCHW, runs the operator, and transposes back, so every converter takes
 * and returns NHWC values (onnxruntime's optimizer cancels the back-to-back transposes between
 * layers). Kernels are rearranged once, here, into ONNX's [out, in/group, ...spatial] layout.
 */

const spatialOf = (ctx: LayerContext) => ctx.inputShapes[0].slice(1, -1);
const channelsOf = (ctx: LayerContext) => ctx.inputShapes[0].at(-1) as number;

function checkChannelsLast(ctx: LayerContext): void {
  const format = ctx.config.dataFormat;
  if (format !== undefined && format !== 'channelsLast') refuse(ctx, 'only channels-last layers can be exported.');
}

/** Conv + bias, then the activation, around NCHW transposes. */
function convOp(
  ctx: LayerContext,
  w: { shape: number[]; values: Float32Array },
  bias: Float32Array | undefined,
  attrs: Record<string, ReturnType<typeof ints> | ReturnType<typeof int> | { string: string }>,
  x: string,
): string {
  const g = ctx.g;
  const rank = ctx.inputShapes[0].length;
  const inputs = [toChannelsFirst(ctx, x, rank), g.weight(`${ctx.name}/W`, w.shape, w.values)];
  if (bias) inputs.push(g.weight(`${ctx.name}/B`, [bias.length], bias));
  const y = g.op('Conv', inputs, attrs, { name: ctx.name });
  return toChannelsLast(ctx, y, rank);
}

/** Conv1D, Conv2D, Conv3D (dilated ones included): kernel [...k, in, out] → [out, in, ...k]. */
export const conv: LayerConverter = (ctx) => {
  checkChannelsLast(ctx);
  const spatial = spatialOf(ctx);
  const n = spatial.length;
  const k = weight(ctx, 'kernel');
  const kernel = k.shape.slice(0, n);
  const strides = tuple(ctx.config.strides, n);
  const dilations = tuple(ctx.config.dilationRate ?? 1, n);
  const perm = [n + 1, n, ...kernel.map((_, i) => i)];
  const w = { shape: perm.map((p) => k.shape[p]), values: transpose(k.values, k.shape, perm) };
  const padding = String(ctx.config.padding);
  if (padding === 'causal') refuse(ctx, 'causal padding should have been split off by the compiler.');
  const y = convOp(
    ctx,
    w,
    ctx.config.useBias === false ? undefined : weight(ctx, 'bias').values,
    {
      kernel_shape: ints(kernel),
      strides: ints(strides),
      dilations: ints(dilations),
      group: int(1),
      ...paddingAttrs(padding, spatial, kernel, strides, dilations),
    },
    ctx.inputs[0],
  );
  return applyActivation(ctx, y, ctx.config.activation);
};

/**
 * A depthwise kernel [kh, kw, C, m] as ONNX's grouped-conv weight [C·m, 1, kh, kw]: reshaped to
 * [kh, kw, 1, C·m] first (output channel c·m + j, as TF orders them), then permuted.
 */
function depthwiseWeight(k: { shape: number[]; values: Float32Array }): { shape: number[]; values: Float32Array } {
  const [kh, kw, c, m] = k.shape;
  const shape = [kh, kw, 1, c * m];
  return { shape: [c * m, 1, kh, kw], values: transpose(k.values, shape, [3, 2, 0, 1]) };
}

function depthwiseAttrs(ctx: LayerContext, kernel: number[]) {
  const strides = tuple(ctx.config.strides, 2);
  const dilations = tuple(ctx.config.dilationRate ?? 1, 2);
  return {
    kernel_shape: ints(kernel),
    strides: ints(strides),
    dilations: ints(dilations),
    group: int(channelsOf(ctx)),
    ...paddingAttrs(String(ctx.config.padding), spatialOf(ctx), kernel, strides, dilations),
  };
}

/** DepthwiseConv2D (dilated too): one grouped Conv with group = C. */
export const depthwiseConv: LayerConverter = (ctx) => {
  checkChannelsLast(ctx);
  const k = weight(ctx, 'depthwise_kernel');
  const bias = ctx.config.useBias === false ? undefined : weight(ctx, 'bias').values;
  const y = convOp(ctx, depthwiseWeight(k), bias, depthwiseAttrs(ctx, k.shape.slice(0, 2)), ctx.inputs[0]);
  return applyActivation(ctx, y, ctx.config.activation);
};

/** SeparableConv2D: the depthwise Conv (no bias), then a 1×1 Conv with the bias, then the activation. */
export const separableConv: LayerConverter = (ctx) => {
  checkChannelsLast(ctx);
  const g = ctx.g;
  const k = weight(ctx, 'depthwise_kernel');
  const p = weight(ctx, 'pointwise_kernel');
  const x = toChannelsFirst(ctx, ctx.inputs[0], 4);
  const dw = depthwiseWeight(k);
  const depthwise = g.op(
    'Conv',
    [x, g.weight(`${ctx.name}/depthwise_W`, dw.shape, dw.values)],
    depthwiseAttrs(ctx, k.shape.slice(0, 2)),
    { name: ctx.name },
  );
  const [, , cm, f] = p.shape;
  const inputs = [
    depthwise,
    g.weight(`${ctx.name}/pointwise_W`, [f, cm, 1, 1], transpose(p.values, p.shape, [3, 2, 0, 1])),
  ];
  if (ctx.config.useBias !== false) inputs.push(g.weight(`${ctx.name}/B`, [f], weight(ctx, 'bias').values));
  const y = g.op(
    'Conv',
    inputs,
    { kernel_shape: ints([1, 1]), strides: ints([1, 1]), pads: ints([0, 0, 0, 0]) },
    { name: ctx.name },
  );
  return applyActivation(ctx, toChannelsLast(ctx, y, 4), ctx.config.activation);
};

/**
 * Conv2DTranspose. TF's output size is in·s (same) or in·s + max(k − s, 0) (valid), and 'same'
 * crops the full transposed convolution ((in − 1)·s + k) by ⌊(k − s)/2⌋ at the start. ONNX's
 * `pads`/`output_padding` rules differ by one in places, so the full result is computed with no
 * padding and then cropped (Slice) or, when k < s, zero-extended at the end (Pad), to TF's size.
 */
export const convTranspose: LayerConverter = (ctx) => {
  checkChannelsLast(ctx);
  const g = ctx.g;
  const k = weight(ctx, 'kernel'); // [kh, kw, out, in]
  const kernel = k.shape.slice(0, 2);
  const strides = tuple(ctx.config.strides, 2);
  const spatial = spatialOf(ctx);
  if (spatial.some((s) => s === null)) refuse(ctx, 'a transposed convolution needs a fixed input size to be exported.');
  const x = toChannelsFirst(ctx, ctx.inputs[0], 4);
  const inputs = [
    x,
    g.weight(`${ctx.name}/W`, [k.shape[3], k.shape[2], ...kernel], transpose(k.values, k.shape, [3, 2, 0, 1])),
  ];
  if (ctx.config.useBias !== false) inputs.push(g.weight(`${ctx.name}/B`, [k.shape[2]], weight(ctx, 'bias').values));
  let y = g.op(
    'ConvTranspose',
    inputs,
    { kernel_shape: ints(kernel), strides: ints(strides), pads: ints([0, 0, 0, 0]) },
    { name: ctx.name },
  );
  const same = ctx.config.padding === 'same';
  const full = spatial.map((s, i) => ((s as number) - 1) * strides[i] + kernel[i]);
  const target = spatial.map((s, i) =>
    same ? (s as number) * strides[i] : (s as number) * strides[i] + Math.max(kernel[i] - strides[i], 0),
  );
  const start = kernel.map((kk, i) => (same ? Math.floor(Math.max(kk - strides[i], 0) / 2) : 0));
  const end = target.map((t, i) => Math.min(start[i] + t, full[i]));
  if (start.some((s, i) => s > 0 || end[i] < full[i])) {
    y = g.op(
      'Slice',
      [
        y,
        g.int64s(`${ctx.name}/starts`, start),
        g.int64s(`${ctx.name}/ends`, end),
        g.int64s(`${ctx.name}/axes`, [2, 3]),
      ],
      {},
      { name: ctx.name },
    );
  }
  const short = target.map((t, i) => t - (end[i] - start[i]));
  if (short.some((s) => s > 0)) {
    // The bias is added where TF adds it: to every output pixel, the extended ones too.
    const pads = [0, 0, 0, 0, 0, 0, short[0], short[1]];
    y = g.op('Pad', [y, g.int64s(`${ctx.name}/pads`, pads)], { mode: { string: 'constant' } }, { name: ctx.name });
    if (ctx.config.useBias !== false) {
      const b = weight(ctx, 'bias').values;
      const extra = g.weight(`${ctx.name}/pad_bias`, [b.length, 1, 1], b);
      const mask = new Float32Array(target[0] * target[1]);
      for (let r = 0; r < target[0]; r++)
        for (let c = 0; c < target[1]; c++)
          mask[r * target[1] + c] = r >= end[0] - start[0] || c >= end[1] - start[1] ? 1 : 0;
      const masked = g.op(
        'Mul',
        [extra, g.weight(`${ctx.name}/pad_mask`, [1, target[0], target[1]], mask)],
        {},
        { name: ctx.name },
      );
      y = g.op('Add', [y, masked], {}, { name: ctx.name });
    }
  }
  return applyActivation(ctx, toChannelsLast(ctx, y, 4), ctx.config.activation);
};

/** MaxPooling / AveragePooling 1D–3D (average excludes the padding, as TF's does). */
export const pool =
  (op: 'MaxPool' | 'AveragePool'): LayerConverter =>
  (ctx) => {
    checkChannelsLast(ctx);
    const spatial = spatialOf(ctx);
    const n = spatial.length;
    const kernel = tuple(ctx.config.poolSize, n);
    const strides = tuple(ctx.config.strides ?? ctx.config.poolSize, n);
    const rank = n + 2;
    const x = toChannelsFirst(ctx, ctx.inputs[0], rank);
    const attrs = {
      kernel_shape: ints(kernel),
      strides: ints(strides),
      ...paddingAttrs(String(ctx.config.padding), spatial, kernel, strides),
    };
    const y = ctx.g.op(op, [x], op === 'AveragePool' ? { ...attrs, count_include_pad: int(0) } : attrs, {
      name: ctx.name,
    });
    return toChannelsLast(ctx, y, rank);
  };

/** GlobalMax/AveragePooling: a reduction over the spatial axes of the NHWC tensor. */
export const globalPool =
  (op: 'ReduceMax' | 'ReduceMean'): LayerConverter =>
  (ctx) => {
    checkChannelsLast(ctx);
    if (ctx.config.keepdims === true) refuse(ctx, 'keepdims is not supported by the exporter.');
    const axes = spatialOf(ctx).map((_, i) => i + 1);
    return ctx.g.op(op, [ctx.inputs[0]], { axes: ints(axes), keepdims: int(0) }, { name: ctx.name });
  };

/** The left padding in time Deepwire puts before a causal Conv1D. */
export const causalPadding: LayerConverter = (ctx) => {
  const amount = Number(ctx.config.amount ?? 0);
  const pads = ctx.g.int64s(`${ctx.name}/pads`, [0, amount, 0, 0, 0, 0]);
  return ctx.g.op('Pad', [ctx.inputs[0], pads], { mode: { string: 'constant' } }, { name: ctx.name });
};

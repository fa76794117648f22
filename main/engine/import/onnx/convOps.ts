import type { Params } from '../../../../shared/catalog/types';
import { permute, sizeOf } from '../tensorMath';
import { attrInt, attrInts, attrString, type ImportContext, type NodeWeight, type Val } from './context';
import type { OnnxNode } from './readOnnx';

/**
 * Convolutions and pooling: ONNX's NCHW weights and explicit pads become Deepwire's channels-last
 * layers with Keras's 'valid'/'same' padding (or a ZeroPadding2D in front where neither fits).
 */

/** Keras 'same' padding (before, after) of one spatial axis. */
function samePads(size: number, k: number, stride: number, dilation: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + (k - 1) * dilation + 1 - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/** The spatial sizes of a cf value, in ONNX order. */
const spatialOf = (v: Val) => v.shape.slice(1, -1) as (number | null)[];

interface Geometry {
  kernel: number[];
  strides: number[];
  dilations: number[];
  /** Explicit pads [begin..., end...]. */
  pads: number[];
}

function geometry(ctx: ImportContext, node: OnnxNode, x: Val, kernel: number[]): Geometry {
  const n = kernel.length;
  const strides = attrInts(node, 'strides') ?? new Array<number>(n).fill(1);
  const dilations = attrInts(node, 'dilations') ?? new Array<number>(n).fill(1);
  let pads = attrInts(node, 'pads') ?? new Array<number>(2 * n).fill(0);
  const auto = attrString(node, 'auto_pad', 'NOTSET');
  if (auto === 'SAME_UPPER' || auto === 'SAME_LOWER') {
    const sp = spatialOf(x);
    const each = kernel.map((k, i) => samePads(sp[i] ?? 0, k, strides[i], dilations[i]));
    const lower = auto === 'SAME_LOWER';
    pads = [...each.map(([b, a]) => (lower ? a : b)), ...each.map(([b, a]) => (lower ? b : a))];
  } else if (auto === 'VALID') pads = new Array<number>(2 * n).fill(0);
  if (attrInt(node, 'ceil_mode', 0) !== 0) throw ctx.unsupported(node, 'ceil_mode 1 has no Keras equivalent');
  return { kernel, strides, dilations, pads };
}

/**
 * 'valid', 'same', or explicit pads for a ZeroPadding2D in front (then 'valid'). `zeroPadOk`: the
 * layer may take zero padding in front (convolutions; max pooling over values ≥ 0).
 */
function padding(
  ctx: ImportContext,
  node: OnnxNode,
  x: Val,
  g: Geometry,
  zeroPadOk: boolean,
): { padding: 'valid' | 'same'; zeroPad?: number[][] } {
  const n = g.kernel.length;
  if (g.pads.every((p) => p === 0)) return { padding: 'valid' };
  const sp = spatialOf(x);
  if (sp.every((s) => s !== null)) {
    const same = g.kernel.map((k, i) => samePads(sp[i]!, k, g.strides[i], g.dilations[i]));
    if (same.every(([b, a], i) => g.pads[i] === b && g.pads[i + n] === a)) return { padding: 'same' };
  }
  if (!zeroPadOk || n !== 2) {
    throw ctx.unsupported(node, `its padding ${JSON.stringify(g.pads)} is neither none nor Keras's 'same'`);
  }
  return {
    padding: 'valid',
    zeroPad: [
      [g.pads[0], g.pads[2]],
      [g.pads[1], g.pads[3]],
    ],
  };
}

function withZeroPad(ctx: ImportContext, node: OnnxNode, x: Val, zeroPad: number[][] | undefined): Val {
  if (!zeroPad) return x;
  // Named after the layer it pads (stem_pad before stem), which keeps the layer's own name.
  const id = `${ctx.newId(node.name, 'ZeroPadding2D')}_pad`;
  const padded = ctx.emit(node, 'ZeroPadding2D', { padding: zeroPad }, [x], { output: '', id });
  ctx.onnxOutput.delete(padded.node); // no ONNX tensor holds the padded input
  return { ...padded, nonNegative: x.nonNegative };
}

const bias = (b: { data: ArrayLike<number> } | undefined, n: number): NodeWeight[] =>
  b ? [{ shape: [n], values: Float32Array.from(b.data) }] : [];

/** Conv (1-D and 2-D, groups = 1 or depthwise). */
export function conv(ctx: ImportContext, node: OnnxNode): void {
  const x = ctx.val(node, 0);
  const w = ctx.constant(node, 1)!;
  const b = ctx.constant(node, 2, true);
  const rank = w.dims.length;
  if (x.layout !== 'cf' || (rank !== 4 && rank !== 3)) {
    throw ctx.unsupported(node, 'only 1-D and 2-D convolutions over channels-first images or series are supported');
  }
  const [outC, inPerGroup, ...kernel] = w.dims;
  const inC = x.shape[x.shape.length - 1] as number;
  const groups = attrInt(node, 'group', 1);
  const g = geometry(ctx, node, x, kernel);
  const pad = padding(ctx, node, x, g, true);
  const input = withZeroPad(ctx, node, x, pad.zeroPad);
  const common: Params = {
    kernelSize: kernel,
    strides: g.strides,
    padding: pad.padding,
    dilationRate: g.dilations,
    useBias: !!b,
  };
  let out: Val;
  if (rank === 3) {
    if (groups !== 1) throw ctx.unsupported(node, 'grouped 1-D convolutions are not supported');
    const kernelW = permute(w.data, w.dims, [2, 1, 0]);
    out = ctx.emit(node, 'Conv1D', { filters: outC, ...common }, [input], {
      weights: [{ shape: [kernel[0], inPerGroup, outC], values: kernelW }, ...bias(b, outC)],
      layout: 'cf',
    });
  } else if (groups === 1) {
    const kernelW = permute(w.data, w.dims, [2, 3, 1, 0]);
    out = ctx.emit(node, 'Conv2D', { filters: outC, ...common }, [input], {
      weights: [{ shape: [kernel[0], kernel[1], inC, outC], values: kernelW }, ...bias(b, outC)],
      layout: 'cf',
    });
  } else if (groups === inC && inPerGroup === 1 && outC % inC === 0) {
    const mult = outC / inC;
    // Output channel c·mult + m of ONNX is Keras's [.., c, m].
    const kernelW = permute(w.data, [inC, mult, kernel[0], kernel[1]], [2, 3, 0, 1]);
    out = ctx.emit(node, 'DepthwiseConv2D', { depthMultiplier: mult, ...common }, [input], {
      weights: [{ shape: [kernel[0], kernel[1], inC, mult], values: kernelW }, ...bias(b, outC)],
      layout: 'cf',
    });
  } else {
    throw ctx.unsupported(node, `group ${groups} is neither 1 nor depthwise (${inC} input channels)`);
  }
  ctx.values.set(node.output[0], out);
}

/** ConvTranspose (2-D, group 1, no output padding). */
export function convTranspose(ctx: ImportContext, node: OnnxNode): void {
  const x = ctx.val(node, 0);
  const w = ctx.constant(node, 1)!;
  const b = ctx.constant(node, 2, true);
  if (x.layout !== 'cf' || w.dims.length !== 4 || attrInt(node, 'group', 1) !== 1) {
    throw ctx.unsupported(node, 'only 2-D transposed convolutions without groups are supported');
  }
  if ((attrInts(node, 'output_padding') ?? []).some((p) => p !== 0) || attrInts(node, 'output_shape')) {
    throw ctx.unsupported(node, 'output_padding and output_shape have no Keras equivalent');
  }
  const [inC, outC, kh, kw] = w.dims;
  const g = geometry(ctx, node, x, [kh, kw]);
  if (g.dilations.some((d) => d !== 1))
    throw ctx.unsupported(node, 'dilated transposed convolutions are not supported');
  let paddingMode: 'valid' | 'same';
  if (g.pads.every((p) => p === 0)) paddingMode = 'valid';
  else if (
    [kh, kw].every(
      (k, i) => (k - g.strides[i]) % 2 === 0 && g.pads[i] === (k - g.strides[i]) / 2 && g.pads[i + 2] === g.pads[i],
    )
  )
    paddingMode = 'same';
  else throw ctx.unsupported(node, `its pads ${JSON.stringify(g.pads)} have no Keras equivalent`);
  const out = ctx.emit(
    node,
    'Conv2DTranspose',
    { filters: outC, kernelSize: [kh, kw], strides: g.strides, padding: paddingMode, useBias: !!b },
    [x],
    {
      weights: [{ shape: [kh, kw, outC, inC], values: permute(w.data, w.dims, [2, 3, 1, 0]) }, ...bias(b, outC)],
      layout: 'cf',
    },
  );
  ctx.values.set(node.output[0], out);
}

/** MaxPool / AveragePool (1-D, 2-D). */
export function pool(ctx: ImportContext, node: OnnxNode): void {
  const x = ctx.val(node, 0);
  const kernel = attrInts(node, 'kernel_shape') ?? [];
  if (x.layout !== 'cf' || (kernel.length !== 1 && kernel.length !== 2)) {
    throw ctx.unsupported(node, 'only 1-D and 2-D pooling over channels-first tensors is supported');
  }
  const max = node.op_type === 'MaxPool';
  if (node.output.length > 1 && node.output[1]) throw ctx.unsupported(node, 'pooling indices are not supported');
  const g = geometry(ctx, node, x, kernel);
  if (g.dilations.some((d) => d !== 1)) throw ctx.unsupported(node, 'dilated pooling is not supported');
  // Keras's 'same' average pooling leaves the padding out of the mean, as count_include_pad = 0 does.
  if (!max && attrInt(node, 'count_include_pad', 0) !== 0 && g.pads.some((p) => p !== 0)) {
    throw ctx.unsupported(node, 'average pooling that counts the padding has no Keras equivalent');
  }
  const pad = padding(ctx, node, x, g, max && !!x.nonNegative);
  const input = withZeroPad(ctx, node, x, pad.zeroPad);
  const kind = `${max ? 'Max' : 'Average'}Pooling${kernel.length}D`;
  const out = ctx.emit(node, kind, { poolSize: kernel, strides: g.strides, padding: pad.padding }, [input], {
    layout: 'cf',
  });
  ctx.values.set(node.output[0], { ...out, nonNegative: x.nonNegative });
}

/** GlobalAveragePool / GlobalMaxPool: ONNX keeps [N, C, 1, 1]; Deepwire holds [N, C] ('squeezed'). */
export function globalPool(ctx: ImportContext, node: OnnxNode): void {
  const x = ctx.val(node, 0);
  const rank = x.shape.length;
  if (x.layout !== 'cf' || (rank !== 3 && rank !== 4))
    throw ctx.unsupported(node, 'it needs a channels-first image or series');
  if (rank === 3) throw ctx.unsupported(node, 'a 1-D global pool keeps an axis Deepwire drops');
  const kind = `Global${node.op_type === 'GlobalMaxPool' ? 'Max' : 'Average'}Pooling2D`;
  const out = ctx.emit(node, kind, {}, [x], { layout: 'squeezed' });
  ctx.values.set(node.output[0], { ...out, nonNegative: x.nonNegative });
}

/** Pad (constant zeros) on an image: ZeroPadding2D. */
export function pad(ctx: ImportContext, node: OnnxNode): void {
  const x = ctx.val(node, 0);
  const mode = attrString(node, 'mode', 'constant');
  const pads = node.input[1] ? [...ctx.constant(node, 1)!.data] : (attrInts(node, 'pads') ?? []);
  const value = node.input[2] ? ctx.constant(node, 2, true)?.data[0] : 0;
  if (pads.every((p) => p === 0)) {
    ctx.values.set(node.output[0], x);
    return;
  }
  if (mode !== 'constant' || (value ?? 0) !== 0)
    throw ctx.unsupported(node, `only zero padding is supported (mode ${mode})`);
  // Height and width are axes 2, 3 of a channels-first image, 1, 2 of a channels-last one.
  const [h, w] = x.layout === 'cf' ? [2, 3] : [1, 2];
  const others = [0, 1, 2, 3].filter((a) => a !== h && a !== w);
  if (
    x.shape.length !== 4 ||
    x.layout === 'squeezed' ||
    pads.length !== 8 ||
    others.some((a) => pads[a] || pads[a + 4])
  ) {
    throw ctx.unsupported(node, 'only padding the height and width of an image is supported');
  }
  const out = ctx.emit(
    node,
    'ZeroPadding2D',
    {
      padding: [
        [pads[h], pads[h + 4]],
        [pads[w], pads[w + 4]],
      ],
    },
    [x],
  );
  ctx.values.set(node.output[0], { ...out, nonNegative: x.nonNegative });
}

/** Flattening index map: rows of a Dense kernel that follows a flattened cf tensor, ONNX → Deepwire order. */
export function flatRows(kernel: Float32Array, flat: number[], units: number): Float32Array {
  // Deepwire's rows run [...spatial, C]; ONNX's [C, ...spatial].
  const c = flat[flat.length - 1];
  const spatial = flat.slice(0, -1);
  const dims = [c, ...spatial, units];
  const perm = [...spatial.map((_, i) => i + 1), 0, spatial.length + 1];
  if (sizeOf(dims) !== kernel.length) return kernel;
  return permute(kernel, dims, perm);
}

/** ReduceMean / ReduceMax over the spatial axes: a global pool (how Keras exports GlobalAveragePooling2D). */
export function reducePool(ctx: ImportContext, node: OnnxNode): void {
  const x = ctx.val(node, 0);
  const rank = x.shape.length;
  const axes = (node.input[1] ? [...ctx.constant(node, 1)!.data] : (attrInts(node, 'axes') ?? []))
    .map((a) => (a + rank) % rank)
    .sort()
    .join();
  const keep = attrInt(node, 'keepdims', 1) === 1;
  const max = node.op_type === 'ReduceMax';
  const spatial = x.layout === 'cf' ? (rank === 4 ? '2,3' : '2') : rank === 4 ? '1,2' : '1';
  if (x.layout === 'squeezed' || x.timeMajor || x.rnn || rank < 3 || axes !== spatial || (keep && x.layout !== 'cf')) {
    throw ctx.unsupported(node, `reducing axes [${axes}] is not a global pool over an image or series`);
  }
  if (keep && rank === 3) throw ctx.unsupported(node, 'a 1-D global pool that keeps its axis is not supported');
  const kind = `Global${max ? 'Max' : 'Average'}Pooling${rank - 2}D`;
  const out = ctx.emit(node, kind, {}, [x], { layout: keep ? 'squeezed' : 'plain' });
  ctx.values.set(node.output[0], { ...out, nonNegative: x.nonNegative });
}

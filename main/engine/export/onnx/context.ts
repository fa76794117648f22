import type * as tf from '@tensorflow/tfjs';
import type { LayerWeight } from '../types';
import { ExportError } from '../exportError';
import type { OnnxGraph } from './onnxGraph';
import { int, ints } from './onnxGraph';

export type Shape = (number | null)[];

/** What a layer converter gets: the layer, its ONNX input values and static shapes (NHWC). */
export interface LayerContext {
  g: OnnxGraph;
  layer: tf.layers.Layer;
  className: string;
  /** The layer's TF.js config (camelCase keys). */
  config: Record<string, unknown>;
  inputs: string[];
  inputShapes: Shape[];
  outputShape: Shape;
  /** The layer's weights in TF.js's order, named without the layer prefix ('kernel', 'bias', …). */
  weights: LayerWeight[];
  /** Base for the names of this layer's operators and initializers. */
  name: string;
  /** The node, for messages: `c1 (Conv2D)`. */
  where: string;
}

/** Converts one TF.js layer into ONNX operators; returns the value holding its output (NHWC). */
export type LayerConverter = (ctx: LayerContext) => string;

/** A layer weight by name, or an ExportError when the layer does not have it. */
export function weight(ctx: LayerContext, name: string): LayerWeight {
  const w = ctx.weights.find((x) => x.name === name);
  if (!w) throw new ExportError(`${ctx.where}: its weight "${name}" is missing from the model.`);
  return w;
}

export const optionalWeight = (ctx: LayerContext, name: string): LayerWeight | undefined =>
  ctx.weights.find((x) => x.name === name);

/** A refusal naming the node. */
export function refuse(ctx: LayerContext, what: string, hint?: string): never {
  throw new ExportError(`${ctx.where}: ${what}`, hint, ctx.where.split(' ')[0]);
}

/** NHWC (channels last, any rank ≥ 3) → NCHW for ONNX's convolution-like operators. */
export function toChannelsFirst(ctx: LayerContext, x: string, rank: number): string {
  const perm = [0, rank - 1, ...Array.from({ length: rank - 2 }, (_, i) => i + 1)];
  return ctx.g.op('Transpose', [x], { perm: ints(perm) }, { name: ctx.name });
}

/** NCHW → NHWC. */
export function toChannelsLast(ctx: LayerContext, x: string, rank: number): string {
  const perm = [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1];
  return ctx.g.op('Transpose', [x], { perm: ints(perm) }, { name: ctx.name });
}

/** Removes axes (opset 13: axes are an input). */
export function squeeze(ctx: LayerContext, x: string, axes: number[]): string {
  return ctx.g.op('Squeeze', [x, ctx.g.int64s(`${ctx.name}/axes`, axes)], {}, { name: ctx.name });
}

export function unsqueeze(ctx: LayerContext, x: string, axes: number[]): string {
  return ctx.g.op('Unsqueeze', [x, ctx.g.int64s(`${ctx.name}/axes`, axes)], {}, { name: ctx.name });
}

/** Splits `x` into `n` equal parts along `axis`. */
export function split(ctx: LayerContext, x: string, axis: number, n: number): string[] {
  return ctx.g.opN('Split', [x], { axis: int(axis) }, { name: `${ctx.name}/split`, outputs: n });
}

/**
 * TF's 'same' padding for one spatial axis: out = ceil(in / stride) and the total padding split
 * with the odd pixel at the END (ONNX's symmetric padding would give the right shape with wrong
 * numbers). Null when the input size is unknown until run time.
 */
export function samePads(size: number | null, kernel: number, stride: number, dilation = 1): [number, number] | null {
  if (size === null) return null;
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + (kernel - 1) * dilation + 1 - size, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/**
 * The `pads` (or `auto_pad`) attributes of a convolution or pooling for TF's padding: explicit
 * asymmetric pads when every spatial size is known, SAME_UPPER (the same rule, resolved by the
 * runtime) when one is not.
 */
export function paddingAttrs(
  padding: string,
  spatial: (number | null)[],
  kernel: number[],
  strides: number[],
  dilations?: number[],
): Record<string, ReturnType<typeof ints> | { string: string }> {
  if (padding === 'valid') return { pads: ints(new Array<number>(spatial.length * 2).fill(0)) };
  const each = spatial.map((s, i) => samePads(s, kernel[i], strides[i], dilations?.[i] ?? 1));
  if (each.some((p) => p === null)) return { auto_pad: { string: 'SAME_UPPER' } };
  const pads = each as [number, number][];
  return { pads: ints([...pads.map((p) => p[0]), ...pads.map((p) => p[1])]) };
}

/** A number list from a config value that may be a bare number. */
export const tuple = (v: unknown, n: number): number[] =>
  Array.isArray(v) ? (v as number[]) : Array.from({ length: n }, () => v as number);

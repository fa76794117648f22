import { permute, sizeOf } from '../tensorMath';
import { attrFloat, attrInt, onnxShape, type ImportContext } from './context';
import { mergeDirections } from './directionMerge';
import { joinDirections } from './rnnOps';
import { flatRows } from './convOps';
import type { OnnxNode } from './readOnnx';

/** Dense layers, normalisation, activations, merges and the ops that only reshape. */

/** Layer kinds whose `activation` param an activation right after them folds into. */
const FUSES = new Set(['Dense', 'Conv1D', 'Conv2D', 'DepthwiseConv2D', 'Conv2DTranspose']);

/** Applies an activation: folded into the layer before when that layer is its only reader, else a layer of its own. */
function activate(ctx: ImportContext, node: OnnxNode, activation: string, nonNegative: boolean): void {
  const x = ctx.val(node, 0);
  const producer = ctx.nodeOf(x.node);
  const current = (producer.params.activation as string | undefined) ?? 'linear';
  const fusable =
    FUSES.has(producer.kind) && ctx.canFuse(x, node.input[0]) && !x.timeMajor && !x.rnn && x.layout !== 'squeezed';
  if (fusable && (current === 'linear' || (current === 'relu' && activation === 'relu6'))) {
    producer.params = { ...producer.params, activation };
    ctx.onnxOutput.set(producer.id, node.output[0]);
    ctx.values.set(node.output[0], { ...x, nonNegative });
    return;
  }
  const out =
    activation === 'softmax' ? ctx.emit(node, 'Softmax', {}, [x]) : ctx.emit(node, 'Activation', { activation }, [x]);
  ctx.values.set(node.output[0], { ...out, layout: x.layout, flat: x.flat, timeMajor: x.timeMajor, nonNegative });
}

export function simpleActivation(ctx: ImportContext, node: OnnxNode): void {
  switch (node.op_type) {
    case 'Relu':
      return activate(ctx, node, 'relu', true);
    case 'Sigmoid':
      return activate(ctx, node, 'sigmoid', true);
    case 'Tanh':
      return activate(ctx, node, 'tanh', false);
    case 'Selu':
      if (Math.abs(attrFloat(node, 'alpha', 1.67326) - 1.67326) > 1e-4)
        throw ctx.unsupported(node, 'its alpha is not SELU’s');
      return activate(ctx, node, 'selu', false);
    case 'Softplus':
      return activate(ctx, node, 'softplus', true);
    case 'Softsign':
      return activate(ctx, node, 'softsign', false);
    case 'HardSigmoid': {
      // TF.js's hardSigmoid is clip(0.2 x + 0.5); PyTorch's Hardsigmoid (alpha 1/6) is another function.
      if (Math.abs(attrFloat(node, 'alpha', 0.2) - 0.2) > 1e-6 || Math.abs(attrFloat(node, 'beta', 0.5) - 0.5) > 1e-6)
        throw ctx.unsupported(node, 'only alpha 0.2, beta 0.5 (Keras’s hard sigmoid) is supported');
      return activate(ctx, node, 'hardSigmoid', true);
    }
    case 'Softmax': {
      const x = ctx.val(node, 0);
      const axis = attrInt(node, 'axis', -1);
      const rank = onnxShape(x).length;
      if (x.layout !== 'plain' || x.timeMajor || (axis !== -1 && axis !== rank - 1))
        throw ctx.unsupported(node, 'only a softmax over the last axis of features is supported');
      return activate(ctx, node, 'softmax', true);
    }
    case 'LeakyRelu':
    case 'Elu': {
      const x = ctx.val(node, 0);
      const alpha = attrFloat(node, 'alpha', node.op_type === 'Elu' ? 1 : 0.01);
      const kind = node.op_type === 'Elu' ? 'ELU' : 'LeakyReLU';
      const out = ctx.emit(node, kind, { alpha: Math.fround(alpha) }, [x]);
      ctx.values.set(node.output[0], { ...out, flat: x.flat, timeMajor: x.timeMajor });
      return;
    }
    default:
      throw ctx.unsupported(node);
  }
}

/** Clip(0, 6) is ReLU6, Clip(0, ∞) ReLU; other bounds have no Keras layer. */
export function clip(ctx: ImportContext, node: OnnxNode): void {
  const lo = node.input[1] ? ctx.constant(node, 1, true)?.data[0] : attrFloat(node, 'min', -Infinity);
  const hi = node.input[2] ? ctx.constant(node, 2, true)?.data[0] : attrFloat(node, 'max', Infinity);
  if (lo === 0 && hi === 6) return activate(ctx, node, 'relu6', true);
  if (lo === 0 && (hi === undefined || hi === Infinity || hi > 3.4e38)) return activate(ctx, node, 'relu', true);
  throw ctx.unsupported(node, `Clip(${lo}, ${hi}) is neither ReLU nor ReLU6`);
}

/** Gemm (and MatMul [+ Add]) with stored weights: Dense. */
export function gemm(ctx: ImportContext, node: OnnxNode, fusedAdd?: { bias: ArrayLike<number>; output: string }): void {
  const x = ctx.val(node, 0);
  const w = ctx.constant(node, 1)!;
  const transA = node.op_type === 'Gemm' ? attrInt(node, 'transA', 0) : 0;
  const transB = node.op_type === 'Gemm' ? attrInt(node, 'transB', 0) : 0;
  const alpha = node.op_type === 'Gemm' ? attrFloat(node, 'alpha', 1) : 1;
  const beta = node.op_type === 'Gemm' ? attrFloat(node, 'beta', 1) : 1;
  if (transA || w.dims.length !== 2 || x.layout === 'cf' || x.timeMajor || x.rnn) {
    throw ctx.unsupported(node, 'only x·W with stored 2-D weights on features is supported');
  }
  const [inF, units] = transB ? [w.dims[1], w.dims[0]] : w.dims;
  let kernel = transB ? permute(w.data, w.dims, [1, 0]) : Float32Array.from(w.data);
  if (alpha !== 1) kernel = kernel.map((v) => v * alpha);
  if (x.flat) kernel = flatRows(kernel, x.flat, units);
  let bias: Float32Array | undefined;
  const c = node.op_type === 'Gemm' ? ctx.constant(node, 2, true) : undefined;
  if (c) {
    if (sizeOf(c.dims) !== units) throw ctx.unsupported(node, 'its bias does not have one value per unit');
    bias = Float32Array.from(c.data, (v) => v * beta);
  }
  if (fusedAdd) bias = Float32Array.from(fusedAdd.bias);
  const out = ctx.emit(node, 'Dense', { units, useBias: !!bias }, [x], {
    weights: [{ shape: [inF, units], values: kernel }, ...(bias ? [{ shape: [units], values: bias }] : [])],
    output: fusedAdd?.output,
    layout: 'plain',
  });
  ctx.values.set(fusedAdd?.output ?? node.output[0], out);
}

/** BatchNormalization (inference form): channels last in Deepwire, so Keras's axis −1. */
export function batchNorm(ctx: ImportContext, node: OnnxNode): void {
  const x = ctx.val(node, 0);
  const [scale, b, mean, variance] = [1, 2, 3, 4].map((i) => ctx.constant(node, i)!);
  if (x.timeMajor || x.rnn || x.layout === 'squeezed')
    throw ctx.unsupported(node, 'it normalises an axis Deepwire cannot');
  if (x.layout === 'plain' && x.shape.length !== 2) throw ctx.unsupported(node, 'it normalises axis 1 of a sequence');
  const n = scale.dims[0];
  const out = ctx.emit(
    node,
    'BatchNormalization',
    { epsilon: Math.fround(attrFloat(node, 'epsilon', 1e-5)), momentum: Math.fround(attrFloat(node, 'momentum', 0.9)) },
    [x],
    { weights: [scale, b, mean, variance].map((t) => ({ shape: [n], values: Float32Array.from(t.data) })) },
  );
  ctx.values.set(node.output[0], { ...out, flat: x.flat });
}

/** LayerNormalization over the last axis. */
export function layerNorm(ctx: ImportContext, node: OnnxNode): void {
  const x = ctx.val(node, 0);
  const axis = attrInt(node, 'axis', -1);
  const rank = onnxShape(x).length;
  if (x.layout !== 'plain' || x.timeMajor || (axis !== -1 && axis !== rank - 1))
    throw ctx.unsupported(node, 'only normalising the last axis of features is supported');
  const scale = ctx.constant(node, 1)!;
  const b = ctx.constant(node, 2, true);
  const n = scale.dims[scale.dims.length - 1];
  const out = ctx.emit(
    node,
    'LayerNormalization',
    { epsilon: Math.fround(attrFloat(node, 'epsilon', 1e-5)), center: !!b },
    [x],
    {
      weights: [
        { shape: [n], values: Float32Array.from(scale.data) },
        ...(b ? [{ shape: [n], values: Float32Array.from(b.data) }] : []),
      ],
    },
  );
  ctx.values.set(node.output[0], out);
}

/** Flatten (axis 1) and Reshape to [N, -1]: Flatten; a flat tensor of cf origin remembers its order. */
export function flatten(ctx: ImportContext, node: OnnxNode): void {
  const x = ctx.val(node, 0);
  if (node.op_type === 'Flatten' && attrInt(node, 'axis', 1) !== 1)
    throw ctx.unsupported(node, 'only axis 1 is supported');
  if (node.op_type === 'Reshape') {
    const target = [...ctx.constant(node, 1)!.data];
    if (joinDirections(ctx, node, x, target)) return;
    const features = sizeOf(onnxShape(x).slice(1) as number[]);
    if (target.length !== 2 || !(target[1] === -1 || target[1] === features)) {
      throw ctx.unsupported(
        node,
        `only a reshape to [batch, features] is supported (target ${JSON.stringify(target)})`,
      );
    }
  }
  if (x.timeMajor || x.rnn) throw ctx.unsupported(node, 'flattening a time-major tensor is not supported');
  if (x.layout === 'squeezed' || (x.layout === 'plain' && x.shape.length === 2)) {
    ctx.values.set(node.output[0], { ...x, layout: 'plain' });
    return;
  }
  const out = ctx.emit(node, 'Flatten', {}, [x], { layout: 'plain' });
  const flat = x.layout === 'cf' && x.shape.length > 2 ? (x.shape.slice(1) as number[]) : undefined;
  ctx.values.set(node.output[0], { ...out, flat, nonNegative: x.nonNegative });
}

/** Add, Sub, Mul of two computed tensors of one shape: Add, Subtract, Multiply. */
export function merge(ctx: ImportContext, node: OnnxNode): void {
  if (mergeDirections(ctx, node)) return;
  const a = ctx.get(node.input[0]);
  const b = ctx.get(node.input[1]);
  if (a?.kind !== 'value' || b?.kind !== 'value') {
    throw ctx.unsupported(
      node,
      'adding or multiplying by stored constants (other than a Dense bias) has no Keras layer',
    );
  }
  if (JSON.stringify(a.shape) !== JSON.stringify(b.shape) || a.layout !== b.layout || !!a.flat !== !!b.flat) {
    throw ctx.unsupported(node, 'its inputs have different shapes (broadcasting is not supported)');
  }
  const kind = { Add: 'Add', Sub: 'Subtract', Mul: 'Multiply' }[node.op_type]!;
  const out = ctx.emit(node, kind, {}, [a, b]);
  ctx.values.set(node.output[0], { ...out, layout: a.layout, flat: a.flat, timeMajor: a.timeMajor });
}

/** Concat along channels (cf axis 1) or features (the last axis): Concatenate(axis −1). */
export function concat(ctx: ImportContext, node: OnnxNode): void {
  const xs = node.input.map((_, i) => ctx.val(node, i));
  const first = xs[0];
  const rank = onnxShape(first).length;
  const axis = (attrInt(node, 'axis', 1) + rank) % rank;
  const channels = first.layout === 'cf' ? axis === 1 : axis === rank - 1;
  if (!channels || xs.some((x) => x.layout !== first.layout || x.flat || x.timeMajor || x.rnn)) {
    throw ctx.unsupported(node, `only joining along channels or features is supported (axis ${axis})`);
  }
  const out = ctx.emit(node, 'Concatenate', { axis: -1 }, xs);
  ctx.values.set(node.output[0], { ...out, nonNegative: xs.every((x) => x.nonNegative) });
}

/** Dropout and Identity: the same tensor (inference); Dropout kept as a layer when it says its rate. */
export function passThrough(ctx: ImportContext, node: OnnxNode): void {
  const e = ctx.get(node.input[0]);
  if (!e) throw ctx.unsupported(node, `its input ${node.input[0]} is unknown`);
  const ratio = node.op_type === 'Dropout' ? (ctx.constant(node, 1, true)?.data[0] ?? attrFloat(node, 'ratio', 0)) : 0;
  if (e.kind === 'value' && ratio > 0) {
    const out = ctx.emit(node, 'Dropout', { rate: Math.fround(ratio) }, [e]);
    ctx.values.set(node.output[0], { ...e, node: out.node });
    return;
  }
  ctx.values.set(node.output[0], e);
}

/** Gather from a stored table by computed indices: Embedding. */
export function embedding(ctx: ImportContext, node: OnnxNode): void {
  const table = ctx.constant(node, 0)!;
  const x = ctx.val(node, 1);
  if (table.dims.length !== 2 || attrInt(node, 'axis', 0) !== 0)
    throw ctx.unsupported(node, 'only a 2-D embedding table is supported');
  const [inputDim, outputDim] = table.dims;
  const out = ctx.emit(node, 'Embedding', { inputDim, outputDim }, [x], {
    weights: [{ shape: [inputDim, outputDim], values: Float32Array.from(table.data) }],
    layout: 'plain',
  });
  ctx.values.set(node.output[0], out);
}

/** LRN over channels: Keras's LocalResponseNormalization (radius r = (size − 1) / 2, alpha / size). */
export function lrn(ctx: ImportContext, node: OnnxNode): void {
  const x = ctx.val(node, 0);
  const size = attrInt(node, 'size', 0);
  if (x.layout !== 'cf' || x.shape.length !== 4 || size % 2 !== 1) {
    throw ctx.unsupported(node, 'only an odd-sized LRN over the channels of an image is supported');
  }
  const params = {
    depthRadius: (size - 1) / 2,
    alpha: Math.fround(attrFloat(node, 'alpha', 1e-4) / size),
    beta: Math.fround(attrFloat(node, 'beta', 0.75)),
    bias: Math.fround(attrFloat(node, 'bias', 1)),
  };
  const out = ctx.emit(node, 'LocalResponseNormalization', params, [x]);
  ctx.values.set(node.output[0], { ...out, nonNegative: x.nonNegative });
}

/** PRelu with a stored slope the shape of the features (channels-last): PReLU. */
export function prelu(ctx: ImportContext, node: OnnxNode): void {
  const x = ctx.val(node, 0);
  const slope = ctx.constant(node, 1)!;
  const features = x.shape.slice(1) as number[];
  const dims = slope.dims.slice(slope.dims.length > features.length ? 1 : 0);
  // Keras's alpha has the features' shape, a 1 on each shared axis; the slope must match it as held.
  if (x.layout !== 'plain' || x.flat || x.timeMajor || x.rnn || dims.length !== features.length) {
    throw ctx.unsupported(node, 'only a slope over channels-last features is supported');
  }
  const sharedAxes = dims.flatMap((d, i) => (d === 1 && features[i] !== 1 ? [i + 1] : []));
  if (dims.some((d, i) => d !== 1 && d !== features[i]))
    throw ctx.unsupported(node, 'its slope does not broadcast over the features');
  const out = ctx.emit(node, 'PReLU', sharedAxes.length ? { sharedAxes } : {}, [x], {
    weights: [{ shape: dims, values: Float32Array.from(slope.data) }],
  });
  ctx.values.set(node.output[0], out);
}

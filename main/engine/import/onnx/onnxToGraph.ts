import type { Shape } from '../../../../shared/catalog/types';
import { ImportError } from '../importError';
import type { ImportedModel } from '../types';
import { canFold, fold } from './constOps';
import { attrInts, ImportContext, type Entry, type Val } from './context';
import { conv, convTranspose, globalPool, pad, pool, reducePool } from './convOps';
import {
  batchNorm,
  clip,
  concat,
  embedding,
  flatten,
  gemm,
  layerNorm,
  lrn,
  merge,
  passThrough,
  prelu,
  simpleActivation,
} from './coreOps';
import { num, tensorValues, type OnnxModel, type OnnxNode, type OnnxValueInfo } from './readOnnx';
import { slice } from './cropOps';
import { splitDirections } from './directionMerge';
import { recurrentOp } from './recurrentOp';
import { gather, squeeze, transpose } from './rnnOps';

/** Ops whose first input, when it is the model's rank-3 input, means that input is channels-first (N, C, L). */
const SPATIAL_OPS = new Set([
  'Conv',
  'ConvTranspose',
  'MaxPool',
  'AveragePool',
  'BatchNormalization',
  'GlobalAveragePool',
  'GlobalMaxPool',
]);

type Handler = (ctx: ImportContext, node: OnnxNode) => void;

const HANDLERS: Record<string, Handler> = {
  Conv: conv,
  ConvTranspose: convTranspose,
  MaxPool: pool,
  AveragePool: pool,
  GlobalAveragePool: globalPool,
  GlobalMaxPool: globalPool,
  ReduceMean: reducePool,
  ReduceMax: reducePool,
  Pad: pad,
  Gemm: (ctx, node) => gemm(ctx, node),
  BatchNormalization: batchNorm,
  LayerNormalization: layerNorm,
  LRN: lrn,
  PRelu: prelu,
  Relu: simpleActivation,
  Sigmoid: simpleActivation,
  Tanh: simpleActivation,
  Selu: simpleActivation,
  Softplus: simpleActivation,
  Softsign: simpleActivation,
  HardSigmoid: simpleActivation,
  Softmax: simpleActivation,
  LeakyRelu: simpleActivation,
  Elu: simpleActivation,
  Clip: clip,
  Flatten: flatten,
  Reshape: flatten,
  Add: merge,
  Sub: merge,
  Mul: merge,
  Concat: concat,
  Dropout: passThrough,
  Identity: passThrough,
  LSTM: recurrentOp,
  GRU: recurrentOp,
  Split: splitDirections,
  Slice: slice,
  RNN: recurrentOp,
  Transpose: transpose,
  Squeeze: squeeze,
  Gather: (ctx, node) => gather(ctx, node, embedding),
};

export interface OnnxImportOptions {
  /** Import up to the first node that cannot be represented instead of failing. */
  partial?: boolean;
  /** The input's shape without the batch, channels-first as the file says, for dynamic dimensions. */
  inputShape?: number[];
}

/** The dimensions of a graph input: numbers, or null where the file leaves them open. */
function declaredShape(info: OnnxValueInfo): (number | null)[] | null {
  const dims = info.type?.tensor_type?.shape?.dim;
  if (!dims) return null;
  return dims.map((d) => (d.dim_param || num(d.dim_value) <= 0 ? null : num(d.dim_value)));
}

/**
 * Translates an ONNX graph into a Deepwire graph with weights (channels-first → channels-last) —
 * or stops at the first node Deepwire cannot represent, naming it (`partial`: keeps what came before).
 */
export interface OnnxImported {
  imported: ImportedModel;
  /** Every ONNX tensor the import saw, with how Deepwire holds it. */
  values: Map<string, Entry>;
  /** The input's ONNX shape with a concrete batch (the file's, else 2), for the check. */
  inputDims: number[];
}

export function onnxToGraph(model: OnnxModel, file: string, options: OnnxImportOptions = {}): OnnxImported {
  const g = model.graph!;
  const ctx = new ImportContext(file);
  ctx.position = (n) => g.node.indexOf(n) + 1;
  for (const n of g.node) for (const i of n.input) if (i) ctx.consumers.set(i, (ctx.consumers.get(i) ?? 0) + 1);
  for (const o of g.output) ctx.outputs.add(o.name);
  for (const t of g.initializer) ctx.values.set(t.name, { kind: 'const', ...tensorValues(t, file) });

  const inputs = g.input.filter((i) => !ctx.values.has(i.name));
  if (inputs.length !== 1) {
    throw new ImportError(
      'unsupported',
      `${file} has ${inputs.length} inputs (${inputs.map((i) => i.name).join(', ')}); Deepwire imports models with one input.`,
      'Export the model with a single input tensor.',
    );
  }
  const input = inputs[0];
  const declared = declaredShape(input);
  if (!declared || declared.length < 2) {
    throw new ImportError(
      'dynamic-shape',
      `The input ${input.name} of ${file} has no fixed rank.`,
      'Export the model with an example input of the real size.',
    );
  }
  const batch = declared[0] ?? 1;
  let rest = declared.slice(1);
  if (options.inputShape) {
    if (options.inputShape.length !== rest.length) {
      throw new ImportError(
        'dynamic-shape',
        `--input-shape has ${options.inputShape.length} dimensions but the input ${input.name} has ${rest.length} (after the batch).`,
        `Give ${rest.length} numbers, channels first as in the file, e.g. --input-shape ${rest.map((d) => d ?? 32).join(',')}.`,
      );
    }
    rest = options.inputShape;
  }
  if (rest.some((d) => d === null)) {
    throw new ImportError(
      'dynamic-shape',
      `The input ${input.name} of ${file} has open dimensions [batch, ${rest.map((d) => d ?? '?').join(', ')}]; Deepwire needs every size but the batch.`,
      `Give the input size with --input-shape (channels first, as in the file), e.g. --input-shape ${rest.map((d) => d ?? 32).join(',')}.`,
    );
  }
  const sizes = rest as number[];
  const readers = g.node.filter((n) => n.input[0] === input.name);
  // Channels-last already when the model turns it channels-first itself (tf2onnx, Deepwire's export).
  const toCf = sizes.length === 3 ? '0,3,1,2' : '0,2,1';
  // Deepwire's own ONNX export and tf2onnx keep Keras's channels-last input.
  const producer = model.producer_name ?? '';
  const channelsLast =
    producer === 'Deepwire' ||
    producer.startsWith('tf2onnx') ||
    (readers.length > 0 &&
      readers.every((n) => n.op_type === 'Transpose' && (attrInts(n, 'perm') ?? []).join() === toCf));
  const cf =
    !channelsLast && (sizes.length === 3 || (sizes.length === 2 && readers.some((n) => SPATIAL_OPS.has(n.op_type))));
  const inShape: number[] = cf ? [...sizes.slice(1), sizes[0]] : sizes;
  const inputId = 'input';
  ctx.graph.nodes.push({ id: inputId, kind: 'Input', params: { shape: inShape } });
  ctx.shapes.set(inputId, [null, ...inShape]);
  ctx.onnxOutput.set(inputId, input.name);
  ctx.origin.set(inputId, input.name);
  const inVal: Val = { kind: 'value', node: inputId, shape: [null, ...inShape] as Shape, layout: cf ? 'cf' : 'plain' };
  ctx.values.set(input.name, inVal);
  if (cf) {
    ctx.notes.push(
      `The input is channels-last here: the ONNX model takes [batch, ${sizes.join(', ')}] (channels first); this project takes [batch, ${inShape.join(', ')}]. Transpose your data accordingly (numpy: x.transpose(0, ${sizes.length === 3 ? '2, 3, 1' : '2, 1'})).`,
    );
  }

  let stoppedAt: { node: OnnxNode; error: ImportError } | undefined;
  const skip = new Set<OnnxNode>();
  for (const node of g.node) {
    if (skip.has(node)) continue;
    if (node.domain && node.domain !== 'ai.onnx') {
      const error = ctx.unsupported(node, `it is from the operator set "${node.domain}"`);
      if (!options.partial) throw error;
      stoppedAt = { node, error };
      break;
    }
    try {
      if (canFold(ctx, node)) {
        ctx.values.set(node.output[0], fold(ctx, node, batch, file));
        continue;
      }
      if (node.op_type === 'MatMul') {
        // MatMul then Add(bias) is how PyTorch and tf2onnx write a Dense layer.
        const readersOf = g.node.filter((n) => n.input.includes(node.output[0]));
        const add = readersOf.length === 1 && readersOf[0].op_type === 'Add' ? readersOf[0] : undefined;
        const other = add?.input.find((n) => n !== node.output[0]);
        const biasEntry = other ? ctx.get(other) : undefined;
        const fusedAdd =
          biasEntry?.kind === 'const' && !ctx.isOutput(node.output[0])
            ? { bias: biasEntry.data, output: add!.output[0] }
            : undefined;
        if (fusedAdd) skip.add(add!);
        gemm(ctx, node, fusedAdd);
        continue;
      }
      const handler = HANDLERS[node.op_type];
      if (!handler) throw ctx.unsupported(node, 'Deepwire has no layer for this operator');
      handler(ctx, node);
    } catch (err) {
      if (!(err instanceof ImportError) || !options.partial || err.code !== 'unsupported') throw err;
      stoppedAt = { node, error: err };
      break;
    }
  }

  const outputs = g.output.map((o) => ctx.get(o.name));
  if (stoppedAt) {
    // The part before the node that stopped the import: everything that feeds the last layer made.
    const last = ctx.graph.nodes.at(-1)!;
    prune(ctx, last.id);
    ctx.notes.push(
      `Imported up to ${stoppedAt.node.op_type} node "${stoppedAt.node.name}" only (--partial): ${stoppedAt.error.message}`,
    );
    return { imported: finish(ctx, [last.id], true), values: ctx.values, inputDims: [declared[0] ?? 2, ...sizes] };
  }
  if (outputs.some((o) => o?.kind !== 'value')) {
    throw new ImportError(
      'unsupported',
      `An output of ${file} is not computed from its input.`,
      'Export a model whose outputs depend on its input.',
    );
  }
  for (const o of outputs as Val[]) {
    if (o.timeMajor || o.rnn)
      throw new ImportError(
        'unsupported',
        'An output of the model is time-major; Deepwire outputs are batch-first.',
        'Transpose the output to batch-first before exporting.',
      );
    if (o.reversedTime)
      throw new ImportError(
        'unsupported',
        `An output of the model is the sequence of a backwards-only recurrent layer (direction "reverse") in time order; Keras's go_backwards returns it last step first.`,
        'Output the last state (Y_h) instead, or reverse the sequence with a Slice (step −1) before the output.',
      );
    if (o.layout === 'cf')
      ctx.notes.push(
        `The output ${ctx.onnxOutput.get(o.node) ?? o.node} is channels-last here (channels first in the ONNX model).`,
      );
  }
  // The outputs are compared as the file names them (after any squeeze or transpose that made no layer).
  g.output.forEach((o, i) => ctx.onnxOutput.set((outputs[i] as Val).node, o.name));
  const imported = finish(
    ctx,
    (outputs as Val[]).map((o) => o.node),
    false,
  );
  return { imported, values: ctx.values, inputDims: [declared[0] ?? 2, ...sizes] };
}

/** Keeps only `id` and what feeds it. */
function prune(ctx: ImportContext, id: string): void {
  const keep = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const e of ctx.graph.edges) {
      if (keep.has(e.target) && !keep.has(e.source)) {
        keep.add(e.source);
        grew = true;
      }
    }
  }
  ctx.graph.nodes = ctx.graph.nodes.filter((n) => keep.has(n.id));
  ctx.graph.edges = ctx.graph.edges.filter((e) => keep.has(e.source) && keep.has(e.target));
}

function finish(ctx: ImportContext, outputs: string[], partial: boolean): ImportedModel {
  return {
    graph: ctx.graph,
    weights: ctx.weights,
    notes: ctx.notes,
    outputs,
    partial,
    compareWith: ctx.onnxOutput,
    origin: ctx.origin,
  };
}

import { sizeOf } from '../tensorMath';
import { attr, attrInt, attrInts, attrString, type ImportContext, type Val } from './context';
import type { OnnxNode } from './readOnnx';

/**
 * Recurrent layers and the transposes and squeezes PyTorch wraps them in: PyTorch's batch-first
 * LSTM exports as Transpose(1, 0, 2) → LSTM (time-major) → Squeeze(axis 1) → Transpose back, or
 * reads Y_h [1, N, H] through Gather/Squeeze. Deepwire's LSTM is batch-first throughout.
 */

/** Keras's gate order i, f, c, o as block indices into ONNX's i, o, f, c. */
const LSTM_GATES = [0, 2, 3, 1];

function reorderGates(src: ArrayLike<number>, gates: number[], h: number, cols: number, offset = 0): Float32Array {
  // src: [4H, cols] (row-major) at `offset` → Keras [cols, 4H], gate blocks in Keras order.
  const out = new Float32Array(cols * 4 * h);
  gates.forEach((g, k) => {
    for (let j = 0; j < h; j++) {
      const row = offset + (g * h + j) * cols;
      for (let c = 0; c < cols; c++) out[c * 4 * h + k * h + j] = src[row + c];
    }
  });
  return out;
}

export function lstm(ctx: ImportContext, node: OnnxNode): void {
  const x = ctx.val(node, 0);
  const batchFirst = attrInt(node, 'layout', 0) === 1;
  if (!x.timeMajor && !batchFirst) {
    throw ctx.unsupported(node, 'its input is not time-major ([T, N, F]) and layout is 0');
  }
  if (attrString(node, 'direction', 'forward') !== 'forward') {
    throw ctx.unsupported(node, 'only forward LSTMs are imported (bidirectional and reverse are not yet)');
  }
  const acts = attr(node, 'activations')?.strings?.map((s) => new TextDecoder().decode(s));
  if (acts && acts.join() !== 'Sigmoid,Tanh,Tanh')
    throw ctx.unsupported(node, `activations ${acts.join(', ')} are not Keras's`);
  if (attrInt(node, 'input_forget', 0) !== 0 || attr(node, 'clip'))
    throw ctx.unsupported(node, 'clip and input_forget are not supported');
  if (node.input[4])
    throw ctx.unsupported(node, 'sequence_lens (padded sequences of different lengths) is not supported');
  for (const i of [5, 6]) {
    const s = ctx.constant(node, i, true);
    if (s && [...s.data].some((v) => v !== 0)) throw ctx.unsupported(node, 'a non-zero initial state is not supported');
  }
  const w = ctx.constant(node, 1)!;
  const r = ctx.constant(node, 2)!;
  const b = ctx.constant(node, 3, true);
  const h = attrInt(node, 'hidden_size', r.dims[2]);
  const f = w.dims[2];
  const [y, yh, yc] = [0, 1, 2].map((i) =>
    node.output[i] ? (ctx.consumers.get(node.output[i]) ?? 0) + (ctx.isOutput(node.output[i]) ? 1 : 0) : 0,
  );
  if (yc > 0) throw ctx.unsupported(node, 'its cell state output Y_c is used, which Keras’s LSTM does not give');
  if (y > 0 && yh > 0) throw ctx.unsupported(node, 'both its sequence Y and its last state Y_h are used');
  const bias = new Float32Array(4 * h);
  if (b) {
    LSTM_GATES.forEach((g, k) => {
      for (let j = 0; j < h; j++) bias[k * h + j] = b.data[g * h + j] + b.data[4 * h + g * h + j];
    });
  }
  const out = ctx.emit(node, 'LSTM', { units: h, returnSequences: y > 0 }, [x], {
    weights: [
      { shape: [f, 4 * h], values: reorderGates(w.data, LSTM_GATES, h, f) },
      { shape: [h, 4 * h], values: reorderGates(r.data, LSTM_GATES, h, h) },
      { shape: [4 * h], values: bias },
    ],
    output: y > 0 ? node.output[0] : node.output[1],
    layout: 'plain',
  });
  if (y > 0) ctx.values.set(node.output[0], { ...out, timeMajor: !batchFirst, rnn: batchFirst ? undefined : 'Y' });
  else ctx.values.set(node.output[1], { ...out, rnn: 'Y_h' });
}

/** Transpose: time-major ↔ batch-first (no layer), NHWC ↔ NCHW at a model's edge (tf2onnx). */
export function transpose(ctx: ImportContext, node: OnnxNode): void {
  const x = ctx.val(node, 0);
  const perm = (attrInts(node, 'perm') ?? []).join();
  let out: Val | undefined;
  if (x.layout === 'plain' && !x.rnn && x.shape.length === 3 && perm === '1,0,2')
    out = { ...x, timeMajor: !x.timeMajor };
  else if (x.layout === 'plain' && !x.timeMajor && x.shape.length === 4 && perm === '0,3,1,2')
    out = { ...x, layout: 'cf' };
  else if (x.layout === 'cf' && x.shape.length === 4 && perm === '0,2,3,1') out = { ...x, layout: 'plain' };
  else if (x.layout === 'plain' && !x.timeMajor && !x.rnn && x.shape.length === 3 && perm === '0,2,1')
    out = { ...x, layout: 'cf' };
  else if (x.layout === 'cf' && x.shape.length === 3 && perm === '0,2,1') out = { ...x, layout: 'plain' };
  if (!out) throw ctx.unsupported(node, `the permutation [${perm}] does not map to a Keras layer here`);
  ctx.values.set(node.output[0], out);
}

/** Squeeze of the direction axis PyTorch adds to LSTM outputs, or of a global pool's 1×1. */
export function squeeze(ctx: ImportContext, node: OnnxNode): void {
  const x = ctx.val(node, 0);
  const axes = node.input[1] ? [...ctx.constant(node, 1)!.data] : (attrInts(node, 'axes') ?? []);
  const key = axes.join();
  let out: Val | undefined;
  if (x.rnn === 'Y' && key === '1') out = { ...x, rnn: undefined };
  else if (x.rnn === 'Y_h' && key === '0') out = { ...x, rnn: undefined };
  else if (x.layout === 'squeezed' && (key === '2,3' || key === '3,2')) out = { ...x, layout: 'plain' };
  if (!out) throw ctx.unsupported(node, `squeezing axes [${key}] does not map to a Keras layer here`);
  ctx.values.set(node.output[0], out);
}

/** Gather: h[-1] of an LSTM's Y_h, or an Embedding (a stored table indexed by the input). */
export function gather(ctx: ImportContext, node: OnnxNode, embedding: (c: ImportContext, n: OnnxNode) => void): void {
  const data = ctx.get(node.input[0]);
  if (data?.kind === 'const') return embedding(ctx, node);
  const x = ctx.val(node, 0);
  const idx = ctx.constant(node, 1)!;
  const axis = attrInt(node, 'axis', 0);
  if (
    x.rnn === 'Y_h' &&
    axis === 0 &&
    sizeOf(idx.dims) === 1 &&
    idx.dims.length === 0 &&
    (idx.data[0] === 0 || idx.data[0] === -1)
  ) {
    ctx.values.set(node.output[0], { ...x, rnn: undefined });
    return;
  }
  throw ctx.unsupported(node, 'only h[-1] of an LSTM and embedding lookups are supported');
}

import { sizeOf } from '../tensorMath';
import { attrInt, attrInts, type ImportContext, type Val } from './context';
import type { OnnxNode } from './readOnnx';

/**
 * The transposes and squeezes exporters wrap recurrent operators in (recurrentOp): PyTorch's
 * batch-first LSTM exports as Transpose(1, 0, 2) → LSTM (time-major) → Squeeze(axis 1) → Transpose
 * back, or reads Y_h [1, N, H] through Gather/Squeeze; Deepwire's exporter moves Y to [N, T, D, H]
 * (Transpose 2, 0, 1, 3) and squeezes or reshapes D away. Deepwire's layers are batch-first throughout.
 */

/** Transpose: time-major ↔ batch-first (no layer), NHWC ↔ NCHW at a model's edge (tf2onnx). */
export function transpose(ctx: ImportContext, node: OnnxNode): void {
  const x = ctx.val(node, 0);
  const perm = (attrInts(node, 'perm') ?? []).join();
  let out: Val | undefined;
  if (x.rnn === 'Y' && x.timeMajor && perm === '2,0,1,3') out = { ...x, timeMajor: false, rnn: 'Yb' };
  else if (x.rnn === 'Y' && x.timeMajor && perm === '0,2,1,3') out = { ...x, rnn: 'Yt' };
  else if (x.rnn === 'Y_h' && perm === '1,0,2') out = { ...x, rnn: 'Y_hb' };
  else if (x.layout === 'plain' && !x.rnn && x.shape.length === 3 && perm === '1,0,2')
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
  const one = (x.dirs ?? 1) === 1;
  if (one && x.rnn === 'Y' && key === '1') out = { ...x, rnn: undefined };
  else if (one && x.rnn === 'Y_h' && key === '0') out = { ...x, rnn: undefined };
  else if (one && x.rnn === 'Yb' && key === '2') out = { ...x, rnn: undefined };
  else if (one && x.rnn === 'Y_hb' && key === '1') out = { ...x, rnn: undefined };
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
    (x.dirs ?? 1) === 1 &&
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

/**
 * Reshape of RNN outputs that joins the direction axis with the units ([N, T, D, H] → [N, T, D·H],
 * [N, D, H] → [N, D·H], PyTorch's [T, N, D, H] → [T, N, D·H]): Bidirectional's concat merge,
 * Deepwire's layout already (time-major stays marked for the Transpose after).
 */
export function joinDirections(ctx: ImportContext, node: OnnxNode, x: Val, target: number[]): boolean {
  if (x.rnn !== 'Yb' && x.rnn !== 'Y_hb' && x.rnn !== 'Yt') return false;
  const units = x.shape[x.shape.length - 1];
  const rank = x.rnn === 'Y_hb' ? 2 : 3;
  // The second dimension: T for Yb (batch-first), the batch for Yt (time-major, [T, N, D·H]).
  const second = x.rnn === 'Yt' ? [0, -1] : [0, x.shape[1]];
  const fits =
    target.length === rank &&
    (target[0] === 0 || (x.rnn === 'Yt' && target[0] === x.shape[1])) &&
    (rank === 2 || second.includes(target[1])) &&
    (target[rank - 1] === -1 || target[rank - 1] === units);
  if (!fits) return false;
  ctx.values.set(node.output[0], { ...x, rnn: undefined, dirs: undefined });
  return true;
}

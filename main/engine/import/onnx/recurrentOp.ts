import { attr, attrInt, attrString, type ImportContext, type NodeWeight } from './context';
import type { OnnxNode } from './readOnnx';

/*
 * ONNX's LSTM, GRU and RNN operators as Deepwire's LSTM, GRU and SimpleRNN — or, with direction
 * "bidirectional", as Bidirectional around one (merge mode concat: the exporters' Transpose and
 * Reshape that join the two directions follow, see rnnOps).
 *
 * - Gate blocks: ONNX LSTM is i, o, f, c where Keras is i, f, c, o; GRU is z, r, h in both.
 * - ONNX has two biases (input Wb and recurrent Rb). Keras adds them into one, except the reset-after
 *   GRU (ONNX linear_before_reset = 1), which keeps both as its [2, 3u] bias: there Rb sits inside
 *   the reset gate's product, so the two cannot be summed.
 * - ONNX's "reverse" alone is Keras's go_backwards. Its Y_h is the layer's last output as such; its
 *   Y puts each step's output at its time step, where go_backwards returns them in the order they
 *   ran (last step first): Y is imported only when a Slice that reverses the time axis follows it
 *   (how Deepwire's exporter writes go_backwards sequences), see reverseSlice in cropOps.
 */

type Kind = 'LSTM' | 'GRU' | 'SimpleRNN';
const KINDS: Record<string, { kind: Kind; gates: number; order: number[] }> = {
  LSTM: { kind: 'LSTM', gates: 4, order: [0, 2, 3, 1] },
  GRU: { kind: 'GRU', gates: 3, order: [0, 1, 2] },
  RNN: { kind: 'SimpleRNN', gates: 1, order: [0] },
};

/** The ONNX activations Keras names, with the alpha/beta ONNX consumes for them in order. */
function readActivations(ctx: ImportContext, node: OnnxNode, count: number): string[] {
  const names = attr(node, 'activations')?.strings?.map((s) => new TextDecoder().decode(s));
  const alphas = [...(attr(node, 'activation_alpha')?.floats ?? [])];
  const betas = [...(attr(node, 'activation_beta')?.floats ?? [])];
  const defaults =
    node.op_type === 'RNN' ? ['Tanh'] : node.op_type === 'GRU' ? ['Sigmoid', 'Tanh'] : ['Sigmoid', 'Tanh', 'Tanh'];
  const list = names ?? Array.from({ length: count / defaults.length }, () => defaults).flat();
  return list.map((name) => {
    if (name === 'Tanh') return 'tanh';
    if (name === 'Sigmoid') return 'sigmoid';
    if (name === 'Relu') return 'relu';
    if (name === 'HardSigmoid') {
      const [a, b] = [alphas.shift() ?? 0.2, betas.shift() ?? 0.5];
      if (Math.abs(a - 0.2) < 1e-6 && Math.abs(b - 0.5) < 1e-6) return 'hardSigmoid';
    }
    throw ctx.unsupported(node, `its activation ${name} has no Keras equivalent here`);
  });
}

/** Block `g` of ONNX rows [G·h, cols] (from `offset`) → Keras columns [cols, G·h], blocks in `order`. */
function gateColumns(src: ArrayLike<number>, order: number[], h: number, cols: number, offset: number): Float32Array {
  const G = order.length;
  const out = new Float32Array(cols * G * h);
  order.forEach((g, k) => {
    for (let j = 0; j < h; j++) {
      const row = offset + (g * h + j) * cols;
      for (let c = 0; c < cols; c++) out[c * G * h + k * h + j] = src[row + c];
    }
  });
  return out;
}

export function recurrentOp(ctx: ImportContext, node: OnnxNode): void {
  const { kind, gates, order } = KINDS[node.op_type];
  const x = ctx.val(node, 0);
  const batchFirst = attrInt(node, 'layout', 0) === 1;
  if (!x.timeMajor && !batchFirst)
    throw ctx.unsupported(node, 'its input is not time-major ([T, N, F]) and layout is 0');
  const direction = attrString(node, 'direction', 'forward');
  const D = direction === 'bidirectional' ? 2 : 1;
  if (attrInt(node, 'input_forget', 0) !== 0 || attr(node, 'clip'))
    throw ctx.unsupported(node, 'clip and input_forget are not supported');
  if (node.input[4])
    throw ctx.unsupported(node, 'sequence_lens (padded sequences of different lengths) is not supported');
  for (const i of [5, 6]) {
    const s = ctx.constant(node, i, true);
    if (s && [...s.data].some((v) => v !== 0)) throw ctx.unsupported(node, 'a non-zero initial state is not supported');
  }
  const acts = readActivations(ctx, node, gates === 1 ? D : gates === 3 ? 2 * D : 3 * D);
  const per = acts.length / D;
  if (D === 2 && acts.slice(0, per).join() !== acts.slice(per).join())
    throw ctx.unsupported(node, 'its two directions use different activations');
  const params: Record<string, unknown> = { units: 0, activation: acts[gates === 1 ? 0 : 1] };
  if (gates === 1 && acts[0] !== 'tanh' && acts[0] !== 'relu')
    throw ctx.unsupported(node, `a SimpleRNN with ${acts[0]} is not supported`);
  if (gates > 1) {
    if (acts[1] !== 'tanh' || (gates === 4 && acts[2] !== 'tanh'))
      throw ctx.unsupported(node, `activations ${acts.slice(0, per).join(', ')} are not Keras's`);
    params.recurrentActivation = acts[0];
  }

  const w = ctx.constant(node, 1)!;
  const r = ctx.constant(node, 2)!;
  const b = ctx.constant(node, 3, true);
  const h = attrInt(node, 'hidden_size', r.dims[2]);
  const f = w.dims[2];
  params.units = h;
  const resetAfter = kind === 'GRU' && attrInt(node, 'linear_before_reset', 0) === 1;
  if (kind === 'GRU') params.resetAfter = resetAfter;
  const [y, yh, yc] = [0, 1, 2].map((i) =>
    node.output[i] ? (ctx.consumers.get(node.output[i]) ?? 0) + (ctx.isOutput(node.output[i]) ? 1 : 0) : 0,
  );
  if (yc > 0) throw ctx.unsupported(node, 'its cell state output Y_c is used, which Keras’s LSTM does not give');
  if (y > 0 && yh > 0) throw ctx.unsupported(node, 'both its sequence Y and its last state Y_h are used');
  params.returnSequences = y > 0;
  if (direction === 'reverse') params.goBackwards = true;

  const gh = gates * h;
  const weights: NodeWeight[] = [];
  for (let d = 0; d < D; d++) {
    weights.push({ shape: [f, gh], values: gateColumns(w.data, order, h, f, d * gh * f) });
    weights.push({ shape: [h, gh], values: gateColumns(r.data, order, h, h, d * gh * h) });
    const at = (half: number, i: number) => (b ? b.data[d * 2 * gh + half * gh + i] : 0);
    const perm = (half: number) => order.flatMap((g) => Array.from({ length: h }, (_, j) => at(half, g * h + j)));
    if (resetAfter) weights.push({ shape: [2, gh], values: Float32Array.from([...perm(0), ...perm(1)]) });
    else {
      const [wb, rb] = [perm(0), perm(1)];
      weights.push({ shape: [gh], values: Float32Array.from(wb, (v, i) => v + rb[i]) });
    }
  }
  const [layerKind, layerParams] =
    D === 2 ? ['Bidirectional', { ...params, layer: kind, mergeMode: 'concat' }] : [kind, params];
  const out = ctx.emit(node, layerKind, layerParams as never, [x], {
    weights,
    output: y > 0 ? node.output[0] : node.output[1],
    layout: 'plain',
  });
  const dirs = D === 2 ? { dirs: 2 } : {};
  if (y > 0) {
    const reversed = direction === 'reverse' ? { reversedTime: true } : {};
    // No ONNX tensor holds the steps in the order this layer returns them (until the reversing Slice).
    if (direction === 'reverse') ctx.onnxOutput.delete(out.node);
    ctx.values.set(node.output[0], {
      ...out,
      ...dirs,
      ...reversed,
      timeMajor: !batchFirst,
      rnn: batchFirst ? 'Yb' : 'Y',
    });
  } else ctx.values.set(node.output[1], { ...out, ...dirs, rnn: batchFirst ? 'Y_hb' : 'Y_h' });
}

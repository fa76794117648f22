import type { LayerWeight } from '../types';
import { floats, int, ints, str, strs } from './onnxGraph';
import { TFJS_HARD_SIGMOID } from './activations';
import { refuse, split, squeeze, type LayerContext, type LayerConverter } from './context';
import { reorderGateColumns, transpose } from './tensorOps';

/*
 * SimpleRNN, LSTM and GRU (both GRU variants), alone or inside Bidirectional, as ONNX's RNN, LSTM
 * and GRU operators (layout 0: [time, batch, features]; onnxruntime rejects layout = 1).
 *
 * - Keras orders LSTM gates i, f, c, o; ONNX wants i, o, f, c. GRU gates are z, r, h in both.
 * - ONNX has a second (recurrent) bias: zero, except for the reset-after GRU, whose [2, 3u] bias is
 *   exactly ONNX's [Wb, Rb] with linear_before_reset = 1.
 * - activation_alpha / activation_beta list values only for the activations that take them
 *   (onnxruntime consumes them in order and refuses extra ones); TF.js's hardSigmoid is 0.2x + 0.5.
 */

interface RnnActivation {
  name: string;
  alpha?: number;
  beta?: number;
}

const RNN_ACTIVATIONS: Record<string, RnnActivation> = {
  tanh: { name: 'Tanh' },
  sigmoid: { name: 'Sigmoid' },
  relu: { name: 'Relu' },
  hardSigmoid: { name: 'HardSigmoid', alpha: TFJS_HARD_SIGMOID.alpha, beta: TFJS_HARD_SIGMOID.beta },
  linear: { name: 'Affine', alpha: 1, beta: 0 },
  elu: { name: 'Elu', alpha: 1 },
  softsign: { name: 'Softsign' },
  softplus: { name: 'Softplus' },
};

type Kind = 'SimpleRNN' | 'LSTM' | 'GRU';

function kindOf(className: string): { kind: Kind; resetAfter: boolean } | undefined {
  if (className === 'SimpleRNN') return { kind: 'SimpleRNN', resetAfter: false };
  if (className === 'LSTM') return { kind: 'LSTM', resetAfter: false };
  if (className === 'GRU') return { kind: 'GRU', resetAfter: false };
  if (className === 'DeepwireResetAfterGRU') return { kind: 'GRU', resetAfter: true };
  return undefined;
}

/** One direction's weights as ONNX wants them: W [gates·u, in], R [gates·u, u], B [2·gates·u]. */
function directionWeights(
  kind: Kind,
  units: number,
  kernel: LayerWeight,
  recurrent: LayerWeight,
  bias: LayerWeight | undefined,
): { W: Float32Array; R: Float32Array; B: Float32Array } {
  const gates = kind === 'LSTM' ? 4 : kind === 'GRU' ? 3 : 1;
  const order = kind === 'LSTM' ? [0, 3, 1, 2] : Array.from({ length: gates }, (_, i) => i);
  const inputDim = kernel.shape[0];
  const W = transpose(reorderGateColumns(kernel.values, inputDim, units, order), [inputDim, gates * units], [1, 0]);
  const R = transpose(reorderGateColumns(recurrent.values, units, units, order), [units, gates * units], [1, 0]);
  const B = new Float32Array(2 * gates * units);
  if (bias && bias.shape.length === 2)
    B.set(bias.values); // reset-after GRU: [input bias; recurrent bias]
  else if (bias) B.set(reorderGateColumns(bias.values, 1, units, order));
  return { W, R, B };
}

function rnnActivations(ctx: LayerContext, kind: Kind, config: Record<string, unknown>, directions: number) {
  const lookup = (key: string, fallback: string): RnnActivation => {
    const name = String(config[key] ?? fallback);
    const a = RNN_ACTIVATIONS[name];
    if (!a)
      refuse(
        ctx,
        `the ${key} "${name}" cannot run inside ONNX's ${kind} operator.`,
        'Use tanh, sigmoid, relu or hardSigmoid.',
      );
    return a;
  };
  const act = lookup('activation', 'tanh');
  const one =
    kind === 'SimpleRNN'
      ? [act]
      : kind === 'GRU'
        ? [lookup('recurrentActivation', 'sigmoid'), act]
        : [lookup('recurrentActivation', 'sigmoid'), act, act];
  const all = Array.from({ length: directions }, () => one).flat();
  const attrs: Record<string, ReturnType<typeof strs> | ReturnType<typeof floats>> = {
    activations: strs(all.map((a) => a.name)),
  };
  const alphas = all.flatMap((a) => (a.alpha === undefined ? [] : [a.alpha]));
  const betas = all.flatMap((a) => (a.beta === undefined ? [] : [a.beta]));
  if (alphas.length) attrs.activation_alpha = floats(alphas);
  if (betas.length) attrs.activation_beta = floats(betas);
  return attrs;
}

/** Weights of a layer named 'kernel', 'recurrent_kernel', 'bias', optionally under a prefix. */
function pick(ctx: LayerContext, prefix: string): { kernel: LayerWeight; recurrent: LayerWeight; bias?: LayerWeight } {
  const find = (n: string) => ctx.weights.find((w) => w.name === `${prefix}${n}` || w.name.endsWith(`${prefix}${n}`));
  const kernel = find('kernel');
  const recurrent = find('recurrent_kernel');
  if (!kernel || !recurrent) refuse(ctx, 'its recurrent weights are missing from the model.');
  return { kernel, recurrent, bias: find('bias') };
}

/**
 * Runs the ONNX operator and returns its outputs: Y [T, D, N, u] and Y_h [D, N, u].
 */
function runOperator(
  ctx: LayerContext,
  kind: Kind,
  resetAfter: boolean,
  config: Record<string, unknown>,
  dirs: { kernel: LayerWeight; recurrent: LayerWeight; bias?: LayerWeight }[],
  direction: 'forward' | 'reverse' | 'bidirectional',
): { Y: string; Yh: string } {
  const g = ctx.g;
  const units = Number(config.units);
  const parts = dirs.map((d) =>
    directionWeights(kind, units, d.kernel, d.recurrent, config.useBias === false ? undefined : d.bias),
  );
  const concat = (key: 'W' | 'R' | 'B') => {
    const arrays = parts.map((p) => p[key]);
    const out = new Float32Array(arrays.reduce((n, a) => n + a.length, 0));
    let o = 0;
    for (const a of arrays) {
      out.set(a, o);
      o += a.length;
    }
    return out;
  };
  const D = dirs.length;
  const gates = kind === 'LSTM' ? 4 : kind === 'GRU' ? 3 : 1;
  const inputDim = dirs[0].kernel.shape[0];
  const x = g.op('Transpose', [ctx.inputs[0]], { perm: ints([1, 0, 2]) }, { name: ctx.name });
  const inputs = [
    x,
    g.weight(`${ctx.name}/W`, [D, gates * units, inputDim], concat('W')),
    g.weight(`${ctx.name}/R`, [D, gates * units, units], concat('R')),
    g.weight(`${ctx.name}/B`, [D, 2 * gates * units], concat('B')),
  ];
  const opType = kind === 'SimpleRNN' ? 'RNN' : kind;
  const attrs = {
    hidden_size: int(units),
    direction: str(direction),
    ...rnnActivations(ctx, kind, config, D),
    ...(kind === 'GRU' ? { linear_before_reset: int(resetAfter ? 1 : 0) } : {}),
  };
  const [Y, Yh] = g.opN(opType, inputs, attrs, { name: ctx.name, outputs: kind === 'LSTM' ? 3 : 2 });
  return { Y, Yh };
}

/** Y [T, D, N, u] → [N, T, D, u]. */
const batchFirst = (ctx: LayerContext, Y: string) =>
  ctx.g.op('Transpose', [Y], { perm: ints([2, 0, 1, 3]) }, { name: ctx.name });

function checkConfig(ctx: LayerContext, config: Record<string, unknown>): void {
  if (config.returnState === true)
    refuse(ctx, 'returnState cannot be exported (the exported model has one output per node).');
  if (config.stateful === true) refuse(ctx, 'stateful recurrent layers cannot be exported.');
}

/** SimpleRNN, LSTM, GRU (reset-before and reset-after). */
export const recurrent: LayerConverter = (ctx) => {
  const { kind, resetAfter } = kindOf(ctx.className)!;
  checkConfig(ctx, ctx.config);
  const backwards = ctx.config.goBackwards === true;
  const { Y, Yh } = runOperator(ctx, kind, resetAfter, ctx.config, [pick(ctx, '')], backwards ? 'reverse' : 'forward');
  if (ctx.config.returnSequences !== true) return squeeze(ctx, Yh, [0]);
  let y = squeeze(ctx, batchFirst(ctx, Y), [2]);
  // TF.js returns a backwards layer's outputs in the order it ran (last time step first); ONNX
  // puts each output at its time step, so reverse the time axis to match.
  if (backwards) {
    const g = ctx.g;
    y = g.op(
      'Slice',
      [
        y,
        g.int64s(`${ctx.name}/starts`, [-1]),
        g.int64s(`${ctx.name}/ends`, [-Number.MAX_SAFE_INTEGER]),
        g.int64s(`${ctx.name}/axes`, [1]),
        g.int64s(`${ctx.name}/steps`, [-1]),
      ],
      {},
      { name: ctx.name },
    );
  }
  return y;
};

/**
 * Bidirectional: one ONNX operator with direction 'bidirectional'. Its backward outputs already
 * sit at their time steps, which is where TF.js's Bidirectional puts them back; the merge mode
 * (concat, sum, mul, ave) is applied to the two directions after.
 */
export const bidirectional: LayerConverter = (ctx) => {
  const inner = ctx.config.layer as { className: string; config: Record<string, unknown> } | undefined;
  const k = inner ? kindOf(inner.className) : undefined;
  if (!inner || !k) refuse(ctx, `the wrapped layer ${inner?.className ?? '(none)'} cannot be exported.`);
  checkConfig(ctx, inner.config);
  if (inner.config.goBackwards === true)
    refuse(ctx, 'a Bidirectional layer around a backwards layer cannot be exported.');
  const forward = ctx.weights.filter((w) => w.name.startsWith('forward_'));
  const backward = ctx.weights.filter((w) => w.name.startsWith('backward_'));
  const dir = (ws: LayerWeight[]) => {
    const find = (n: string) => ws.find((w) => w.name.endsWith(`/${n}`));
    const kernel = find('kernel');
    const recurrent = find('recurrent_kernel');
    if (!kernel || !recurrent) refuse(ctx, 'its recurrent weights are missing from the model.');
    return { kernel, recurrent, bias: find('bias') };
  };
  const { Y, Yh } = runOperator(
    ctx,
    k.kind,
    k.resetAfter,
    inner.config,
    [dir(forward), dir(backward)],
    'bidirectional',
  );
  const sequences = inner.config.returnSequences === true;
  const mode = String(ctx.config.mergeMode ?? 'concat');
  const g = ctx.g;
  const units = Number(inner.config.units);
  // [N, T, 2, u] for sequences, [N, 2, u] for the last step; the direction axis is `dAxis`.
  const both = sequences ? batchFirst(ctx, Y) : g.op('Transpose', [Yh], { perm: ints([1, 0, 2]) }, { name: ctx.name });
  const dAxis = sequences ? 2 : 1;
  if (mode === 'concat') {
    const shape = sequences ? [0, 0, 2 * units] : [0, 2 * units];
    return g.op('Reshape', [both, g.int64s(`${ctx.name}/shape`, shape)], {}, { name: ctx.name });
  }
  const [f, b] = split(ctx, both, dAxis, 2).map((t) => squeeze(ctx, t, [dAxis]));
  if (mode === 'sum') return g.op('Add', [f, b], {}, { name: ctx.name });
  if (mode === 'mul') return g.op('Mul', [f, b], {}, { name: ctx.name });
  if (mode === 'ave')
    return g.op(
      'Mul',
      [g.scalar(`${ctx.name}/half`, 0.5), g.op('Add', [f, b], {}, { name: ctx.name })],
      {},
      { name: ctx.name },
    );
  return refuse(ctx, `the merge mode "${mode}" cannot be exported.`);
};

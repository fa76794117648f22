import { tuple } from '../../../../shared/catalog/shapeMath';
import type { Dim } from '../../../../shared/catalog/types';
import { activationExpr, channelDim } from './activationCode';
import type { NodeContext, TorchLayer } from './layerTypes';
import { pyIntOrTuple, pyTuple } from './pySyntax';
import { permuted, transpose } from './tensorMath';

/** How a window op's TF padding is written in PyTorch. */
export type PaddingPlan =
  | { kind: 'none' }
  | { kind: 'symmetric'; pads: number[] }
  | { kind: 'explicit'; pads: [number, number][] }
  | { kind: 'dynamic' };

/**
 * TF's padding for a window op over `spatial` dims. 'same' pads total = (out−1)·s + (k−1)·d + 1 − in
 * with the odd pixel at the end; stride 1 needs no size, larger strides need the size (else
 * the runtime helper pad_same works it out).
 */
export function paddingPlan(padding: string, spatial: Dim[], k: number[], s: number[], d: number[]): PaddingPlan {
  if (padding !== 'same') return { kind: 'none' };
  const totals: number[] = [];
  for (let i = 0; i < k.length; i++) {
    const size = spatial[i];
    if (s[i] === 1) totals.push((k[i] - 1) * d[i]);
    else if (size === null) return { kind: 'dynamic' };
    else totals.push(Math.max((Math.ceil(size / s[i]) - 1) * s[i] + (k[i] - 1) * d[i] + 1 - size, 0));
  }
  if (totals.every((t) => t === 0)) return { kind: 'none' };
  if (totals.every((t) => t % 2 === 0)) return { kind: 'symmetric', pads: totals.map((t) => t / 2) };
  return { kind: 'explicit', pads: totals.map((t) => [Math.floor(t / 2), t - Math.floor(t / 2)]) };
}

/** F.pad's argument (last dim first) for per-dim [before, after] pads. */
export function fPadArg(pads: [number, number][]): string {
  return `(${[...pads]
    .reverse()
    .flatMap(([b, a]) => [b, a])
    .join(', ')})`;
}

/** The input of a window op after its padding plan (a padding expression, or the input as is). */
export function paddedInput(plan: PaddingPlan, x: string, k: number[], s: number[], d: number[], helpers: Set<string>) {
  if (plan.kind === 'explicit') return `F.pad(${x}, ${fPadArg(plan.pads)})`;
  if (plan.kind === 'dynamic') {
    helpers.add('pad_same');
    return `pad_same(${x}, ${pyTuple(k)}, ${pyTuple(s)}, ${pyTuple(d)})`;
  }
  return x;
}

const PAD_NOTE = "  # TF 'same' padding: the odd row/column goes at the end";

function convArgs(k: number[], s: number[], d: number[], plan: PaddingPlan, useBias: boolean): string {
  const parts = [`kernel_size=${pyIntOrTuple(k)}`];
  if (s.some((v) => v !== 1)) parts.push(`stride=${pyIntOrTuple(s)}`);
  if (plan.kind === 'symmetric') parts.push(`padding=${pyIntOrTuple(plan.pads)}`);
  if (d.some((v) => v !== 1)) parts.push(`dilation=${pyIntOrTuple(d)}`);
  if (!useBias) parts.push('bias=False');
  return parts.join(', ');
}

/** Keras conv kernel [k…, in, out] as PyTorch's [out, in, k…]. */
function convWeight(w: { shape: number[]; values: Float32Array }) {
  const n = w.shape.length - 2;
  const perm = [n + 1, n, ...Array.from({ length: n }, (_, i) => i)];
  return { shape: permuted(w.shape, perm), values: transpose(w.values, w.shape, perm) };
}

/** Keras depthwise kernel [kh, kw, C, m] as a grouped conv's [C·m, 1, kh, kw] (reshape first, then permute). */
function depthwiseWeight(w: { shape: number[]; values: Float32Array }) {
  const [kh, kw, c, m] = w.shape;
  const shape = [kh, kw, 1, c * m];
  return { shape: permuted(shape, [3, 2, 0, 1]), values: transpose(w.values, shape, [3, 2, 0, 1]) };
}

function weightsAndBias(ctx: NodeContext, prefix: string, weight: { shape: number[]; values: Float32Array }) {
  const t = [{ name: `${prefix}weight`, ...weight }];
  const bias = ctx.params.useBias ? ctx.weights[ctx.weights.length - 1] : undefined;
  if (bias) t.push({ name: `${prefix}bias`, shape: bias.shape, values: bias.values });
  return t;
}

function regularizers(ctx: NodeContext, map: Record<string, string[]>) {
  const out: NonNullable<TorchLayer['regularizers']> = [];
  for (const [param, names] of Object.entries(map)) {
    const r = ctx.params[param] as { l1?: number; l2?: number } | null;
    if (r && (r.l1 || r.l2)) out.push({ params: names, l1: r.l1 ?? 0, l2: r.l2 ?? 0 });
  }
  return out;
}

/** Conv1D/2D/3D, DepthwiseConv2D, SeparableConv2D and Conv2DTranspose, channels-first. */
export function convLayer(ctx: NodeContext): TorchLayer {
  const { params: p, kind } = ctx;
  const x = ctx.inputShapes[0];
  const n = x.length - 2;
  const cin = x[x.length - 1] as number;
  const k = tuple(p.kernelSize, n, 'kernelSize');
  const s = tuple(p.strides, n, 'strides');
  const d = tuple(p.dilationRate ?? 1, n, 'dilationRate');
  const helpers = new Set<string>();
  const useBias = p.useBias as boolean;
  const act = (e: string) => activationExpr(p.activation as string, e, channelDim(n + 2, 'cf'), helpers, ctx.id);
  const reg = regularizers(ctx, { kernelRegularizer: ['weight'], biasRegularizer: ['bias'] });

  if (kind === 'Conv2DTranspose') {
    const f = p.filters as number;
    // padding=0, then crop what TF's 'same' cuts off (before = ⌊(k−s)/2⌋); output_padding only adds
    // the rows a stride larger than the kernel leaves empty (TF gives them the bias too).
    const op = k.map((kk, i) => Math.max(s[i] - kk, 0));
    const crop = k.map((kk, i) => (p.padding === 'same' ? Math.max(kk - s[i], 0) : 0));
    const args = [`kernel_size=${pyIntOrTuple(k)}`, `stride=${pyIntOrTuple(s)}`];
    if (op.some((v) => v)) args.push(`output_padding=${pyIntOrTuple(op)}`);
    if (!useBias) args.push('bias=False');
    const slices = crop.map((c) => {
      const before = Math.floor(c / 2);
      const after = c - before;
      return `${before || ''}:${after ? -after : ''}`;
    });
    const kernel = ctx.weights[0];
    const perm = [3, 2, 0, 1];
    return {
      needs: 'cf',
      module: `nn.ConvTranspose2d(${cin}, ${f}, ${args.join(', ')})`,
      forward: ([i], _l, out) =>
        crop.some((c) => c)
          ? [
              `${out} = self.${ctx.py}(${i})[:, :, ${slices.join(', ')}]  # TF 'same': crop, odd row/column at the end`,
              ...(p.activation === 'linear' ? [] : [`${out} = ${act(out)}`]),
            ]
          : [`${out} = ${act(`self.${ctx.py}(${i})`)}`],
      helpers: [...helpers],
      tensors: weightsAndBias(ctx, '', {
        shape: permuted(kernel.shape, perm),
        values: transpose(kernel.values, kernel.shape, perm),
      }),
      regularizers: reg,
    };
  }

  let plan = paddingPlan(p.padding as string, x.slice(1, -1), k, s, d);
  let causal = 0;
  if (p.padding === 'causal') {
    causal = d[0] * (k[0] - 1);
    plan = { kind: 'none' };
  }
  const call = (i: string) => {
    const input = causal ? `F.pad(${i}, (${causal}, 0))` : paddedInput(plan, i, k, s, d, helpers);
    return act(`self.${ctx.py}(${input})`);
  };
  const note = causal ? '  # causal: pad the start only' : plan.kind === 'explicit' ? PAD_NOTE : '';
  const forward = ([i]: string[], _l: string, out: string) => [`${out} = ${call(i)}${note}`];
  const base = { needs: 'cf' as const, forward, regularizers: reg };
  const cargs = convArgs(k, s, d, plan, useBias);

  if (kind === 'DepthwiseConv2D') {
    const m = p.depthMultiplier as number;
    const r = regularizers(ctx, { depthwiseRegularizer: ['weight'], biasRegularizer: ['bias'] });
    return {
      ...base,
      module: `nn.Conv2d(${cin}, ${cin * m}, ${cargs}, groups=${cin})  # depthwise: one group per channel`,
      tensors: weightsAndBias(ctx, '', depthwiseWeight(ctx.weights[0])),
      helpers: [...helpers],
      regularizers: r,
    };
  }
  if (kind === 'SeparableConv2D') {
    const m = p.depthMultiplier as number;
    helpers.add('SeparableConv2d');
    const extra = m === 1 ? '' : `, depth_multiplier=${m}`;
    const [dw, pw] = ctx.weights;
    return {
      ...base,
      module: `SeparableConv2d(${cin}, ${p.filters}, ${cargs}${extra})`,
      tensors: [
        { name: 'depthwise.weight', ...depthwiseWeight(dw) },
        ...weightsAndBias(ctx, 'pointwise.', convWeight(pw)),
      ],
      helpers: [...helpers],
      regularizers: regularizers(ctx, {
        depthwiseRegularizer: ['depthwise.weight'],
        pointwiseRegularizer: ['pointwise.weight'],
        biasRegularizer: ['pointwise.bias'],
      }),
    };
  }
  return {
    ...base,
    module: `nn.Conv${n}d(${cin}, ${p.filters}, ${cargs})`,
    tensors: weightsAndBias(ctx, '', convWeight(ctx.weights[0])),
    helpers: [...helpers],
  };
}

/** MaxPooling/AveragePooling 1D–3D, channels-first; TF 'same' through the helpers. */
export function poolLayer(ctx: NodeContext): TorchLayer {
  const x = ctx.inputShapes[0];
  const n = x.length - 2;
  const pool = tuple(ctx.params.poolSize, n, 'poolSize');
  const s = ctx.params.strides === null ? pool : tuple(ctx.params.strides, n, 'strides');
  const isMax = ctx.kind.startsWith('Max');
  const plan = paddingPlan(
    ctx.params.padding as string,
    x.slice(1, -1),
    pool,
    s,
    pool.map(() => 1),
  );
  if (plan.kind === 'none') {
    const stride = s.every((v, i) => v === pool[i]) ? '' : `, stride=${pyIntOrTuple(s)}`;
    return {
      needs: 'cf',
      module: `nn.${isMax ? 'Max' : 'Avg'}Pool${n}d(${pyIntOrTuple(pool)}${stride})`,
      forward: ([i], _l, out) => [`${out} = self.${ctx.py}(${i})`],
    };
  }
  const helper = isMax ? 'max_pool_same' : 'avg_pool_same';
  return {
    needs: 'cf',
    helpers: [helper],
    forward: ([i], _l, out) => [`${out} = ${helper}(${i}, ${pyTuple(pool)}, ${pyTuple(s)})`],
  };
}

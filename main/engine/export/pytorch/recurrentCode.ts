import type { LayerWeight } from '../types';
import { activationExpr } from './activationCode';
import type { NodeContext, TorchLayer } from './layerTypes';
import type { NamedTensor } from './safetensors';
import { pyLiteral } from './pySyntax';
import { reorderGates, transpose } from './tensorMath';

/*
 * SimpleRNN, LSTM, GRU and Bidirectional. PyTorch's nn.RNN/LSTM/GRU compute Keras's maths only for
 * the standard activations: RNN tanh or relu; LSTM tanh with sigmoid gates (same gate order i,f,g,o
 * as Keras's i,f,c,o); GRU reset_after=True with tanh/sigmoid (gate order r,z,n against Keras's
 * z,r,h). Anything else — TF.js's hardSigmoid gates, reset_after=False — gets the generated
 * KerasRecurrent cell, which keeps Keras's layout. PyTorch has a second bias (bias_hh, zero here).
 */

type Kind = 'SimpleRNN' | 'LSTM' | 'GRU';

interface Cell {
  kind: Kind;
  units: number;
  activation: string;
  recurrentActivation: string;
  useBias: boolean;
  resetAfter: boolean;
}

function torchNative(c: Cell): boolean {
  if (c.kind === 'SimpleRNN') return c.activation === 'tanh' || c.activation === 'relu';
  const standard = c.activation === 'tanh' && c.recurrentActivation === 'sigmoid';
  return c.kind === 'LSTM' ? standard : standard && c.resetAfter;
}

const T = (w: LayerWeight, units: number, from: string, to: string) => {
  const v = from === to ? w.values : reorderGates(w.values, units, from, to);
  return { shape: [w.shape[1], w.shape[0]], values: transpose(v, w.shape, [1, 0]) };
};

/** One direction's weights [kernel, recurrent_kernel, bias?] as nn.RNN/LSTM/GRU's, names ending in `suffix`. */
function nativeTensors(c: Cell, w: LayerWeight[], suffix: string): NamedTensor[] {
  const [from, to] = c.kind === 'GRU' ? ['zrh', 'rzh'] : c.kind === 'LSTM' ? ['ifco', 'ifco'] : ['h', 'h'];
  const out: NamedTensor[] = [
    { name: `weight_ih_l0${suffix}`, ...T(w[0], c.units, from, to) },
    { name: `weight_hh_l0${suffix}`, ...T(w[1], c.units, from, to) },
  ];
  if (!c.useBias) return out;
  const b = w[2];
  const g = b.shape[b.shape.length - 1];
  if (c.kind === 'GRU') {
    const both = reorderGates(b.values, c.units, from, to);
    out.push({ name: `bias_ih_l0${suffix}`, shape: [g], values: both.slice(0, g) });
    out.push({ name: `bias_hh_l0${suffix}`, shape: [g], values: both.slice(g) });
  } else {
    out.push({ name: `bias_ih_l0${suffix}`, shape: [g], values: b.values });
    // Keras has one bias; PyTorch adds bias_ih and bias_hh, so the second is zero.
    out.push({ name: `bias_hh_l0${suffix}`, shape: [g], values: new Float32Array(g) });
  }
  return out;
}

function cellTensors(c: Cell, w: LayerWeight[], prefix: string): NamedTensor[] {
  const names = ['kernel', 'recurrent_kernel', 'bias'];
  return w
    .slice(0, c.useBias ? 3 : 2)
    .map((x, i) => ({ name: `${prefix}${names[i]}`, shape: x.shape, values: x.values }));
}

function nativeModule(c: Cell, input: number, bidirectional: boolean): string {
  const cls = c.kind === 'SimpleRNN' ? 'RNN' : c.kind;
  const args = [`${input}`, `${c.units}`, 'batch_first=True'];
  if (c.kind === 'SimpleRNN' && c.activation === 'relu') args.push("nonlinearity='relu'");
  if (!c.useBias) args.push('bias=False');
  if (bidirectional) args.push('bidirectional=True');
  return `nn.${cls}(${args.join(', ')})`;
}

function cellModule(c: Cell, input: number, goBackwards = false): string {
  const args = [pyLiteral(c.kind), `${input}`, `${c.units}`, `activation=${pyLiteral(c.activation)}`];
  if (c.kind !== 'SimpleRNN') args.push(`recurrent_activation=${pyLiteral(c.recurrentActivation)}`);
  if (!c.useBias) args.push('use_bias=False');
  if (c.kind === 'GRU' && !c.resetAfter) args.push('reset_after=False');
  if (goBackwards) args.push('go_backwards=True');
  return `KerasRecurrent(${args.join(', ')})`;
}

const MERGE: Record<string, (f: string, b: string) => string> = {
  concat: (f, b) => `torch.cat([${f}, ${b}], dim=-1)`,
  sum: (f, b) => `${f} + ${b}`,
  mul: (f, b) => `${f} * ${b}`,
  ave: (f, b) => `(${f} + ${b}) / 2`,
};

export function recurrentLayer(ctx: NodeContext): TorchLayer {
  const p = ctx.params;
  const kind = (ctx.kind === 'Bidirectional' ? p.layer : ctx.kind) as Kind;
  const cell: Cell = {
    kind,
    units: p.units as number,
    activation: p.activation as string,
    recurrentActivation: (p.recurrentActivation as string | undefined) ?? 'sigmoid',
    useBias: p.useBias as boolean,
    resetAfter: p.resetAfter !== false,
  };
  // Validate activations here, where the node can be named (the cell evaluates them by name).
  for (const a of [cell.activation, cell.recurrentActivation]) activationExpr(a, 'x', -1, new Set(), ctx.id);
  const input = ctx.inputShapes[0][2] as number;
  const native = torchNative(cell);
  const seqs = p.returnSequences as boolean;
  const u = cell.units;
  const regs: NonNullable<TorchLayer['regularizers']> = [];
  const reg = (param: string, names: string[]) => {
    const r = p[param] as { l1?: number; l2?: number } | null | undefined;
    if (r && (r.l1 || r.l2)) regs.push({ params: names, l1: r.l1 ?? 0, l2: r.l2 ?? 0 });
  };
  reg('kernelRegularizer', [native ? 'weight_ih_l0' : 'kernel']);
  reg('recurrentRegularizer', [native ? 'weight_hh_l0' : 'recurrent_kernel']);
  reg('biasRegularizer', native ? (kind === 'GRU' ? ['bias_ih_l0', 'bias_hh_l0'] : ['bias_ih_l0']) : ['bias']);
  const helpers = native ? [] : ['KerasRecurrent'];
  const dropNote =
    (p.dropout as number) > 0 || (p.recurrentDropout as number) > 0
      ? [
          `# ${ctx.id}: Keras's dropout=${p.dropout}, recurrent_dropout=${p.recurrentDropout} act only while training and are not reproduced here.`,
        ]
      : [];

  if (ctx.kind !== 'Bidirectional') {
    // Keras's go_backwards reads the last step first and returns the steps in that order: the same
    // as running forwards over the time-flipped input (the generated cell flips itself).
    const backwards = p.goBackwards === true;
    const x = (i: string) => (backwards && native ? `${i}.flip(1)` : i);
    return {
      needs: 'cl',
      module: native ? nativeModule(cell, input, false) : cellModule(cell, input, backwards),
      initLines: dropNote,
      helpers,
      regularizers: regs,
      tensors: native ? nativeTensors(cell, ctx.weights, '') : cellTensors(cell, ctx.weights, ''),
      forward: ([i], _l, out) => [`${out} = self.${ctx.py}(${x(i)})[0]${seqs ? '' : '[:, -1]'}`],
    };
  }
  const half = ctx.weights.length / 2;
  const [fw, bw] = [ctx.weights.slice(0, half), ctx.weights.slice(half)];
  const merge = MERGE[p.mergeMode as string];
  const fwd = `${ctx.py}_fwd`;
  const bwd = `${ctx.py}_bwd`;
  // Both directions as sequences aligned in time: the backward one's last step is at t = 0.
  const pick = (f: string, b: string) => (seqs ? merge(f, b) : merge(`${f}[:, -1]`, `${b}[:, 0]`));
  if (native) {
    return {
      needs: 'cl',
      module: nativeModule(cell, input, true),
      regularizers: regs,
      tensors: [...nativeTensors(cell, fw, ''), ...nativeTensors(cell, bw, '_reverse')],
      forward: ([i], _l, out) => [
        `${fwd}, ${bwd} = self.${ctx.py}(${i})[0].split(${u}, dim=-1)`,
        `${out} = ${pick(fwd, bwd)}`,
      ],
    };
  }
  return {
    needs: 'cl',
    module: `nn.ModuleDict({"forward_layer": ${cellModule(cell, input)}, "backward_layer": ${cellModule(cell, input, true)}})`,
    helpers,
    tensors: [...cellTensors(cell, fw, 'forward_layer.'), ...cellTensors(cell, bw, 'backward_layer.')],
    forward: ([i], _l, out) => [
      `${fwd} = self.${ctx.py}["forward_layer"](${i})[0]`,
      `${bwd} = self.${ctx.py}["backward_layer"](${i})[0].flip(1)`,
      `${out} = ${pick(fwd, bwd)}`,
    ],
  };
}

import {
  activationParam,
  biasInitializerParam,
  biasRegularizerParam,
  kernelInitializerParam,
  kernelRegularizerParam,
  useBiasParam,
} from './commonParams';
import { ACTIVATIONS, MERGE_MODES, RECURRENT_KINDS } from './enums';
import { knownLastDim, requireRank } from './shapeMath';
import type { LayerSpec, ParamSpec, Params, Shape } from './types';

/*
 * Recurrent layers read (batch, timesteps, features) and return the last step's output
 * (batch, units), or every step's (batch, timesteps, units) with returnSequences.
 *
 * Counts follow Keras 2 (tf.keras), which differs from TF.js in two places the compiler must handle:
 * - LSTM and GRU's recurrentActivation defaults to sigmoid in Keras, hardSigmoid in TF.js. The spec
 *   uses Keras's and the compiler passes it explicitly (it is in the filled params).
 * - GRU's reset_after defaults to True in Keras: one extra bias per gate, 3*(units*(in+units) + 2*units)
 *   weights. TF.js only builds reset_after=False, 3*(units*(in+units) + units), and throws on
 *   resetAfter: true. See GRU.tfjs.caveat.
 */

type RecurrentKind = (typeof RECURRENT_KINDS)[number];

const GATES: Record<RecurrentKind, number> = { SimpleRNN: 1, LSTM: 4, GRU: 3 };
const FACTORY: Record<RecurrentKind, string> = { SimpleRNN: 'simpleRNN', LSTM: 'lstm', GRU: 'gru' };

const SEQUENCE = '(batch, timesteps, features)';
const SEQUENCE_HINT =
  'Add a Reshape to (timesteps, features) before it, or an Embedding if the input is word or token ids.';

const unitsParam: ParamSpec = {
  type: 'int',
  default: 32,
  min: 1,
  doc: 'How many numbers the layer remembers and outputs per step. Keras requires it; the palette starts at 32.',
  key: true,
};
const recurrentActivationParam: ParamSpec = {
  type: 'select',
  options: ACTIVATIONS,
  default: 'sigmoid',
  doc: 'The squashing function of the gates that decide what to keep and what to forget.',
};
const returnSequencesParam: ParamSpec = {
  type: 'bool',
  default: false,
  doc: 'Output every step (to stack another recurrent layer) instead of only the last one.',
};
const goBackwardsParam: ParamSpec = {
  type: 'bool',
  default: false,
  doc: 'Read the sequence from its last step to its first. With returnSequences the steps come out in that reversed order, as in Keras.',
};
const resetAfterParam: ParamSpec = {
  type: 'bool',
  default: true,
  doc: 'GRU only: apply the reset gate after the recurrent multiplication (Keras 2 default, one extra bias per gate).',
};
const recurrentInitializerParam: ParamSpec = {
  type: 'initializer',
  default: 'orthogonal',
  doc: 'How the step-to-step weights start before training.',
};
const recurrentRegularizerParam: ParamSpec = {
  type: 'regularizer',
  default: null,
  doc: 'An L1/L2 penalty on the step-to-step weights, added to the loss.',
};
const dropoutParam: ParamSpec = {
  type: 'float',
  default: 0,
  min: 0,
  max: 1,
  doc: 'The fraction of the inputs dropped at each training step.',
};
const recurrentDropoutParam: ParamSpec = {
  type: 'float',
  default: 0,
  min: 0,
  max: 1,
  doc: 'The fraction of the remembered state dropped at each training step.',
};

/** Keras's weight count for one direction of a recurrent layer over `features` inputs. */
export function recurrentWeights(
  kind: RecurrentKind,
  units: number,
  features: number,
  useBias: boolean,
  resetAfter: boolean,
): number {
  const gates = GATES[kind];
  const bias = !useBias ? 0 : kind === 'GRU' && resetAfter ? 2 * units : units;
  return gates * (units * (features + units) + bias);
}

function recurrentOutput(kind: string, params: Params, x: Shape, units: number): Shape {
  requireRank(x, 3, kind, SEQUENCE, SEQUENCE_HINT);
  knownLastDim(x, kind);
  return params.returnSequences ? [null, x[1], units] : [null, units];
}

function recurrentMacs(kind: RecurrentKind, units: number, x: Shape): number {
  return (x[1] ?? 1) * GATES[kind] * units * ((x[2] ?? 0) + units);
}

const describeRecurrent = (p: Params) =>
  `${p.units}${p.returnSequences ? ', sequences' : ''}${p.goBackwards ? ', backwards' : ''}`;

function recurrentSpec(kind: RecurrentKind, summary: string, extra: Record<string, ParamSpec>): LayerSpec {
  return {
    kind,
    category: 'Recurrent',
    summary,
    params: {
      units: unitsParam,
      activation: activationParam('tanh'),
      ...extra,
      useBias: useBiasParam,
      returnSequences: returnSequencesParam,
      goBackwards: goBackwardsParam,
      kernelInitializer: kernelInitializerParam,
      recurrentInitializer: recurrentInitializerParam,
      biasInitializer: biasInitializerParam,
      kernelRegularizer: kernelRegularizerParam,
      recurrentRegularizer: recurrentRegularizerParam,
      biasRegularizer: biasRegularizerParam,
      dropout: dropoutParam,
      recurrentDropout: recurrentDropoutParam,
    },
    arity: { min: 1, max: 1 },
    outputShape: ({ params, inputs: [x] }) => recurrentOutput(kind, params, x, params.units as number),
    paramCount: ({ params, inputs: [x] }) => ({
      trainable: recurrentWeights(
        kind,
        params.units as number,
        x[2] as number,
        params.useBias as boolean,
        params.resetAfter !== false,
      ),
      nonTrainable: 0,
    }),
    macs: ({ params, inputs: [x] }) => recurrentMacs(kind, params.units as number, x),
    describe: describeRecurrent,
    tfjs: { factory: FACTORY[kind] },
  };
}

export const SimpleRNN = recurrentSpec(
  'SimpleRNN',
  'Reads a sequence one step at a time, mixing each new step into a running memory.',
  {},
);

export const LSTM = recurrentSpec(
  'LSTM',
  'A recurrent layer with gates that decide what to remember and what to forget, so it keeps information over long sequences.',
  {
    recurrentActivation: recurrentActivationParam,
    unitForgetBias: {
      type: 'bool',
      default: true,
      doc: 'Start the forget gate’s bias at 1, so the layer remembers by default early in training.',
    },
  },
);

const gruBase = recurrentSpec(
  'GRU',
  'A lighter LSTM with two gates instead of three; often just as good on shorter sequences.',
  { recurrentActivation: recurrentActivationParam, resetAfter: resetAfterParam },
);

export const GRU: LayerSpec = {
  ...gruBase,
  tfjs: {
    factory: 'gru',
    caveat:
      'TF.js GRU only supports resetAfter: false and throws on true. With resetAfter true (the Keras default, which the counts follow) the compiler needs a reset-after GRU cell of its own; with false, pass the params without resetAfter.',
  },
};

/** The wrapped layer's factory and args, the `inner` of Bidirectional's `tfjs.args`. */
function innerLayer(p: Params): { factory: string; args: Params } {
  const kind = p.layer as RecurrentKind;
  const args: Params = {
    units: p.units,
    activation: p.activation,
    useBias: p.useBias,
    returnSequences: p.returnSequences,
  };
  if (kind !== 'SimpleRNN') args.recurrentActivation = p.recurrentActivation;
  if (kind === 'GRU') args.resetAfter = p.resetAfter;
  return { factory: FACTORY[kind], args };
}

export const Bidirectional: LayerSpec = {
  kind: 'Bidirectional',
  category: 'Recurrent',
  summary: 'Runs a recurrent layer over the sequence forwards and a copy backwards, and combines what both saw.',
  detail: 'It wraps one SimpleRNN, LSTM or GRU, whose settings are set here; it has twice that layer’s weights.',
  params: {
    layer: {
      type: 'select',
      options: RECURRENT_KINDS,
      default: 'LSTM',
      doc: 'Which recurrent layer runs in each direction.',
      key: true,
    },
    units: unitsParam,
    activation: { ...activationParam('tanh'), key: false },
    recurrentActivation: { ...recurrentActivationParam, doc: `${recurrentActivationParam.doc} (LSTM and GRU only)` },
    useBias: useBiasParam,
    returnSequences: returnSequencesParam,
    resetAfter: resetAfterParam,
    mergeMode: {
      type: 'select',
      options: MERGE_MODES,
      default: 'concat',
      doc: 'How the two directions combine: concat side by side (twice the units), or their sum, product or average.',
    },
  },
  arity: { min: 1, max: 1 },
  outputShape: ({ params, inputs: [x] }) => {
    const units = params.units as number;
    return recurrentOutput('Bidirectional', params, x, params.mergeMode === 'concat' ? 2 * units : units);
  },
  paramCount: ({ params, inputs: [x] }) => {
    const kind = params.layer as RecurrentKind;
    const one = recurrentWeights(
      kind,
      params.units as number,
      x[2] as number,
      params.useBias as boolean,
      params.resetAfter !== false,
    );
    return { trainable: 2 * one, nonTrainable: 0 };
  },
  macs: ({ params, inputs: [x] }) => 2 * recurrentMacs(params.layer as RecurrentKind, params.units as number, x),
  describe: (p) => `${p.layer} ${describeRecurrent(p)}, ${p.mergeMode}`,
  tfjs: {
    factory: 'bidirectional',
    // Not tf.layers.bidirectional's args as such: the compiler builds `inner` first and passes
    // {layer: tf.layers[inner.factory](inner.args), mergeMode}.
    args: (p) => ({ mergeMode: p.mergeMode, trainable: p.trainable, inner: innerLayer(p) }),
    caveat:
      'args(params) returns {mergeMode, trainable, inner: {factory, args}}: build tf.layers[inner.factory](inner.args) and pass it as `layer`. inner.args carries Keras defaults (recurrentActivation sigmoid, resetAfter for GRU — see GRU.tfjs.caveat).',
  },
};

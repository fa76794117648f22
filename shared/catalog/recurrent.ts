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
import { defineSpec, type LayerSpec, type ParamSpec, type ParamsOf, type Shape } from './types';

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

const unitsParam = {
  type: 'int',
  default: 32,
  min: 1,
  doc: 'How many numbers the layer remembers and outputs per step. Keras requires it; the palette starts at 32.',
  key: true,
} satisfies ParamSpec;
const recurrentActivationParam = {
  type: 'select',
  options: ACTIVATIONS,
  default: 'sigmoid',
  doc: 'The squashing function of the gates that decide what to keep and what to forget.',
} satisfies ParamSpec;
const returnSequencesParam = {
  type: 'bool',
  default: false,
  doc: 'Output every step (to stack another recurrent layer) instead of only the last one.',
} satisfies ParamSpec;
const goBackwardsParam = {
  type: 'bool',
  default: false,
  doc: 'Read the sequence from its last step to its first. With returnSequences the steps come out in that reversed order, as in Keras.',
} satisfies ParamSpec;
const resetAfterParam = {
  type: 'bool',
  default: true,
  doc: 'GRU only: apply the reset gate after the recurrent multiplication (Keras 2 default, one extra bias per gate).',
} satisfies ParamSpec;
const recurrentInitializerParam = {
  type: 'initializer',
  default: 'orthogonal',
  doc: 'How the step-to-step weights start before training.',
} satisfies ParamSpec;
const recurrentRegularizerParam = {
  type: 'regularizer',
  default: null,
  doc: 'An L1/L2 penalty on the step-to-step weights, added to the loss.',
} satisfies ParamSpec;
const dropoutParam = {
  type: 'float',
  default: 0,
  min: 0,
  max: 1,
  doc: 'The fraction of the inputs dropped at each training step.',
} satisfies ParamSpec;
const recurrentDropoutParam = {
  type: 'float',
  default: 0,
  min: 0,
  max: 1,
  doc: 'The fraction of the remembered state dropped at each training step.',
} satisfies ParamSpec;

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

/** What every recurrent rule reads: the params all three kinds and Bidirectional share. */
interface RecurrentBasics {
  units: number;
  returnSequences: boolean;
  goBackwards?: boolean;
  useBias: boolean;
  resetAfter?: boolean;
}

function recurrentOutput(kind: string, params: RecurrentBasics, x: Shape, units: number): Shape {
  requireRank(x, 3, kind, SEQUENCE, SEQUENCE_HINT);
  knownLastDim(x, kind);
  return params.returnSequences ? [null, x[1], units] : [null, units];
}

function recurrentMacs(kind: RecurrentKind, units: number, x: Shape): number {
  return (x[1] ?? 1) * GATES[kind] * units * ((x[2] ?? 0) + units);
}

const describeRecurrent = (p: RecurrentBasics) =>
  `${p.units}${p.returnSequences ? ', sequences' : ''}${p.goBackwards ? ', backwards' : ''}`;

/** The params SimpleRNN, LSTM and GRU share, before and after their own (`extra`). */
const recurrentHead = { units: unitsParam, activation: activationParam('tanh') };
const recurrentTail = {
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
};
/** The gate params only LSTM and GRU have (each its own subset). */
const gateParams = {
  recurrentActivation: recurrentActivationParam,
  unitForgetBias: {
    type: 'bool',
    default: true,
    doc: 'Start the forget gate’s bias at 1, so the layer remembers by default early in training.',
  } satisfies ParamSpec,
  resetAfter: resetAfterParam,
};
type RecurrentParams = ParamsOf<typeof recurrentHead & typeof recurrentTail> & Partial<ParamsOf<typeof gateParams>>;

function recurrentSpec<K extends RecurrentKind>(
  kind: K,
  summary: string,
  extra: Partial<typeof gateParams>,
): LayerSpec<RecurrentParams, K> {
  return {
    kind,
    category: 'Recurrent',
    summary,
    params: { ...recurrentHead, ...extra, ...recurrentTail },
    arity: { min: 1, max: 1 },
    exampleInputs: [[null, 100, 8]],
    outputShape: ({ params, inputs: [x] }) => recurrentOutput(kind, params, x, params.units),
    paramCount: ({ params, inputs: [x] }) => ({
      trainable: recurrentWeights(
        kind,
        params.units,
        knownLastDim(x, kind),
        params.useBias,
        params.resetAfter !== false,
      ),
      nonTrainable: 0,
    }),
    macs: ({ params, inputs: [x] }) => recurrentMacs(kind, params.units, x),
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
  { recurrentActivation: gateParams.recurrentActivation, unitForgetBias: gateParams.unitForgetBias },
);

const gruBase = recurrentSpec(
  'GRU',
  'A lighter LSTM with two gates instead of three; often just as good on shorter sequences.',
  { recurrentActivation: gateParams.recurrentActivation, resetAfter: gateParams.resetAfter },
);

export const GRU: typeof gruBase = {
  ...gruBase,
  tfjs: {
    factory: 'gru',
    caveat:
      'TF.js GRU only supports resetAfter: false and throws on true. With resetAfter true (the Keras default, which the counts follow) the compiler needs a reset-after GRU cell of its own; with false, pass the params without resetAfter.',
  },
};

/** The wrapped layer's kind, factory and args, the `inner` of Bidirectional's `tfjs.args`. */
function innerLayer(p: ParamsOf<typeof bidirectionalParams>): {
  kind: RecurrentKind;
  factory: string;
  args: Record<string, unknown>;
} {
  const kind = p.layer;
  const args: Record<string, unknown> = {
    units: p.units,
    activation: p.activation,
    useBias: p.useBias,
    returnSequences: p.returnSequences,
  };
  if (kind !== 'SimpleRNN') args.recurrentActivation = p.recurrentActivation;
  if (kind === 'GRU') args.resetAfter = p.resetAfter;
  return { kind, factory: FACTORY[kind], args };
}

const bidirectionalParams = {
  layer: {
    type: 'select',
    options: RECURRENT_KINDS,
    default: 'LSTM',
    doc: 'Which recurrent layer runs in each direction.',
    key: true,
  } satisfies ParamSpec,
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
  } satisfies ParamSpec,
};

export const Bidirectional = defineSpec({
  kind: 'Bidirectional',
  category: 'Recurrent',
  summary: 'Runs a recurrent layer over the sequence forwards and a copy backwards, and combines what both saw.',
  detail: 'It wraps one SimpleRNN, LSTM or GRU, whose settings are set here; it has twice that layer’s weights.',
  params: bidirectionalParams,
  arity: { min: 1, max: 1 },
  exampleInputs: [[null, 100, 8]],
  outputShape: ({ params, inputs: [x] }) => {
    const { units } = params;
    return recurrentOutput('Bidirectional', params, x, params.mergeMode === 'concat' ? 2 * units : units);
  },
  paramCount: ({ params, inputs: [x] }) => {
    const features = knownLastDim(x, 'Bidirectional');
    const one = recurrentWeights(params.layer, params.units, features, params.useBias, params.resetAfter !== false);
    return { trainable: 2 * one, nonTrainable: 0 };
  },
  macs: ({ params, inputs: [x] }) => 2 * recurrentMacs(params.layer, params.units, x),
  describe: (p) => `${p.layer} ${describeRecurrent(p)}, ${p.mergeMode}`,
  tfjs: {
    factory: 'bidirectional',
    // Not tf.layers.bidirectional's args as such: the compiler builds `inner` first and passes
    // {layer: tf.layers[inner.factory](inner.args), mergeMode}.
    args: (p) => ({ mergeMode: p.mergeMode, trainable: p.trainable, inner: innerLayer(p) }),
    caveat:
      'args(params) returns {mergeMode, trainable, inner: {kind, factory, args}}: build tf.layers[inner.factory](inner.args) and pass it as `layer`. inner.args carries Keras defaults (recurrentActivation sigmoid, resetAfter for GRU — see GRU.tfjs.caveat).',
  },
});

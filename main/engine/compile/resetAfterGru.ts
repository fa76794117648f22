import * as tf from '@tensorflow/tfjs';

/*
 * Keras's GRU defaults to reset_after=True (the cuDNN-compatible variant): the reset gate multiplies
 * the recurrent term after its matrix product, and there are two bias vectors per gate, one for the
 * input product and one for the recurrent product — 3·(units·(in+units) + 2·units) weights.
 * TF.js 4.22 only builds reset_after=False and throws on resetAfter: true. These two classes are the
 * reset-after cell and its layer, built on TF.js's own GRUCell/GRU (for args, initializers, dropout
 * bookkeeping and serialization) with `build` and `call` replaced. The weights have Keras's shapes:
 * kernel [in, 3u], recurrent_kernel [u, 3u], bias [2, 3u] (row 0 input bias, row 1 recurrent bias).
 */

type LayerCtor = new (args: Record<string, unknown>) => tf.layers.Layer;
type Activation = { apply(x: tf.Tensor): tf.Tensor };
type Weight = { read(): tf.Tensor };

/** The GRUCell fields this file reads and writes (TF.js declares them on its GRUCell class). */
interface GruCellInternals {
  units: number;
  useBias: boolean;
  activation: Activation;
  recurrentActivation: Activation;
  kernelInitializer: unknown;
  recurrentInitializer: unknown;
  biasInitializer: unknown;
  kernelRegularizer: unknown;
  recurrentRegularizer: unknown;
  biasRegularizer: unknown;
  kernelConstraint: unknown;
  recurrentConstraint: unknown;
  biasConstraint: unknown;
  dropout: number;
  recurrentDropout: number;
  kernel: Weight;
  recurrentKernel: Weight;
  bias: Weight | null;
  dropoutMask: tf.Tensor[] | null;
  recurrentDropoutMask: tf.Tensor[] | null;
  addWeight(...args: unknown[]): Weight;
}

// TF.js exports the factories but not these classes by name in its public types; take them from instances.
const GRUCellBase = tf.layers.gruCell({ units: 1 }).constructor as LayerCtor;
const GRUBase = tf.layers.gru({ units: 1 }).constructor as LayerCtor;

function withoutResetAfter(args: Record<string, unknown>): Record<string, unknown> {
  const { resetAfter: _resetAfter, ...rest } = args;
  return rest;
}

/** A GRU cell with Keras's reset_after=True maths and weight shapes. */
export class ResetAfterGRUCell extends GRUCellBase {
  static className = 'DeepwireResetAfterGRUCell';

  constructor(args: Record<string, unknown>) {
    super(withoutResetAfter(args));
  }

  private get my(): GruCellInternals {
    return this as unknown as GruCellInternals;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const s = this.my;
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const inputDim = shape[shape.length - 1] as number;
    const u = s.units;
    s.kernel = s.addWeight(
      'kernel',
      [inputDim, 3 * u],
      null,
      s.kernelInitializer,
      s.kernelRegularizer,
      true,
      s.kernelConstraint,
    );
    s.recurrentKernel = s.addWeight(
      'recurrent_kernel',
      [u, 3 * u],
      null,
      s.recurrentInitializer,
      s.recurrentRegularizer,
      true,
      s.recurrentConstraint,
    );
    s.bias = s.useBias
      ? s.addWeight('bias', [2, 3 * u], null, s.biasInitializer, s.biasRegularizer, true, s.biasConstraint)
      : null;
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor[] {
    const s = this.my;
    if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error('The GRU cell expects [inputs, state].');
    const training = kwargs?.training === true;
    // Masks live for the whole sequence (one per call of the GRU layer, which disposes them).
    if (training && s.dropout > 0 && s.dropout < 1 && s.dropoutMask == null) {
      s.dropoutMask = [tf.keep(tf.dropout(tf.onesLike(inputs[0]), s.dropout))];
    }
    if (training && s.recurrentDropout > 0 && s.recurrentDropout < 1 && s.recurrentDropoutMask == null) {
      s.recurrentDropoutMask = [tf.keep(tf.dropout(tf.onesLike(inputs[1]), s.recurrentDropout))];
    }
    return tf.tidy(() => {
      let x = inputs[0];
      let hPrev = inputs[1];
      if (training && s.dropoutMask) x = tf.mul(x, s.dropoutMask[0]);
      const hIn = training && s.recurrentDropoutMask ? tf.mul(hPrev, s.recurrentDropoutMask[0]) : hPrev;
      let matrixX = tf.matMul(x, s.kernel.read());
      let matrixInner = tf.matMul(hIn, s.recurrentKernel.read());
      if (s.bias) {
        const [inputBias, recurrentBias] = tf.unstack(s.bias.read());
        matrixX = tf.add(matrixX, inputBias);
        matrixInner = tf.add(matrixInner, recurrentBias);
      }
      const [xZ, xR, xH] = tf.split(matrixX, 3, 1);
      const [rZ, rR, rH] = tf.split(matrixInner, 3, 1);
      const z = s.recurrentActivation.apply(tf.add(xZ, rZ));
      const r = s.recurrentActivation.apply(tf.add(xR, rR));
      const hh = s.activation.apply(tf.add(xH, tf.mul(r, rH)));
      hPrev = inputs[1];
      const h = tf.add(tf.mul(z, hPrev), tf.mul(tf.sub(1, z), hh));
      return [h, h];
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), resetAfter: true };
  }
}

/** Keras's default GRU layer: TF.js's GRU (masks, sequences, serialization) over a reset-after cell. */
export class ResetAfterGRU extends GRUBase {
  static className = 'DeepwireResetAfterGRU';

  constructor(args: Record<string, unknown>) {
    const rest = withoutResetAfter(args);
    super({ ...rest });
    (this as unknown as { cell: tf.layers.Layer }).cell = new ResetAfterGRUCell(rest);
  }
}

tf.serialization.registerClass(
  ResetAfterGRUCell as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>,
);
tf.serialization.registerClass(
  ResetAfterGRU as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>,
);

/** A GRU as Keras builds it: reset-after by default, TF.js's own when resetAfter is false. */
export function makeGru(args: Record<string, unknown>): tf.layers.Layer {
  if (args.resetAfter === false)
    return tf.layers.gru(withoutResetAfter(args) as unknown as Parameters<typeof tf.layers.gru>[0]);
  return new ResetAfterGRU(args);
}

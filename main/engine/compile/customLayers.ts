import * as tf from '@tensorflow/tfjs';

/*
 * Layers the lecture needs and TF.js does not ship. Each is a registered serializable class, so a
 * model that uses one saves to model.json and loads back (tf.loadLayersModel finds it by className).
 */

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
type Kwargs = Record<string, unknown>;

const first = (inputs: tf.Tensor | tf.Tensor[]): tf.Tensor => (Array.isArray(inputs) ? inputs[0] : inputs);

/** The lecture's Gaussian activation exp(−x²/σ²): 1 at zero, falling off on both sides. */
export class GaussianActivation extends tf.layers.Layer {
  static className = 'GaussianActivation';
  readonly sigma: number;

  constructor(args: LayerArgs & { sigma?: number } = {}) {
    super(args);
    this.sigma = args.sigma ?? 1;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = first(inputs);
      return tf.exp(tf.neg(tf.div(tf.square(x), this.sigma * this.sigma)));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), sigma: this.sigma };
  }
}

/** Args of {@link LocalResponseNormalization}; tf.nn.local_response_normalization's names and defaults. */
export interface LrnArgs extends LayerArgs {
  depthRadius?: number;
  bias?: number;
  alpha?: number;
  beta?: number;
}

/** AlexNet's local response normalization across channels (NHWC), via tf.localResponseNormalization. */
export class LocalResponseNormalization extends tf.layers.Layer {
  static className = 'LocalResponseNormalization';
  readonly depthRadius: number;
  readonly bias: number;
  readonly alpha: number;
  readonly beta: number;

  constructor(args: LrnArgs = {}) {
    super(args);
    this.depthRadius = args.depthRadius ?? 5;
    this.bias = args.bias ?? 1;
    this.alpha = args.alpha ?? 1;
    this.beta = args.beta ?? 0.5;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() =>
      tf.localResponseNormalization(first(inputs) as tf.Tensor4D, this.depthRadius, this.bias, this.alpha, this.beta),
    );
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { depthRadius, bias, alpha, beta } = this;
    return { ...super.getConfig(), depthRadius, bias, alpha, beta };
  }
}

/** Keras's Subtract: inputs[0] − inputs[1]. TF.js 4.22 has no subtract layer. */
export class Subtract extends tf.layers.Layer {
  static className = 'DeepwireSubtract';

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return Array.isArray(inputShape[0]) ? (inputShape[0] as tf.Shape) : inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error('Subtract takes exactly two inputs.');
      return tf.sub(inputs[0], inputs[1]);
    });
  }
}

/**
 * Left zero-padding along time, so a following 'valid' Conv1D is causal (Keras padding='causal'):
 * TF.js 4.22's conv1d throws NotImplementedError on causal padding.
 */
export class CausalPadding1D extends tf.layers.Layer {
  static className = 'DeepwireCausalPadding1D';
  readonly amount: number;

  constructor(args: LayerArgs & { amount?: number } = {}) {
    super(args);
    this.amount = args.amount ?? 0;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [s[0], s[1] === null ? null : (s[1] as number) + this.amount, s[2]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => tf.pad(first(inputs), [[0, 0], [this.amount, 0], [0, 0]]));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), amount: this.amount };
  }
}

tf.serialization.registerClass(CausalPadding1D);
tf.serialization.registerClass(GaussianActivation);
tf.serialization.registerClass(LocalResponseNormalization);
tf.serialization.registerClass(Subtract);

/** Custom layer constructors by the factory name a spec gives (`tfjs.factory` with `custom: true`). */
export const CUSTOM_FACTORIES: Record<string, (args: Record<string, unknown>) => tf.layers.Layer> = {
  gaussianActivation: (args) => new GaussianActivation(args as LayerArgs),
  GaussianActivation: (args) => new GaussianActivation(args as LayerArgs),
  localResponseNormalization: (args) => new LocalResponseNormalization(args as LrnArgs),
  LocalResponseNormalization: (args) => new LocalResponseNormalization(args as LrnArgs),
  subtract: (args) => new Subtract(args as LayerArgs),
};

import * as tf from '@tensorflow/tfjs';
import { convOutputLength } from '../../../shared/catalog/shapeMath';

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
    return tf.tidy(() =>
      tf.pad(first(inputs), [
        [0, 0],
        [this.amount, 0],
        [0, 0],
      ]),
    );
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), amount: this.amount };
  }
}

/** What the dilated layers below read of TF.js's convolution layers (fields TF.js keeps protected). */
interface ConvInternals {
  kernel?: tf.LayerVariable;
  depthwiseKernel?: tf.LayerVariable;
  bias: tf.LayerVariable | null;
  useBias: boolean;
  strides: [number, number];
  padding: 'valid' | 'same';
  dataFormat: string;
  dilationRate: [number, number];
  activation: { apply(x: tf.Tensor): tf.Tensor } | null;
  kernelSize: [number, number];
}

type LayerClass = (new (args: Record<string, unknown>) => tf.layers.Layer) & Pick<typeof tf.layers.Layer, 'fromConfig'>;

/** One of TF.js's own layer classes (not exported as values), from its serialization registry. */
function tfjsLayerClass(className: string): LayerClass {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[className];
  if (!entry) throw new Error(`This TF.js build has no ${className} layer class.`);
  return entry[0] as unknown as LayerClass;
}

function convInternals(layer: tf.layers.Layer): ConvInternals {
  const self = layer as unknown as ConvInternals;
  if (self.dataFormat === 'channelsFirst')
    throw new Error(`${layer.name}: Deepwire runs dilated convolutions channels-last only.`);
  return self;
}

function biasAndActivation(self: ConvInternals, y: tf.Tensor): tf.Tensor {
  let out = self.useBias && self.bias ? tf.add(y, self.bias.read()) : y;
  if (self.activation) out = self.activation.apply(out);
  return out;
}

/**
 * Conv2D with dilationRate > 1. TF.js's Conv2D layer runs tf.fused.conv2d, whose gradient refuses
 * any dilation (for every activation but relu and elu, which it leaves unfused while training);
 * this one runs the plain tf.conv2d, whose gradient Deepwire supplies (kernels/dilatedConvGradients),
 * then bias and activation. Weights, config and output shape are TF.js's Conv2D's.
 */
export class DilatedConv2D extends tfjsLayerClass('Conv2D') {
  static className = 'DeepwireDilatedConv2D';

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const self = convInternals(this);
      const y = tf.conv2d(
        first(inputs) as tf.Tensor4D,
        self.kernel!.read() as tf.Tensor4D,
        self.strides,
        self.padding,
        'NHWC',
        self.dilationRate,
      );
      return biasAndActivation(self, y);
    });
  }
}

/**
 * DepthwiseConv2D with dilationRate > 1. TF.js 4.22's DepthwiseConv2D layer accepts dilationRate
 * but ignores it, in the convolution and in its output shape (a TODO in its source); this one
 * passes it to tf.depthwiseConv2d and computes the dilated output size, as Keras does.
 */
export class DilatedDepthwiseConv2D extends tfjsLayerClass('DepthwiseConv2D') {
  static className = 'DeepwireDilatedDepthwiseConv2D';

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const self = convInternals(this);
      const y = tf.depthwiseConv2d(
        first(inputs) as tf.Tensor4D,
        self.depthwiseKernel!.read() as tf.Tensor4D,
        self.strides,
        self.padding,
        'NHWC',
        self.dilationRate,
      );
      return biasAndActivation(self, y);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const self = convInternals(this);
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const [rows, cols] = [1, 2].map((i) =>
      convOutputLength(
        s[i] ?? null,
        self.kernelSize[i - 1],
        self.padding,
        self.strides[i - 1],
        self.dilationRate[i - 1],
      ),
    );
    return [s[0], rows, cols, (s[3] as number) * (this as unknown as { depthMultiplier: number }).depthMultiplier];
  }
}

/**
 * TF.js 4.22's SeparableConv2D, with `depthMultiplier` in its config. TF.js's own getConfig leaves
 * it out, so a saved model.json said nothing about it and tf.loadLayersModel rebuilt the layer with
 * depthMultiplier 1: a depthwise kernel of [kh, kw, cin, 1] where the saved weights are
 * [kh, kw, cin, M] ("Shape mismatch [3,3,3,1] vs [3,3,3,2]"). Registered under TF.js's own class
 * name, as Keras names it (whose config carries depth_multiplier too), so model.json stays what
 * TF.js and Keras read and loading any SeparableConv2D goes through this class.
 */
const TfjsSeparableConv2D = tfjsLayerClass('SeparableConv2D');

export class SeparableConv2D extends TfjsSeparableConv2D {
  static className = 'SeparableConv2D';

  /**
   * TF.js 4.22 also builds the pointwise initializer from `depthwiseInitializer`
   * (`getInitializer(config.depthwiseInitializer || DEFAULT_POINTWISE_INITIALIZER)`), so a
   * pointwiseInitializer was silently ignored and both kernels drew from the same seed. TF.js's
   * initializer parser is not exported, so a throwaway layer parses the pointwise one for us.
   */
  constructor(args: Record<string, unknown>) {
    super(args);
    const self = this as unknown as { pointwiseInitializer: unknown };
    const parsed = new TfjsSeparableConv2D({
      ...args,
      depthwiseInitializer: args.pointwiseInitializer ?? 'glorotUniform',
    });
    self.pointwiseInitializer = (parsed as unknown as { depthwiseInitializer: unknown }).depthwiseInitializer;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), depthMultiplier: (this as unknown as { depthMultiplier: number }).depthMultiplier };
  }
}

/** A weight as TF.js's layers hold it: something to read. */
interface Readable {
  read(): tf.Tensor;
}

const TfjsBatchNormalization = tfjsLayerClass('BatchNormalization');

/**
 * TF.js 4.22's BatchNormalization, able to train without its scale or offset. In training mode TF.js
 * reads `this.gamma.read()` and `this.beta.read()` unconditionally, so a layer with `scale: false` or
 * `center: false` (no γ or β, as Keras builds it) threw "Cannot read properties of undefined" on the
 * first batch. While such a layer trains, the missing γ stands in as ones and β as zeros, which
 * normalise identically; they are constants, not weights, so counts and saved files are unchanged.
 * Registered under TF.js's own class name, like SeparableConv2D, so loading goes through it too.
 */
export class BatchNormalization extends TfjsBatchNormalization {
  static className = 'BatchNormalization';

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    const self = this as unknown as { gamma: Readable | null; beta: Readable | null; axis: number };
    if (!kwargs.training || (self.gamma && self.beta)) return super.call(inputs, kwargs);
    const { gamma, beta } = self;
    const x = first(inputs);
    const channels = x.shape[self.axis < 0 ? x.rank + self.axis : self.axis];
    self.gamma = gamma ?? { read: () => tf.ones([channels]) };
    self.beta = beta ?? { read: () => tf.zeros([channels]) };
    try {
      return tf.tidy(() => super.call(inputs, kwargs));
    } finally {
      self.gamma = gamma;
      self.beta = beta;
    }
  }
}

tf.serialization.registerClass(BatchNormalization);
tf.serialization.registerClass(CausalPadding1D);
tf.serialization.registerClass(DilatedConv2D);
tf.serialization.registerClass(DilatedDepthwiseConv2D);
tf.serialization.registerClass(GaussianActivation);
tf.serialization.registerClass(LocalResponseNormalization);
tf.serialization.registerClass(SeparableConv2D);
tf.serialization.registerClass(Subtract);

/** Custom layer constructors by the factory name a spec gives (`tfjs.factory` with `custom: true`). */
export const CUSTOM_FACTORIES: Record<string, (args: Record<string, unknown>) => tf.layers.Layer> = {
  gaussianActivation: (args) => new GaussianActivation(args as LayerArgs),
  GaussianActivation: (args) => new GaussianActivation(args as LayerArgs),
  localResponseNormalization: (args) => new LocalResponseNormalization(args as LrnArgs),
  LocalResponseNormalization: (args) => new LocalResponseNormalization(args as LrnArgs),
  subtract: (args) => new Subtract(args as LayerArgs),
};

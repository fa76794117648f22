import { pyLiteral, pythonNames } from '../pytorch/pySyntax';
import type { KerasModel } from './kerasModel';
import type { KerasObject } from './kerasObjects';

/** Python for Deepwire's registered layers and activations that Keras 3 lacks, by name. */
const CUSTOM_CODE: Record<string, string> = {
  tfjs_hard_sigmoid: `
@keras.saving.register_keras_serializable(package="deepwire")
def tfjs_hard_sigmoid(x):
    """TF.js's hard sigmoid, 0.2x + 0.5 clipped to [0, 1] (Keras 3's hard_sigmoid is x/6 + 0.5)."""
    return ops.clip(0.2 * x + 0.5, 0.0, 1.0)
`,
  gaussian: `
@keras.saving.register_keras_serializable(package="deepwire")
def gaussian(x):
    """The lecture's Gaussian activation exp(-x²)."""
    return ops.exp(-ops.square(x))
`,
  GaussianActivation: `
@keras.saving.register_keras_serializable(package="deepwire")
class GaussianActivation(layers.Layer):
    """exp(-x² / sigma²): 1 at zero, falling towards 0 on both sides (the lecture's RBF activation)."""

    def __init__(self, sigma=1.0, **kwargs):
        super().__init__(**kwargs)
        self.sigma = sigma

    def call(self, x):
        return ops.exp(-ops.square(x) / (self.sigma * self.sigma))

    def get_config(self):
        return {**super().get_config(), "sigma": self.sigma}
`,
  LocalResponseNormalization: `
@keras.saving.register_keras_serializable(package="deepwire")
class LocalResponseNormalization(layers.Layer):
    """tf.nn.local_response_normalization over the channels (NHWC), as AlexNet used it:
    x / (bias + alpha * sum of x² over channels c-r..c+r) ** beta.
    """

    def __init__(self, depth_radius=5, bias=1.0, alpha=1.0, beta=0.5, **kwargs):
        super().__init__(**kwargs)
        self.depth_radius, self.bias, self.alpha, self.beta = depth_radius, bias, alpha, beta

    def call(self, x):
        r, c = self.depth_radius, x.shape[-1]
        squares = ops.pad(ops.square(x), [[0, 0], [0, 0], [0, 0], [r, r]])
        total = sum(squares[..., i:i + c] for i in range(2 * r + 1))
        return x / ops.power(self.bias + self.alpha * total, self.beta)

    def get_config(self):
        return {**super().get_config(), "depth_radius": self.depth_radius, "bias": self.bias,
                "alpha": self.alpha, "beta": self.beta}
`,
  TfjsBilinearUpSampling2D: `
@keras.saving.register_keras_serializable(package="deepwire")
class TfjsBilinearUpSampling2D(layers.Layer):
    """UpSampling2D(interpolation="bilinear") as TF.js computes it (align_corners=False,
    half_pixel_centers=False: source = target / size). Keras 3's resize uses half-pixel centres.
    """

    def __init__(self, size=(2, 2), **kwargs):
        super().__init__(**kwargs)
        self.size = tuple(size)

    def call(self, x):
        for axis, s in ((1, self.size[0]), (2, self.size[1])):
            n = x.shape[axis]
            src = np.arange(n * s) / s
            lo = np.minimum(np.floor(src).astype("int32"), n - 1)
            hi = np.minimum(lo + 1, n - 1)
            w = (src - lo).astype("float32").reshape([-1 if a == axis else 1 for a in range(4)])
            x = ops.take(x, lo, axis=axis) * (1 - w) + ops.take(x, hi, axis=axis) * w
        return x

    def compute_output_shape(self, s):
        return (s[0], None if s[1] is None else s[1] * self.size[0],
                None if s[2] is None else s[2] * self.size[1], s[3])

    def get_config(self):
        return {**super().get_config(), "size": self.size}
`,
};

const SKIP = new Set(['name', 'dtype', 'trainable']);

/** Settings left out of model.py when they hold Keras's default (config.json keeps them all). */
const DEFAULTS: Record<string, unknown> = {
  return_state: false,
  go_backwards: false,
  stateful: false,
  unroll: false,
  zero_output_for_mask: false,
  groups: 1,
  data_format: 'channels_last',
  use_bias: true,
  dropout: 0,
  recurrent_dropout: 0,
  padding: 'valid',
  keepdims: false,
  synchronized: false,
  center: true,
  scale: true,
  mask_zero: false,
};
const isDefault = (k: string, v: unknown) =>
  DEFAULTS[k] === v ||
  ((k === 'strides' || k === 'dilation_rate') && Array.isArray(v) && v.every((d) => d === 1)) ||
  (k === 'activation' && v === 'linear');

function pyValue(v: unknown): string {
  if (v && typeof v === 'object' && !Array.isArray(v) && 'class_name' in v) {
    const o = v as KerasObject;
    if (o.class_name === 'function') return String(o.config);
    if (o.module === 'keras.regularizers') {
      const c = o.config as { l1: number; l2: number };
      return `keras.regularizers.L1L2(l1=${c.l1}, l2=${c.l2})`;
    }
    if (o.module === 'keras.layers') return layerCall(o.class_name, o.config as Record<string, unknown>, false);
    const args = Object.entries((o.config as Record<string, unknown>) ?? {})
      .filter(([, x]) => x !== null)
      .map(([k, x]) => `${k}=${pyValue(x)}`);
    return `keras.initializers.${o.class_name}(${args.join(', ')})`;
  }
  if (Array.isArray(v)) return `(${v.map(pyValue).join(', ')}${v.length === 1 ? ',' : ''})`;
  return pyLiteral(v);
}

/** `layers.Dense(units=10, …, name="out")`: every setting that is not an initializer or empty. */
function layerCall(cls: string, config: Record<string, unknown>, custom: boolean): string {
  const args = Object.entries(config)
    .filter(([k, v]) => !SKIP.has(k) && !k.endsWith('_initializer') && v !== null)
    .filter(([k, v]) => cls === 'Activation' || !isDefault(k, v))
    .map(([k, v]) => `${k}=${pyValue(v)}`);
  if (config.trainable === false) args.push('trainable=False');
  if (config.name) args.push(`name=${pyLiteral(config.name)}`);
  return `${custom ? '' : 'layers.'}${cls}(${args.join(', ')})`;
}

/** model.py: the model as Keras 3 functional code, node ids as layer names, and Deepwire's custom objects. */
export function kerasModelPy(model: KerasModel, projectName: string, version: string): string {
  const vars = pythonNames(model.layers.map((l) => l.id));
  const json = JSON.stringify(model.config);
  const customs = Object.keys(CUSTOM_CODE).filter((k) => json.includes(`"deepwire>${k}"`));
  const lines: string[] = [];
  const layerConfigs = (model.config.config as { layers: { config: Record<string, unknown> }[] }).layers;
  model.layers.forEach((l, i) => {
    const v = vars.get(l.id)!;
    if (l.kind === 'Input') {
      const shape = (l.shape ?? []).slice(1).map((d) => (d === null ? 'None' : String(d)));
      lines.push(
        `${v} = keras.Input(shape=(${shape.join(', ')}${shape.length === 1 ? ',' : ''}), name=${pyLiteral(l.name)})`,
      );
      return;
    }
    const ins = l.inputs.map((s) => vars.get(s)!);
    const call = layerCall(l.layer!.className, layerConfigs[i].config, Boolean(l.layer!.registeredName));
    lines.push(`${v} = ${call}(${ins.length === 1 ? ins[0] : `[${ins.join(', ')}]`})`);
  });
  const cfg = model.config.config as { input_layers: string[][]; output_layers: string[][]; name: string };
  const byName = new Map(model.layers.map((l) => [l.name, vars.get(l.id)!]));
  const ins = cfg.input_layers.map((r) => byName.get(r[0])!);
  const outs = cfg.output_layers.map((r) => byName.get(r[0])!);
  return `"""${projectName.replace(/"""/g, "'''")} — Keras 3 code written by Deepwire ${version}.

    import model                                  # registers Deepwire's custom objects (if any)
    net = keras.saving.load_model("model.keras")  # the architecture and the trained weights
    net = model.build_model()                     # or: the same architecture, freshly initialised

Inputs are float32 and channels-last (NHWC), like Deepwire's data. Layer names are the node ids.
"""
import keras
import numpy as np
from keras import layers, ops
${customs.map((k) => CUSTOM_CODE[k]).join('\n')}

def build_model():
${lines.map((l) => `    ${l}`).join('\n')}
    return keras.Model(inputs=[${ins.join(', ')}], outputs=[${outs.join(', ')}], name=${pyLiteral(cfg.name)})


if __name__ == "__main__":
    net = keras.saving.load_model("model.keras")
    net.summary()
`;
}

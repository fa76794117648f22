import * as tf from '@tensorflow/tfjs';

/**
 * Training never needs the gradient with respect to the model's input (the examples are not
 * weights), and TF.js's tape does not ask for it — except where an op computes all its gradients
 * at once. TF.js's fused Conv2D does (its customGrad returns dx, dW and db together), and Keras
 * layers take the fused path whenever the activation is linear or applied after the layer (tanh,
 * sigmoid, softmax, LeakyReLU): the first Conv2D of LeNet-5 then computes a Conv2DBackpropInput of
 * the whole batch that nobody reads — 15 % of a LeNet-5 step on wasm, 6 % of star-galaxy-small's.
 *
 * `trainWithoutInputGradient` makes the Conv2D and Dense layers fed by a model input compute
 * themselves as TF.js does for a ReLU layer under a gradient: the plain convolution (or matmul),
 * the bias added, then the activation. Those ops' gradients are computed per input, only when
 * asked, so the input's is skipped; the layer's weights, outputs and saved form are unchanged.
 * Layers that are not plain channels-last rank-2 convolutions or Dense on a matrix keep TF.js's
 * own call. Returns the names of the layers it changed.
 */
export function trainWithoutInputGradient(model: tf.LayersModel): string[] {
  const inputs = new Set<tf.layers.Layer>(model.inputLayers);
  const changed: string[] = [];
  for (const layer of model.layers) {
    const fed =
      layer.inboundNodes.length > 0 &&
      layer.inboundNodes.every((node) => node.inboundLayers.every((l) => inputs.has(l)));
    if (!fed || PLAIN.has(layer)) continue;
    const plain = plainCall(layer);
    if (!plain) continue;
    const own = layer.call.bind(layer);
    layer.call = (input, kwargs) => {
      const x = Array.isArray(input) ? (input.length === 1 ? input[0] : null) : input;
      return (x && plain(x)) ?? own(input, kwargs);
    };
    PLAIN.add(layer);
    changed.push(layer.name);
  }
  return changed;
}

const PLAIN = new WeakSet<tf.layers.Layer>();

/** What TF.js's Conv2D and Dense layers hold. */
interface LayerFields {
  kernel?: tf.LayerVariable;
  bias?: tf.LayerVariable | null;
  activation?: { apply(x: tf.Tensor): tf.Tensor };
}

/**
 * The unfused computation of `layer` (null for an input it does not take, such as a Dense layer on
 * a sequence), or null if the layer is not one this applies to.
 */
function plainCall(layer: tf.layers.Layer): ((x: tf.Tensor) => tf.Tensor | null) | null {
  const config = layer.getConfig();
  const own = layer as unknown as LayerFields;
  const { kernel, bias, activation } = own;
  if (!kernel || !activation) return null;
  const finish = (y: tf.Tensor) => activation.apply(bias ? tf.add(y, bias.read()) : y);
  const className = layer.getClassName();
  if (className === 'Conv2D') {
    if ((config.dataFormat ?? 'channelsLast') !== 'channelsLast') return null;
    if (config.padding !== 'same' && config.padding !== 'valid') return null;
    const pad = config.padding;
    const strides = config.strides as [number, number];
    const dilations = config.dilationRate as [number, number];
    return (x) =>
      x.rank !== 4
        ? null
        : tf.tidy(() =>
            finish(tf.conv2d(x as tf.Tensor4D, kernel.read() as tf.Tensor4D, strides, pad, 'NHWC', dilations)),
          );
  }
  if (className === 'Dense') {
    return (x) =>
      x.rank !== 2 ? null : tf.tidy(() => finish(tf.matMul(x as tf.Tensor2D, kernel.read() as tf.Tensor2D)));
  }
  return null;
}

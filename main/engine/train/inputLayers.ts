import * as tf from '@tensorflow/tfjs';
import { reluGradient } from '../kernels/activationGrads';

/**
 * Training never needs the gradient with respect to the model's input (the examples are not
 * weights), and TF.js's tape does not ask for it — except where an op computes all its gradients
 * at once. TF.js's fused Conv2D does (its customGrad returns dx, dW and db together), and Keras
 * layers take the fused path whenever the activation is linear or applied after the layer (tanh,
 * sigmoid, softmax, LeakyReLU): the first Conv2D of LeNet-5 then computes a Conv2DBackpropInput of
 * the whole batch that nobody reads — 15 % of a LeNet-5 step on wasm, 6 % of star-galaxy-small's.
 *
 * `trainWithoutInputGradient` makes the Conv2D and Dense layers fed by a model input compute
 * themselves as one fused op (convolution or matmul, bias, ReLU if the layer has it) whose
 * gradient gives the kernel's and the bias's and no dx; another activation is applied after it.
 * The layer's weights, outputs and saved form are unchanged.
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
  activation?: { apply(x: tf.Tensor): tf.Tensor; getClassName(): string };
}

/**
 * `forward(x, kernel, bias?)` — the backend's fused convolution or matmul kernel, bias and ReLU
 * included (called as kernels, since TF.js's fused ops split off a ReLU under a gradient) — as an
 * op whose gradient is only the kernel's and the bias's: TF.js's fused ops are a customGrad that
 * returns dx, dW and db together, and a plain matmul, bias add and activation cost three kernels
 * where one suffices (the MLP's step was 3.5 % slower unfused than fused with dx).
 * `kernelGradient(x, dz)` gives dW from the gradient at the pre-activation. dx is a zero tensor,
 * which the tape drops: the model's input is never trained — so a model patched by
 * {@link trainWithoutInputGradient} must not be asked for gradients with respect to its input
 * (saliency maps, adversarial examples): those would be zeros.
 */
function noInputGradient(
  forward: (x: tf.Tensor, kernel: tf.Tensor, bias?: tf.Tensor) => tf.Tensor,
  kernelGradient: (x: tf.Tensor, dz: tf.Tensor) => tf.Tensor,
  relu: boolean,
): (x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor | null) => tf.Tensor {
  // Inputs (x, kernel[, bias]) then TF.js's save function; gradients in the same order.
  const op = tf.customGrad(((...args: unknown[]) => {
    const save = args.pop() as tf.GradSaveFunc;
    const [x, kernel, bias] = args as [tf.Tensor, tf.Tensor, tf.Tensor | undefined];
    const y = forward(x, kernel, bias);
    save([x, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, [input, out]: tf.Tensor[]) => {
        const dz = relu ? reluGradient(dy, out) : dy;
        const dW = kernelGradient(input, dz);
        return bias ? [tf.zerosLike(input), dW, tf.sum(dz, [...Array(dz.rank - 1).keys()])] : [tf.zerosLike(input), dW];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return (x, kernel, bias) => (bias ? op(x, kernel, bias) : op(x, kernel));
}

/**
 * The computation of `layer` without its input's gradient (null for an input it does not take,
 * such as a Dense layer on a sequence), or null if the layer is not one this applies to. A ReLU
 * is fused into the op; any other activation is applied after it.
 */
function plainCall(layer: tf.layers.Layer): ((x: tf.Tensor) => tf.Tensor | null) | null {
  const config = layer.getConfig();
  const own = layer as unknown as LayerFields;
  const { kernel, bias, activation } = own;
  if (!kernel || !activation) return null;
  const name = activation.getClassName();
  const relu = name === 'relu';
  const after = (y: tf.Tensor) => (relu || name === 'linear' ? y : activation.apply(y));
  const className = layer.getClassName();
  if (className === 'Conv2D') {
    if ((config.dataFormat ?? 'channelsLast') !== 'channelsLast') return null;
    if (config.padding !== 'same' && config.padding !== 'valid') return null;
    const pad = config.padding;
    const strides = config.strides as [number, number];
    const dilations = config.dilationRate as [number, number];
    const filterShape = kernel.shape as [number, number, number, number];
    const op = noInputGradient(
      (x, filter, b) =>
        tf.engine().runKernel(
          'FusedConv2D',
          { x, filter, ...(b ? { bias: b } : {}) },
          {
            strides,
            pad,
            dataFormat: 'NHWC',
            dilations,
            activation: relu ? 'relu' : 'linear',
            leakyreluAlpha: 0,
          },
        ) as tf.Tensor,
      (x, dz) =>
        tf
          .engine()
          .runKernel(
            'Conv2DBackpropFilter',
            { x, dy: dz },
            { strides, pad, dataFormat: 'NHWC', filterShape, dilations },
          ) as tf.Tensor,
      relu,
    );
    return (x) =>
      x.rank !== 4 || x.dtype !== 'float32'
        ? null
        : tf.tidy(() => after(op(x, kernel.read(), bias ? bias.read() : null)));
  }
  if (className === 'Dense') {
    const op = noInputGradient(
      (x, w, b) =>
        tf.reshape(
          tf
            .engine()
            .runKernel(
              '_FusedMatMul',
              { a: tf.expandDims(x, 0), b: tf.expandDims(w, 0), ...(b ? { bias: b } : {}) },
              { transposeA: false, transposeB: false, activation: relu ? 'relu' : 'linear', leakyreluAlpha: 0 },
            ) as tf.Tensor,
          [x.shape[0], w.shape[1] as number],
        ),
      (x, dz) => tf.matMul(x as tf.Tensor2D, dz as tf.Tensor2D, true, false),
      relu,
    );
    return (x) =>
      x.rank !== 2 || x.dtype !== 'float32'
        ? null
        : tf.tidy(() => after(op(x, kernel.read(), bias ? bias.read() : null)));
  }
  return null;
}

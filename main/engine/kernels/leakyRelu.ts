import * as tf from '@tensorflow/tfjs';
import { type LeakyReluAttrs, type TensorInfo } from '@tensorflow/tfjs';
import {
  type BackendKernel,
  type Builtin,
  callKernel,
  disposeIntermediate,
  floatIO,
  runBuiltin,
  writeTensor,
} from './kernelIO';
import { inMemory, simdActivations } from './simd/simdModules';

type GradConfig = NonNullable<ReturnType<typeof tf.getGradient>>;

/**
 * LeakyReLU on wasm, forward and backward. In TF.js 4.22 wasm's LeakyRelu is a scalar loop (4.6 ms
 * for star-galaxy-small's 32×40×40×16 activation) where its Prelu runs XNNPACK's vectorised one
 * (0.2 ms, the same values), and TF.js's gradient, where(x > 0, dy, α·dy), is three kernels (5 ms)
 * where dy·step(x, α) is two (0.35 ms; bench/activations.bench.ts), and one on cpu and wasm
 * ({@link LEAKY_RELU_GRAD}: WebAssembly SIMD on wasm, a JavaScript loop on cpu).
 */

/** dy · step(x, α) as one kernel: inputs dy and x, attr alpha. */
export const LEAKY_RELU_GRAD = 'DeepwireLeakyReluGrad';

/** {@link LEAKY_RELU_GRAD} on cpu and wasm, the same float32 operations as TF.js's Step then Multiply. */
export const leakyReluGrad: BackendKernel = ({ inputs, backend, attrs }) => {
  const { dy, x } = inputs as { dy: TensorInfo; x: TensorInfo };
  const { alpha } = attrs as unknown as LeakyReluAttrs;
  const size = dy.shape.reduce((p, d) => p * d, 1);
  const { ins, outs, finish } = floatIO(backend, [dy, x], [[...dy.shape]]);
  const simd = simdActivations(backend);
  if (simd && inMemory(simd.memory, [...ins, ...outs])) {
    simd.leaky_relu_grad(ins[0].byteOffset, ins[1].byteOffset, outs[0].byteOffset, size, alpha);
  } else {
    const [D, X] = ins;
    const [O] = outs;
    const slope = Math.fround(alpha);
    for (let i = 0; i < size; i++) O[i] = D[i] * (Number.isNaN(X[i]) ? Number.NaN : X[i] > 0 ? 1 : slope);
  }
  return finish()[0];
};

/** `LeakyRelu` as the backend's `Prelu` with α repeated along the channels (the last axis). */
export function makeLeakyRelu(backendName: string, builtin: Builtin): BackendKernel {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const { x } = inputs as { x: TensorInfo };
    const { alpha } = attrs as unknown as LeakyReluAttrs;
    const channels = x.shape.at(-1) ?? 0;
    if (x.dtype !== 'float32' || channels === 0) return runBuiltin('LeakyRelu', backendName, builtin, args);
    const slope = writeTensor(backend, new Float32Array(channels).fill(alpha), [channels]);
    const y = callKernel('Prelu', backendName, backend, { x, alpha: slope });
    disposeIntermediate(backend, slope);
    return y;
  };
}

/** dL/dx = dy · step(x, α): 1 where x > 0, α elsewhere (at 0 too, as TF.js's where(x > 0, …)). */
const gradient: GradConfig = {
  kernelName: 'LeakyRelu',
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved;
    const { alpha } = attrs as unknown as LeakyReluAttrs;
    return {
      x: () =>
        tf.getKernel(LEAKY_RELU_GRAD, tf.getBackend())
          ? (tf.engine().runKernel(LEAKY_RELU_GRAD, { dy: dy as tf.Tensor, x }, { alpha }) as tf.Tensor)
          : tf.mul(dy as tf.Tensor, tf.step(x, alpha)),
    };
  },
};
let original: GradConfig | undefined;

/** Registers the one- or two-kernel LeakyReLU gradient (global: gradients are not per backend). Safe to call again. */
export function registerLeakyReluGradient(): void {
  const current = tf.getGradient('LeakyRelu');
  if (current === gradient) return;
  original = current;
  tf.registerGradient(gradient);
}

/** Puts TF.js's own LeakyReLU gradient back (if ours is still the registered one). */
export function unregisterLeakyReluGradient(): void {
  if (tf.getGradient('LeakyRelu') !== gradient) return;
  if (original) tf.registerGradient(original);
  else tf.unregisterGradient('LeakyRelu');
  original = undefined;
}

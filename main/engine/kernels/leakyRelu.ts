import * as tf from '@tensorflow/tfjs';
import { type LeakyReluAttrs, type TensorInfo } from '@tensorflow/tfjs';
import { type BackendKernel, type Builtin, callKernel, disposeIntermediate, runBuiltin, writeTensor } from './kernelIO';

type GradConfig = NonNullable<ReturnType<typeof tf.getGradient>>;

/**
 * LeakyReLU on wasm, forward and backward. In TF.js 4.22 wasm's LeakyRelu is a scalar loop (4.6 ms
 * for star-galaxy-small's 32×40×40×16 activation) where its Prelu runs XNNPACK's vectorised one
 * (0.2 ms, the same values), and TF.js's gradient, where(x > 0, dy, α·dy), is three kernels (5 ms)
 * where dy·step(x, α) is two (0.35 ms; bench/activations.bench.ts).
 */

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
    return { x: () => tf.mul(dy as tf.Tensor, tf.step(x, alpha)) };
  },
};
let original: GradConfig | undefined;

/** Registers the two-kernel LeakyReLU gradient (global: gradients are not per backend). Safe to call again. */
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

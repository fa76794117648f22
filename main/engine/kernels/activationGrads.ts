import * as tf from '@tensorflow/tfjs';
import type { GradConfig, TensorInfo } from '@tensorflow/tfjs';
import { floatIO, type KernelArgs } from './kernelIO';
import { inMemory, simdActivations } from './simd/simdModules';

/**
 * ReLU's, tanh's and sigmoid's gradients as one kernel each, in place of TF.js's two to three
 * element-wise kernels and a scalar tensor: dy·step(x), (1 − y²)·dy and dy·(y·(1 − y)), the same
 * float32 operations (y the activation's output, which TF.js saves). On wasm they run as
 * WebAssembly SIMD on the backend's memory (simd/activations.wat; forward and gradient of
 * 32×40×40×8: ReLU 0.44 → 0.29 ms, tanh 0.98 → 0.86, sigmoid 0.81 → 0.67, bench/simd.bench.ts);
 * on cpu as JavaScript loops. The gradients are registered for
 * every backend (gradients are global); where a backend lacks the kernels they run TF.js's ops.
 */
export const RELU_GRAD = 'DeepwireReluGrad';
export const TANH_GRAD = 'DeepwireTanhGrad';
export const SIGMOID_GRAD = 'DeepwireSigmoidGrad';

type Simd = 'relu_grad' | 'tanh_grad' | 'sigmoid_grad';

/** A kernel of (dy, a) → out: SIMD `simd` on wasm's heap, else `each` per element in JavaScript. */
function elementwise(simd: Simd, each: (dy: number, a: number) => number) {
  return (args: KernelArgs): TensorInfo => {
    const { dy, a } = args.inputs as Record<string, TensorInfo>;
    const size = dy.shape.reduce((p, d) => p * d, 1);
    const { ins, outs, finish } = floatIO(args.backend, [dy, a], [[...dy.shape]]);
    const module = simdActivations(args.backend);
    if (module && inMemory(module.memory, [...ins, ...outs])) {
      module[simd](ins[0].byteOffset, ins[1].byteOffset, outs[0].byteOffset, size);
    } else {
      const [D, A] = ins;
      const [O] = outs;
      for (let i = 0; i < size; i++) O[i] = each(D[i], A[i]);
    }
    return finish()[0];
  };
}

const f = Math.fround;
export const reluGrad = elementwise('relu_grad', (dy, x) => f(dy * (Number.isNaN(x) ? Number.NaN : x > 0 ? 1 : 0)));
export const tanhGrad = elementwise('tanh_grad', (dy, y) => f(f(1 - f(y * y)) * dy));
export const sigmoidGrad = elementwise('sigmoid_grad', (dy, y) => f(dy * f(y * f(1 - y))));

/** Runs `kernel` where the backend has it, else TF.js's own ops (`composite`). */
function viaKernel(kernel: string, dy: tf.Tensor, a: tf.Tensor, composite: () => tf.Tensor): tf.Tensor {
  return tf.getKernel(kernel, tf.getBackend()) ? (tf.engine().runKernel(kernel, { dy, a }) as tf.Tensor) : composite();
}

/**
 * ReLU's gradient dy · step(x), from its input x or equally from its output (y > 0 exactly where
 * x > 0): one kernel where the backend has it.
 */
export function reluGradient(dy: tf.Tensor, x: tf.Tensor): tf.Tensor {
  return viaKernel(RELU_GRAD, dy, x, () => tf.mul(dy, tf.cast(tf.step(x), 'float32')));
}

const GRADIENTS: GradConfig[] = [
  {
    kernelName: 'Relu',
    inputsToSave: ['x'],
    gradFunc: (dy, [x]) => ({ x: () => reluGradient(dy as tf.Tensor, x) }),
  },
  {
    kernelName: 'Tanh',
    outputsToSave: [true],
    gradFunc: (dy, [y]) => ({
      x: () => viaKernel(TANH_GRAD, dy as tf.Tensor, y, () => tf.mul(tf.sub(1, tf.square(y)), dy as tf.Tensor)),
    }),
  },
  {
    kernelName: 'Sigmoid',
    outputsToSave: [true],
    gradFunc: (dy, [y]) => ({
      x: () => viaKernel(SIGMOID_GRAD, dy as tf.Tensor, y, () => tf.mul(dy as tf.Tensor, tf.mul(y, tf.sub(1, y)))),
    }),
  },
];
const originals = new Map<string, GradConfig | undefined>();

/** Registers the one-kernel gradients (global: gradients are not per backend). Safe to call again. */
export function registerActivationGradients(): void {
  for (const g of GRADIENTS) {
    const current = tf.getGradient(g.kernelName);
    if (current === g) continue;
    originals.set(g.kernelName, current);
    tf.registerGradient(g);
  }
}

/** Puts TF.js's own gradients back (where ours are still the registered ones). */
export function unregisterActivationGradients(): void {
  for (const g of GRADIENTS) {
    if (tf.getGradient(g.kernelName) !== g) continue;
    const original = originals.get(g.kernelName);
    if (original) tf.registerGradient(original);
    else tf.unregisterGradient(g.kernelName);
    originals.delete(g.kernelName);
  }
}

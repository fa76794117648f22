import { type KernelBackend, type TensorInfo } from '@tensorflow/tfjs';
import { floatIO, type KernelArgs } from './kernelIO';
import { inMemory, simdUpdates } from './simd/simdModules';

/** A kernel with several outputs: the new variable, then its new optimizer state. */
export type UpdateKernel = (args: KernelArgs) => TensorInfo[];

/**
 * One kernel per variable and optimizer step, in place of the ten to fifteen element-wise kernels
 * (and their scalar tensors) TF.js's optimizers run per variable: each reads the variable, its
 * optimizer state and its gradient once and writes the new variable and state in the same pass.
 * The arithmetic is TF.js 4.22's update rule term for term (fusedOptimizers.ts runs them and says
 * where that differs from Keras). On wasm, Adam and RMSprop run as WebAssembly SIMD on the
 * backend's own memory (simd/updates.wat: float32, four lanes at a time, ×5–10 the JavaScript loop);
 * elsewhere the JavaScript loops compute in double precision and store float32.
 */

/** The kernel names, registered on cpu and wasm (register.ts); other backends keep TF.js's optimizers. */
export const ADAM_UPDATE = 'DeepwireAdamUpdate';
export const RMSPROP_UPDATE = 'DeepwireRMSPropUpdate';
export const MOMENTUM_UPDATE = 'DeepwireMomentumUpdate';
export const SGD_UPDATE = 'DeepwireSGDUpdate';

/**
 * Float32 views of the inputs (all of one size) and `count` outputs shaped like the first; see
 * floatIO. Every update kernel writes every element of its outputs.
 */
function prepare(backend: KernelBackend, inputs: TensorInfo[], count: number) {
  const shape = [...inputs[0].shape];
  const size = shape.reduce((p, d) => p * d, 1);
  for (const t of inputs) {
    if (t.shape.reduce((p, d) => p * d, 1) !== size) {
      throw new Error(`An optimizer update got tensors of shapes ${inputs.map((i) => `[${i.shape}]`).join(', ')}.`);
    }
  }
  const { ins, outs, finish } = floatIO(
    backend,
    inputs,
    Array.from({ length: count }, () => shape),
  );
  return { size, ins, outViews: outs, finish };
}

type Attrs = Record<string, number | boolean>;
const attrsOf = (args: KernelArgs) => (args.attrs ?? {}) as unknown as Attrs;

/**
 * Adam as TF.js runs it: m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
 * w ← w − lr · (m / c₁) / (√(v / c₂) + ε) with cₖ = 1 − βₖᵗ (attrs `correction1`, `correction2`).
 * Outputs: w, m, v.
 */
export const adamUpdate: UpdateKernel = (args) => {
  const { value, m, v, gradient } = args.inputs as Record<string, TensorInfo>;
  const a = attrsOf(args);
  const [lr, b1, b2, eps, c1, c2] = [
    a.learningRate,
    a.beta1,
    a.beta2,
    a.epsilon,
    a.correction1,
    a.correction2,
  ] as number[];
  const { size, ins, outViews, finish } = prepare(args.backend, [value, m, v, gradient], 3);
  const simd = simdUpdates(args.backend);
  const views = [...ins, ...outViews];
  if (simd && inMemory(simd.memory, views)) {
    simd.adam(...views.map((a) => a.byteOffset), size, b1, 1 - b1, b2, 1 - b2, lr / c1, 1 / c2, eps);
    return finish();
  }
  const [W, M, V, G] = ins;
  const [W2, M2, V2] = outViews;
  for (let i = 0; i < size; i++) {
    const g = G[i];
    const mi = (M2[i] = b1 * M[i] + (1 - b1) * g);
    const vi = (V2[i] = b2 * V[i] + (1 - b2) * g * g);
    W2[i] = W[i] - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
  }
  return finish();
};

/**
 * RMSprop (not centred) as TF.js runs it: s ← ρs + (1−ρ)g²; μ ← momentum·μ + lr·g / √(s + ε);
 * w ← w − μ. Outputs: w, s, μ.
 */
export const rmspropUpdate: UpdateKernel = (args) => {
  const { value, meanSquare, moment, gradient } = args.inputs as Record<string, TensorInfo>;
  const a = attrsOf(args);
  const [lr, rho, momentum, eps] = [a.learningRate, a.rho, a.momentum, a.epsilon] as number[];
  const { size, ins, outViews, finish } = prepare(args.backend, [value, meanSquare, moment, gradient], 3);
  const simd = simdUpdates(args.backend);
  const views = [...ins, ...outViews];
  if (simd && inMemory(simd.memory, views)) {
    simd.rmsprop(...views.map((a) => a.byteOffset), size, rho, 1 - rho, momentum, lr, eps);
    return finish();
  }
  const [W, S, U, G] = ins;
  const [W2, S2, U2] = outViews;
  for (let i = 0; i < size; i++) {
    const g = G[i];
    const s = (S2[i] = rho * S[i] + (1 - rho) * g * g);
    const u = (U2[i] = momentum * U[i] + (lr * g) / Math.sqrt(s + eps));
    W2[i] = W[i] - u;
  }
  return finish();
};

/**
 * SGD with momentum as TF.js runs it: a ← m·a + g; w ← w − lr·a, or with Nesterov
 * w ← w − lr·(g + m·a). Outputs: w, a.
 */
export const momentumUpdate: UpdateKernel = (args) => {
  const { value, accumulation, gradient } = args.inputs as Record<string, TensorInfo>;
  const a = attrsOf(args);
  const [lr, m] = [a.learningRate, a.momentum] as number[];
  const nesterov = a.nesterov === true;
  const { size, ins, outViews, finish } = prepare(args.backend, [value, accumulation, gradient], 2);
  const [W, A, G] = ins;
  const [W2, A2] = outViews;
  for (let i = 0; i < size; i++) {
    const g = G[i];
    const acc = (A2[i] = m * A[i] + g);
    W2[i] = W[i] - lr * (nesterov ? g + m * acc : acc);
  }
  return finish();
};

/** Plain SGD: w ← w − lr·g. Output: w. */
export const sgdUpdate: UpdateKernel = (args) => {
  const { value, gradient } = args.inputs as Record<string, TensorInfo>;
  const lr = attrsOf(args).learningRate as number;
  const { size, ins, outViews, finish } = prepare(args.backend, [value, gradient], 1);
  const [W, G] = ins;
  const [W2] = outViews;
  for (let i = 0; i < size; i++) W2[i] = W[i] - lr * G[i];
  return finish();
};

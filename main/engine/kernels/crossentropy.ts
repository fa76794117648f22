import * as tf from '@tensorflow/tfjs';
import type { GradConfig, TensorInfo } from '@tensorflow/tfjs';
import { floatIO, type KernelArgs } from './kernelIO';

/**
 * Keras's categorical cross-entropy on probabilities as two kernels — the per-example loss, and its
 * gradient with respect to the probabilities — in place of the ~40 small kernels (forward and
 * backward) TF.js runs for the composite of losses.ts: each costs more in dispatch than a batch of
 * 32 rows of 10 classes costs in arithmetic (issue 12: 0.3 ms of an MLP step on wasm).
 *
 * Per row i with S = Σⱼ pᵢⱼ, qᵢⱼ = clip(pᵢⱼ / S, ε, 1 − ε) (Keras rescales rows to sum to 1 and clips
 * with its epsilon 1e-7): lossᵢ = −Σⱼ tᵢⱼ log qᵢⱼ. The gradient is the composite's term for term:
 * with gᵢⱼ = −tᵢⱼ / qᵢⱼ where pᵢⱼ / S lies inside the clip range (0 outside, as clip's gradient),
 * ∂lossᵢ/∂pᵢₖ = gᵢₖ / S − (Σⱼ gᵢⱼ pᵢⱼ) / S². Targets are one-hot (or any distribution) rows, or
 * with `sparse` class indices, one per row. A NaN probability gives a NaN loss (the trainer stops on it).
 */
export const CROSSENTROPY = 'DeepwireCrossentropy';
export const CROSSENTROPY_GRAD = 'DeepwireCrossentropyGrad';

/** Keras's backend epsilon. */
export const CROSSENTROPY_EPSILON = 1e-7;

interface Attrs {
  sparse: boolean;
}

/** Rows, classes, and the target of row i class j (one-hot from the index when sparse). */
function shapeOf(probs: TensorInfo, targets: TensorInfo, sparse: boolean) {
  if (probs.shape.length !== 2)
    throw new Error(`Cross-entropy takes [batch, classes] probabilities, got [${probs.shape}].`);
  const [rows, classes] = probs.shape;
  const want = sparse ? rows : rows * classes;
  const got = targets.shape.reduce((p, d) => p * d, 1);
  if (got !== want) {
    throw new Error(
      `Cross-entropy: ${rows} rows of ${classes} classes need ${sparse ? `${rows} class indices` : `${rows}×${classes} targets`}, got [${targets.shape}].`,
    );
  }
  return { rows, classes };
}

/** Σⱼ P[at + j] over one row of `classes` values. */
function rowSum(P: Float32Array, at: number, classes: number): number {
  let sum = 0;
  for (let j = 0; j < classes; j++) sum += P[at + j];
  return sum;
}

const clip = (q: number) =>
  q < CROSSENTROPY_EPSILON ? CROSSENTROPY_EPSILON : q > 1 - CROSSENTROPY_EPSILON ? 1 - CROSSENTROPY_EPSILON : q;
const inRange = (q: number) => q >= CROSSENTROPY_EPSILON && q <= 1 - CROSSENTROPY_EPSILON;

/** Per-example loss, shape [rows]. */
export function crossentropy(args: KernelArgs): TensorInfo {
  const { probs, targets } = args.inputs as Record<string, TensorInfo>;
  const { sparse } = args.attrs as unknown as Attrs;
  const { rows, classes } = shapeOf(probs, targets, sparse);
  const { ins, outs, finish } = floatIO(args.backend, [probs, targets], [[rows]]);
  const [P, T] = ins;
  const [L] = outs;
  for (let i = 0; i < rows; i++) {
    const at = i * classes;
    const sum = rowSum(P, at, classes);
    let loss = 0;
    if (sparse) {
      const label = T[i];
      for (let j = 0; j < classes; j++) if (j === label) loss -= Math.log(clip(P[at + j] / sum));
      // A label outside 0..classes−1 matches no class, as the one-hot of TF.js's composite (loss 0);
      // a NaN probability anywhere in the row still makes the loss NaN through the sum.
      if (Number.isNaN(sum)) loss = Number.NaN;
    } else {
      for (let j = 0; j < classes; j++) {
        const t = T[at + j];
        const q = clip(P[at + j] / sum);
        loss -= t === 0 && !Number.isNaN(q) ? 0 : t * Math.log(q);
      }
    }
    L[i] = loss;
  }
  return finish()[0];
}

/** ∂(Σᵢ dyᵢ lossᵢ)/∂p, shape [rows, classes]. */
export function crossentropyGrad(args: KernelArgs): TensorInfo {
  const { dy, probs, targets } = args.inputs as Record<string, TensorInfo>;
  const { sparse } = args.attrs as unknown as Attrs;
  const { rows, classes } = shapeOf(probs, targets, sparse);
  const { ins, outs, finish } = floatIO(args.backend, [dy, probs, targets], [[rows, classes]]);
  const [DY, P, T] = ins;
  const [G] = outs;
  for (let i = 0; i < rows; i++) {
    const at = i * classes;
    const sum = rowSum(P, at, classes);
    // g = −t/q inside the clip range; G first holds g, then the gradient.
    let gp = 0;
    for (let j = 0; j < classes; j++) {
      const t = sparse ? (j === T[i] ? 1 : 0) : T[at + j];
      const q = P[at + j] / sum;
      const g = inRange(q) && t !== 0 ? -t / q : 0;
      G[at + j] = g;
      gp += g * P[at + j];
    }
    const d = DY[i];
    const s2 = sum * sum;
    for (let j = 0; j < classes; j++) G[at + j] = d * (G[at + j] / sum - gp / s2);
  }
  return finish()[0];
}

/** The gradient of CROSSENTROPY: the probabilities' by CROSSENTROPY_GRAD, dense targets' as −log q. */
const gradient: GradConfig = {
  kernelName: CROSSENTROPY,
  inputsToSave: ['probs', 'targets'],
  gradFunc: (dy, saved, attrs) => {
    const [probs, targets] = saved;
    const { sparse } = attrs as unknown as Attrs;
    return {
      probs: () =>
        tf.engine().runKernel(CROSSENTROPY_GRAD, { dy: dy as tf.Tensor, probs, targets }, { sparse }) as tf.Tensor,
      targets: () =>
        sparse
          ? tf.zerosLike(targets)
          : tf.tidy(() => {
              const q = tf.clipByValue(
                tf.div(probs, tf.sum(probs, -1, true)),
                CROSSENTROPY_EPSILON,
                1 - CROSSENTROPY_EPSILON,
              );
              return tf.mul(tf.neg(tf.log(q)), tf.reshape(dy as tf.Tensor, [-1, 1]));
            }),
    };
  },
};

/** Registers CROSSENTROPY's gradient (gradients are global, not per backend). Safe to call again. */
export function registerCrossentropyGradient(): void {
  if (tf.getGradient(CROSSENTROPY) !== gradient) tf.registerGradient(gradient);
}

/**
 * Per-example cross-entropy through the fused kernel, or null where the backend has none (the
 * caller then runs the composite): `targets` one-hot rows, or class indices when `sparse`.
 */
export function fusedCrossentropy(targets: tf.Tensor, probs: tf.Tensor, sparse: boolean): tf.Tensor | null {
  if (probs.rank !== 2 || !tf.getKernel(CROSSENTROPY, tf.getBackend())) return null;
  const t = sparse ? tf.reshape(targets, [-1]) : targets;
  return tf.engine().runKernel(CROSSENTROPY, { probs, targets: t }, { sparse }) as tf.Tensor;
}

/**
 * Accuracy per example (1 or 0) in one kernel, in place of TF.js's reshape, casts, argmax and
 * equal: `mode` 'sparse' compares class indices with the argmax of each row, 'onehot' the argmax
 * of the target row with that of the prediction, 'threshold' each value's side of `threshold`
 * (the first index wins ties and a NaN never wins, as TF.js's ArgMax). No gradient: a metric is never differentiated.
 */
export const ACCURACY = 'DeepwireAccuracy';

export function accuracy(args: KernelArgs): TensorInfo {
  const { targets, preds } = args.inputs as Record<string, TensorInfo>;
  const { mode, threshold } = args.attrs as unknown as { mode: 'sparse' | 'onehot' | 'threshold'; threshold: number };
  const rows = preds.shape[0];
  const width = preds.shape.slice(1).reduce((p, d) => p * d, 1);
  const { ins, outs, finish } = floatIO(args.backend, [targets, preds], [[mode === 'threshold' ? rows * width : rows]]);
  const [T, P] = ins;
  const [A] = outs;
  const argmax = (v: Float32Array, at: number) => {
    let best = at;
    for (let j = at + 1; j < at + width; j++) if (v[j] > v[best]) best = j;
    return best - at;
  };
  if (mode === 'threshold') {
    for (let i = 0; i < rows * width; i++) A[i] = T[i] > threshold === P[i] > threshold ? 1 : 0;
  } else {
    for (let i = 0; i < rows; i++) {
      const predicted = argmax(P, i * width);
      A[i] = (mode === 'sparse' ? Math.trunc(T[i]) : argmax(T, i * width)) === predicted ? 1 : 0;
    }
  }
  return finish()[0];
}

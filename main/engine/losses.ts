import * as tf from '@tensorflow/tfjs';
import type { Loss } from '../../shared/training/options';
import { fusedCrossentropy } from './kernels/crossentropy';

/** A loss as Keras defines it: per-example values (mean over the last axis), shape [batch]. */
export type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

// Keras's backend epsilon: keeps logs finite when a probability reaches 0 or 1.
const EPS = 1e-7;
const LN2 = Math.log(2);

const meanLast = (t: tf.Tensor) => tf.mean(t, -1);
const clipProb = (p: tf.Tensor) => tf.clipByValue(p, EPS, 1 - EPS);

function categoricalCrossentropy(t: tf.Tensor, p: tf.Tensor): tf.Tensor {
  return fusedCrossentropy(t, p, false) ?? composedCrossentropy(t, p);
}

/** The cross-entropy in TF.js ops, where the backend has no fused kernel (kernels/crossentropy.ts). */
function composedCrossentropy(t: tf.Tensor, p: tf.Tensor): tf.Tensor {
  // Keras rescales so each row sums to 1 before the log (softmax outputs already do).
  const q = clipProb(tf.div(p, tf.sum(p, -1, true)));
  return tf.neg(tf.sum(tf.mul(t, tf.log(q)), -1));
}

/**
 * Every loss in LOSSES as a differentiable function. Labels arrive encoded by `encodeLabels`:
 * one-hot or 0/1 for cross-entropies, class indices ([batch, 1]) for the sparse one, −1/+1 for
 * hinge, squaredHinge, exponential and logistic.
 */
export const LOSS_FUNCTIONS: Record<Loss, LossFn> = {
  meanSquaredError: (t, p) => meanLast(tf.square(tf.sub(p, t))),
  meanAbsoluteError: (t, p) => meanLast(tf.abs(tf.sub(p, t))),
  huber: (t, p) => {
    // delta = 1 (Keras's default): quadratic within 1, linear beyond.
    const err = tf.abs(tf.sub(p, t));
    const quad = tf.minimum(err, 1);
    return meanLast(tf.add(tf.mul(0.5, tf.square(quad)), tf.sub(err, quad)));
  },
  logcosh: (t, p) => {
    // log(cosh(x)) = x + softplus(−2x) − log 2, which stays finite for large |x|.
    const x = tf.sub(p, t);
    return meanLast(tf.sub(tf.add(x, tf.softplus(tf.mul(-2, x))), LN2));
  },
  binaryCrossentropy: (t, p) => {
    const q = clipProb(p);
    return meanLast(tf.neg(tf.add(tf.mul(t, tf.log(q)), tf.mul(tf.sub(1, t), tf.log(tf.sub(1, q))))));
  },
  categoricalCrossentropy,
  sparseCategoricalCrossentropy: (t, p) => {
    const fused = fusedCrossentropy(t, p, true);
    if (fused) return fused;
    const classes = p.shape[p.shape.length - 1] as number;
    const idx = tf.cast(tf.reshape(t, [-1]), 'int32');
    return composedCrossentropy(tf.oneHot(idx, classes), p);
  },
  hinge: (t, p) => meanLast(tf.relu(tf.sub(1, tf.mul(t, p)))),
  squaredHinge: (t, p) => meanLast(tf.square(tf.relu(tf.sub(1, tf.mul(t, p))))),
  kld: (t, p) => {
    const tc = clipProb(t);
    return tf.sum(tf.mul(tc, tf.log(tf.div(tc, clipProb(p)))), -1);
  },
  // The lecture's margin losses on ŷ·y with y = ±1.
  exponential: (t, p) => meanLast(tf.exp(tf.neg(tf.mul(t, p)))),
  logistic: (t, p) => meanLast(tf.div(tf.softplus(tf.neg(tf.mul(t, p))), LN2)),
};

/**
 * A batch as rows [batch, values]: images and sequences (a reconstruction's targets) become one
 * row per example, so a per-example loss averages over all of an example's values.
 */
export function asRows(t: tf.Tensor): tf.Tensor {
  return t.rank > 2 ? tf.reshape(t, [t.shape[0], -1]) : t;
}

/** Per-example loss values, shape [batch], for outputs of any rank (see {@link asRows}). */
export function exampleLoss(loss: Loss, yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return LOSS_FUNCTIONS[loss](asRows(yTrue), asRows(yPred));
}

/** The mean loss of a batch as a scalar. */
export function batchLoss(loss: Loss, yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.mean(exampleLoss(loss, yTrue, yPred)) as tf.Scalar;
}

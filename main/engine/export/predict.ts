import * as tf from '@tensorflow/tfjs';
import { applyScaling, type InputScaling } from '../data/normalise';
import { unscaleValues } from '../train/prepareData';
import { ExportError } from './exportError';

/** Examples per predict call: big enough to be quick, small enough for big images. */
const PREDICT_BATCH = 64;

/**
 * The model's raw outputs for a batch (channels-last input [n, ...inputShape]), predicted in
 * chunks so a large input file does not need one huge tensor.
 */
export function predictRaw(
  model: tf.LayersModel,
  input: { shape: number[]; values: Float32Array },
): { shape: number[]; values: Float32Array } {
  const n = input.shape[0];
  const per = input.values.length / Math.max(1, n);
  const parts: Float32Array[] = [];
  let outShape: number[] = [n];
  for (let s = 0; s < n; s += PREDICT_BATCH) {
    const size = Math.min(PREDICT_BATCH, n - s);
    tf.tidy(() => {
      const x = tf.tensor(input.values.subarray(s * per, (s + size) * per), [size, ...input.shape.slice(1)]);
      const y = model.predict(x) as tf.Tensor;
      outShape = [n, ...y.shape.slice(1)];
      parts.push(y.dataSync() as Float32Array);
    });
  }
  const values = new Float32Array(parts.reduce((t, p) => t + p.length, 0));
  let o = 0;
  for (const p of parts) {
    values.set(p, o);
    o += p.length;
  }
  return { shape: outShape, values };
}

/** Outputs as the app shows them: regression targets back in their own units. */
export function toRealUnits(
  output: { shape: number[]; values: Float32Array },
  targetScaler?: { mean: number[]; std: number[] },
): { shape: number[]; values: Float32Array } {
  if (!targetScaler) return output;
  return { shape: output.shape, values: Float32Array.from(unscaleValues(output.values, targetScaler)) };
}

/**
 * Checks an input array against the network's Input shape (channels-last) and returns it with a
 * batch dimension: one example without it is accepted. A channels-first array is named as such.
 */
export function fitInput(
  input: { shape: number[]; values: Float32Array },
  inputShape: (number | null)[],
  inputName: string,
): { shape: number[]; values: Float32Array } {
  const want = inputShape.slice(1);
  const fits = (s: number[]) => s.length === want.length && s.every((d, i) => want[i] === null || want[i] === d);
  if (fits(input.shape.slice(1))) return input;
  if (fits(input.shape)) return { shape: [1, ...input.shape], values: input.values };
  const show = (s: (number | null)[]) => `(${s.map((d) => d ?? 'any').join(', ')})`;
  const [n, ...rest] = input.shape;
  const channelsFirst =
    rest.length === want.length && rest.length >= 2 && fits([n, ...rest.slice(1), rest[0]].slice(1));
  throw new ExportError(
    `The input has shape ${show(input.shape)}, but the network's Input "${inputName}" takes (examples, ${want.map((d) => d ?? 'any').join(', ')}).`,
    channelsFirst
      ? 'It looks channels-first: Deepwire is channels-last. Save numpy.moveaxis(x, 1, -1) instead.'
      : `Save an array of shape (examples, ${want.map((d) => d ?? 'any').join(', ')}), channels last.`,
  );
}

/**
 * Raw inputs standardised as the run's were for training (a run on the user's own file saves how:
 * input-scaling.json), so `predict` takes the data as the user has it. A copy; missing values
 * become the training mean, as in training.
 */
export function scaleInputs(
  input: { shape: number[]; values: Float32Array },
  scaling: InputScaling | undefined,
): { shape: number[]; values: Float32Array } {
  if (!scaling || scaling.kind === 'none') return input;
  const values = Float32Array.from(input.values);
  applyScaling(values, values.length / Math.max(1, input.shape[0]), scaling);
  return { shape: input.shape, values };
}

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackends } from '../../kernels/kernelTestHarness';
import { trainWithoutInputGradient } from '../inputLayers';

/** Input 10×10×2 → Conv2D(4, 3×3, activation) → Conv2D(3, 3×3, same) → Flatten → Dense(3, softmax). */
function convNet(activation: 'tanh' | 'relu'): tf.LayersModel {
  const input = tf.input({ shape: [10, 10, 2] });
  let y = tf.layers.conv2d({ filters: 4, kernelSize: 3, activation, name: 'c1', seed: 1 } as never).apply(input);
  y = tf.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', strides: 2, name: 'c2' }).apply(y);
  y = tf.layers.flatten().apply(y);
  y = tf.layers.dense({ units: 3, activation: 'softmax', name: 'out' }).apply(y);
  return tf.model({ inputs: input, outputs: y as tf.SymbolicTensor });
}

/** Two inputs: a matrix into Dense(4, activation), a sequence into Dense(2) (left to TF.js), concatenated. */
function denseNet(activation: 'tanh' | 'relu' = 'tanh'): tf.LayersModel {
  const a = tf.input({ shape: [5] });
  const b = tf.input({ shape: [3, 5] });
  const da = tf.layers.dense({ units: 4, activation, name: 'da' }).apply(a) as tf.SymbolicTensor;
  const db = tf.layers.dense({ units: 4, name: 'db' }).apply(b) as tf.SymbolicTensor;
  const flat = tf.layers.flatten().apply(db) as tf.SymbolicTensor;
  const y = tf.layers.concatenate().apply([da, flat]) as tf.SymbolicTensor;
  return tf.model({
    inputs: [a, b],
    outputs: tf.layers.dense({ units: 1, name: 'out' }).apply(y) as tf.SymbolicTensor,
  });
}

function twin(make: () => tf.LayersModel): [tf.LayersModel, tf.LayersModel] {
  const [m1, m2] = [make(), make()];
  m2.setWeights(m1.getWeights());
  return [m1, m2];
}

/** Gradients of a squared-output loss with respect to every trainable weight, in order. */
function gradients(model: tf.LayersModel, xs: tf.Tensor[]): Float32Array[] {
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { grads, value } = tf.variableGrads(
    () => tf.mean(tf.square(model.apply(xs, { training: true }) as tf.Tensor)) as tf.Scalar,
    vars,
  );
  const out = vars.map((v) => grads[v.name].dataSync() as Float32Array);
  tf.dispose([value, ...Object.values(grads)]);
  return out;
}

const kernelCalls = async (f: () => void, name: string) =>
  (await tf.profile(f)).kernels.filter((k) => k.name === name).length;

describe('the layers fed by a model input skip the input gradient', () => {
  beforeAll(initBackends);

  it.each(
    ['wasm', 'cpu'].flatMap((backend) => (['tanh', 'relu'] as const).map((activation) => ({ backend, activation }))),
  )(
    'a Conv2D first layer ($activation): same outputs and gradients, one input gradient fewer ($backend)',
    async ({ backend, activation }) => {
      await tf.setBackend(backend);
      const [fused, plain] = twin(() => convNet(activation));
      expect(trainWithoutInputGradient(plain)).toEqual(['c1']);
      expect(trainWithoutInputGradient(plain)).toEqual([]); // once per layer
      const x = tf.randomUniform([6, 10, 10, 2], -1, 1, 'float32', 3);
      const before = tf.memory().numTensors;
      const want = gradients(fused, [x]);
      const got = gradients(plain, [x]);
      expect(tf.memory().numTensors).toBe(before);
      got.forEach((g, i) => g.forEach((v, j) => expect(v).toBeCloseTo(want[i][j], 6)));
      const [yf, yp] = [fused.predict(x) as tf.Tensor, plain.predict(x) as tf.Tensor];
      Array.from(yp.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(yf.dataSync()[i], 6));
      // TF.js's fused first layer computes a gradient for the examples; Deepwire's does not.
      // (With ReLU, TF.js computes the layer unfused under a gradient, so it skips dx too.)
      expect(await kernelCalls(() => gradients(fused, [x]), 'Conv2DBackpropInput')).toBe(activation === 'relu' ? 1 : 2);
      expect(await kernelCalls(() => gradients(plain, [x]), 'Conv2DBackpropInput')).toBe(1);
      // The bias and a ReLU run inside the convolution kernel.
      expect(await kernelCalls(() => gradients(plain, [x]), 'Relu')).toBe(0);
      expect(await kernelCalls(() => gradients(plain, [x]), 'FusedConv2D')).toBe(2); // c1 and c2
      tf.dispose([x, yf, yp]);
      await tf.setBackend('wasm');
    },
  );

  it('a Dense first layer on a matrix, and one on a sequence left as it was', async () => {
    const [fused, plain] = twin(denseNet);
    expect(trainWithoutInputGradient(plain).sort()).toEqual(['da', 'db']);
    const xs = [tf.randomUniform([4, 5], -1, 1, 'float32', 4), tf.randomUniform([4, 3, 5], -1, 1, 'float32', 5)];
    const want = gradients(fused, xs);
    gradients(plain, xs).forEach((g, i) => g.forEach((v, j) => expect(v).toBeCloseTo(want[i][j], 6)));
    // Three products forward, and TF.js computes both gradient products of each of the three
    // layers (none has a fusable activation); da's input gradient is skipped now, db (on a
    // sequence) keeps TF.js's call.
    const calls = async (m: tf.LayersModel) =>
      (await kernelCalls(() => gradients(m, xs), 'BatchMatMul')) +
      (await kernelCalls(() => gradients(m, xs), '_FusedMatMul'));
    expect(await calls(fused)).toBe(9);
    expect(await calls(plain)).toBe(8);
    tf.dispose(xs);
  });

  it('a Dense first layer with ReLU, fused into the product: same outputs and gradients', () => {
    const [fused, plain] = twin(() => denseNet('relu'));
    trainWithoutInputGradient(plain);
    const xs = [tf.randomUniform([6, 5], -1, 1, 'float32', 6), tf.randomUniform([6, 3, 5], -1, 1, 'float32', 7)];
    const want = gradients(fused, xs);
    gradients(plain, xs).forEach((g, i) => g.forEach((v, j) => expect(v).toBeCloseTo(want[i][j], 6)));
    const [yf, yp] = [fused.predict(xs) as tf.Tensor, plain.predict(xs) as tf.Tensor];
    Array.from(yp.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(yf.dataSync()[i], 6));
    tf.dispose([...xs, yf, yp]);
  });

  it('leaves a first layer fed integers to TF.js’s own call (the fused kernels take float32)', () => {
    const make = () => {
      const input = tf.input({ shape: [3], dtype: 'int32' });
      const y = tf.layers.dense({ units: 2, activation: 'relu', name: 'di' }).apply(input) as tf.SymbolicTensor;
      return tf.model({ inputs: input, outputs: y });
    };
    const [own, plain] = twin(make);
    trainWithoutInputGradient(plain);
    const x = tf.tensor2d([[1, 2, 3]], [1, 3], 'int32');
    const [a, b] = [own.predict(x) as tf.Tensor, plain.predict(x) as tf.Tensor];
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, a, b]);
  });
});

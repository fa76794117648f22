import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../compile';
import { initBackends, randomValues } from './kernelTestHarness';

/** 12×12 images of a vertical (class 0) or horizontal (class 1) bar at a random place, plus noise. */
function bars(count: number): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  const noise = randomValues(count * 144, 21);
  const where = randomValues(count, 22);
  const pixels = new Float32Array(count * 144);
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const horizontal = i % 2;
    const at = 2 + Math.floor((where[i] + 1) * 4);
    for (let r = 0; r < 12; r++) {
      for (let c = 0; c < 12; c++)
        pixels[i * 144 + r * 12 + c] = 0.2 * noise[i * 144 + r * 12 + c] + ((horizontal ? r : c) === at ? 1 : 0);
    }
    labels.push(horizontal);
  }
  return { xs: tf.tensor4d(pixels, [count, 12, 12, 1]), ys: tf.oneHot(labels, 2).toFloat() as tf.Tensor2D };
}

/** Sequences of 6 token ids in [0, 20); the label says whether token 7 occurs. */
function tokens(count: number): { xs: tf.Tensor2D; ys: tf.Tensor2D } {
  const r = randomValues(count * 6, 23);
  const ids = Array.from(r, (v) => Math.floor((v + 1) * 10));
  for (let i = 0; i < count; i += 2) ids[i * 6 + (i % 6)] = 7;
  const labels = Array.from({ length: count }, (_, i) => (ids.slice(i * 6, i * 6 + 6).includes(7) ? 1 : 0));
  return { xs: tf.tensor2d(ids, [count, 6]), ys: tf.tensor2d(labels, [count, 1]) };
}

async function lossBeforeAndAfter(model: tf.LayersModel, xs: tf.Tensor, ys: tf.Tensor, epochs: number) {
  const first = (model.evaluate(xs, ys) as tf.Scalar).dataSync()[0];
  await model.fit(xs, ys, { epochs, batchSize: 16, shuffle: false, verbose: 0 });
  const last = (model.evaluate(xs, ys) as tf.Scalar).dataSync()[0];
  return { first, last };
}

describe.each(['wasm', 'cpu'])('models train on %s', (backendName) => {
  beforeAll(async () => {
    await initBackends();
    await tf.setBackend(backendName);
  });

  it('a small CNN (Conv2D → MaxPooling2D → Dense): loss falls', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [12, 12, 1],
          filters: 4,
          kernelSize: 3,
          activation: 'relu',
          kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
        }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({
          units: 2,
          activation: 'softmax',
          kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
        }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
    const { xs, ys } = bars(64);
    const { first, last } = await lossBeforeAndAfter(model, xs, ys, 8);
    expect(last).toBeLessThan(first * 0.5);
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('a dilated CNN (Conv2D dilationRate 2 → DepthwiseConv2D dilationRate 2 → Dense), compiled from a graph: loss falls', async () => {
    const layers: [string, Record<string, unknown>][] = [
      ['Conv2D', { filters: 4, kernelSize: 3, dilationRate: 2 }],
      ['DepthwiseConv2D', { kernelSize: 3, dilationRate: 2, depthMultiplier: 2, activation: 'relu' }],
      ['MaxPooling2D', { poolSize: 2 }],
      ['Flatten', {}],
      ['Dense', { units: 2, activation: 'softmax' }],
    ];
    const nodes = [
      { id: 'in', kind: 'Input', params: { shape: [12, 12, 1] } },
      ...layers.map(([kind, params], i) => ({ id: `n${i}`, kind, params })),
    ];
    const edges = layers.map((_, i) => ({ source: i === 0 ? 'in' : `n${i - 1}`, target: `n${i}` }));
    const { model } = compileGraph({ nodes, edges }, { seed: 5 });
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
    const { xs, ys } = bars(64);
    const { first, last } = await lossBeforeAndAfter(model, xs, ys, 8);
    expect(last).toBeLessThan(first * 0.5);
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('an Embedding model: loss falls', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.embedding({
          inputDim: 20,
          outputDim: 4,
          inputLength: 6,
          embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: 3 }),
        }),
        tf.layers.flatten(),
        tf.layers.dense({
          units: 1,
          activation: 'sigmoid',
          kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }),
        }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(0.05), loss: 'binaryCrossentropy' });
    const { xs, ys } = tokens(64);
    const { first, last } = await lossBeforeAndAfter(model, xs, ys, 15);
    expect(last).toBeLessThan(first * 0.7);
    tf.dispose([xs, ys]);
    model.dispose();
  });
});

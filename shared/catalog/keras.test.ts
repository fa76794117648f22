/**
 * Weight counts Keras's model.summary() prints for the same layers (tf.keras 2). If one of these
 * fails, Deepwire disagrees with Keras, which DESIGN.md says must never happen.
 */
import { describe, expect, it } from 'vitest';
import { run, sequential } from './testKit';
import type { Params } from './types';

const conv = (filters: number): [string, Params] => [
  'Conv2D',
  { filters, kernelSize: 3, padding: 'same', activation: 'relu' },
];
const pool: [string, Params] = ['MaxPooling2D', {}];

describe('Keras reference counts', () => {
  it('MLP 784 → Dense 128 relu → Dense 10 softmax = 101,770', () => {
    const m = sequential(
      [null, 784],
      [
        ['Dense', { units: 128, activation: 'relu' }],
        ['Dense', { units: 10, activation: 'softmax' }],
      ],
    );
    expect(m.output).toEqual([null, 10]);
    expect(m.total).toBe(101_770);
    expect(m.macs).toBe(784 * 128 + 128 * 10);
  });

  it('VGG16 on 224×224×3 with 1000 classes = 138,357,544', () => {
    const m = sequential(
      [null, 224, 224, 3],
      [
        conv(64),
        conv(64),
        pool,
        conv(128),
        conv(128),
        pool,
        conv(256),
        conv(256),
        conv(256),
        pool,
        conv(512),
        conv(512),
        conv(512),
        pool,
        conv(512),
        conv(512),
        conv(512),
        pool,
        ['Flatten'],
        ['Dense', { units: 4096, activation: 'relu' }],
        ['Dense', { units: 4096, activation: 'relu' }],
        ['Dense', { units: 1000, activation: 'softmax' }],
      ],
    );
    expect(m.output).toEqual([null, 1000]);
    expect(m.total).toBe(138_357_544);
    expect(m.nonTrainable).toBe(0);
    // VGG16 is usually quoted at ~15.5 G multiply-accumulates per image.
    expect(m.macs).toBeGreaterThan(15.3e9);
    expect(m.macs).toBeLessThan(15.6e9);
  });

  it.each([
    ['BatchNormalization over 64 channels', 'BatchNormalization', {}, [null, 32, 32, 64], 128, 128],
    ['LSTM(32) on 10 features', 'LSTM', { units: 32 }, [null, 20, 10], 5_504, 0],
    ['Embedding(1000, 64)', 'Embedding', { inputDim: 1000, outputDim: 64 }, [null, 20], 64_000, 0],
    // The task brief quoted 4,320 here; Keras 2's GRU(32, reset_after=True) on 10 features has
    // kernel 10×96 + recurrent 32×96 + bias 2×96 = 4,224 (4,320 would be 11 features).
    ['GRU(32) on 10 features, reset_after=True', 'GRU', { units: 32 }, [null, 20, 10], 4_224, 0],
    ['GRU(32) on 10 features, reset_after=False', 'GRU', { units: 32, resetAfter: false }, [null, 20, 10], 4_128, 0],
    ['Conv2D(32, 3) on 3 channels', 'Conv2D', { filters: 32, kernelSize: 3 }, [null, 32, 32, 3], 896, 0],
    [
      'SeparableConv2D(64, 3) on 32 channels',
      'SeparableConv2D',
      { filters: 64, kernelSize: 3 },
      [null, 32, 32, 32],
      2_400,
      0,
    ],
    [
      'Bidirectional(LSTM(32)) on 10 features',
      'Bidirectional',
      { layer: 'LSTM', units: 32 },
      [null, 20, 10],
      11_008,
      0,
    ],
    ['SimpleRNN(50) on 1 feature', 'SimpleRNN', { units: 50 }, [null, 20, 1], 2_600, 0],
    ['GRU(50) on 1 feature (the often-quoted 7,950)', 'GRU', { units: 50 }, [null, 20, 1], 7_950, 0],
    ['LayerNormalization over 64 features', 'LayerNormalization', {}, [null, 10, 64], 128, 0],
    ['PReLU on 28×28×32', 'PReLU', {}, [null, 28, 28, 32], 25_088, 0],
  ] as const)('%s', (_name, kind, params, input, trainable, nonTrainable) => {
    const r = run(kind, params, [[...input]]);
    expect([r.trainable, r.nonTrainable]).toEqual([trainable, nonTrainable]);
  });

  it('LeNet-5 style CNN on MNIST', () => {
    // Conv(6,5,same) → pool → Conv(16,5) → pool → Flatten → 120 → 84 → 10: 61,706 in Keras.
    const m = sequential(
      [null, 28, 28, 1],
      [
        ['Conv2D', { filters: 6, kernelSize: 5, padding: 'same', activation: 'tanh' }],
        ['AveragePooling2D'],
        ['Conv2D', { filters: 16, kernelSize: 5, activation: 'tanh' }],
        ['AveragePooling2D'],
        ['Flatten'],
        ['Dense', { units: 120, activation: 'tanh' }],
        ['Dense', { units: 84, activation: 'tanh' }],
        ['Dense', { units: 10, activation: 'softmax' }],
      ],
    );
    expect(m.output).toEqual([null, 10]);
    expect(m.total).toBe(61_706);
  });
});

import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script, typed by what this test uses
import { generated, WASM_SOURCES } from '../../../../scripts/build-wasm.mjs';
import { initBackends } from '../kernelTestHarness';
import { ADAM_UPDATE, RMSPROP_UPDATE } from '../optimizerUpdates';
import { simdActivations, simdConvolutions, simdReductions, simdUpdates, useSimd } from './simdModules';

const root = join(import.meta.dirname, '../../../..');

type Source = { wat: string; out: string; name: string };

describe('the WebAssembly SIMD optimizer updates', () => {
  beforeAll(initBackends);
  afterEach(() => useSimd(true));

  it.each(WASM_SOURCES as Source[])('$out is assembled from the current $wat', async (source) => {
    expect(readFileSync(join(root, source.out), 'utf8')).toBe(await generated(source));
  });

  it('run on the wasm backend’s memory, and nowhere else', async () => {
    expect(simdUpdates(tf.findBackend('wasm')!)).not.toBeNull();
    expect(simdUpdates(tf.findBackend('cpu')!)).toBeNull();
    expect(simdReductions(tf.findBackend('wasm')!)).not.toBeNull();
    // Every SIMD route falls back silently without its module: the kernels' tests would pass on
    // the fallbacks alone, so the modules must be seen to load.
    expect(simdActivations(tf.findBackend('wasm')!)).not.toBeNull();
    expect(simdConvolutions(tf.findBackend('wasm')!)).not.toBeNull();
    expect(simdConvolutions(tf.findBackend('cpu')!)).toBeNull();
  });

  const cases: { kernel: string; state: string[]; attrs: tf.NamedAttrMap }[] = [
    {
      kernel: ADAM_UPDATE,
      state: ['m', 'v'],
      attrs: { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, correction1: 0.271, correction2: 0.003996 },
    },
    {
      kernel: RMSPROP_UPDATE,
      state: ['meanSquare', 'moment'],
      attrs: { learningRate: 0.01, rho: 0.9, momentum: 0.5, epsilon: 1e-7 },
    },
  ];
  // Sizes around the four lanes: the vector loop, its scalar tail, and both.
  it.each(cases.flatMap((c) => [1, 3, 4, 7, 1001].map((n) => ({ ...c, n }))))(
    '$kernel on $n values equals the JavaScript loop to float rounding',
    async ({ kernel, state, attrs, n }) => {
      await tf.setBackend('wasm');
      const seeded = (seed: number, lo: number, hi: number) => tf.randomUniform([n], lo, hi, 'float32', seed);
      const inputs: tf.NamedTensorMap = {
        value: seeded(1, -1, 1),
        [state[0]]: seeded(2, kernel === ADAM_UPDATE ? -0.1 : 0, 0.1),
        [state[1]]: seeded(3, 0, 0.01),
        gradient: seeded(4, -1, 1),
      };
      const run = (simd: boolean) => {
        useSimd(simd);
        const out = tf.engine().runKernel(kernel, inputs, attrs) as tf.Tensor[];
        const values = out.map((t) => Array.from(t.dataSync()));
        tf.dispose(out);
        return values;
      };
      const [fast, slow] = [run(true), run(false)];
      expect(fast.length).toBe(3);
      fast.forEach((out, k) =>
        out.forEach((v, i) =>
          expect(Math.abs(v - slow[k][i])).toBeLessThanOrEqual(2e-6 * Math.max(1, Math.abs(slow[k][i]))),
        ),
      );
      // The update really moved the weights (a kernel writing nothing would leave heap garbage or zeros).
      const before = Array.from(inputs.value.dataSync());
      expect(fast[0].some((v, i) => v !== before[i])).toBe(true);
      tf.dispose(Object.values(inputs));
    },
  );

  it.each([
    { shape: [32, 40, 40, 8], axes: [0, 1, 2], keepDims: false },
    { shape: [7, 3], axes: [0], keepDims: false },
    { shape: [5, 2, 7], axes: [1, 0], keepDims: true },
    { shape: [3, 4, 6], axes: [0, 2], keepDims: false }, // not leading: wasm's own Sum
    { shape: [6, 5], axes: [1], keepDims: false }, // innermost: wasm's own
  ])('Sum over $axes of $shape (keepDims $keepDims) equals wasm’s own', async ({ shape, axes, keepDims }) => {
    await tf.setBackend('wasm');
    const x = tf.randomNormal(shape, 0, 1, 'float32', 11);
    const run = (simd: boolean) => {
      useSimd(simd);
      const y = tf.sum(x, axes, keepDims);
      const out = { shape: y.shape, values: Array.from(y.dataSync()) };
      y.dispose();
      return out;
    };
    const [fast, own] = [run(true), run(false)];
    expect(fast.shape).toEqual(own.shape);
    const rows = shape.length > 0 ? x.size / fast.values.length : 1;
    fast.values.forEach((v, i) => expect(Math.abs(v - own.values[i])).toBeLessThanOrEqual(1e-6 * rows));
    x.dispose();
  });
});

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackends, randomTensor, relativeError, runKernelOn } from './kernelTestHarness';
import { builtinKernel, deepwireKernel } from './register';

/**
 * Deepwire's BatchMatMul on wasm (transposed operands reordered so wasm multiplies untransposed)
 * against the cpu backend's own, for every combination of transposes, plain and batched matrices,
 * above and below the size where it reorders.
 */
describe('BatchMatMul on wasm', () => {
  beforeAll(initBackends);

  it.each([
    { a: [32, 784], b: [784, 128] }, // Dense 784→128: dx reorders dy and the product, dW reorders x
    { a: [130, 70], b: [70, 40] }, // more rows in A than in Bᵀ
    { a: [32, 10], b: [10, 128] }, // small: left to wasm as it is
    { a: [3, 70, 90], b: [3, 90, 50] }, // batched
    { a: [1, 64, 80], b: [5, 80, 70] }, // batched, broadcast
  ])('equals the cpu kernel with every transpose, $a × $b', ({ a, b }) => {
    const flip = (s: number[]) => [...s.slice(0, -2), s.at(-1)!, s.at(-2)!];
    for (const transposeA of [false, true]) {
      for (const transposeB of [false, true]) {
        const inputs = {
          a: randomTensor(transposeA ? flip(a) : a, 5),
          b: randomTensor(transposeB ? flip(b) : b, 6),
        };
        const attrs = { transposeA, transposeB };
        const ours = runKernelOn('wasm', deepwireKernel('BatchMatMul', 'wasm')!, inputs, attrs);
        const reference = runKernelOn('cpu', builtinKernel('BatchMatMul', 'cpu')!.kernelFunc, inputs, attrs);
        const what = `transposeA ${transposeA}, transposeB ${transposeB}`;
        expect(ours.shape, what).toEqual(reference.shape);
        expect(relativeError(ours.values, reference.values), what).toBeLessThan(1e-5);
      }
    }
  });

  it('gives a Dense layer the gradients cpu gives, and leaves no tensor behind', async () => {
    const grads = async (backend: string) => {
      await tf.setBackend(backend);
      const x = tf.tensor(randomTensor([32, 300], 7).values, [32, 300]);
      const w = tf.tensor(randomTensor([300, 60], 8).values, [300, 60]);
      const before = tf.memory().numTensors;
      const [dx, dw] = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.square(tf.matMul(p, q))))([x, w]);
      const out = [dx.dataSync().slice(), dw.dataSync().slice()];
      tf.dispose([dx, dw]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([x, w]);
      return out;
    };
    const wasm = await grads('wasm');
    const cpu = await grads('cpu');
    expect(relativeError(wasm[0], cpu[0])).toBeLessThan(1e-5);
    expect(relativeError(wasm[1], cpu[1])).toBeLessThan(1e-5);
    await tf.setBackend('wasm');
  });
});

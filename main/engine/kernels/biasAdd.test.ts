import { beforeAll, describe, expect, it } from 'vitest';
import { type HostTensor, initBackends, randomTensor, runKernelOn } from './kernelTestHarness';
import { builtinKernel, deepwireKernel } from './register';

describe('Add on wasm with a bias over the last axis (SIMD)', () => {
  beforeAll(initBackends);

  const add = (a: HostTensor, b: HostTensor) => ({
    ours: runKernelOn('wasm', deepwireKernel('Add', 'wasm')!, { a, b }, {}),
    theirs: runKernelOn('wasm', builtinKernel('Add', 'wasm')!.kernelFunc, { a, b }, {}),
  });

  // Columns around the four lanes, LeNet-5's first layer, a Dense layer before softmax, and
  // shapes that are not a bias over the last axis (the backend's own Add).
  it.each([
    { a: [32, 28, 28, 6], b: [6] },
    { a: [32, 10], b: [10] },
    { a: [5, 1], b: [1] },
    { a: [3, 4], b: [4] },
    { a: [2, 3, 9], b: [9] },
    { a: [4], b: [4] },
    { a: [3, 4], b: [3, 4] },
    { a: [3, 4], b: [1, 4] },
    { a: [3, 4], b: [] },
  ])('$a + $b, either way round, equals wasm’s own Add bit for bit', ({ a, b }) => {
    const x = randomTensor(a, 41);
    const bias = randomTensor(b, 42);
    x.values[0] = Number.NaN;
    if (x.values.length > 2) x.values[2] = Number.POSITIVE_INFINITY;
    for (const [p, q] of [
      [x, bias],
      [bias, x],
    ]) {
      const { ours, theirs } = add(p, q);
      expect(ours.shape).toEqual(theirs.shape);
      expect(Array.from(ours.values)).toEqual(Array.from(theirs.values));
    }
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { initBackends, randomTensor, relativeError, runKernelOn } from './kernelTestHarness';
import { builtinKernel, deepwireKernel } from './register';

describe.each(['cpu', 'wasm'])('UnsortedSegmentSum on %s', (backendName) => {
  beforeAll(initBackends);
  const ours = () => deepwireKernel('UnsortedSegmentSum', backendName)!;
  const reference = () => builtinKernel('UnsortedSegmentSum', 'cpu')!.kernelFunc;

  it('sums float rows into their segments like the cpu kernel (repeated and unused ids)', () => {
    const x = randomTensor([7, 3, 2], 9);
    const segmentIds = { shape: [7], values: Int32Array.from([4, 0, 4, 2, 0, 4, 1]), dtype: 'int32' as const };
    const got = runKernelOn(backendName, ours(), { x, segmentIds }, { numSegments: 6 });
    const want = runKernelOn('cpu', reference(), { x, segmentIds }, { numSegments: 6 });
    expect(got.shape).toEqual([6, 3, 2]);
    expect(relativeError(got.values, want.values)).toBeLessThanOrEqual(1e-6);
  });

  it('takes multi-dimensional ids and int32 values', () => {
    const x = {
      shape: [2, 3, 2],
      values: Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
      dtype: 'int32' as const,
    };
    const segmentIds = { shape: [2, 3], values: Int32Array.from([0, 1, 0, 2, 1, 0]), dtype: 'int32' as const };
    const got = runKernelOn(backendName, ours(), { x, segmentIds }, { numSegments: 3 });
    expect(got.dtype).toBe('int32');
    expect(Array.from(got.values)).toEqual([1 + 5 + 11, 2 + 6 + 12, 3 + 9, 4 + 10, 7, 8]);
  });

  it('drops ids outside [0, numSegments), as TensorFlow does', () => {
    const x = { shape: [3], values: Float32Array.from([1, 2, 3]) };
    const segmentIds = { shape: [3], values: Int32Array.from([-1, 1, 5]), dtype: 'int32' as const };
    expect(Array.from(runKernelOn(backendName, ours(), { x, segmentIds }, { numSegments: 2 }).values)).toEqual([0, 2]);
  });
});

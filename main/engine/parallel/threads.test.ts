import { describe, expect, it } from 'vitest';
import { balancedShardSizes, deviceWithThreads, planThreads, shardSizes, trainingThreads } from './threads';

describe('trainingThreads', () => {
  it('uses every core on wasm and cpu, one on a native backend', () => {
    expect(trainingThreads('wasm', {}, 8)).toEqual({ threads: 8, source: 'all 8 cores' });
    expect(trainingThreads('cpu', {}, 2).threads).toBe(2);
    expect(trainingThreads('tensorflow', {}, 8).threads).toBe(1);
  });

  it('DEEPWIRE_THREADS overrides within 1 to the cores', () => {
    expect(trainingThreads('wasm', { DEEPWIRE_THREADS: '1' }, 4)).toEqual({ threads: 1, source: 'DEEPWIRE_THREADS=1' });
    expect(trainingThreads('wasm', { DEEPWIRE_THREADS: ' 3 ' }, 4).threads).toBe(3);
  });

  it.each(['0', '5', '-1', '2.5', 'two', '1e1'])(
    'refuses DEEPWIRE_THREADS=%s on a 4-core machine, saying why and what to do',
    (v) => {
      expect(() => trainingThreads('wasm', { DEEPWIRE_THREADS: v }, 4)).toThrow(
        expect.objectContaining({
          code: 'backend',
          message: `DEEPWIRE_THREADS=${v} is refused: this machine has 4 cores, so the number of training threads must be a whole number from 1 to 4.`,
          hint: 'Set DEEPWIRE_THREADS to a number from 1 to 4, or unset it to train on all cores.',
        }),
      );
    },
  );

  it('refuses a bad value on a native backend too (it is still a mistake)', () => {
    expect(() => trainingThreads('tensorflow', { DEEPWIRE_THREADS: '0' }, 4)).toThrow(/refused/);
  });
});

describe('planThreads', () => {
  // Multiply-adds per example of the templates the speed bench trains (analyzeGraph's totals).
  const STAR_GALAXY_SMALL = { weights: 149_834, macs: 7_250_000 };

  it('keeps the threads when each shard has at least 8 examples and a batch is worth splitting', () => {
    expect(planThreads(2, 32, STAR_GALAXY_SMALL.weights, STAR_GALAXY_SMALL.macs)).toEqual({ threads: 2 });
    expect(planThreads(4, 32, 11_230_754, 105_630_000)).toEqual({ threads: 4 });
  });

  it('uses fewer threads for small batches and says so', () => {
    expect(planThreads(4, 16, 100_000, 7_250_000)).toMatchObject({
      threads: 2,
      note: expect.stringContaining('batches of 16'),
    });
    expect(planThreads(2, 8, 100_000, 7_250_000).threads).toBe(1);
  });

  it('trains on one thread where a batch is too little work to split (the MLP, LeNet-5), saying so', () => {
    expect(planThreads(2, 32, 101_770, 101_632)).toEqual({
      threads: 1,
      note: 'Training on 1 thread: a batch of 32 is about 3.3 million multiply-adds, too little to split over 2 threads (splitting pays from about 50 million; the copies and messages would cost more than they save).',
    });
    expect(planThreads(2, 32, 61_706, 420_000).threads).toBe(1);
    expect(planThreads(2, 32, 200)).toMatchObject({ threads: 1, note: expect.stringContaining('6 thousand') });
    // Without a multiply-add count (0), the weights stand in: each is used once per example.
    expect(planThreads(2, 32, 2_000_000).threads).toBe(2);
  });
});

it('deviceWithThreads puts the count in the device description', () => {
  expect(deviceWithThreads('CPU (WebAssembly SIMD, 1 thread)', 2)).toBe('CPU (WebAssembly SIMD, 2 threads)');
  expect(deviceWithThreads('CPU (plain JavaScript)', 1)).toBe('CPU (plain JavaScript, 1 thread)');
  expect(deviceWithThreads('CPU', 4)).toBe('CPU (4 threads)');
});

it('shardSizes splits a batch as evenly as it can, the first shards larger', () => {
  expect(shardSizes(32, 2)).toEqual([16, 16]);
  expect(shardSizes(23, 2)).toEqual([12, 11]);
  expect(shardSizes(10, 4)).toEqual([3, 3, 2, 2]);
});

it('balancedShardSizes follows each thread’s speed, keeps a quarter share, and is even until all are timed', () => {
  expect(balancedShardSizes(32, [0, 0])).toEqual([16, 16]);
  expect(balancedShardSizes(32, [1, 0])).toEqual([16, 16]);
  expect(balancedShardSizes(32, [1, 1])).toEqual([16, 16]);
  // This thread twice as fast as the worker: 2/3 of the batch.
  expect(balancedShardSizes(32, [0.8, 0.4])).toEqual([22, 10]);
  expect(balancedShardSizes(30, [1, 2, 3])).toEqual([5, 10, 15]);
  // A thread measured as very slow still gets a quarter of an even share.
  expect(balancedShardSizes(32, [100, 1])).toEqual([28, 4]);
  expect(balancedShardSizes(40, [1, 100, 100])).toEqual([3, 18, 19]); // the floor taken back from the fastest
  for (const [n, rates] of [
    [7, [0.3, 0.9]],
    [33, [5, 1, 2]],
    [64, [0.01, 3, 3, 3]],
  ] as const) {
    const sizes = balancedShardSizes(n, rates);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
    sizes.forEach((s) => expect(s).toBeGreaterThanOrEqual(Math.floor(n / rates.length / 4)));
  }
});

import { describe, expect, it } from 'vitest';
import { classFractions, expectDeterministic, expectWellFormed, timedLoad } from './testHelpers';

describe('mnist', () => {
  it('reads all 10,000 digits as 28×28×1 in [0, 1], about 10 % per class', async () => {
    const data = await timedLoad('mnist', { seed: 1 });
    expect(data.size).toBe(10_000);
    expect(data.inputShape).toEqual([28, 28, 1]);
    expectWellFormed(data, [0, 1]);
    for (const f of classFractions(data)) expect(f > 0.08 && f < 0.12).toBe(true);
    expect(data.splits.test.length).toBe(1000);
  });

  it('is cached after the first load and deterministic per seed', async () => {
    const again = await timedLoad('mnist', { seed: 1, size: 500 });
    expect(again.size).toBe(500);
    await expectDeterministic('mnist', { size: 500 });
  });

  it('gives a smaller set as the prefix of the larger one with the same seed', async () => {
    const big = await timedLoad('mnist', { seed: 4, size: 2000 });
    const small = await timedLoad('mnist', { seed: 4, size: 100 });
    expect(Array.from(small.y)).toEqual(Array.from(big.y.subarray(0, 100)));
    expect(small.x).toEqual(big.x.subarray(0, 100 * 784));
  });
});

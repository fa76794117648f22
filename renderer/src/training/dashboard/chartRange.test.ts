import { describe, expect, it } from 'vitest';
import { yRange } from './chartRange';

describe('yRange', () => {
  it('leaves room above 100 % so a line at 100 % is not hidden on the top edge (issue 14.4)', () => {
    const [lo, hi] = yRange(1, 1, true);
    expect(lo).toBe(0);
    expect(hi).toBeGreaterThan(1);
  });
  it.each([
    [0.2, 0.9, true, [0, 1.06]],
    [Infinity, -Infinity, true, [0, 1.06]],
    [Infinity, -Infinity, false, [0, 1]],
    [0.5, 2, false, [0, 2.12]],
    [-1, 1, false, [-1, 1.12]],
  ])('lo %s, hi %s, fraction %s → %j', (lo, hi, fraction, want) => {
    const got = yRange(lo, hi, fraction);
    expect(got[0]).toBeCloseTo(want[0]);
    expect(got[1]).toBeCloseTo(want[1]);
  });
});

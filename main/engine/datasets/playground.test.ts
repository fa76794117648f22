import { describe, expect, it } from 'vitest';
import { expectBalanced, expectDeterministic, expectWellFormed, targetColumn, timedLoad } from './testHelpers';

const CLASSIFICATION = ['circles', 'xor', 'gaussians', 'spirals', 'separable'];

describe('Playground 2-D sets', () => {
  it.each(CLASSIFICATION)('%s: shape, range, balance, splits', async (id) => {
    const data = await timedLoad(id, { seed: 1 });
    expectWellFormed(data, [-12, 12]);
    expect(data.inputShape).toEqual([2]);
    expect(data.classNames).toEqual(['negative', 'positive']);
    expectBalanced(data);
    expect(data.splits.validation.length).toBe(Math.round(data.size * 0.1));
  });

  it.each([...CLASSIFICATION, 'plane', 'multigaussian'])('%s is deterministic per seed', async (id) => {
    await expectDeterministic(id, { size: 300 });
  });

  it('keeps noiseless circles inside r < 2.5 (positive) and 3.5 < r < 5 (negative)', async () => {
    const data = await timedLoad('circles', { seed: 3, params: { noise: 0 } });
    for (let i = 0; i < data.size; i++) {
      const r = Math.hypot(data.x[2 * i], data.x[2 * i + 1]);
      if (data.y[i] === 1) expect(r).toBeLessThan(2.5);
      else expect(r).toBeGreaterThan(3.49);
    }
  });

  it('labels noiseless xor by the sign of x1·x2', async () => {
    const data = await timedLoad('xor', { seed: 3 });
    for (let i = 0; i < data.size; i++) {
      expect(data.y[i]).toBe(data.x[2 * i] * data.x[2 * i + 1] >= 0 ? 1 : 0);
    }
  });

  it('makes the separable set separable by x1 + x2 = 0 with a margin', async () => {
    const data = await timedLoad('separable', { seed: 5 });
    for (let i = 0; i < data.size; i++) {
      const side = (data.x[2 * i] + data.x[2 * i + 1]) / Math.SQRT2;
      expect(data.y[i] === 1 ? side : -side).toBeGreaterThan(0.5);
    }
  });

  it('noise mislabels some circle points but not most', async () => {
    const data = await timedLoad('circles', { seed: 3, params: { noise: 0.3 } });
    let wrong = 0;
    for (let i = 0; i < data.size; i++) {
      const inside = Math.hypot(data.x[2 * i], data.x[2 * i + 1]) < 2.5;
      if ((data.y[i] === 1) !== inside) wrong++;
    }
    expect(wrong).toBeGreaterThan(0);
    expect(wrong / data.size).toBeLessThan(0.35);
  });

  it('regression targets stay in their documented ranges', async () => {
    const planeSet = await timedLoad('plane', { seed: 2, params: { noise: 0.2 } });
    expectWellFormed(planeSet, [-6, 6]);
    for (const v of targetColumn(planeSet, 0)) expect(Math.abs(v)).toBeLessThanOrEqual(1.2 * 1.2 + 1e-6);
    const multi = await timedLoad('multigaussian', { seed: 2 });
    expectWellFormed(multi, [-6, 6]);
    const values = targetColumn(multi, 0);
    for (const v of values) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    expect(values.some((v) => v > 0.5) && values.some((v) => v < -0.5)).toBe(true);
  });
});

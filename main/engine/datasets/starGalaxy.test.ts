import { describe, expect, it } from 'vitest';
import { unstretch } from './photometry';
import { auc, expectBalanced, expectDeterministic, expectWellFormed, timedLoad } from './testHelpers';

describe('star-galaxy', () => {
  it('makes balanced 44×44×5 stretched images in the documented range', async () => {
    const data = await timedLoad('star-galaxy', { seed: 1, size: 400 });
    expect(data.inputShape).toEqual([44, 44, 5]);
    expect(data.classNames).toEqual(['star', 'galaxy']);
    expectWellFormed(data, [-2.5, 8]);
    expectBalanced(data);

    // Learnable in principle: on the brighter half, a galaxy's r-band light is less concentrated.
    const side = 44;
    const c = (side - 1) / 2;
    const rows = Array.from({ length: data.size }, (_, i) => {
      let core = 0;
      let total = 0;
      for (let y = 0; y < side; y++) {
        for (let x = 0; x < side; x++) {
          const d = Math.hypot(x - c, y - c);
          if (d > 8) continue;
          const v = unstretch(data.x[((i * side + y) * side + x) * 5 + 2]);
          total += v;
          if (d <= 2.5) core += v;
        }
      }
      return { total, spread: 1 - core / total, label: data.y[i] };
    });
    const bright = [...rows].sort((a, b) => b.total - a.total).slice(0, data.size / 2);
    const score = auc(
      bright.map((r) => r.spread),
      bright.map((r) => r.label),
    );
    console.log(`[datasets] star-galaxy: concentration AUC on bright half = ${score.toFixed(3)}`);
    expect(score).toBeGreaterThan(0.75);
  });

  it('is deterministic per seed and honours imageSize', async () => {
    await expectDeterministic('star-galaxy', { size: 20 });
    const small = await timedLoad('star-galaxy', { seed: 2, size: 10, params: { imageSize: 24 } });
    expect(small.inputShape).toEqual([24, 24, 5]);
    expect(small.x.length).toBe(10 * 24 * 24 * 5);
  });

  it('generates the same first examples whatever the size', async () => {
    const a = await timedLoad('star-galaxy', { seed: 3, size: 6 });
    const b = await timedLoad('star-galaxy', { seed: 3, size: 3 });
    expect(b.x).toEqual(a.x.subarray(0, b.x.length));
  });
});

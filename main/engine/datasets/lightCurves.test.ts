import { describe, expect, it } from 'vitest';
import { transitFlux } from './transitModel';
import {
  auc,
  expectBalanced,
  expectDeterministic,
  expectWellFormed,
  spearman,
  targetColumn,
  timedLoad,
} from './testHelpers';

describe('transit model', () => {
  it('blocks p² of a uniform disc at centre, less at the limb, nothing outside', () => {
    expect(transitFlux(0, 0.1, 0, 0)).toBeCloseTo(0.99, 6);
    expect(transitFlux(2, 0.1, 0.4, 0.2)).toBe(1);
    const centre = 1 - transitFlux(0, 0.1, 0.4, 0.2);
    const limb = 1 - transitFlux(0.85, 0.1, 0.4, 0.2);
    const ingress = 1 - transitFlux(1.0, 0.1, 0.4, 0.2);
    expect(centre).toBeGreaterThan(0.01); // limb darkening makes the centre brighter than average
    expect(limb).toBeLessThan(centre);
    expect(ingress).toBeGreaterThan(0);
    expect(ingress).toBeLessThan(limb);
  });
});

describe('exoplanet-transits', () => {
  it('makes balanced [256, 1] light curves in per cent; transits show as dips', async () => {
    const data = await timedLoad('exoplanet-transits', { seed: 1, size: 400 });
    expect(data.inputShape).toEqual([256, 1]);
    expect(data.classNames).toEqual(['no transit', 'transit']);
    expectWellFormed(data, [-5, 5]);
    expectBalanced(data);
    // Deepest 3-point dip below a 25-point running mean: box-filter detrending, then a matched filter.
    const dip = Array.from({ length: data.size }, (_, i) => {
      const f = data.x.subarray(i * 256, (i + 1) * 256);
      let deepest = 0;
      for (let k = 13; k < 243; k++) {
        let trend = 0;
        for (let j = k - 12; j <= k + 12; j++) trend += f[j];
        const local = (f[k - 1] + f[k] + f[k + 1]) / 3 - trend / 25;
        deepest = Math.min(deepest, local);
      }
      return -deepest;
    });
    const score = auc(dip, Array.from(data.y));
    console.log(`[datasets] exoplanet-transits: dip-depth AUC = ${score.toFixed(3)}`);
    expect(score).toBeGreaterThan(0.7);
  });

  it('is deterministic per seed and honours length', async () => {
    await expectDeterministic('exoplanet-transits', { size: 50 });
    const short = await timedLoad('exoplanet-transits', { seed: 1, size: 5, params: { length: 128 } });
    expect(short.inputShape).toEqual([128, 1]);
  });
});

describe('quasar-microlensing', () => {
  it('makes [256, 1] curves with log disc sizes in −1.7 … −0.3; bigger discs vary less sharply', async () => {
    const data = await timedLoad('quasar-microlensing', { seed: 1, size: 300 });
    expect(data.inputShape).toEqual([256, 1]);
    expect(data.targetNames).toEqual(['log10HalfLightRadius']);
    expectWellFormed(data, [-8, 8]);
    const size = targetColumn(data, 0);
    for (const v of size) expect(v >= Math.log10(0.02) - 1e-6 && v <= Math.log10(0.5) + 1e-6).toBe(true);
    // Peak-to-peak swing of each curve: large discs wash out caustic spikes.
    const swing = Array.from({ length: data.size }, (_, i) => {
      const f = data.x.subarray(i * 256, (i + 1) * 256);
      return Math.max(...f) - Math.min(...f);
    });
    const rho = spearman(size, swing);
    console.log(`[datasets] quasar-microlensing: Spearman(log size, swing) = ${rho.toFixed(3)}`);
    expect(rho).toBeLessThan(-0.2);
  });

  it('is deterministic per seed', async () => {
    await expectDeterministic('quasar-microlensing', { size: 30 });
  });

  it('has no NaN light curve for discs near the largest size (example 1625 of seed 42 once read cell −1 of the map)', async () => {
    const data = await timedLoad('quasar-microlensing', { seed: 42, size: 1700 });
    let bad = 0;
    for (const v of data.x) if (!Number.isFinite(v)) bad++;
    expect(bad).toBe(0);
  });
});

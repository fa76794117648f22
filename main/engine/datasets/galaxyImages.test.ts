import { describe, expect, it } from 'vitest';
import { unstretch } from './photometry';
import { MORPHOLOGY_TARGETS } from './galaxyMorphology';
import { sersicTotalFlux } from './sersic';
import {
  auc,
  expectBalanced,
  expectDeterministic,
  expectWellFormed,
  spearman,
  targetColumn,
  timedLoad,
} from './testHelpers';

/** Radius (pixels) from the stamp centre enclosing half the positive S/N within radius `rMax`. */
function halfLightRadius(x: Float32Array, offset: number, side: number, rMax: number): number {
  const c = (side - 1) / 2;
  const rings = new Float64Array(rMax + 1);
  for (let y = 0; y < side; y++) {
    for (let xx = 0; xx < side; xx++) {
      const d = Math.round(Math.hypot(xx - c, y - c));
      if (d <= rMax) rings[d] += Math.max(0, unstretch(x[offset + y * side + xx]));
    }
  }
  const total = rings.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (let r = 0; r <= rMax; r++) {
    acc += rings[r];
    if (acc >= total / 2) return r;
  }
  return rMax;
}

describe('galaxy-morphology', () => {
  it('makes 64×64×1 images with Sérsic targets in range, radius visible in the light', async () => {
    const data = await timedLoad('galaxy-morphology', { seed: 1, size: 200 });
    expect(data.inputShape).toEqual([64, 64, 1]);
    expect(data.targetNames).toEqual(MORPHOLOGY_TARGETS);
    expectWellFormed(data, [-2.5, 8]);
    const [n, re, q, c2, s2] = [0, 1, 2, 3, 4].map((k) => targetColumn(data, k));
    for (let i = 0; i < data.size; i++) {
      expect(n[i] >= 0.5 && n[i] <= 6).toBe(true);
      expect(re[i] >= 0.1 && re[i] <= 1).toBe(true);
      expect(q[i] >= 0.2 && q[i] <= 1).toBe(true);
      expect(c2[i] ** 2 + s2[i] ** 2).toBeCloseTo(1, 5);
    }
    const measured = Array.from({ length: data.size }, (_, i) => halfLightRadius(data.x, i * 4096, 64, 30));
    const rho = spearman(measured, re);
    console.log(`[datasets] galaxy-morphology: Spearman(measured half-light radius, R_e) = ${rho.toFixed(3)}`);
    expect(rho).toBeGreaterThan(0.4);
  });

  it('is deterministic per seed', async () => {
    await expectDeterministic('galaxy-morphology', { size: 10 });
  });
});

describe('Sérsic total flux', () => {
  it('matches the analytic exponential-disc value 2π q R_e² e^b b^−2 Γ(2)', () => {
    const b = 1.678347; // b_1
    expect(sersicTotalFlux({ n: 1, re: 3, q: 0.5 })).toBeCloseTo((2 * Math.PI * 0.5 * 9 * Math.exp(b)) / b ** 2, 1);
  });
});

describe('strong-lens', () => {
  it('makes balanced 48×48×1 lens/non-lens images; lenses are less point-symmetric', async () => {
    const data = await timedLoad('strong-lens', { seed: 1, size: 200 });
    expect(data.inputShape).toEqual([48, 48, 1]);
    expect(data.classNames).toEqual(['non-lens', 'lens']);
    expectWellFormed(data, [-2.5, 8]);
    expectBalanced(data);
    // A lens galaxy alone is symmetric under a 180° turn about its centre; arcs and counter-images
    // rarely are. (Half the non-lenses have a companion, so this is far from a perfect classifier.)
    const c = 23.5;
    const ratio = Array.from({ length: data.size }, (_, i) => {
      let asym = 0;
      for (let y = 8; y < 40; y++) {
        for (let x = 8; x < 40; x++) {
          const a = data.x[i * 2304 + y * 48 + x];
          const b = data.x[i * 2304 + Math.round(2 * c - y) * 48 + Math.round(2 * c - x)];
          asym += Math.abs(a - b);
        }
      }
      return asym;
    });
    const score = auc(ratio, Array.from(data.y));
    console.log(`[datasets] strong-lens: 180° asymmetry AUC = ${score.toFixed(3)}`);
    expect(score).toBeGreaterThan(0.6);
  });

  it('gives Einstein radii in 0.6″–2.2″ for the regression variant, and is deterministic', async () => {
    const data = await timedLoad('strong-lens-radius', { seed: 2, size: 50 });
    expectWellFormed(data, [-2.5, 8]);
    for (const v of targetColumn(data, 0)) expect(v >= 0.6 && v <= 2.2).toBe(true);
    await expectDeterministic('strong-lens', { size: 6 });
  });
});

import { describe, expect, it } from 'vitest';
import { sieRayTracer } from './sieLens';

/** Deflection α = θ − β at (x, y). */
function deflection(trace: ReturnType<typeof sieRayTracer>, x: number, y: number): [number, number] {
  const out = new Float64Array(2);
  trace(x, y, out);
  return [x - out[0], y - out[1]];
}

describe('SIE deflection', () => {
  it('reduces to the isothermal sphere (|α| = θ_E) for q = 1', () => {
    const trace = sieRayTracer({ cx: 0, cy: 0, thetaE: 5, q: 1, angle: 0.3 });
    for (const [x, y] of [
      [3, 4],
      [-10, 2],
      [0.5, -7],
    ]) {
      const [ax, ay] = deflection(trace, x, y);
      expect(Math.hypot(ax, ay)).toBeCloseTo(5, 3);
      expect(ax * y - ay * x).toBeCloseTo(0, 3); // radial (q is clamped just below 1)
    }
  });

  it('has divergence 2κ with κ = θ_E √q / (2 √(q²u² + v²))', () => {
    const thetaE = 4;
    const q = 0.6;
    const angle = 0.7;
    const trace = sieRayTracer({ cx: 1, cy: -2, thetaE, q, angle });
    const h = 1e-4;
    for (const [x, y] of [
      [4, 1],
      [-3, -5],
      [1.5, 3],
    ]) {
      const div =
        (deflection(trace, x + h, y)[0] - deflection(trace, x - h, y)[0]) / (2 * h) +
        (deflection(trace, x, y + h)[1] - deflection(trace, x, y - h)[1]) / (2 * h);
      const dx = x - 1;
      const dy = y + 2;
      const u = dx * Math.cos(angle) + dy * Math.sin(angle);
      const v = -dx * Math.sin(angle) + dy * Math.cos(angle);
      const kappa = (thetaE * Math.sqrt(q)) / (2 * Math.sqrt(q * q * u * u + v * v));
      expect(div).toBeCloseTo(2 * kappa, 4);
    }
  });
});

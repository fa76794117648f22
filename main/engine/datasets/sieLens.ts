/**
 * Deflection by a singular isothermal ellipsoid (SIE), the standard model of a massive early-type lens
 * galaxy (Kormann, Schneider & Bartelmann 1994; closed form as in Keeton 2001, "A catalog of mass
 * models", with zero core). In the lens frame (major axis along x) the convergence is
 * κ = b / (2√(q²x² + y²)), and
 *   α_x = b/√(1−q²) · atan(√(1−q²) x / ψ),   α_y = b/√(1−q²) · atanh(√(1−q²) y / ψ),   ψ = √(q²x² + y²).
 * We set b = θ_E √q, so θ_E is the Einstein radius of the circular lens with the same mass inside the
 * (circularised) critical curve, and q → 1 recovers the singular isothermal sphere α = θ_E · r̂.
 */

/** An SIE lens; all lengths in the same units (pixels here). */
export interface SieLens {
  cx: number;
  cy: number;
  thetaE: number;
  /** Axis ratio of the mass, 0 < q ≤ 1. */
  q: number;
  /** Major-axis angle, radians from +x towards +y. */
  angle: number;
}

/**
 * Returns a ray-tracer: image-plane position → source-plane position β = θ − α(θ), written into `out`.
 */
export function sieRayTracer(lens: SieLens): (x: number, y: number, out: Float64Array) => void {
  const { cx, cy, thetaE, angle } = lens;
  const q = Math.min(lens.q, 0.99999); // avoid the 0/0 of the closed form at q = 1 (SIS limit is smooth)
  const b = thetaE * Math.sqrt(q);
  const e = Math.sqrt(1 - q * q);
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return (x, y, out) => {
    const dx = x - cx;
    const dy = y - cy;
    const u = dx * c + dy * s;
    const v = -dx * s + dy * c;
    const psi = Math.sqrt(q * q * u * u + v * v) + 1e-12; // the centre itself is a single point
    const au = (b / e) * Math.atan((e * u) / psi);
    const av = (b / e) * Math.atanh((e * v) / psi);
    out[0] = x - (au * c - av * s);
    out[1] = y - (au * s + av * c);
  };
}

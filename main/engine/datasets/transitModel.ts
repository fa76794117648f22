/**
 * Transit light curve of a small planet with quadratic limb darkening, in the small-planet
 * approximation of Mandel & Agol (2002, §5): the planet blocks its overlap area with the stellar disc
 * times the local surface brightness, taken at the middle of the occulted annulus during ingress and
 * egress. Accurate to a few per cent of the depth for planet/star radius ratios p ≲ 0.1.
 */

/** Quadratic limb-darkening law I(r)/I(0) = 1 − u1(1 − μ) − u2(1 − μ)², μ = √(1 − r²). */
function limbDarkening(r: number, u1: number, u2: number): number {
  const mu = Math.sqrt(Math.max(0, 1 - r * r));
  return 1 - u1 * (1 - mu) - u2 * (1 - mu) ** 2;
}

/** Area of overlap of the unit stellar disc and a planet disc of radius p at centre distance z. */
function overlapArea(z: number, p: number): number {
  if (z >= 1 + p) return 0;
  if (z <= 1 - p) return Math.PI * p * p;
  const k0 = Math.acos(Math.min(1, Math.max(-1, (z * z + p * p - 1) / (2 * z * p))));
  const k1 = Math.acos(Math.min(1, Math.max(-1, (z * z + 1 - p * p) / (2 * z))));
  const root = Math.sqrt(Math.max(0, (-z + p + 1) * (z + p - 1) * (z - p + 1) * (z + p + 1)));
  return p * p * k0 + k1 - 0.5 * root;
}

/**
 * Relative stellar flux (1 out of transit) with the planet at projected distance z (stellar radii).
 * @param p planet-to-star radius ratio
 * @param u1 linear and @param u2 quadratic limb-darkening coefficients
 */
export function transitFlux(z: number, p: number, u1: number, u2: number): number {
  if (z >= 1 + p) return 1;
  const total = Math.PI * (1 - u1 / 3 - u2 / 6);
  const rEff = z <= 1 - p ? z : Math.min(1, (z - p + 1) / 2);
  return 1 - (overlapArea(z, p) * limbDarkening(rEff, u1, u2)) / total;
}

/** Orbit and planet parameters of a transit, times in days. */
export interface TransitParams {
  /** Mid-time of one transit. */
  t0: number;
  period: number;
  /** Total duration, first to fourth contact. */
  duration: number;
  /** Radius ratio p = R_p/R_*. */
  p: number;
  /** Impact parameter b < 1 + p. */
  b: number;
  u1: number;
  u2: number;
}

/**
 * Relative flux at time t. During the short transit the planet's path across the disc is taken as a
 * straight line at constant speed, with the speed fixed by the duration: z = √(b² + v²(t − t_mid)²).
 */
export function transitAt(t: number, tp: TransitParams): number {
  const { t0, period, duration, p, b } = tp;
  const dt = ((((t - t0) % period) + 1.5 * period) % period) - period / 2; // time from nearest mid-transit
  const halfChord = Math.sqrt(Math.max(0, (1 + p) ** 2 - b * b));
  const v = (2 * halfChord) / duration;
  return transitFlux(Math.sqrt(b * b + (v * dt) ** 2), p, tp.u1, tp.u2);
}

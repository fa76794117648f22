/**
 * How far an export's outputs are from the reference (`deepwire predict`), as one number every
 * format reports the same way.
 *
 * Each element's error is |actual − expected| divided by the larger of |expected| and 1 % of the
 * batch's largest |expected|: relative where values are of normal size, and not blown up by values
 * that are ~0 (a ReLU output, a near-zero probability) where float32 rounding is all there is.
 */
export function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let peak = 0;
  for (let i = 0; i < expected.length; i++) peak = Math.max(peak, Math.abs(expected[i]));
  const floor = Math.max(peak * 1e-2, 1e-12);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(a) !== Number.isNaN(e)) return Infinity;
    if (Number.isNaN(a)) continue;
    worst = Math.max(worst, Math.abs(a - e) / Math.max(Math.abs(e), floor));
  }
  return worst;
}

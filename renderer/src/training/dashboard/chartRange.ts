/**
 * The y range a metric chart shows for values from `lo` to `hi` (Infinity/−Infinity when there are
 * none yet). A fraction (accuracy) spans at least 0–100 % with a little room above 100 %: a model
 * at 100 % all along (the perceptron on separable points) drew its line on the chart's top edge,
 * where it could not be seen, and the chart looked empty (issue 14.4).
 */
export function yRange(lo: number, hi: number, fraction: boolean): [number, number] {
  if (fraction) {
    const top = Number.isFinite(hi) ? Math.max(1, hi) : 1;
    const bottom = Number.isFinite(lo) ? Math.min(0, lo) : 0;
    return [bottom, top + (top - bottom) * 0.06];
  }
  if (!Number.isFinite(lo)) return [0, 1];
  const min = lo >= 0 ? 0 : lo;
  const pad = (hi - min) * 0.06 || Math.abs(hi) * 0.1 || 1;
  return [min, hi + pad];
}

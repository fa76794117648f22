/**
 * TensorBoard's curve smoothing: an exponential moving average, debiased so the first points are
 * not pulled towards zero. `weight` 0 is the raw curve, 0.99 nearly flat. NaN points (a diverged
 * loss) stay NaN and do not poison the average after them.
 */
export function smooth(ys: ArrayLike<number>, weight: number): Float64Array {
  const out = new Float64Array(ys.length);
  if (!(weight > 0)) {
    for (let i = 0; i < ys.length; i++) out[i] = ys[i];
    return out;
  }
  const w = Math.min(weight, 0.999);
  let last = 0;
  let n = 0;
  for (let i = 0; i < ys.length; i++) {
    const y = ys[i];
    if (!Number.isFinite(y)) {
      out[i] = y;
      continue;
    }
    last = last * w + (1 - w) * y;
    n++;
    out[i] = last / (1 - w ** n);
  }
  return out;
}

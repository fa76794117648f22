/** The numbers behind the predicted-against-true and residual plots of one regression target. */
export interface TargetPairs {
  actual: number[];
  predicted: number[];
  /** predicted − actual, per example. */
  residuals: number[];
  mae: number;
  rmse: number;
  /** The common range of the truths and predictions (a square plot with the diagonal at 45°). */
  range: [number, number];
  /** The largest residual's size (the residual plot's half-height). */
  reach: number;
}

/** Target `k`'s pairs out of rows of `targets` values (finite ones only). */
export function targetPairs(
  actual: readonly number[],
  predicted: readonly number[],
  targets: number,
  k: number,
): TargetPairs {
  const a: number[] = [];
  const p: number[] = [];
  for (let i = k; i < actual.length && i < predicted.length; i += targets) {
    if (Number.isFinite(actual[i]) && Number.isFinite(predicted[i])) {
      a.push(actual[i]);
      p.push(predicted[i]);
    }
  }
  const residuals = p.map((v, i) => v - a[i]);
  const n = Math.max(1, a.length);
  const mae = residuals.reduce((s, r) => s + Math.abs(r), 0) / n;
  const rmse = Math.sqrt(residuals.reduce((s, r) => s + r * r, 0) / n);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of [...a, ...p]) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi >= lo)) [lo, hi] = [0, 1];
  const pad = (hi - lo) * 0.05 || 1;
  const reach = residuals.reduce((m, r) => Math.max(m, Math.abs(r)), 0) * 1.1 || 1;
  return { actual: a, predicted: p, residuals, mae, rmse, range: [lo - pad, hi + pad], reach };
}

/** A few round tick values across [lo, hi] (1, 2 or 5 × a power of ten apart). */
export function niceTicks(lo: number, hi: number, count = 4): number[] {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/**
 * Min/max decimation for drawing a long curve: the x range [x0, x1] is cut into `buckets` columns
 * (one or two per pixel) and each column keeps only its lowest and highest point, in the order they
 * came. What a chart draws looks the same (every spike stays), but its cost stops growing with the
 * run: a 400-epoch run has tens of thousands of batch points and a plot is a few hundred pixels wide.
 *
 * Writes into `outX`/`outY` (at least 2 × buckets long, reused between draws) and returns how many
 * points it wrote. NaN values (a metric missing from a row) are skipped.
 */
export function decimateMinMax(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  x0: number,
  x1: number,
  buckets: number,
  outX: Float64Array,
  outY: Float64Array,
): number {
  const n = Math.min(x.length, y.length);
  const scale = buckets / (x1 - x0 || 1);
  let out = 0;
  let bucket = -1;
  let lo = -1;
  let hi = -1;
  const flush = () => {
    if (lo < 0) return;
    const [a, b] = lo <= hi ? [lo, hi] : [hi, lo];
    outX[out] = x[a];
    outY[out++] = y[a];
    if (b !== a) {
      outX[out] = x[b];
      outY[out++] = y[b];
    }
  };
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (Number.isNaN(v)) continue;
    const k = Math.min(buckets - 1, Math.max(0, Math.floor((x[i] - x0) * scale)));
    if (k !== bucket) {
      flush();
      bucket = k;
      lo = hi = i;
    } else if (v < y[lo]) lo = i;
    else if (v > y[hi]) hi = i;
  }
  flush();
  return out;
}

/**
 * Sérsic (1963) surface-brightness profiles: I(R) = I_e · exp(−b_n [(R/R_e)^(1/n) − 1]), with R the
 * elliptical radius along the major axis. n = 1 is an exponential disc, n = 4 a de Vaucouleurs bulge.
 */

/** Geometry of a Sérsic profile in pixel units of some grid. */
export interface SersicShape {
  /** Centre (pixels, in the coordinates of the grid it is evaluated on). */
  cx: number;
  cy: number;
  /** Sérsic index n. */
  n: number;
  /** Effective (half-light) radius along the major axis, pixels. */
  re: number;
  /** Axis ratio b/a, 0 < q ≤ 1. */
  q: number;
  /** Major-axis angle from the +x (column) axis towards +y (row), radians. */
  theta: number;
}

/** b_n such that R_e encloses half the light (Ciotti & Bertin 1999 asymptotic series; good for n ≳ 0.36). */
export function sersicBn(n: number): number {
  return 2 * n - 1 / 3 + 4 / (405 * n) + 46 / (25515 * n * n) + 131 / (1148175 * n ** 3);
}

/** A function giving the (un-normalised, I_e = 1) surface brightness at a point. */
export function sersicProfile(shape: SersicShape): (x: number, y: number) => number {
  const { cx, cy, n, re, q, theta } = shape;
  const bn = sersicBn(n);
  const invN = 1 / n;
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  return (x, y) => {
    const dx = x - cx;
    const dy = y - cy;
    const u = dx * c + dy * s; // along the major axis
    const v = (-dx * s + dy * c) / q;
    const r = Math.sqrt(u * u + v * v) / re;
    return Math.exp(-bn * (Math.pow(r, invN) - 1));
  };
}

/** Sub-samples per axis for pixels near the centre, where a cuspy (high-n) profile changes fast. */
const CORE_SUBSAMPLES = 5;

/**
 * Adds a Sérsic profile with total flux `flux` (summed over the w×h grid) to `out`. Pixels within
 * 2 px of the centre are averaged over 5×5 sub-pixels so small, cuspy profiles keep their
 * peak; elsewhere the pixel centre is used.
 */
export function addSersic(out: Float64Array, w: number, h: number, shape: SersicShape, flux: number): void {
  const f = sersicProfile(shape);
  // The cusp only matters within a couple of pixels of the centre; farther out the profile is smooth
  // on the pixel scale whatever R_e is, and sub-sampling there would only cost time.
  const coreRadius = 2;
  const tmp = new Float64Array(w * h);
  let sum = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let v: number;
      if (Math.abs(x - shape.cx) <= coreRadius && Math.abs(y - shape.cy) <= coreRadius) {
        v = 0;
        for (let j = 0; j < CORE_SUBSAMPLES; j++) {
          const yy = y + (j + 0.5) / CORE_SUBSAMPLES - 0.5;
          for (let i = 0; i < CORE_SUBSAMPLES; i++) v += f(x + (i + 0.5) / CORE_SUBSAMPLES - 0.5, yy);
        }
        v /= CORE_SUBSAMPLES * CORE_SUBSAMPLES;
      } else {
        v = f(x, y);
      }
      tmp[y * w + x] = v;
      sum += v;
    }
  }
  const scale = sum > 0 ? flux / sum : 0;
  for (let k = 0; k < tmp.length; k++) out[k] += tmp[k] * scale;
}

/** ln Γ(z) for z > 0 (Lanczos, g = 7, n = 9; ~15 significant digits). */
function logGamma(z: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (z < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z);
  const zz = z - 1;
  let a = c[0];
  const t = zz + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (zz + i);
  return 0.5 * Math.log(2 * Math.PI) + (zz + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Total flux of the profile returned by {@link sersicProfile} (I_e = 1), in pixel² units:
 * L = 2π q R_e² n e^(b_n) Γ(2n) / b_n^(2n). Used to give a lensed source its unlensed magnitude.
 */
export function sersicTotalFlux(shape: Pick<SersicShape, 'n' | 're' | 'q'>): number {
  const { n, re, q } = shape;
  const bn = sersicBn(n);
  return 2 * Math.PI * q * re * re * n * Math.exp(bn + logGamma(2 * n) - 2 * n * Math.log(bn));
}

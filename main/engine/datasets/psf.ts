/**
 * Point-spread functions and convolution for the simulated sky images. A Moffat profile
 * I(r) ∝ (1 + (r/α)²)^(−β) fits seeing-limited and space PSFs with one shape parameter (Moffat 1969;
 * Trujillo et al. 2001). Convolution kernels are truncated to a disc (cost grows with its area);
 * where stars and galaxies meet in one dataset the light beyond the disc is added back as an analytic
 * wing, so the only difference between a star and a tiny galaxy is the galaxy's own extent — not a
 * truncation artefact a network could exploit.
 */

/** A square kernel, row-major, side 2·radius+1 (zero outside the disc of that radius). */
export interface Kernel {
  radius: number;
  values: Float64Array;
}

/** Moffat α from the full width at half maximum: FWHM = 2α√(2^(1/β) − 1). */
export function moffatAlpha(fwhm: number, beta: number): number {
  return fwhm / (2 * Math.sqrt(Math.pow(2, 1 / beta) - 1));
}

/**
 * Truncation radius (pixels): 1.5 FWHM, which keeps ~93 % of a β = 3 Moffat's flux. Convolution cost
 * grows with the radius squared and dominates generation time; the lost wing light is far below the
 * sky noise for all but the brightest sources, and stars and galaxies lose it alike.
 */
export function psfRadius(fwhm: number, maxRadius: number): number {
  return Math.min(maxRadius, Math.max(2, Math.ceil(1.5 * fwhm)));
}

/** Peak of a unit-flux Moffat: (β − 1) / (π α²), so the profile integrates to 1 over the plane. */
function moffatPeak(alpha2: number, beta: number): number {
  return (beta - 1) / (Math.PI * alpha2);
}

/**
 * The PSF as a convolution kernel, truncated to the disc r ≤ radius (a square cut shows as square
 * stars once an asinh stretch lifts the wings). `normalise` rescales it to unit sum; without it the
 * values are the true unit-flux Moffat, and the light beyond the radius is left for
 * {@link addMoffat} to add as a wing.
 */
export function moffatKernel(fwhm: number, beta: number, radius: number, normalise = true): Kernel {
  const alpha2 = moffatAlpha(fwhm, beta) ** 2;
  const peak = moffatPeak(alpha2, beta);
  const side = 2 * radius + 1;
  const values = new Float64Array(side * side);
  let sum = 0;
  for (let j = 0; j < side; j++) {
    for (let i = 0; i < side; i++) {
      const r2 = (i - radius) ** 2 + (j - radius) ** 2;
      if (r2 > radius * radius) continue;
      const v = peak * Math.pow(1 + r2 / alpha2, -beta);
      values[j * side + i] = v;
      sum += v;
    }
  }
  if (normalise) for (let k = 0; k < values.length; k++) values[k] /= sum;
  return { radius, values };
}

/**
 * Adds a unit-normalised Moffat of total flux `flux` centred at sub-pixel (cx, cy), untruncated, to
 * every pixel of a w×h image at distance ≥ `minRadius` from the centre. With minRadius = 0 it draws a
 * star; with minRadius = the core kernel's radius it adds the PSF wing of a compact galaxy convolved
 * with the core kernel, so stars and galaxies share exactly the same PSF, wings included.
 */
export function addMoffat(
  out: Float64Array,
  w: number,
  h: number,
  cx: number,
  cy: number,
  flux: number,
  fwhm: number,
  beta: number,
  minRadius = 0,
): void {
  const alpha2 = moffatAlpha(fwhm, beta) ** 2;
  const amp = flux * moffatPeak(alpha2, beta);
  const min2 = minRadius * minRadius;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const r2 = (x - cx) ** 2 + (y - cy) ** 2;
      if (r2 >= min2) out[y * w + x] += amp * Math.pow(1 + r2 / alpha2, -beta);
    }
  }
}

/**
 * Convolves `src`, an image on a grid padded by kernel.radius on every side ((w+2r)×(h+2r)), with
 * the kernel, adding the w×h result to `out`. Written as a scatter that skips source pixels below
 * `relativeThreshold`×max: galaxy light is concentrated, so most of the padded grid is skipped and
 * the cost follows the galaxy's size rather than the stamp's.
 */
export function convolveInto(
  src: Float64Array,
  w: number,
  h: number,
  kernel: Kernel,
  out: Float64Array,
  relativeThreshold = 1e-4,
): void {
  const r = kernel.radius;
  const side = 2 * r + 1;
  const pw = w + 2 * r;
  const ph = h + 2 * r;
  let max = 0;
  for (let k = 0; k < src.length; k++) if (src[k] > max) max = src[k];
  const threshold = max * relativeThreshold;
  const kv = kernel.values;
  for (let sy = 0; sy < ph; sy++) {
    for (let sx = 0; sx < pw; sx++) {
      const v = src[sy * pw + sx];
      if (v <= threshold) continue;
      // Output o sits at padded position o + r, so source pixel S reaches o = S − r + d with weight k(d),
      // d = k − r the kernel offset.
      for (let ky = 0; ky < side; ky++) {
        const oy = sy - 2 * r + ky;
        if (oy < 0 || oy >= h) continue;
        const row = oy * w;
        const krow = ky * side;
        for (let kx = 0; kx < side; kx++) {
          const ox = sx - 2 * r + kx;
          if (ox >= 0 && ox < w) out[row + ox] += v * kv[krow + kx];
        }
      }
    }
  }
}

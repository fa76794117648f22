/**
 * Point-spread functions and convolution for the simulated sky images. A Moffat profile
 * I(r) ∝ (1 + (r/α)²)^(−β) fits seeing-limited and space PSFs with one shape parameter (Moffat 1969;
 * Trujillo et al. 2001). Kernels are truncated to a square of side 2·radius+1 and normalised to unit
 * sum, and stars are drawn from the same truncated profile, so the only difference between a star
 * and a tiny galaxy is the galaxy's own extent — not a truncation artefact a network could exploit.
 */

/** A normalised square kernel, row-major, side 2·radius+1. */
export interface Kernel {
  radius: number;
  values: Float64Array;
}

/** Moffat α from the full width at half maximum: FWHM = 2α√(2^(1/β) − 1). */
export function moffatAlpha(fwhm: number, beta: number): number {
  return fwhm / (2 * Math.sqrt(Math.pow(2, 1 / beta) - 1));
}

/** Truncation radius (pixels) that keeps ≳ 97 % of a Moffat's flux without wasting work. */
export function psfRadius(fwhm: number, maxRadius: number): number {
  return Math.min(maxRadius, Math.max(2, Math.ceil(2 * fwhm)));
}

/** Samples a Moffat centred at (dx, dy) within one pixel of the kernel centre onto a (2r+1)² grid. */
function sampleMoffat(fwhm: number, beta: number, radius: number, dx: number, dy: number): Kernel {
  const alpha2 = moffatAlpha(fwhm, beta) ** 2;
  const side = 2 * radius + 1;
  const values = new Float64Array(side * side);
  let sum = 0;
  for (let j = 0; j < side; j++) {
    const y = j - radius - dy;
    for (let i = 0; i < side; i++) {
      const x = i - radius - dx;
      const v = Math.pow(1 + (x * x + y * y) / alpha2, -beta);
      values[j * side + i] = v;
      sum += v;
    }
  }
  for (let k = 0; k < values.length; k++) values[k] /= sum;
  return { radius, values };
}

/** The PSF as a convolution kernel (centred on a pixel). */
export function moffatKernel(fwhm: number, beta: number, radius: number): Kernel {
  return sampleMoffat(fwhm, beta, radius, 0, 0);
}

/**
 * Adds a point source of total flux `flux` at sub-pixel position (cx, cy) of a w×h image.
 * The truncation square is centred on the nearest pixel, like a kernel applied to a delta there.
 */
export function addPointSource(
  out: Float64Array,
  w: number,
  h: number,
  cx: number,
  cy: number,
  flux: number,
  fwhm: number,
  beta: number,
  radius: number,
): void {
  const px = Math.round(cx);
  const py = Math.round(cy);
  const { values } = sampleMoffat(fwhm, beta, radius, cx - px, cy - py);
  const side = 2 * radius + 1;
  for (let j = 0; j < side; j++) {
    const y = py + j - radius;
    if (y < 0 || y >= h) continue;
    for (let i = 0; i < side; i++) {
      const x = px + i - radius;
      if (x >= 0 && x < w) out[y * w + x] += flux * values[j * side + i];
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
  relativeThreshold = 1e-6,
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

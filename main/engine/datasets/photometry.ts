/**
 * From photons to network inputs: magnitudes to electrons, CCD noise, and the asinh stretch.
 */
import { type Rng } from './rng';

/** Electrons collected from a source of AB magnitude `mag` given the zero point (mag giving 1 e⁻). */
export function magToElectrons(mag: number, zeroPoint: number): number {
  return Math.pow(10, -0.4 * (mag - zeroPoint));
}

/**
 * Softening of the asinh stretch, in units of the sky noise σ. Below ~3σ the stretch is linear
 * (noise stays Gaussian-looking); above it logarithmic, so a 16th-magnitude star and a sky pixel fit
 * in one small range (Lupton, Gunn & Szalay 1999 "asinh magnitudes").
 */
export const ASINH_SOFTENING = 3;

/**
 * Observes a noiseless source image `src` (electrons per pixel, sky not included) and writes the
 * normalised result into `out` at `out[offset + k·stride]` (stride = number of bands, channels-last).
 *
 * Each pixel gets Poisson photon noise on source + sky and Gaussian read noise; the known mean sky is
 * subtracted, the result divided by the sky noise σ = √(sky + readNoise²) and stretched:
 * value = asinh(S/N / 3). Sky-only pixels are ~N(0, 1/3); the brightest sources reach ~6–7.
 */
export function observeAndStretch(
  src: Float64Array,
  skyElectrons: number,
  readNoise: number,
  rng: Rng,
  out: Float32Array,
  offset: number,
  stride: number,
): void {
  const sigma = Math.sqrt(skyElectrons + readNoise * readNoise);
  const rn2 = readNoise * readNoise;
  for (let k = 0; k < src.length; k++) {
    const lambda = src[k] + skyElectrons;
    // Above ~30 e⁻ Poisson ⊕ read noise is one Gaussian of variance λ + σ_read²: one draw, not two.
    const counts =
      lambda >= 30 ? rng.normal(lambda, Math.sqrt(lambda + rn2)) : rng.poisson(lambda) + rng.normal(0, readNoise);
    out[offset + k * stride] = Math.asinh((counts - skyElectrons) / sigma / ASINH_SOFTENING);
  }
}

/** Inverse of the stretch: S/N per pixel from a stored value (used by tests and previews). */
export function unstretch(value: number): number {
  return Math.sinh(value) * ASINH_SOFTENING;
}
